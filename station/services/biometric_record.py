"""A citizen's biometrics as the station keeps and sends them: named blobs (sealed in the `biometrics` table, sent
beside the photos under `bio_*` kinds, so the payload digest covers them) and what they mean (qualities, exceptions
and who confirmed them, the verification), which goes into the record's sealed quality summary.

Kinds (`bio_` + ...; all match the bundle format's photo-kind rule):
    fp_NN      ISO/IEC 19794-4:2011 finger image record, WSQ inside (NN: ISO finger position 01-10)
    fmr_02/07  ISO/IEC 19794-2 minutiae templates of the two index fingers (the card's chip)
    iris_r/l   ISO/IEC 19794-6:2011 iris image record as the device sent it
    sig_png    the signature rendered at print size; sig_json its strokes (x, y, ms, pressure)
    proof_fp_NN / proof_iris_r|l   the JPEG proof photo of an exception
The device's own finger record (JPEG 2000 lossless, ~56 KB a finger) is not kept: the WSQ record carries the same
print at 500 ppi in a sixth of the bytes (docs/biometrics.md).
"""

from __future__ import annotations

from station.domain.biometrics import BiometricException, Eye, FingerPosition, Modality
from station.domain.payload import Photo, sha256_hex
from station.domain.problems import Problem
from station.services.biometrics import EYES, BiometricRecord

PREFIX = "bio_"
ISO_4, ISO_2, ISO_6 = "application/x-iso19794-4", "application/x-iso19794-2", "application/x-iso19794-6"
_EYE = {Eye.RIGHT: "r", Eye.LEFT: "l"}


def is_biometric(kind: str) -> bool:
    return kind.startswith(PREFIX)


def biometric_mime(kind: str) -> str:
    """The type of a blob from its kind (a bundle carries bytes by kind only)."""
    body = kind.removeprefix(PREFIX)
    if body.startswith("fp_"):
        return ISO_4
    if body.startswith("fmr_"):
        return ISO_2
    if body.startswith("iris_"):
        return ISO_6
    return {"sig_json": "application/json", "sig_png": "image/png"}.get(body, "image/jpeg")


def finger_kind(position: int) -> str:
    return f"{PREFIX}fp_{int(position):02d}"


def iris_kind(eye: Eye) -> str:
    return f"{PREFIX}iris_{_EYE[Eye(eye)]}"


def proof_kind(modality: Modality, position: int) -> str:
    if modality == Modality.FINGER:
        return f"{PREFIX}proof_fp_{int(position):02d}"
    return f"{PREFIX}proof_iris_{_EYE[Eye(position)]}"


def blobs(record: BiometricRecord) -> dict[str, Photo]:
    out: dict[str, Photo] = {}
    for pos, cap in sorted(record.fingers.items()):
        out[finger_kind(pos)] = Photo(cap.record, ISO_4)
    for pos, template in record.index_templates.items():
        if template:
            out[f"{PREFIX}fmr_{int(pos):02d}"] = Photo(template, ISO_2)
    for eye, cap in record.irises.items():
        out[iris_kind(eye)] = Photo(cap.record, ISO_6)
    if record.signature is not None:
        out[f"{PREFIX}sig_json"] = Photo(record.signature.to_json().encode("utf-8"), "application/json")
    if record.signature_png:
        out[f"{PREFIX}sig_png"] = Photo(record.signature_png, "image/png")
    for exc in record.exceptions:
        out[proof_kind(exc.modality, exc.position)] = Photo(exc.proof_photo, "image/jpeg")
    return out


def meta(record: BiometricRecord) -> dict:
    """What the blobs mean, for the sealed quality summary (and so the receipt, the centre and the digest)."""
    v = record.verification
    out = record.summary()
    out["device_scores"] = {
        p.name.lower(): c.device_score for p, c in sorted(record.fingers.items()) if c.device_score is not None
    }
    out["verification"] = (
        {
            "position": v.position.name.lower(),
            "raw": v.score.raw if v.score else None,
            "matched": v.matched,
            "attempts": v.attempt,
        }
        if v
        else None
    )
    out["signature"] = (
        {"device": record.signature.device, "points": record.signature.points} if record.signature else None
    )
    out["complete"] = record.complete
    return out


def missing(record: BiometricRecord | None) -> list[str]:
    """What keeps the record from being complete, in the operator's words (empty: complete)."""
    if record is None:
        return ["tanda tangan", "sepuluh sidik jari", "kedua iris", "verifikasi sidik jari"]
    excepted = {(e.modality, int(e.position)) for e in record.exceptions}
    out = [] if record.signature is not None else ["tanda tangan"]
    fingers = [p for p in FingerPosition if p and p not in record.fingers and (Modality.FINGER, p) not in excepted]
    if len(fingers) == 10:
        out.append("sepuluh sidik jari")
    else:
        out += [p.label for p in fingers]
    out += [e.label for e in EYES if e not in record.irises and (Modality.IRIS, e) not in excepted]
    if record.fingers and not (record.verification and record.verification.matched):
        out.append("verifikasi sidik jari")
    return out


def exception_key(exc: BiometricException) -> tuple:
    """What a supervisor confirmed: this finger or eye, this reason, this proof photo, this supervisor."""
    return (exc.modality.value, int(exc.position), exc.reason.value, exc.supervisor, sha256_hex(exc.proof_photo))


def biometric_problems(record: BiometricRecord | None, required: bool, confirmed: set[tuple]) -> list[Problem]:
    """Why these biometrics cannot be accepted with the record (empty: they can)."""
    problems = []
    if required:
        gaps = missing(record)
        if gaps:
            text = "Biometrik belum lengkap: " + ", ".join(gaps) + ". Rekam, atau catat pengecualian dengan supervisor."
            problems.append(Problem("biometrik", "biometrics_incomplete", text))
    for exc in record.exceptions if record else ():
        if exception_key(exc) not in confirmed:
            text = f"Pengecualian {exc.label} belum dikonfirmasi supervisor dengan kata sandinya."
            problems.append(Problem("biometrik", "biometric_exception_unconfirmed", text))
    return problems
