"""One base for every error the station reports to a person.

str(error) is the operator's Indonesian sentence: what happened and what to do. `code` names the kind of
failure for logs (never personal data), and `exit_code` is what the command line returns for it, so the
CLI maps errors to exit codes without knowing each class.
"""

from __future__ import annotations


class StationError(Exception):
    code = "error"
    exit_code = 1


class NotAllowed(StationError):
    """The logged-in person's role may not do this (the permission table in domain.permissions)."""

    code = "not_allowed"
    exit_code = 7


class InvalidTransition(StationError):
    """A record cannot move from its state to the asked one (the life cycle in domain.lifecycle)."""

    code = "invalid_transition"
    exit_code = 2


class InvalidInput(StationError):
    """Input that breaks a rule: a form field, a waiver, a setting, a file that is not what it claims."""

    code = "invalid_input"
    exit_code = 2
