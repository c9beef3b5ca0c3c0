"""Accepting a record: rules + gate verdict + waivers, committed with its photo (real gate, real store)."""

from __future__ import annotations

import datetime as dt

import cv2
import numpy as np
import pytest

from station.domain.clock import FixedClock
from station.domain.errors import NotAllowed
from station.domain.lifecycle import RecordStatus
from station.domain.waivers import Waiver, WaiverError
from station.quality.gate import crop_id_photo
from station.quality.live import Capture
from station.services.acceptance import NotAcceptable
from tests.stations import as_user, photo_only, station_at
from tests.test_enrolment import TODAY, good

CLOCK = dt.datetime.combine(TODAY, dt.time(3, 0), tzinfo=dt.UTC)  # 10:00 WIB on the tests' day


def capture_of(faces_dir, gate, name: str) -> Capture:
    frame = cv2.imread(str(faces_dir / "photos" / name))
    v = gate.judge(frame)
    return Capture(frame, crop_id_photo(frame, v.geometry, 480, 640), v, 0.0)


def test_good_photo_and_form_are_committed_with_the_photo(faces_dir, still_gate, data_dir):
    with photo_only(station_at(data_dir, clock=FixedClock(CLOCK))) as station:
        done = station.records.accept(good(), capture_of(faces_dir, still_gate, "img62.jpg"))
        rec = station.records.get(done.uuid)
    assert rec.status is RecordStatus.QUEUED and rec.enrolment.nik == good().nik
    crop = cv2.imdecode(np.frombuffer(rec.photos["crop"].data, np.uint8), cv2.IMREAD_COLOR)
    assert crop.shape == (640, 480, 3) and "frame" in rec.photos
    assert rec.quality["checks"]["eyes_open"]["ok"] is True and rec.quality["waiver"] is None


def test_bad_form_or_bad_photo_is_refused_and_nothing_is_written(faces_dir, still_gate, data_dir):
    e = good()
    e.nik = "123"
    with photo_only(station_at(data_dir, clock=FixedClock(CLOCK))) as station:
        with pytest.raises(NotAcceptable) as err:
            station.records.accept(e, capture_of(faces_dir, still_gate, "img42.jpg"))
        assert station.records.counts() == {}
    fields = {p.field for p in err.value.problems}
    assert {"nik", "foto"} <= fields and "Mulut harus tertutup" in str(err.value)


def test_waiver_needs_a_supervisor_and_is_carried_by_the_record(faces_dir, still_gate, data_dir):
    cap = capture_of(faces_dir, still_gate, "img42.jpg")  # mouth open
    assert cap.verdict.reasons == ["mouth_closed"]
    alone = Waiver("disabilitas", ("mouth_closed",), "tidak dapat menutup mulut", "op1", "op1")
    with pytest.raises(WaiverError, match="supervisor"):
        alone.validate()
    with pytest.raises(WaiverError, match="tidak dapat dikecualikan"):
        Waiver("kondisi_mata", ("mouth_closed",), "salah alasan", "op1", "spv").validate()
    waiver = Waiver("disabilitas", ("mouth_closed",), "tidak dapat menutup mulut", "op1", "spv1")
    with photo_only(station_at(data_dir, clock=FixedClock(CLOCK))) as station:
        station.accounts.add("op1", "sandi-operator-1")
        station.accounts.add("spv1", "sandi-supervisor-1", "supervisor")
        as_user(station, "op1", "sandi-operator-1")
        with pytest.raises(NotAllowed, match="dikonfirmasi"):  # a waiver nobody confirmed is refused
            station.records.accept(good(), cap, waiver=waiver)
        station.accounts.confirm_supervisor("spv1", "sandi-supervisor-1")
        done = station.records.accept(good(), cap, waiver=waiver)
        rec = station.records.get(done.uuid)
        with pytest.raises(NotAllowed):  # one confirmation, one record
            station.records.accept(good(), cap, waiver=waiver)
    assert done.waived == ("mouth_closed",)
    assert rec.quality["waiver"]["supervisor"] == "spv1" and rec.quality["waiver"]["checks"] == ["mouth_closed"]


def test_face_count_can_never_be_waived():
    with pytest.raises(WaiverError):
        Waiver("disabilitas", ("face_count",), "orang lain di belakang", "op1", "spv1").validate()


def test_a_drafts_recording_time_is_when_it_was_accepted_not_when_it_was_started(faces_dir, still_gate, data_dir):
    clock = FixedClock(CLOCK)
    with photo_only(station_at(data_dir, clock=clock)) as station:
        draft = station.records.save_draft(good())
        clock.at = CLOCK + dt.timedelta(minutes=11)  # the photo, approval and the rest took 11 minutes
        done = station.records.accept(good(), capture_of(faces_dir, still_gate, "img62.jpg"), record_uuid=draft)
        rec = station.records.get(done.uuid)
        [listed] = station.records.find(good().nik)
    assert done.uuid == draft
    assert rec.created_at == listed.created_at == clock.stamp()  # Rekaman, the record dialog and the receipt
    assert f"{station.clock.local(rec.created_at):%H:%M}" == "10:11"
