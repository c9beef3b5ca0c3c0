"""`check-fingers` and `check-iris`: judge files as the capture screens judge a device's images.

Each file may be a plain image or an ISO/IEC record as a device returns it (19794-4 with JPEG 2000 or
WSQ inside, 19794-6). The functions yield the JSON objects of the CLI contract (issue 16), one per
file, so scripts and the command line share them; a file that cannot be read gives {"file", "error"}
and the others still run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from station.biometrics.codecs import ImageDecodeError
from station.biometrics.fingerprint import FingerQuality, assess_finger, same_finger_pairs
from station.biometrics.iris import assess_iris
from station.biometrics.records import load_sample
from station.domain.biometrics import BiometricThresholds, Eye, FingerPosition
from station.domain.iso19794 import RecordError


def _read(name: str) -> tuple[str, list] | str:
    """The file's samples, or why it cannot be read (Indonesian)."""
    path = Path(name)
    if not path.is_file():
        return "berkas tidak ada"
    try:
        return load_sample(path.read_bytes())
    except (RecordError, ImageDecodeError) as err:
        return str(err)
    except OSError:
        return "berkas tidak bisa dibuka"


def check_fingers(files: Iterable[str], thresholds: BiometricThresholds | None = None) -> Iterator[dict]:
    """{"file", "nfiq2", "minutiae", "ok", "reasons", "messages"} per file, then {"same_finger": [[a, b,
    score], ...]}: every pair judged the same finger, with its Bozorth3 score."""
    t = thresholds or BiometricThresholds()
    judged: list[tuple[str, FingerQuality]] = []
    for name in files:
        got = _read(name)
        if isinstance(got, str):
            yield {"file": name, "error": got}
            continue
        kind, samples = got
        if kind == "iris":
            yield {"file": name, "error": "rekaman iris, bukan sidik jari"}
            continue
        if kind == "finger":
            s = samples[0]
            q = assess_finger(s.image, t, s.position, s.ppi)
        else:
            q = assess_finger(samples[0], t, FingerPosition.UNKNOWN)
        judged.append((name, q))
        yield {"file": name, **q.to_json()}
    pairs = same_finger_pairs([(n, q) for n, q in judged if q.minutiae > 0], t)
    yield {"same_finger": [[a, b, s.raw] for a, b, s in pairs]}


def check_iris(files: Iterable[str], thresholds: BiometricThresholds | None = None) -> Iterator[dict]:
    """{"file", "quality", "iris_diameter_px", "usable_area", "sharpness", "ok", "reasons", ...} per file."""
    t = thresholds or BiometricThresholds()
    for name in files:
        got = _read(name)
        if isinstance(got, str):
            yield {"file": name, "error": got}
            continue
        kind, samples = got
        if kind == "finger":
            yield {"file": name, "error": "rekaman sidik jari, bukan iris"}
            continue
        image, eye = (samples[0].image, samples[0].eye) if kind == "iris" else (samples[0], Eye.UNKNOWN)
        yield {"file": name, **assess_iris(image, t, eye).to_json()}
