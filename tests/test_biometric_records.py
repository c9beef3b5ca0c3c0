"""ISO/IEC 19794-4 and 19794-6 records: every record MOSIP's mock device replays is read (headers,
quality blocks, extended data, the JPEG 2000 or WSQ image inside) and written back byte for byte; the
station's own WSQ records read back; what is not a record is refused in plain words."""

from __future__ import annotations

import struct

import cv2
import numpy as np
import pytest

from station.biometrics.codecs import ImageDecodeError, decode_grey, encode, sniff
from station.biometrics.fingerprint import assess_finger
from station.biometrics.records import finger_record, iris_record, load_sample, read_finger_record, read_iris_record
from station.domain.biometrics import Eye, FingerPosition
from station.domain.iso19794 import (
    RecordError,
    pack_finger_record,
    pack_iris_record,
    record_kind,
    unpack_finger_record,
    unpack_iris_record,
)
from tests.sbi import FINGERS, IRIS, SAMPLES


def test_every_sbi_sample_record_reads_and_packs_back_exactly():
    seen = {"finger": 0, "iris": 0, "face": 0}
    for path in sorted(SAMPLES.rglob("*.iso")):
        data = path.read_bytes()
        kind = record_kind(data)
        seen[kind] += 1
        if kind == "finger":
            images = unpack_finger_record(data)
            assert pack_finger_record(images) == data, path.name
            [sample] = read_finger_record(data)
            assert sample.image.shape == (images[0].height, images[0].width) and sample.ppi == 500
            assert sample.compression == ("wsq" if path.stem.endswith("_wsq") else "jpeg2000-lossless"
                                          if path.parent.name == "registration" else "jpeg2000")  # fmt: skip
            assert sample.device_quality is not None
        elif kind == "iris":
            images = unpack_iris_record(data)
            assert pack_iris_record(images) == data, path.name
            [sample] = read_iris_record(data)
            assert sample.image.shape == (images[0].height, images[0].width)
            expected = Eye.UNKNOWN if "UNKNOWN" in path.name else Eye.LEFT if "Left" in path.name else Eye.RIGHT
            assert sample.eye == expected and sample.image_type in (3, 7)  # K3 registration, K7 auth
    assert seen == {"finger": 32, "iris": 5, "face": 3}  # 10 registration, 22 auth


def test_station_records_wsq_fingers_and_jpeg2000_irises_read_back():
    image = cv2.imread(str(FINGERS / "103_1.tif"), cv2.IMREAD_GRAYSCALE)
    q = assess_finger(image)
    data = finger_record(image, FingerPosition.RIGHT_INDEX, q.nfiq2)
    [s] = read_finger_record(data)
    assert (s.position, s.compression, s.device_quality, s.ppi) == (FingerPosition.RIGHT_INDEX, "wsq", q.nfiq2, 500)
    assert len(data) < image.size / 10  # WSQ at 0.75 bpp: more than ten times smaller
    assert abs(assess_finger(s.image).nfiq2 - q.nfiq2) <= 10
    eye = cv2.imread(str(IRIS / "S1001L01.jpg"), cv2.IMREAD_GRAYSCALE)
    [i] = read_iris_record(iris_record(eye, Eye.LEFT, 80))
    assert i.eye == Eye.LEFT and i.device_quality == 80 and np.array_equal(i.image, eye)  # lossless


@pytest.mark.parametrize("codec", ["wsq", "jpeg2000", "jpeg2000-lossless", "png"])
def test_codecs_round_trip(codec):
    image = cv2.imread(str(FINGERS / "105_2.tif"), cv2.IMREAD_GRAYSCALE)
    data = encode(image, codec)
    assert sniff(data) == codec.split("-")[0]
    back = decode_grey(data)
    assert back.shape == image.shape
    err = np.abs(back.astype(int) - image).mean()
    assert err == 0 if codec in ("png", "jpeg2000-lossless") else err < 12


def test_a_2005_finger_record_is_read():
    image = cv2.imread(str(FINGERS / "102_1.tif"), cv2.IMREAD_GRAYSCALE)
    h, w = image.shape
    png = encode(image, "png")
    header = struct.pack(">HHBBHHHHBBH", 0, 31, 1, 1, 500, 500, 500, 500, 8, 6, 0)
    finger = struct.pack(">IBBBBBHHB", 14 + len(png), 7, 1, 1, 70, 0, w, h, 0) + png
    total = 32 + len(finger)
    data = b"FIR\x00010\x00" + total.to_bytes(6, "big") + header + finger
    [s] = read_finger_record(data)
    assert s.position == FingerPosition.LEFT_INDEX and s.device_quality == 70 and np.array_equal(s.image, image)


def test_what_is_not_a_record_is_refused_in_plain_words():
    with pytest.raises(RecordError, match="Bukan rekaman sidik jari"):
        unpack_finger_record(b"IIR\x00020\x00" + b"\x00" * 40)
    data = (SAMPLES / "auth" / "Left_Index_wsq.iso").read_bytes()
    with pytest.raises(RecordError, match="terpotong"):
        unpack_finger_record(data[:-100])
    with pytest.raises(ImageDecodeError, match="Bukan gambar"):
        load_sample(b"%PDF-1.4 not an image")
    broken = bytearray(data)
    broken[0x3E:0x50] = b"\x00" * 18  # the WSQ image's header wiped out
    with pytest.raises((ImageDecodeError, RecordError)):
        read_finger_record(bytes(broken))
