"""Every paper built from real records, read back: text with pypdf, the QR code decoded from the rendered
page (pypdfium2 + OpenCV), figures checked against the store."""

from __future__ import annotations

import datetime as dt
import io

import cv2
import numpy as np
import pypdfium2
import pytest
from pypdf import PdfReader

from station.domain.clock import FixedClock
from station.domain.lifecycle import RecordStatus
from station.domain.settings import Office, Progress
from station.quality.gate import crop_id_photo
from station.quality.live import Capture
from station.storage import Answer
from tests.keys import PASSWORD
from tests.stations import as_user, new_station, photo_only
from tests.test_enrolment import good


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def qr_of(pdf: bytes, page: int = 0) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    img = doc[page].render(scale=4).to_numpy()[..., :3]  # ~288 dpi
    data, _, _ = cv2.QRCodeDetector().detectAndDecode(np.ascontiguousarray(img))
    return data


@pytest.fixture()
def office_store(data_dir, faces_dir, still_gate):
    station = photo_only(new_station(data_dir, "ST-01"))
    station.settings.change(
        office=Office(
            name="Kantor Kecamatan Plantungan",
            address="Jl. Raya Plantungan No. 1",
            kabupaten="Kabupaten Kendal",
            head_name="Drs. Budi Santoso",
        )
    )
    station.accounts.add("ani", "sandi-operator-1")
    station.accounts.add("budi", "sandi-operator-2")
    frame = cv2.imread(str(faces_dir / "photos" / "img62.jpg"))
    v = still_gate.judge(frame)
    capture = Capture(frame, crop_id_photo(frame, v.geometry, 480, 640), v, 0.0, {"yaw": 12, "eyes_open": 3})
    station.queue.issue()
    ticket = station.queue.call_next()  # the window serves a ticket only once it is called
    as_user(station, "ani", "sandi-operator-1")
    done = station.records.accept(good(), capture, ticket=ticket)
    as_user(station, "budi", "sandi-operator-2")
    extra = [station.records.accept(good(), capture).uuid for _ in range(3)]
    outbox = station.sync.outbox()
    outbox.mark_sent(extra)
    outbox.apply(
        [
            Answer(extra[0], True, "ACK-A", "received", None),
            Answer(extra[1], True, "ACK-B", "printed", None),
            Answer(extra[2], False, None, "rejected", "NIK ganda"),
        ]
    )
    as_user(station, "spv", PASSWORD)
    yield station, done.uuid, station.queue.tickets()[0]
    station.close()


@pytest.mark.parametrize("thermal", [False, True], ids=["a4", "80mm"])
def test_receipt_carries_masked_nik_photo_and_a_qr_that_finds_the_record(office_store, thermal):
    station, uuid, ticket = office_store
    pdf = station.papers.receipt(uuid, thermal)
    text = text_of(pdf)
    assert "BUKTI PEREKAMAN" in text and "Siti Rahmawati" in text and "Kantor Kecamatan Plantungan" in text
    assert "332401******0003" in text and good().nik not in text  # birth date part masked
    assert ticket.label in text and "ST-01" in text
    rec = station.records.get(uuid)
    assert qr_of(pdf) == f"EKTP1:{uuid}:{rec.payload_sha256[:10].upper()}"  # no personal data in the QR
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == (80 if thermal else 210)
    assert any(True for _ in page.images)  # the photo thumbnail


def test_ticket_says_the_next_working_day_when_full(office_store):
    station, _, _ = office_store
    friday = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)  # 10:00 WIB
    with new_station(station.data_dir.parent / "friday", clock=FixedClock(friday)) as other:
        other.settings.change(daily_quota=2)
        for _ in range(2):
            other.queue.issue()
        late = other.queue.issue()
        text = text_of(other.papers.ticket(late))
    assert late.label in text and "Senin, 30 November 2026" in text and "Kuota hari ini penuh" in text


def test_daily_recap_figures_match_the_store(office_store):
    station, _, _ = office_store
    rows = station.papers.recap_rows(station.clock.today())
    by_op = {r.operator: r for r in rows}
    assert by_op["ani"].recorded == 1 and by_op["ani"].waiting == 1
    assert by_op["budi"].recorded == 3 and by_op["budi"].synced == 2 and by_op["budi"].rejected == 1
    assert by_op["ani"].gate_refusals == {"yaw": 1, "eyes_open": 1}  # citizens, not the 15 video frames
    text = text_of(station.papers.recap(station.clock.today()))
    assert "REKAP HARIAN" in text and "JUMLAH" in text and "Drs. Budi Santoso" in text
    assert "kepala menoleh" in text and "mata tertutup" in text and "eyes_open" not in text
    assert "jumlah warga" in text and "bingkai" not in text.lower()


def test_progress_report_against_targets(office_store):
    station, _, _ = office_store
    station.settings.change(
        progress=Progress(wajib_ktp=400, recorded_before=392, achieved={"Akta kelahiran 0-18 th": 93.1, "KIA": 47.5})
    )
    text = text_of(station.papers.progress(station.clock.today()))
    assert "99.2" in text and "99.0" in text  # 392 before + 4 here = 396 of 400 wajib KTP
    assert "93.1" in text and "47.5" in text and "+2.5" in text


def test_prr_list_is_masked_and_skips_printed_records(office_store):
    station, _, _ = office_store
    entries = station.papers.prr_entries()
    assert len(entries) == 1  # ACK-A received, ACK-B already printed, the rejected one is not recorded
    text = text_of(station.papers.prr(station.clock.today()))
    assert "Si** Ra*******" in text and "Siti Rahmawati" not in text and "332401******0003" in text
    acked = {
        r.uuid: station.records.get(r.uuid).server_status
        for r in station.records.find(status=RecordStatus.ACKNOWLEDGED)
    }
    assert sorted(acked.values()) == ["printed", "received"]


def test_receipt_names_the_queue_number_as_such(office_store):
    station, uuid, ticket = office_store
    text = text_of(station.papers.receipt(uuid))
    assert f"Nomor antrean {ticket.label}" in text.replace("\n", " ") or "Nomor antrean" in text
    assert "Nomor rekaman" not in text


def test_empty_prr_list_says_so_and_progress_without_population_says_not_set(data_dir):
    with new_station(data_dir, "ST-02") as station:
        text = text_of(station.papers.prr(station.clock.today()))
        assert "tidak ada rekaman yang menunggu cetak" in text
        text = text_of(station.papers.progress(station.clock.today()))
        assert "belum diatur" in text and "0 jiwa" not in text


def test_recovery_sheet_carries_the_code_and_nothing_is_kept(data_dir):
    with new_station(data_dir, "ST-03") as station:
        text = text_of(station.papers.recovery_sheet("ABCD-EFGH-JKLM"))
        assert "ABCD-EFGH-JKLM" in text and "ST-03" in text
        assert not (data_dir / "papers").exists()


def test_an_office_is_named_after_its_kecamatan_at_first_start(data_dir):
    """A new operator found every ticket, receipt and the waiting-room display saying only "Kantor Kecamatan": the
    office left at its default name is named after the kecamatan chosen at first start; a name already set stays."""
    station = new_station(data_dir, "ST-01")
    office = station.settings.current.office
    assert (office.name, office.kabupaten) == ("Kantor Kecamatan Plantungan", "Kab. Kendal")
    ticket = station.queue.issue()
    assert "Kantor Kecamatan Plantungan" in text_of(station.papers.ticket(ticket))
    station.close()
