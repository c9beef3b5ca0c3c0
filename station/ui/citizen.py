"""The one citizen at the counter: everything the steps of the flow gather, reset whole for the next one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from station.domain.antrean import Ticket
from station.domain.enrolment import Enrolment
from station.domain.waivers import Waiver
from station.quality.live import Capture
from station.services.acceptance import PhotoApproval

if TYPE_CHECKING:
    from station.domain.biometrics import Signature
    from station.services.biometrics import BiometricRecord


@dataclass
class Citizen:
    ticket: Ticket | None = None
    record_uuid: str | None = None  # the draft, from the first keystroke that was saved
    draft: Enrolment | None = None  # a resumed draft's biodata, to fill the form with
    enrolment: Enrolment | None = None  # the biodata once every rule is met
    capture: Capture | None = None
    waiver: Waiver | None = None
    approval: PhotoApproval | None = None
    signature: Signature | None = None  # the biometric steps (ui.biometric_steps)
    biometrics: BiometricRecord | None = None  # complete: every modality captured or excepted
    refused_photos: int = 0  # photos the citizen asked to retake

    @property
    def label(self) -> str:
        return self.ticket.label if self.ticket else "—"

    @property
    def waived(self) -> frozenset[str]:
        return frozenset(self.waiver.checks) if self.waiver else frozenset()

    @property
    def started(self) -> bool:
        """Anything worth asking about before leaving this citizen."""
        return self.record_uuid is not None or self.enrolment is not None or self.capture is not None

    @property
    def past_biodata(self) -> bool:
        """A photo, approval, signature or biometrics gathered: kept in memory only, lost when the window closes."""
        return any(x is not None for x in (self.capture, self.approval, self.signature, self.biometrics))

    def photo_refused(self) -> None:
        self.capture, self.approval = None, None
        self.refused_photos += 1
