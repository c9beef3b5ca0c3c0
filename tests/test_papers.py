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

from station.domain.enrolment import RecordStatus
from station.quality.gate import crop_id_photo
from station.quality.live import Capture
from station.services import papers
from station.services.recording import accept_record, encode_jpeg
from station.storage import RecordStore, keyring
from station.storage.outbox import Answer, OutboxStore
from station.storage.queue import QueueStore
from tests.keys import PASSWORD
from tests.test_enrolment import good

TODAY = dt.date.today()


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def qr_of(pdf: bytes, page: int = 0) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    img = doc[page].render(scale=4).to_numpy()[..., :3]  # ~288 dpi
    data, _, _ = cv2.QRCodeDetector().detectAndDecode(np.ascontiguousarray(img))
    return data


@pytest.fixture()
def office_store(data_dir, faces_dir, still_gate, regions):
    store = RecordStore.in_folder(data_dir)
    keyring.create_first_supervisor(store, "spv", PASSWORD)
    store.set_setting("station_id", "ST-01")
    store.set_setting(
        "office",
        {
            "name": "Kantor Kecamatan Plantungan",
            "address": "Jl. Raya Plantungan No. 1",
            "kabupaten": "Kabupaten Kendal",
            "head_name": "Drs. Budi Santoso",
        },
    )
    frame = cv2.imread(str(faces_dir / "photos" / "img33.jpg"))
    v = still_gate.judge(frame)
    capture = Capture(frame, crop_id_photo(frame, v.geometry, 480, 640), v, 0.0, {"yaw": 12, "eyes_open": 3})
    ticket = QueueStore(store).issue(TODAY, 150)
    done = accept_record(store, regions, good(), capture, "ani")
    QueueStore(store).done(ticket.id, done.uuid)
    extra = [store.accept(good(), crop=encode_jpeg(capture.crop), operator="budi") for _ in range(3)]
    OutboxStore(store).apply(
        [
            Answer(extra[0], True, "ACK-A", "received", None),
            Answer(extra[1], True, "ACK-B", "printed", None),
            Answer(extra[2], False, None, "rejected", "NIK ganda"),
        ]
    )
    yield store, done.uuid, ticket
    store.close()


@pytest.mark.parametrize("thermal", [False, True], ids=["a4", "80mm"])
def test_receipt_carries_masked_nik_photo_and_a_qr_that_finds_the_record(office_store, thermal):
    store, uuid, ticket = office_store
    pdf = papers.receipt_pdf(store, uuid, thermal)
    text = text_of(pdf)
    assert "BUKTI PEREKAMAN" in text and "Siti Rahmawati" in text and "Kantor Kecamatan Plantungan" in text
    assert "332401******0003" in text and good().nik not in text  # birth date part masked
    assert ticket.label in text and "ST-01" in text
    rec = store.get(uuid)
    assert qr_of(pdf) == f"EKTP1:{uuid}:{rec.payload_sha256[:10].upper()}"  # no personal data in the QR
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == (80 if thermal else 210)
    assert any(True for _ in page.images)  # the photo thumbnail


def test_ticket_says_the_next_working_day_when_full(office_store):
    store, _, _ = office_store
    friday = dt.date(2026, 11, 27)
    q = QueueStore(store)
    for _ in range(2):
        q.issue(friday, 2)
    late = q.issue(friday, 2)
    text = text_of(papers.ticket_pdf(store, late, friday))
    assert late.label in text and "Senin, 30 November 2026" in text and "Kuota hari ini penuh" in text


def test_daily_recap_figures_match_the_store(office_store):
    store, _, _ = office_store
    rows = papers.recap_rows(store, papers.office_today(store))
    by_op = {r.operator: r for r in rows}
    assert by_op["ani"].recorded == 1 and by_op["ani"].waiting == 1
    assert by_op["budi"].recorded == 3 and by_op["budi"].synced == 2 and by_op["budi"].rejected == 1
    assert by_op["ani"].gate_refusals == {"yaw": 12, "eyes_open": 3}
    text = text_of(papers.recap_pdf(store, papers.office_today(store)))
    assert "REKAP HARIAN" in text and "JUMLAH" in text and "Drs. Budi Santoso" in text
    assert "menoleh" in text and "12" in text


def test_progress_report_against_targets(office_store):
    store, _, _ = office_store
    store.set_setting(
        "progress",
        {"wajib_ktp": 400, "recorded_before": 392, "achieved": {"Akta kelahiran 0-18 th": 93.1, "KIA": 47.5}},
    )
    text = text_of(papers.progress_pdf(store, TODAY))
    assert "99.2" in text and "99.0" in text  # 392 before + 4 here = 396 of 400 wajib KTP
    assert "93.1" in text and "47.5" in text and "+2.5" in text


def test_prr_list_is_masked_and_skips_printed_records(office_store):
    store, _, _ = office_store
    entries = papers.prr_entries(store)
    assert len(entries) == 1  # ACK-A received, ACK-B already printed, the rejected one is not recorded
    text = text_of(papers.prr_pdf(store, TODAY))
    assert "Si** Ra*******" in text and "Siti Rahmawati" not in text and "332401******0003" in text
    acked = {r.uuid: store.get(r.uuid).server_status for r in store.find(status=RecordStatus.ACKNOWLEDGED)}
    assert sorted(acked.values()) == ["printed", "received"]
