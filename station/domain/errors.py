"""One base for every error the station reports to a person.

str(error) is the operator's Indonesian sentence: what happened and what to do. `code` names the kind of
failure for logs (never personal data), and `exit_code` is what the command line returns for it, so the
CLI maps errors to exit codes without knowing each class.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What `python -m station ...` returns; scripts rely on these numbers."""

    OK = 0
    FAILED = 1  # something could not be done: a file not judged, records still waiting
    INPUT = 2  # wrong input, or the station is not set up
    STORAGE = 3  # the database could not do it
    AUDIT_BROKEN = 4  # the audit trail does not verify
    BUNDLE_REFUSED = 5
    BUNDLE_CONFLICTS = 6
    NOT_ALLOWED = 7  # the logged-in role may not do this
    LOGIN = 8  # wrong password, account locked, or nobody logged in
    INTERRUPTED = 130


class StationError(Exception):
    code = "error"
    exit_code = ExitCode.FAILED


class NotAllowed(StationError):
    """The logged-in person's role may not do this (the permission table in domain.permissions)."""

    code = "not_allowed"
    exit_code = ExitCode.NOT_ALLOWED


class InvalidTransition(StationError):
    """A record cannot move from its state to the asked one (the life cycle in domain.lifecycle)."""

    code = "invalid_transition"
    exit_code = ExitCode.INPUT


class InvalidInput(StationError):
    """Input that breaks a rule: a form field, a waiver, a setting, a file that is not what it claims."""

    code = "invalid_input"
    exit_code = ExitCode.INPUT


class LoginNeeded(StationError):
    """A password did not open the station, an account is locked, or nobody is logged in."""

    code = "login"
    exit_code = ExitCode.LOGIN
