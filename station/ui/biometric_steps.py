"""The biometric steps of the citizen's flow (SOP 7.2.1.1: after the approved photo, the signature, then ten
fingers, both irises and the verification): the signature and biometrics pages as steps of CitizenFlow.

An office that records the photo alone (settings biometrics.required off) skips both: `needed` says so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from station.services.station import Station
from station.ui.biometrics_page import BiometricsPage
from station.ui.citizen import Citizen
from station.ui.signature_page import SignaturePage
from station.ui.steps import StepPage


class _BiometricStep(StepPage):
    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station

    def needed(self, citizen: Citizen) -> bool:
        return self.station.settings.current.biometrics.required

    def ready(self, citizen: Citizen) -> bool:
        return self.needed(citizen) and citizen.capture is not None and citizen.approval is not None


class SignatureStep(_BiometricStep):
    key = "tanda_tangan"

    def __init__(self, station: Station) -> None:
        super().__init__(station)
        self.page = SignaturePage()
        QVBoxLayout(self).addWidget(self.page)
        self.page.signed.connect(self._signed)

    def title(self) -> str:
        return self.tr("Tanda tangan")

    def enter(self, citizen: Citizen) -> None:
        if citizen is not getattr(self, "citizen", None):
            self.page.clear()  # a new citizen signs on an empty pad
        self.citizen = citizen

    def _signed(self, signature) -> None:
        self.citizen.signature, self.citizen.biometrics = signature, None  # a new signature: capture anew
        self.finished.emit()


class BiometricsStep(_BiometricStep):
    key = "biometrik"

    def __init__(self, station: Station) -> None:
        super().__init__(station)
        self.page = BiometricsPage(station)
        QVBoxLayout(self).addWidget(self.page)
        self.page.completed.connect(self._completed)
        self._started_for: Citizen | None = None

    def title(self) -> str:
        return self.tr("Biometrik")

    def ready(self, citizen: Citizen) -> bool:
        return super().ready(citizen) and citizen.signature is not None

    def enter(self, citizen: Citizen) -> None:
        self.citizen = citizen
        if self._started_for is not citizen or self._signature is not citizen.signature:
            self._started_for, self._signature = citizen, citizen.signature
            self.page.start(citizen.signature)  # the devices are found again; what was captured is kept per citizen

    def leave(self) -> None:
        self.page.stop_preview()

    def _completed(self, record) -> None:
        self.citizen.biometrics = record
        self.finished.emit()
