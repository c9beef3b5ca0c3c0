"""What a rule found wrong with a form, in words an operator can act on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # refused: the form cannot be accepted until it is fixed
    WARNING = "warning"  # allowed once the operator confirms it (e.g. a pre-pemekaran region code)


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str  # Indonesian, shown beside the field
    severity: Severity = Severity.ERROR

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR
