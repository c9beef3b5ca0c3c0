"""The biometric capture at the counter, through the one door: each attempt is checked against the permission
table, and a finger or eye recorded as an exception needs a supervisor's confirmation with their own password
(Accounts.confirm_supervisor), used once, exactly like a photo waiver. The session itself
(services.biometrics.BiometricSession) stays headless; the window keeps it and hands it back here.

A capture does not touch the database (it talks to the SBI device on 127.0.0.1); the window runs it on a worker
thread through Station.worker(), so the operator's window never waits on a scanner.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator

from station.devices import DeviceError, SbiClient, TrustStore, trusted_folder
from station.domain.biometrics import BiometricException, BiometricExceptionError, FingerPosition, Modality, Signature
from station.domain.errors import InvalidInput, NotAllowed
from station.domain.payload import Photo
from station.domain.permissions import Action
from station.services.base import Service
from station.services.biometric_record import exception_key
from station.services.biometrics import BiometricSession, StepResult, Verification

log = logging.getLogger(__name__)


class Biometrics(Service):
    def begin(self, ports: Iterable[int] | None = None) -> BiometricSession:
        """A new citizen's capture with the devices that answer on 127.0.0.1 (SBI ports 4501-4600, or PORTS),
        trusted through DATA_DIR/devices/trusted. A missing scanner is not an error yet: the signature can be
        taken, and the capture that needs it says what to plug in (session.device_problems)."""
        ctx = self._ctx
        actor = ctx.require(Action.BIOMETRIC_CAPTURE)
        kw = {"ports": tuple(ports)} if ports is not None else {}
        client = SbiClient(TrustStore.from_folder(trusted_folder(ctx.data_dir)), **kw)
        found, problems = _find(client)
        session = BiometricSession(client, found["Finger"], found["Iris"], actor.name, ctx.settings.biometrics)
        session.device_problems = problems
        return session

    def find_devices(self, session: BiometricSession) -> dict[str, str]:
        """Look for the scanners again (plugged in after begin); what is still missing, by kind."""
        self._ctx.require(Action.BIOMETRIC_CAPTURE)
        found, problems = _find(session.client)
        session.use_devices(found["Finger"] or session.finger_device, found["Iris"] or session.iris_device)
        session.device_problems = problems
        return problems

    def sign(self, session: BiometricSession, signature: Signature) -> bytes:
        """Keep the strokes and the print-size PNG (sign again to replace)."""
        self._own(session)
        try:
            return session.sign(signature)
        except ValueError as err:  # empty or too short: sign again
            raise InvalidInput(str(err)) from err

    def capture_fingers(self, session: BiometricSession, step: str) -> StepResult:
        """One attempt at a finger step (left_slap, right_slap, thumbs, or one finger): DeviceError says what
        went wrong at the scanner; the attempt is then not counted."""
        self._own(session)
        return session.capture_fingers(step)

    def capture_irises(self, session: BiometricSession) -> StepResult:
        self._own(session)
        return session.capture_irises()

    def verify(self, session: BiometricSession, position: FingerPosition | None = None) -> Verification:
        self._own(session)
        return session.verify(position)

    def preview(self, session: BiometricSession, step: str | None = None, timeout_ms: int = 10_000) -> Iterator[bytes]:
        """The scanner's live view (SBI STREAM, JPEG frames) for STEP (the next one by default), on a connection
        of its own so a capture can run beside it; empty when the step needs no scanner."""
        self._own(session)
        step = step or session.next_step()
        if step in (None, "signature"):
            return iter(())
        if step == "irises":
            device = session.iris_device
            sub_id = 3 if device is not None and 3 in device.sub_ids else 2
        else:
            device = session.finger_device
            if step == "verify":
                step = next(s.name for s in session.finger_steps if FingerPosition.RIGHT_INDEX in s.positions)
            sub_id = session.step(step).device_sub_id
        if device is None:
            raise DeviceError("106")
        client = SbiClient(session.client.trust, host=session.client.host, ports=session.client.ports)
        return client.stream(device, sub_id, timeout_ms)

    def add_exception(self, session: BiometricSession, exc: BiometricException) -> None:
        """A finger or eye recorded as an exception, with the supervisor's confirmation given for it in the last
        minutes (Accounts.confirm_supervisor), used once; audited without the note (it may tell a health
        condition)."""
        ctx = self._ctx
        with ctx.unit(Action.BIOMETRIC_EXCEPTION) as uow:
            self._own(session)
            c = ctx.confirmation
            fresh = c is not None and (ctx.clock.now() - dt.datetime.fromisoformat(c.at)).total_seconds() < (
                c.VALID_SECONDS
            )
            if not (fresh and c.supervisor == exc.supervisor and c.operator == exc.operator == ctx.actor.name):
                # Not a refusal of the role: the confirmation is missing, as a missing proof photo would be.
                raise BiometricExceptionError(
                    "Pengecualian biometrik belum dikonfirmasi supervisor (atau sudah lewat)."
                )
            session.add_exception(exc)
            detail = {
                "supervisor": c.supervisor,
                "modality": exc.modality.value,
                "position": int(exc.position),
                "reason": exc.reason.value,
            }
            uow.audit.append(ctx.actor.name, "biometric_exception", None, detail)
            uow.commit()
        ctx.confirmation = None  # used: the next exception needs its own
        ctx.biometric_exceptions.add(exception_key(exc))
        log.info("biometric exception %s %s confirmed by a supervisor", exc.modality.value, int(exc.position))

    def remove_exception(self, session: BiometricSession, modality: Modality, position: int) -> None:
        """The finger or eye can be captured after all."""
        self._own(session)
        session.remove_exception(modality, position)

    def stored(self, uuid: str) -> dict[str, Photo]:
        """A record's biometric blobs as stored (bio_* kinds, see services.biometric_record)."""
        with self._ctx.read(Action.RECORD_READ) as uow:
            return uow.biometrics.of(uuid)

    def _own(self, session: BiometricSession) -> None:
        actor = self._ctx.require(Action.BIOMETRIC_CAPTURE)
        if session.operator != actor.name:
            raise NotAllowed("Perekaman biometrik ini milik operator lain: mulai perekaman baru.")


def _find(client: SbiClient) -> tuple[dict, dict[str, str]]:
    found, problems = {}, {}
    for kind in ("Finger", "Iris"):
        try:
            found[kind] = client.find(kind)
        except DeviceError as err:
            found[kind], problems[kind] = None, str(err)
    return found, problems
