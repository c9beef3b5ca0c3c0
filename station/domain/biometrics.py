"""Fingerprints, irises and signatures as plain domain values: positions, the SOP order of capture,
exceptions (a finger or an eye that cannot be captured) and the office's thresholds.

Standard library only: the device simulator, the station's SBI client, the biometric engine and the
window all speak these types, so none of them has to import another.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from enum import IntEnum, StrEnum

from station.domain.errors import InvalidInput


class Hand(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class FingerPosition(IntEnum):
    """ISO/IEC 19794-4 finger position codes (also used in ISO/IEC 19794-2 templates)."""

    UNKNOWN = 0
    RIGHT_THUMB = 1
    RIGHT_INDEX = 2
    RIGHT_MIDDLE = 3
    RIGHT_RING = 4
    RIGHT_LITTLE = 5
    LEFT_THUMB = 6
    LEFT_INDEX = 7
    LEFT_MIDDLE = 8
    LEFT_RING = 9
    LEFT_LITTLE = 10

    @property
    def hand(self) -> Hand | None:
        if self == FingerPosition.UNKNOWN:
            return None
        return Hand.RIGHT if self <= 5 else Hand.LEFT

    @property
    def label(self) -> str:
        """The finger's name as the operator says it (Indonesian)."""
        return _FINGER_LABELS[self]

    @property
    def sbi_name(self) -> str:
        """bioSubType as SBI 0.9.5 devices in the field send it ("Left IndexFinger")."""
        return _SBI_FINGER_NAMES[self]

    @classmethod
    def from_sbi(cls, name: str) -> FingerPosition:
        """Accepts both spellings devices use: "Left IndexFinger" and the draft's "LF_INDEX"."""
        key = name.strip().replace(" ", "").replace("_", "").lower()
        try:
            return _SBI_FINGER_LOOKUP[key]
        except KeyError:
            raise ValueError(f"bioSubType jari tidak dikenal: {name!r}") from None


_FINGER_LABELS = {
    FingerPosition.UNKNOWN: "Jari tidak diketahui",
    FingerPosition.RIGHT_THUMB: "Jempol kanan",
    FingerPosition.RIGHT_INDEX: "Telunjuk kanan",
    FingerPosition.RIGHT_MIDDLE: "Jari tengah kanan",
    FingerPosition.RIGHT_RING: "Jari manis kanan",
    FingerPosition.RIGHT_LITTLE: "Kelingking kanan",
    FingerPosition.LEFT_THUMB: "Jempol kiri",
    FingerPosition.LEFT_INDEX: "Telunjuk kiri",
    FingerPosition.LEFT_MIDDLE: "Jari tengah kiri",
    FingerPosition.LEFT_RING: "Jari manis kiri",
    FingerPosition.LEFT_LITTLE: "Kelingking kiri",
}
_SBI_FINGER_NAMES = {
    FingerPosition.UNKNOWN: "UNKNOWN",
    FingerPosition.RIGHT_THUMB: "Right Thumb",
    FingerPosition.RIGHT_INDEX: "Right IndexFinger",
    FingerPosition.RIGHT_MIDDLE: "Right MiddleFinger",
    FingerPosition.RIGHT_RING: "Right RingFinger",
    FingerPosition.RIGHT_LITTLE: "Right LittleFinger",
    FingerPosition.LEFT_THUMB: "Left Thumb",
    FingerPosition.LEFT_INDEX: "Left IndexFinger",
    FingerPosition.LEFT_MIDDLE: "Left MiddleFinger",
    FingerPosition.LEFT_RING: "Left RingFinger",
    FingerPosition.LEFT_LITTLE: "Left LittleFinger",
}
_SBI_DRAFT_NAMES = {
    "RF_THUMB": FingerPosition.RIGHT_THUMB,
    "RF_INDEX": FingerPosition.RIGHT_INDEX,
    "RF_MIDDLE": FingerPosition.RIGHT_MIDDLE,
    "RF_RING": FingerPosition.RIGHT_RING,
    "RF_LITTLE": FingerPosition.RIGHT_LITTLE,
    "LF_THUMB": FingerPosition.LEFT_THUMB,
    "LF_INDEX": FingerPosition.LEFT_INDEX,
    "LF_MIDDLE": FingerPosition.LEFT_MIDDLE,
    "LF_RING": FingerPosition.LEFT_RING,
    "LF_LITTLE": FingerPosition.LEFT_LITTLE,
}
_SBI_FINGER_LOOKUP = {
    **{v.replace(" ", "").lower(): k for k, v in _SBI_FINGER_NAMES.items()},
    **{k.replace("_", "").lower(): v for k, v in _SBI_DRAFT_NAMES.items()},
}


class Eye(IntEnum):
    """ISO/IEC 19794-6 eye labels."""

    UNKNOWN = 0
    RIGHT = 1
    LEFT = 2

    @property
    def label(self) -> str:
        return {Eye.UNKNOWN: "Iris", Eye.RIGHT: "Iris kanan", Eye.LEFT: "Iris kiri"}[self]

    @property
    def sbi_name(self) -> str:
        return {Eye.UNKNOWN: "UNKNOWN", Eye.RIGHT: "Right", Eye.LEFT: "Left"}[self]

    @classmethod
    def from_sbi(cls, name: str) -> Eye:
        key = name.strip().upper()
        for eye, names in (
            (Eye.RIGHT, ("RIGHT", "R_IRIS")),
            (Eye.LEFT, ("LEFT", "L_IRIS")),
            (Eye.UNKNOWN, ("UNKNOWN",)),
        ):
            if key in names:
                return eye
        raise ValueError(f"bioSubType iris tidak dikenal: {name!r}")


class Modality(StrEnum):
    FINGER = "finger"
    IRIS = "iris"


class ExceptionReason(StrEnum):
    """Why a finger or an eye is recorded without its biometric (Dukcapil's exception categories)."""

    MISSING = "missing"
    AMPUTATED = "amputated"
    BANDAGED = "bandaged"
    UNREADABLE = "unreadable"

    @property
    def label(self) -> str:
        return {
            ExceptionReason.MISSING: "Tidak ada (cacat bawaan)",
            ExceptionReason.AMPUTATED: "Diamputasi",
            ExceptionReason.BANDAGED: "Diperban / terluka",
            ExceptionReason.UNREADABLE: "Tidak terbaca (sidik/iris rusak)",
        }[self]


# Which reasons make sense for which modality (an eye is not amputated).
ALLOWED_REASONS = {
    Modality.FINGER: frozenset(ExceptionReason),
    Modality.IRIS: frozenset({ExceptionReason.MISSING, ExceptionReason.BANDAGED, ExceptionReason.UNREADABLE}),
}


class BiometricExceptionError(InvalidInput, ValueError):
    """A biometric exception that cannot be accepted as filled in; the message says what is missing."""


@dataclass(frozen=True)
class BiometricException:
    """One finger or eye recorded as an exception. Like a photo waiver it needs the operator's reason
    and note and a supervisor's confirmation; unlike it, a proof photo of the hand or eye is kept."""

    modality: Modality
    position: int  # FingerPosition or Eye value
    reason: ExceptionReason
    note: str
    proof_photo: bytes  # JPEG of the hand/eye, as evidence for the centre
    operator: str
    supervisor: str

    @property
    def label(self) -> str:
        return FingerPosition(self.position).label if self.modality == Modality.FINGER else Eye(self.position).label

    def validate(self) -> None:
        if self.reason not in ALLOWED_REASONS[self.modality]:
            raise BiometricExceptionError(f"Alasan '{self.reason.label}' tidak berlaku untuk {self.label}.")
        if self.modality == Modality.FINGER and self.position == FingerPosition.UNKNOWN:
            raise BiometricExceptionError("Pilih jari yang dikecualikan.")
        if self.modality == Modality.IRIS and self.position == Eye.UNKNOWN:
            raise BiometricExceptionError("Pilih mata yang dikecualikan.")
        if len(self.proof_photo) < 100 or self.proof_photo[:2] != b"\xff\xd8":
            raise BiometricExceptionError("Ambil foto bukti (JPEG) tangan atau mata yang dikecualikan.")
        if not self.supervisor.strip() or self.supervisor.strip() == self.operator.strip():
            raise BiometricExceptionError("Pengecualian harus dikonfirmasi supervisor (bukan operator yang sama).")
        if len(self.note.strip()) < 5:
            raise BiometricExceptionError("Tulis keterangan singkat pengecualian.")

    def to_dict(self) -> dict:
        """Without the photo bytes (they travel as their own blob)."""
        d = asdict(self)
        d.pop("proof_photo")
        d["modality"] = self.modality.value
        d["reason"] = self.reason.value
        return d


@dataclass(frozen=True)
class FingerStep:
    """One press on the scanner: SBI deviceSubId and the fingers it records, left to right on the glass."""

    name: str
    label: str
    device_sub_id: int
    positions: tuple[FingerPosition, ...]


# Slap scanners, 4-4-2 (SBI deviceSubId 1 left slap, 2 right slap, 3 both thumbs). The order on the glass
# follows the ink convention: a left slap shows little..index from left to right, a right slap index..little.
SLAP_STEPS: tuple[FingerStep, ...] = (
    FingerStep(
        "left_slap",
        "Empat jari tangan kiri",
        1,
        (FingerPosition.LEFT_LITTLE, FingerPosition.LEFT_RING, FingerPosition.LEFT_MIDDLE, FingerPosition.LEFT_INDEX),
    ),
    FingerStep(
        "right_slap",
        "Empat jari tangan kanan",
        2,
        (
            FingerPosition.RIGHT_INDEX,
            FingerPosition.RIGHT_MIDDLE,
            FingerPosition.RIGHT_RING,
            FingerPosition.RIGHT_LITTLE,
        ),
    ),
    FingerStep("thumbs", "Kedua jempol", 3, (FingerPosition.LEFT_THUMB, FingerPosition.RIGHT_THUMB)),
)
# Single-finger scanners: the same order, one finger per press (deviceSubId 0).
SINGLE_STEPS: tuple[FingerStep, ...] = tuple(
    FingerStep(p.name.lower(), p.label, 0, (p,)) for step in SLAP_STEPS for p in step.positions
)
INDEX_FINGERS = (FingerPosition.RIGHT_INDEX, FingerPosition.LEFT_INDEX)  # also written to the card's chip


def quality_band(score: float | None) -> int | None:
    """A 0-100 quality score as the 1-10 band the receipt prints (10 best)."""
    if score is None:
        return None
    return max(1, min(10, math.ceil(score / 10)))


@dataclass(frozen=True)
class BiometricThresholds:
    """The office's biometric rules (the `biometrics` setting). Defaults: MOSIP's registration defaults
    (NFIQ 2 >= 40 per finger, iris >= 60), three retries keeping the best."""

    finger_nfiq2_min: int = 40
    finger_minutiae_min: int = 12  # below this a print cannot be matched at all
    iris_quality_min: int = 60
    retries: int = 3  # captures after the first one, per step
    # Same finger: Bozorth3 score normalised by minutiae counts (see docs/biometrics.md), or a raw
    # Bozorth3 score at NIST's "true match" level.
    same_finger_normalised: float = 28.0
    same_finger_raw: int = 40
    minutiae_floor: int = 30  # normalisation never inflates a score of prints with fewer minutiae
    iris_min_diameter_px: int = 150  # MOSIP SBI: at least 150 px for registration
    capture_timeout_ms: int = 30_000
    # A record is complete only with every finger and eye captured or excepted, the signature and the
    # verification (SOP 7.2.1.1). False only for an office that records photos alone (no scanners yet).
    required: bool = True

    def validate(self) -> None:
        if not (0 <= self.finger_nfiq2_min <= 100 and 0 <= self.iris_quality_min <= 100):
            raise InvalidInput("Ambang mutu sidik jari dan iris antara 0 dan 100.")
        if not 0 <= self.retries <= 10:
            raise InvalidInput("Jumlah ulang perekaman biometrik antara 0 dan 10.")
        if self.same_finger_normalised < 20 or self.same_finger_raw < 20:
            raise InvalidInput("Ambang jari yang sama terlalu rendah: jari berbeda akan dianggap sama.")
        if not 1_000 <= self.capture_timeout_ms <= 120_000:
            raise InvalidInput("Batas waktu perekaman antara 1 dan 120 detik.")


@dataclass(frozen=True)
class SignaturePoint:
    x: float  # pad coordinates, pixels of the capture canvas
    y: float
    t_ms: int  # since the first point
    pressure: float = 1.0  # 0..1; a mouse gives 1.0


@dataclass(frozen=True)
class Signature:
    """A signature as drawn: strokes of points with time and pressure, on a canvas of width x height."""

    strokes: tuple[tuple[SignaturePoint, ...], ...]
    width: int
    height: int
    device: str = "mouse"  # "pen" (tablet/pad with pressure) or "mouse"
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def points(self) -> int:
        return sum(len(s) for s in self.strokes)

    def validate(self) -> None:
        if self.points < 10 or not any(len(s) > 1 for s in self.strokes):
            raise ValueError("Tanda tangan kosong atau terlalu pendek: minta warga menandatangani lagi.")

    def to_json(self) -> str:
        return json.dumps(
            {
                "width": self.width,
                "height": self.height,
                "device": self.device,
                "strokes": [
                    [[round(p.x, 1), round(p.y, 1), p.t_ms, round(p.pressure, 3)] for p in s] for s in self.strokes
                ],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Signature:
        d = json.loads(text)
        strokes = tuple(
            tuple(SignaturePoint(float(x), float(y), int(t), float(p)) for x, y, t, p in s) for s in d["strokes"]
        )
        return cls(strokes, int(d["width"]), int(d["height"]), d.get("device", "mouse"))
