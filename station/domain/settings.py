"""Every setting an office can change: its name, type and default, in one place.

Stored as one row per top-level key (JSON) so older databases read unchanged. A value of the wrong type (a
hand-edited row, an older version's shape) falls back to the default for that key instead of failing
somewhere far away: `daily_quota` is an int wherever it is read, and `station_id` has one default.

Secrets and bookkeeping (the keyring, lockouts, the station's keys, the audit cursor) are not settings: the
repositories that own them keep them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field, fields, replace
from typing import Any

from station.domain.antrean import DEFAULT_QUOTA
from station.domain.biometrics import BiometricThresholds
from station.domain.clock import WIB_HOURS
from station.domain.errors import InvalidInput

DEFAULT_TARGETS = {"Perekaman KTP-el": 99.2, "Akta kelahiran 0-18 th": 95.0, "KIA": 45.0}

# A sync batch's bytes: the centre takes at most 16 MiB a request (sync/server/limits.py), and a batch's blobs
# travel in one request.
MIN_BATCH_BYTES, MAX_BATCH_BYTES = 10_000, 12_000_000


@dataclass(frozen=True)
class Office:
    name: str = "Kantor Kecamatan"
    address: str = ""
    kabupaten: str = ""
    logo: str = ""  # path of a PNG/JPEG printed on papers
    head_name: str = ""
    head_title: str = "Camat"


@dataclass(frozen=True)
class Progress:
    """What the progress report compares against (the Dinas's targets and the kecamatan's population)."""

    targets: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    achieved: dict[str, float] = field(default_factory=dict)
    recorded_before: int = 0  # recorded before this station was installed
    wajib_ktp: int = 0  # residents who must hold an e-KTP; 0 = not set


@dataclass(frozen=True)
class SyncSettings:
    url: str = ""
    ca_bundle: str | None = None
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 60.0
    batch_bytes: int = 4_000_000  # where a pass starts; it grows to MAX_BATCH_BYTES while the link is fast
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 600.0


@dataclass(frozen=True)
class Settings:
    station_id: str = ""
    kecamatan: str = ""  # PP.KK.CC
    daily_quota: int = DEFAULT_QUOTA
    holidays: tuple[dt.date, ...] = ()
    idle_lock_minutes: int = 10
    review_required: bool = False  # end-of-day supervisor review before records leave
    camera: str | None = None  # webcam index, video file or image folder
    thermal: bool = True  # receipts on the 80 mm printer
    utc_offset_hours: float = WIB_HOURS
    office: Office = field(default_factory=Office)
    progress: Progress = field(default_factory=Progress)
    sync: SyncSettings = field(default_factory=SyncSettings)
    biometrics: BiometricThresholds = field(default_factory=BiometricThresholds)

    @property
    def configured(self) -> bool:
        return bool(self.station_id and self.kecamatan)

    def changed(self, **values: Any) -> Settings:
        """A copy with these keys changed, each checked against its type."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidInput(f"Pengaturan tidak dikenal: {', '.join(unknown)}.")
        out = replace(self, **{k: _coerce(self, k, v, strict=True) for k, v in values.items()})
        out.validate()
        return out

    def validate(self) -> None:
        if not 1 <= self.daily_quota <= 1000:
            raise InvalidInput("Kuota antrean per hari antara 1 dan 1000.")
        if not 1 <= self.idle_lock_minutes <= 120:
            raise InvalidInput("Kunci setelah diam antara 1 dan 120 menit.")
        if not -12 <= self.utc_offset_hours <= 14:
            raise InvalidInput("Zona waktu kantor tidak masuk akal.")
        if not MIN_BATCH_BYTES <= self.sync.batch_bytes <= MAX_BATCH_BYTES:
            raise InvalidInput("Ukuran batch sinkronisasi antara 10 KB dan 12 MB (batas permintaan server pusat).")
        self.biometrics.validate()

    # --- stored form --------------------------------------------------------------------------
    def to_rows(self) -> dict[str, Any]:
        """Top-level key -> JSON-ready value (one settings row each)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_rows(cls, rows: dict[str, Any]) -> Settings:
        """What is stored; a value of the wrong type or out of range (a hand-edited row) keeps its default."""
        out, names = cls(), {f.name for f in fields(cls)}
        for key, value in rows.items():
            if key not in names:
                continue
            candidate = replace(out, **{key: _coerce(out, key, value)})
            try:
                candidate.validate()
            except InvalidInput:
                continue
            out = candidate
        return out


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _coerce(base: Settings, key: str, value: Any, strict: bool = False) -> Any:
    """The stored or offered value as the field's type; the default when it cannot be (unless strict)."""
    default = getattr(base, key)
    try:
        return _as_type(default, value)
    except (TypeError, ValueError) as err:
        if strict:
            raise InvalidInput(f"Nilai pengaturan {key} tidak sah.") from err
        return default


def _as_type(default: Any, value: Any) -> Any:
    if dataclasses.is_dataclass(default):
        if isinstance(value, type(default)):
            return value
        if not isinstance(value, dict):
            raise TypeError(type(default).__name__)
        known = {f.name: f for f in fields(default)}
        return replace(default, **{k: _as_type(getattr(default, k), v) for k, v in value.items() if k in known})
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise TypeError("bool")
        return value
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, bool) or int(value) != float(value):
            raise TypeError("int")
        return int(value)
    if isinstance(default, float):
        if isinstance(value, bool):
            raise TypeError("float")
        return float(value)
    if isinstance(default, tuple):  # holidays
        return tuple(sorted(v if isinstance(v, dt.date) else dt.date.fromisoformat(v) for v in value))
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise TypeError("dict")
        return {str(k): float(v) for k, v in value.items()}
    if default is None or isinstance(default, str):  # str, or optional str
        if value is None:
            return None if default is None else ""
        return str(value)
    raise TypeError(type(default).__name__)
