"""One citizen, one flow: a list of steps the flow walks in order.

    biodata -> foto -> persetujuan (the citizen approves the photo) -> [sidik jari, iris, tanda tangan] -> tinjau

A step is a page with `enter(citizen)` / `leave()`, a `ready(citizen)` test, and two signals: `finished` (go
on) and `back` (e.g. retake the photo). New steps (the biometric devices) are added to the list in
main_window.build_steps after the approval step; nothing else changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from station.ui.citizen import Citizen


class StepPage(QWidget):
    finished = Signal()
    back = Signal()
    key = "step"

    def title(self) -> str:  # translated in each step
        return self.key

    def needed(self, citizen: Citizen) -> bool:
        """Does this office walk this step at all (the biometric steps are off in a photo-only office)?"""
        return True

    def ready(self, citizen: Citizen) -> bool:
        """May this step be shown for the citizen (Tinjau needs a photo, the photo needs the biodata)?"""
        return citizen.ticket is not None or citizen.started

    def enter(self, citizen: Citizen) -> None:
        self.citizen = citizen

    def leave(self) -> None:
        pass


class CitizenFlow(QObject):
    """Walks one citizen through the steps; the window listens to `moved` to follow along."""

    moved = Signal(int)  # index of the step now shown (-1: none)
    done = Signal(object)  # the last step finished: the Citizen, accepted

    def __init__(self, steps: list[StepPage], stack: QStackedWidget) -> None:
        super().__init__()
        self.steps, self.stack = steps, stack
        self.citizen = Citizen()
        self.current = -1
        for i, step in enumerate(steps):
            step.finished.connect(lambda i=i: self._finished(i))
            step.back.connect(lambda i=i: self._back(i))

    def index_of(self, key: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.key == key)

    def start(self, citizen: Citizen) -> None:
        self.leave()
        self.citizen = citizen
        self.go(0)

    def go(self, index: int) -> bool:
        """Show step `index` if it is ready for this citizen; the one shown before is left first."""
        if not 0 <= index < len(self.steps):
            return False
        step = self.steps[index]
        if not step.ready(self.citizen):
            return False
        self.leave()
        self.current = index
        self.stack.setCurrentWidget(step)
        step.enter(self.citizen)
        self.moved.emit(index)
        return True

    def _back(self, index: int) -> None:
        """To the nearest earlier step that is still ready (a photo retake from Tinjau skips the approval)."""
        for j in range(index - 1, -1, -1):
            if self.go(j):
                return

    def _finished(self, index: int) -> None:
        following = [j for j in range(index + 1, len(self.steps)) if self.steps[j].needed(self.citizen)]
        if following:
            self.go(following[0])
        else:
            self.done.emit(self.citizen)

    def leave(self) -> None:
        """The window shows something else (the queue, Rekaman) or the citizen changes."""
        if self.current >= 0:
            self.steps[self.current].leave()
        self.current = -1

    def reset(self) -> None:
        self.leave()
        self.citizen = Citizen()
        self.moved.emit(-1)
