"""One citizen's biometrics at the counter, in Dukcapil's order: signature, ten fingers (slaps 4-4-2, or
one finger at a time on a single-finger scanner), both irises, then verification (an index finger
presented again must match its capture).

Headless: the window (or a test, or a script) calls one attempt at a time and shows what comes back;
nothing here knows Qt or SQL. Each finger step keeps the best print of each finger over up to
`retries` more attempts; a finger that cannot be captured is recorded as an exception with a proof
photo and a supervisor's confirmation, like a photo waiver. The same finger twice (or the wrong
hand) is refused before it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from station.biometrics.fingerprint import FingerQuality, MatchScore, assess_finger, match
from station.biometrics.iris import IrisQuality, assess_iris
from station.biometrics.records import finger_record, read_finger_record, read_iris_record
from station.biometrics.signature import render_png
from station.biometrics.slap import segment_slap
from station.devices.client import CapturedItem, Device, SbiClient
from station.devices.sbi import DeviceError
from station.domain.biometrics import (
    INDEX_FINGERS,
    SINGLE_STEPS,
    SLAP_STEPS,
    BiometricException,
    BiometricExceptionError,
    BiometricThresholds,
    Eye,
    FingerPosition,
    FingerStep,
    Modality,
    Signature,
    quality_band,
)

EYES = (Eye.RIGHT, Eye.LEFT)


@dataclass(frozen=True)
class FingerCapture:
    position: FingerPosition
    quality: FingerQuality  # NFIQ 2, minutiae, ISO/IEC 19794-2 template
    record: bytes  # ISO/IEC 19794-4:2011, WSQ inside: what the station stores and sends
    device_record: bytes  # the record as the device signed it (JPEG 2000 lossless from SBI devices)
    device_score: float | None
    attempt: int
    image: np.ndarray = field(repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.quality.ok

    @property
    def score(self) -> int | None:
        return self.quality.nfiq2


@dataclass(frozen=True)
class IrisCapture:
    eye: Eye
    quality: IrisQuality
    record: bytes  # ISO/IEC 19794-6:2011 as the device sent it
    device_score: float | None
    attempt: int
    image: np.ndarray = field(repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.quality.ok

    @property
    def score(self) -> int | None:
        return self.quality.quality


@dataclass(frozen=True)
class StepResult:
    """What one attempt did. `done`: nothing more to capture in this step (all good, or retries used
    up and the best kept). `refused`: nothing was kept (same finger twice). Messages are Indonesian."""

    step: str
    attempt: int
    scores: dict  # position/eye -> station quality of this attempt (NFIQ 2 / iris 0-100, None: unreadable)
    kept: dict  # position/eye -> quality of the best kept so far
    below: tuple  # positions/eyes still below the threshold
    missing: tuple  # positions/eyes the device did not return this time
    refused: bool
    done: bool
    retries_left: int
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Verification:
    position: FingerPosition
    score: MatchScore | None
    matched: bool
    attempt: int
    message: str


@dataclass(frozen=True)
class BiometricRecord:
    """Everything captured for one citizen, as plain values for storage (part B) and papers."""

    fingers: dict[FingerPosition, FingerCapture]
    irises: dict[Eye, IrisCapture]
    exceptions: tuple[BiometricException, ...]
    verification: Verification | None
    signature: Signature | None
    signature_png: bytes | None

    @property
    def index_templates(self) -> dict[FingerPosition, bytes]:
        """ISO/IEC 19794-2 templates of the two index fingers (for the card's chip)."""
        return {p: self.fingers[p].quality.template for p in INDEX_FINGERS if p in self.fingers}

    @property
    def complete(self) -> bool:
        excepted = {(e.modality, e.position) for e in self.exceptions}
        fingers = all(p in self.fingers or (Modality.FINGER, p) in excepted for p in FingerPosition if p)
        eyes = all(e in self.irises or (Modality.IRIS, e) in excepted for e in EYES)
        verified = self.verification is not None and self.verification.matched
        return fingers and eyes and self.signature is not None and (verified or not self.fingers)

    def summary(self) -> dict:
        """For the receipt: each finger's NFIQ 2 and its 1-10 band, each eye's quality, every exception."""
        return {
            "fingers": {
                p.name.lower(): {"nfiq2": c.quality.nfiq2, "band": quality_band(c.quality.nfiq2), "ok": c.ok}
                for p, c in sorted(self.fingers.items())
            },
            "irises": {
                e.name.lower(): {"quality": c.quality.quality, "band": quality_band(c.quality.quality), "ok": c.ok}
                for e, c in self.irises.items()
            },
            "exceptions": [e.to_dict() for e in self.exceptions],
            "verified": bool(self.verification and self.verification.matched),
        }


class BiometricSession:
    """The capture of one citizen. FINGER and IRIS are devices found by SbiClient.find()."""

    def __init__(
        self,
        client: SbiClient,
        finger: Device | None,
        iris: Device | None,
        operator: str,
        thresholds: BiometricThresholds | None = None,
    ):
        self.client = client
        self.operator = operator
        self.t = thresholds or BiometricThresholds()
        self.device_problems: dict[str, str] = {}  # kind -> why it is not there (the window shows it)
        self.use_devices(finger, iris)
        self.fingers: dict[FingerPosition, FingerCapture] = {}
        self.irises: dict[Eye, IrisCapture] = {}
        self.exceptions: dict[tuple[Modality, int], BiometricException] = {}
        self.attempts: dict[str, int] = {}
        self.signature: Signature | None = None
        self.signature_png: bytes | None = None
        self.verification: Verification | None = None
        self._verify_attempts = 0
        self._previous_hash = ""

    def use_devices(self, finger: Device | None, iris: Device | None) -> None:
        """The scanners to capture with (found again after one was plugged in). A slap or a single-finger
        scanner decides the finger steps, as long as no finger was captured yet."""
        self.finger_device, self.iris_device = finger, iris
        if not getattr(self, "fingers", None):
            single = finger is not None and (finger.sub_type.lower() == "single" or 1 not in finger.sub_ids)
            self.finger_steps: tuple[FingerStep, ...] = SINGLE_STEPS if single else SLAP_STEPS

    # ----- what is left --------------------------------------------------------------------------
    def _excepted(self, modality: Modality, position: int) -> bool:
        return (modality, int(position)) in self.exceptions

    def step_done(self, step: FingerStep) -> bool:
        wanted = [p for p in step.positions if not self._excepted(Modality.FINGER, p)]
        good = all(p in self.fingers and self.fingers[p].ok for p in wanted)
        used_up = self.attempts.get(step.name, 0) > self.t.retries and all(p in self.fingers for p in wanted)
        return good or used_up

    def irises_done(self) -> bool:
        wanted = [e for e in EYES if not self._excepted(Modality.IRIS, e)]
        good = all(e in self.irises and self.irises[e].ok for e in wanted)
        used_up = self.attempts.get("irises", 0) > self.t.retries and all(e in self.irises for e in wanted)
        return good or used_up

    def next_step(self) -> str | None:
        """The next thing to do in the SOP order: "signature", a finger step's name, "irises", "verify"."""
        if self.signature is None:
            return "signature"
        for step in self.finger_steps:
            if not self.step_done(step):
                return step.name
        if not self.irises_done():
            return "irises"
        if self.fingers and not (self.verification and self.verification.matched):
            return "verify"
        return None

    def step(self, name: str) -> FingerStep:
        return next(s for s in self.finger_steps if s.name == name)

    # ----- exceptions and signature -----------------------------------------------------------------
    def add_exception(self, exc: BiometricException) -> None:
        """Record a finger or eye as an exception (validated like a photo waiver: reason, note, proof
        photo, a supervisor other than the operator). Replaces any capture of it. The supervisor's
        password is checked by the service that calls this, as for waivers."""
        exc.validate()
        if exc.operator.strip() != self.operator.strip():
            raise BiometricExceptionError("Pengecualian dicatat oleh operator yang sedang merekam.")
        self.exceptions[(exc.modality, int(exc.position))] = exc
        if exc.modality == Modality.FINGER:
            self.fingers.pop(FingerPosition(exc.position), None)
        else:
            self.irises.pop(Eye(exc.position), None)

    def remove_exception(self, modality: Modality, position: int) -> None:
        self.exceptions.pop((modality, int(position)), None)

    def sign(self, signature: Signature) -> bytes:
        """Keep the strokes and their rendering at print size (PNG); sign again to replace."""
        signature.validate()
        self.signature_png = render_png(signature)
        self.signature = signature
        return self.signature_png

    # ----- fingers ---------------------------------------------------------------------------------
    def _require(self, device: Device | None, what: str) -> Device:
        if device is None:
            raise DeviceError("106", f"Pemindai {what} tidak ditemukan: pasang pemindai lalu cari perangkat lagi.")
        return device

    def _capture(self, device: Device, **kw) -> list[CapturedItem]:
        items = self.client.capture(
            device, timeout_ms=self.t.capture_timeout_ms, previous_hash=self._previous_hash, **kw
        )
        self._previous_hash = items[-1].hash or self._previous_hash
        return items

    def _finger_images(self, step: FingerStep, wanted: list[FingerPosition], items: list[CapturedItem]):
        """(position, image, device record, device score) for each finger the device returned."""
        out = []
        for item in items:
            samples = read_finger_record(item.record)
            if len(samples) == 1 and samples[0].position == FingerPosition.UNKNOWN and len(wanted) > 1:
                # The whole slap in one image: segment it, fingers left to right as on the glass.
                segments = segment_slap(samples[0].image, len(wanted))
                if len(segments) == len(wanted):
                    out += [
                        (p, s.image, item.record, item.quality_score) for p, s in zip(wanted, segments, strict=True)
                    ]
                continue
            for s in samples:
                try:
                    pos = FingerPosition.from_sbi(item.bio_sub_type)
                except ValueError:
                    pos = s.position
                if pos == FingerPosition.UNKNOWN and len(wanted) == 1:
                    pos = wanted[0]
                if pos in wanted:
                    out.append((pos, s.image, item.record, item.quality_score))
        return out

    def capture_fingers(self, name: str) -> StepResult:
        """One attempt at finger step NAME. Raises DeviceError (message for the operator) when the
        device fails; that attempt is then not counted."""
        device = self._require(self.finger_device, "sidik jari")
        step = self.step(name)
        wanted = [p for p in step.positions if not self._excepted(Modality.FINGER, p)]
        attempt = self.attempts.get(name, 0) + 1
        if not wanted:
            return StepResult(
                name, attempt - 1, {}, {}, (), (), False, True, 0, ("Semua jari di langkah ini dikecualikan.",)
            )
        items = self._capture(
            device,
            sub_id=step.device_sub_id,
            count=len(wanted),
            bio_sub_types=[p.sbi_name for p in wanted] if step.device_sub_id == 0 else [],
            exceptions=[p.sbi_name for p in step.positions if p not in wanted],
            requested_score=self.t.finger_nfiq2_min,
        )
        new = {}
        for pos, image, device_record, device_score in self._finger_images(step, wanted, items):
            q = assess_finger(image, self.t, pos)
            new[pos] = FingerCapture(
                pos, q, finger_record(image, pos, q.nfiq2), device_record, device_score, attempt, image
            )
        refusal = self._same_finger(step, new)
        if refusal:
            return StepResult(
                name, attempt - 1, {p: c.score for p, c in new.items()},
                {p: self.fingers[p].score for p in wanted if p in self.fingers}, (), (), True,
                False, self.t.retries + 1 - (attempt - 1), tuple(refusal),
            )  # fmt: skip
        return self._keep_best(name, attempt, new, self.fingers, wanted, lambda: self.step_done(step), step.label)

    def _keep_best(self, name, attempt, new, store, wanted, done, what) -> StepResult:
        """Keep each finger's (eye's) best capture so far; say what this attempt leaves to do."""
        self.attempts[name] = attempt
        for key, cap in new.items():
            if key not in store or (cap.score or -1) > (store[key].score or -1):
                store[key] = cap
        missing = tuple(k for k in wanted if k not in new)
        below = tuple(k for k in wanted if k in store and not store[k].ok)
        retries_left = max(0, self.t.retries + 1 - attempt)
        messages = [f"{k.label}: tidak terekam, ulangi atau catat pengecualian." for k in missing]
        for k in below:
            messages += list(store[k].quality.messages)
        if below and not retries_left:
            messages.append("Batas pengulangan habis: hasil terbaik disimpan. Catat pengecualian bila memang rusak.")
        finished = done()
        if finished and not messages:
            messages.append(f"{what}: terekam baik.")
        kept = {k: store[k].score for k in wanted if k in store}
        scores = {k: c.score for k, c in new.items()}
        return StepResult(name, attempt, scores, kept, below, missing, False, finished, retries_left, tuple(messages))

    def _same_finger(self, step: FingerStep, new: dict[FingerPosition, FingerCapture]) -> list[str]:
        """Messages refusing the attempt when a finger in it matches another position's finger."""
        others = [(p, c) for p, c in self.fingers.items() if p not in new]
        pairs = []
        fresh = list(new.items())
        for i, (p, c) in enumerate(fresh):
            for q, d in fresh[i + 1 :] + others:
                if match(c.quality, d.quality, self.t).same:
                    pairs.append((p, q))
        if not pairs:
            return []
        messages = [f"Sidik {p.label} sama dengan {q.label}: jari yang sama ditempelkan dua kali." for p, q in pairs]
        hands = {q.hand for _, q in pairs if q not in new}
        if len(pairs) >= 2 and hands and all(h != step.positions[0].hand for h in hands):
            messages.insert(0, "Tangan yang sama ditempelkan dua kali: gunakan tangan yang diminta.")
        messages.append(f"Ulangi {step.label.lower()} dengan jari yang benar.")
        return messages

    # ----- irises -----------------------------------------------------------------------------------
    def capture_irises(self) -> StepResult:
        """One attempt at both irises (or the one not excepted)."""
        device = self._require(self.iris_device, "iris")
        wanted = [e for e in EYES if not self._excepted(Modality.IRIS, e)]
        attempt = self.attempts.get("irises", 0) + 1
        if not wanted:
            return StepResult("irises", attempt - 1, {}, {}, (), (), False, True, 0, ("Kedua mata dikecualikan.",))
        if len(wanted) == 2 and 3 in device.sub_ids:
            batches = [(3, wanted)]
        else:
            batches = [(1 if e == Eye.LEFT else 2, [e]) for e in wanted]
        new: dict[Eye, IrisCapture] = {}
        for sub_id, eyes in batches:
            items = self._capture(
                device,
                sub_id=sub_id,
                count=len(eyes),
                exceptions=[e.sbi_name for e in EYES if e not in wanted],
                requested_score=self.t.iris_quality_min,
            )
            for item in items:
                for s in read_iris_record(item.record):
                    try:
                        eye = Eye.from_sbi(item.bio_sub_type)
                    except ValueError:
                        eye = s.eye
                    if eye == Eye.UNKNOWN and len(eyes) == 1:
                        eye = eyes[0]
                    if eye in eyes:
                        q = assess_iris(s.image, self.t, eye)
                        new[eye] = IrisCapture(eye, q, item.record, item.quality_score, attempt, s.image)
        return self._keep_best("irises", attempt, new, self.irises, wanted, self.irises_done, "Kedua iris")

    # ----- verification ----------------------------------------------------------------------------
    def verify(self, position: FingerPosition | None = None) -> Verification:
        """One attempt: the citizen presents an index finger again (the right one first); it must match
        its capture. Without index fingers, any captured finger is used."""
        device = self._require(self.finger_device, "sidik jari")
        if position is None:
            order = [p for p in INDEX_FINGERS if p in self.fingers] or sorted(self.fingers)
            if not order:
                raise DeviceError("101", "Tidak ada sidik jari terekam untuk verifikasi.")
            position = order[0]
        enrolled = self.fingers.get(position)
        if enrolled is None:
            raise DeviceError("101", f"{position.label} belum terekam: pilih jari lain untuk verifikasi.")
        step = next(s for s in self.finger_steps if position in s.positions)
        items = self._capture(
            device,
            sub_id=step.device_sub_id,
            count=1,
            bio_sub_types=[position.sbi_name],
            requested_score=self.t.finger_nfiq2_min,
        )
        self._verify_attempts += 1
        images = self._finger_images(step, [position], items)
        if not images:
            v = Verification(position, None, False, self._verify_attempts, f"{position.label} tidak terbaca: ulangi.")
        else:
            q = assess_finger(images[0][1], self.t, position)
            score = match(q, enrolled.quality, self.t)
            if score.same:
                text = f"Verifikasi berhasil: {position.label} cocok (skor {score.raw})."
            elif self._verify_attempts > self.t.retries:
                text = f"{position.label} tidak cocok (skor {score.raw}). Batas ulang habis: panggil supervisor."
            else:
                text = f"{position.label} tidak cocok (skor {score.raw}): ulangi, tekan jari di tengah kaca."
            v = Verification(position, score, score.same, self._verify_attempts, text)
        self.verification = v
        return v

    # ----- result --------------------------------------------------------------------------------------
    def record(self) -> BiometricRecord:
        return BiometricRecord(
            dict(self.fingers),
            dict(self.irises),
            tuple(self.exceptions.values()),
            self.verification,
            self.signature,
            self.signature_png,
        )
