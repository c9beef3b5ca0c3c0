"""Exceptions to the photo gate: a citizen who cannot meet a check is still recorded, when the operator
marks why and a supervisor confirms. The record carries which checks were waived and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from station.domain.errors import InvalidInput
from station.domain.photo_checks import check_words

# Why a check may be waived, and which checks each reason can cover. Never waivable: face_count
# (someone else in the picture), exposure and sharpness (the operator fixes the light and focus).
REASONS: dict[str, tuple[str, frozenset[str]]] = {
    "kondisi_mata": (
        "Kondisi mata (mis. kelopak tidak dapat membuka, mata palsu)",
        frozenset({"eyes_open", "eyes_visible"}),
    ),
    "disabilitas": (
        "Disabilitas (tidak dapat menegakkan/menghadapkan kepala, tidak dapat menutup mulut)",
        frozenset({"yaw", "pitch", "roll", "head_centred", "crop_margin", "eyes_open", "eyes_visible", "mouth_closed"}),
    ),
    "penutup_kepala_agama": (
        "Penutup kepala karena agama, wajah tetap terlihat penuh",
        frozenset({"crop_margin", "background", "background_colour"}),
    ),
}


class WaiverError(InvalidInput, ValueError):
    code = "waiver_invalid"


@dataclass(frozen=True)
class Waiver:
    reason: str  # a key of REASONS
    checks: tuple[str, ...]
    note: str
    operator: str
    supervisor: str

    def validate_request(self) -> None:
        """What the operator asks for: checked before a supervisor is asked to confirm it."""
        if not self.reason:
            raise WaiverError("Pilih alasan pengecualian.")
        if self.reason not in REASONS:
            raise WaiverError(f"Alasan pengecualian tidak dikenal: {self.reason}")
        allowed = REASONS[self.reason][1]
        bad = [c for c in self.checks if c not in allowed]
        if bad:
            raise WaiverError(f"Pemeriksaan {check_words(bad)} tidak dapat dikecualikan dengan alasan ini.")
        if not self.checks:
            raise WaiverError("Pilih pemeriksaan yang dikecualikan.")
        if len(self.note.strip()) < 5:
            raise WaiverError("Tulis keterangan singkat pengecualian.")

    def validate(self) -> None:
        self.validate_request()
        if not self.supervisor.strip() or self.supervisor.strip() == self.operator.strip():
            raise WaiverError("Pengecualian harus dikonfirmasi supervisor (bukan operator yang sama).")

    def to_dict(self) -> dict:
        return asdict(self)
