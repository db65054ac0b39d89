"""The one error hierarchy.

Every error a person can act on derives from :class:`CasebookError`. Each class
carries the CLI exit code it maps to; the GUI maps the same classes to dialog
titles in ``casebook.gui.errors``. Messages name the file involved and say what
to do; they never contain record content or key material.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    WRONG_PASSPHRASE = 3
    DAMAGED = 4


class CasebookError(Exception):
    """An error with a message meant for the person using Casebook."""

    exit_code: ExitCode = ExitCode.FAILED

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class UsageError(CasebookError):
    """The command or input was not understood."""

    exit_code = ExitCode.USAGE


class WrongPassphraseError(CasebookError):
    """No key slot opens with the passphrase given."""

    exit_code = ExitCode.WRONG_PASSPHRASE


class DamagedDataError(CasebookError):
    """A file is damaged, truncated or was altered."""

    exit_code = ExitCode.DAMAGED


class DamagedKeyFileError(DamagedDataError):
    """``vault.key`` (and its backup) cannot be read."""


class DamagedDatabaseError(DamagedDataError):
    """``casebook.db`` cannot be read with the vault's key."""


class UnsafeParametersError(DamagedDataError):
    """A file asks for key-derivation work outside sane bounds."""


class VaultNotFoundError(CasebookError):
    """The folder holds no vault."""


class VaultExistsError(CasebookError):
    """A vault (or other files) already sits where a new one was asked for."""


class VaultLockedError(CasebookError):
    """An operation needs an unlocked vault."""


class NewerFormatError(CasebookError):
    """A file was written by a newer Casebook than this one."""


class PermissionDeniedError(CasebookError):
    """The acting user's role does not allow this."""


class ValidationError(CasebookError):
    """Input that breaks a rule; ``field`` locates it."""

    exit_code = ExitCode.FAILED

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ImportValidationError(ValidationError):
    """An import file has invalid rows; ``problems`` lists each one, located by path
    (``persons[3].birth_date: not a date``). Nothing was imported."""

    def __init__(self, message: str, *, problems: tuple[str, ...]) -> None:
        super().__init__(message)
        self.problems = problems


class PackageRefusedError(DamagedDataError):
    """A case package was refused: truncated, altered, signed by an unknown or
    unverified key, or carrying a history that rewrites or rolls back what was already
    received from its sender. Nothing was imported."""


class PackageNotForYouError(CasebookError):
    """A case package was not encrypted to this vault's user. Nothing was imported."""


class PackageOutOfOrderError(CasebookError):
    """A case package continues from an earlier one from the same sender that this
    vault has not imported yet. Nothing was imported."""
