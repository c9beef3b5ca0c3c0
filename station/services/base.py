"""The shape every service shares: a handle on the station's Context."""

from __future__ import annotations

from station.services.context import Context


class Service:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
