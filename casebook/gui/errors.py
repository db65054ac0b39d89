"""The one place where errors become words in the interface (DESIGN.md section 2).

Each CasebookError class maps to a translated title and a plain-language summary;
the error's own message (which names the file and says what to do) is shown under
it. Anything else is an unexpected problem: the person gets a generic dialog, never
a traceback, and only the exception's type goes to the log (messages may quote data).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from casebook.domain.errors import (
    CasebookError,
    DamagedDatabaseError,
    DamagedDataError,
    DamagedKeyFileError,
    NewerFormatError,
    PackageNotForYouError,
    PackageOutOfOrderError,
    PackageRefusedError,
    PermissionDeniedError,
    UnsafeParametersError,
    UsageError,
    ValidationError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from casebook.taxonomy.update import TaxonomyUpdateRefusedError

_log = logging.getLogger(__name__)
_CONTEXT = "Errors"


def _t(text: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(text))


# Most specific class first: the first isinstance match wins.
_MAPPING: tuple[tuple[type[BaseException], str, object, object], ...] = (
    (
        WrongPassphraseError,
        "wrong-passphrase",
        QT_TRANSLATE_NOOP("Errors", "Wrong passphrase"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "This passphrase does not open the vault. Check the keyboard language "
            "and Caps Lock, then try again.",
        ),
    ),
    (
        UnsafeParametersError,
        "damaged",
        QT_TRANSLATE_NOOP("Errors", "Damaged key file"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The vault's key file asks for unsafe settings. It was damaged or altered, "
            "so Casebook did not try your passphrase.",
        ),
    ),
    (
        DamagedKeyFileError,
        "damaged",
        QT_TRANSLATE_NOOP("Errors", "Damaged key file"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The vault's key file is damaged, so Casebook cannot open the vault. "
            "This is not a problem with your passphrase.",
        ),
    ),
    (
        DamagedDatabaseError,
        "damaged",
        QT_TRANSLATE_NOOP("Errors", "Damaged database"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The vault's database is damaged or does not belong to this vault. "
            "This is not a problem with your passphrase.",
        ),
    ),
    (
        # Before DamagedDataError, of which it is a kind.
        PackageRefusedError,
        "package-refused",
        QT_TRANSLATE_NOOP("Errors", "Package refused"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Casebook refused this package: it was altered or damaged, is not from a "
            "verified contact, or does not continue what you received from its sender "
            "before. Nothing was imported.",
        ),
    ),
    (
        PackageNotForYouError,
        "package-not-for-you",
        QT_TRANSLATE_NOOP("Errors", "Package not for you"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "This package was not encrypted to you, so it cannot be opened. Nothing was "
            "imported.",
        ),
    ),
    (
        PackageOutOfOrderError,
        "package-out-of-order",
        QT_TRANSLATE_NOOP("Errors", "An earlier package is missing"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "This package follows an earlier one from the same sender that you have not "
            "imported yet. Import that one first. Nothing was imported.",
        ),
    ),
    (
        DamagedDataError,
        "damaged",
        QT_TRANSLATE_NOOP("Errors", "Damaged data"),
        QT_TRANSLATE_NOOP("Errors", "A file of the vault is damaged or was altered."),
    ),
    (
        VaultNotFoundError,
        "not-found",
        QT_TRANSLATE_NOOP("Errors", "No vault found"),
        QT_TRANSLATE_NOOP("Errors", "There is no Casebook vault in this folder."),
    ),
    (
        VaultExistsError,
        "exists",
        QT_TRANSLATE_NOOP("Errors", "Folder not empty"),
        QT_TRANSLATE_NOOP("Errors", "A new vault needs an empty or new folder."),
    ),
    (
        VaultLockedError,
        "locked",
        QT_TRANSLATE_NOOP("Errors", "Vault locked"),
        QT_TRANSLATE_NOOP("Errors", "The vault is locked. Unlock it to continue."),
    ),
    (
        NewerFormatError,
        "newer-format",
        QT_TRANSLATE_NOOP("Errors", "Newer Casebook needed"),
        QT_TRANSLATE_NOOP(
            "Errors", "This file was written by a newer version of Casebook."
        ),
    ),
    (
        TaxonomyUpdateRefusedError,
        "refused",
        QT_TRANSLATE_NOOP("Errors", "Taxonomy not changed"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "This file cannot update the vault's taxonomy, so nothing was changed.",
        ),
    ),
    (
        PermissionDeniedError,
        "not-allowed",
        QT_TRANSLATE_NOOP("Errors", "Not allowed"),
        QT_TRANSLATE_NOOP("Errors", "Your role does not allow this."),
    ),
    (
        ValidationError,
        "invalid",
        QT_TRANSLATE_NOOP("Errors", "Please check your entry"),
        QT_TRANSLATE_NOOP("Errors", "Some of what you entered cannot be used."),
    ),
    (
        UsageError,
        "invalid",
        QT_TRANSLATE_NOOP("Errors", "Please check your entry"),
        QT_TRANSLATE_NOOP("Errors", "Some of what you entered cannot be used."),
    ),
    (
        CasebookError,
        "failed",
        QT_TRANSLATE_NOOP("Errors", "Could not finish"),
        QT_TRANSLATE_NOOP("Errors", "Casebook could not finish this action."),
    ),
    (
        OSError,
        "file-system",
        QT_TRANSLATE_NOOP("Errors", "File problem"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Casebook could not read or write a file. Check that the folder exists, "
            "that you may write to it and that the disk is not full.",
        ),
    ),
)

_UNEXPECTED_TITLE = QT_TRANSLATE_NOOP("Errors", "Unexpected problem")
_UNEXPECTED_SUMMARY = QT_TRANSLATE_NOOP(
    "Errors",
    "Something unexpected stopped this action. You can try again; if it happens "
    "again, lock the vault and restart Casebook.",
)


@dataclass(frozen=True, slots=True)
class ErrorText:
    kind: str  # stable, untranslated: "wrong-passphrase", "damaged", ..., "unexpected"
    title: str
    summary: str
    detail: str  # the error's own message; empty for unexpected errors

    def full_text(self) -> str:
        return f"{self.summary}\n\n{self.detail}" if self.detail else self.summary


def describe_error(exc: BaseException) -> ErrorText:
    for cls, kind, title, summary in _MAPPING:
        if isinstance(exc, cls):
            return ErrorText(kind, _t(title), _t(summary), _detail(exc))
    _log.error("unexpected error: %s", type(exc).__name__)
    return ErrorText("unexpected", _t(_UNEXPECTED_TITLE), _t(_UNEXPECTED_SUMMARY), "")


def _detail(exc: BaseException) -> str:
    if isinstance(exc, CasebookError):
        return exc.message
    if isinstance(exc, OSError):
        parts = [exc.strerror or type(exc).__name__]
        if exc.filename:
            parts.append(str(exc.filename))
        return ": ".join(parts)
    return ""


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show ``exc`` in a window-modal box without blocking (no nested event loop,
    so a lock can close the box at any time)."""
    text = describe_error(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(text.title)
    box.setText(text.summary)
    if text.detail:
        box.setInformativeText(text.detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("error_box")
    box.setProperty("errorKind", text.kind)
    box.open()
    return box
