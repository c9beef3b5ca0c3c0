"""What every service shares: the database, the one clock, who is logged in, and the permission check.

The window and the command line never see this object; they see `Station` and its sub-objects.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from station.domain import permissions
from station.domain.clock import Clock
from station.domain.errors import NotAllowed
from station.domain.permissions import Action, Actor
from station.domain.regions import Regions, load_regions
from station.domain.settings import Settings
from station.pinning import CentralPin, central_pin
from station.quality.config import GateConfig
from station.storage import Database, UnitOfWork

log = logging.getLogger("station.services")


class Context:
    def __init__(self, data_dir: Path, db: Database, clock: Clock) -> None:
        self.data_dir, self.db, self.clock = Path(data_dir), db, clock
        self.who: Actor | None = None
        self.confirmation: Confirmation | None = None  # a supervisor's yes to one photo exception
        self.biometric_exceptions: set[tuple] = set()  # finger/eye exceptions a supervisor confirmed (Biometrics)
        self._regions: Regions | None = None
        self._gate_config: GateConfig | None = None
        self.reload_settings()  # before anything reads the clock: office time needs the office's zone

    def for_worker(self) -> Context:
        """The same station for a background thread: its own connections, the same key, clock and person."""
        other = Context(self.data_dir, self.db.for_worker(), self.clock)
        other.who = self.who
        return other

    # --- shared reads -------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    def reload_settings(self) -> Settings:
        """Read them again: another process (the CLI, the window) may have changed them."""
        with self.db.reader(self.clock) as uow:
            self.use_settings(uow.settings.load())
        return self._settings

    def use_settings(self, settings: Settings) -> None:
        """After a change: the cached copy and the clock's office time zone follow it."""
        self._settings = settings
        self.clock.utc_offset_hours = settings.utc_offset_hours

    @property
    def pin(self) -> CentralPin | None:
        """The central server the installer pinned (station.pinning), read afresh: PinError when untrusted."""
        return central_pin()

    @property
    def regions(self) -> Regions:
        if self._regions is None:
            self._regions = load_regions(self.data_dir)
        return self._regions

    def forget_regions(self) -> None:
        """New master data arrived: read the region list again when next needed."""
        self._regions = None

    @property
    def gate_config(self) -> GateConfig:
        if self._gate_config is None:
            self._gate_config = GateConfig.load(self.data_dir)
        return self._gate_config

    @property
    def actor(self) -> Actor:
        if self.who is None:
            raise NotAllowed("Masuk (login) dulu.")
        return self.who

    # --- the one door -------------------------------------------------------------------------
    def require(self, action: Action) -> Actor:
        """The permission table decides; a refusal is an audit entry before it is an error."""
        try:
            permissions.require(self.who.role if self.who else None, action)
        except NotAllowed:
            name = self.who.name if self.who else "?"
            with self.db.unit(self.clock) as uow:
                uow.audit.append(name, "refused", None, {"action": action.value})
                uow.commit()
            log.warning("refused action=%s role=%s", action.value, self.who.role if self.who else None)
            raise
        return self.actor

    @contextmanager
    def unit(self, action: Action | None = None) -> Iterator[UnitOfWork]:
        """A unit of work that may write, after checking that whoever is logged in may take `action`."""
        if action is not None:
            self.require(action)
        with self.db.unit(self.clock) as uow:
            yield uow

    @contextmanager
    def read(self, action: Action | None = None) -> Iterator[UnitOfWork]:
        """A read-only unit (no write lock), after the same check; None for data that is not personal."""
        if action is not None:
            self.require(action)
        with self.db.reader(self.clock) as uow:
            yield uow


class Confirmation:
    """A supervisor confirmed, with their own password, one photo exception for this operator: used once by the
    next accepted record, within a few minutes, for the checks it named."""

    VALID_SECONDS = 600

    def __init__(self, supervisor: str, operator: str, at: str) -> None:
        self.supervisor, self.operator, self.at = supervisor, operator, at
