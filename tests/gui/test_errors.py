from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from casebook.domain import errors
from casebook.gui.errors import describe_error, show_error


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (errors.WrongPassphraseError("w"), "wrong-passphrase"),
        (errors.DamagedKeyFileError("d"), "damaged"),
        (errors.DamagedDatabaseError("d"), "damaged"),
        (errors.UnsafeParametersError("d"), "damaged"),
        (errors.DamagedDataError("d"), "damaged"),
        (errors.VaultNotFoundError("n"), "not-found"),
        (errors.VaultExistsError("e"), "exists"),
        (errors.VaultLockedError("l"), "locked"),
        (errors.NewerFormatError("n"), "newer-format"),
        (errors.PermissionDeniedError("p"), "not-allowed"),
        (errors.ValidationError("v"), "invalid"),
        (errors.UsageError("u"), "invalid"),
        (errors.CasebookError("c"), "failed"),
        (PermissionError(13, "Permission denied", "/media/usb/vault"), "file-system"),
    ],
)
def test_each_error_class_has_its_words(exc: BaseException, kind: str) -> None:
    text = describe_error(exc)
    assert text.kind == kind
    assert text.title and text.summary
    if isinstance(exc, errors.CasebookError):
        assert text.detail == exc.message
    else:
        assert "/media/usb/vault" in text.detail


def test_damaged_and_wrong_passphrase_read_differently() -> None:
    damaged = describe_error(errors.DamagedKeyFileError("x"))
    wrong = describe_error(errors.WrongPassphraseError("x"))
    assert damaged.title != wrong.title and damaged.summary != wrong.summary


def test_unexpected_error_hides_details(qtbot: QtBot) -> None:
    exc = KeyError("secret witness name")
    text = describe_error(exc)
    assert text.kind == "unexpected"
    assert "secret" not in text.full_text() and "KeyError" not in text.full_text()
    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_error(parent, exc)
    assert "secret" not in box.text() + box.informativeText() + box.detailedText()
    assert "Traceback" not in box.text() + box.informativeText() + box.detailedText()
    box.close()


def test_error_box_shows_core_message(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    exc = errors.DamagedKeyFileError(f"The key file {tmp_path}/vault.key is damaged.")
    box = show_error(parent, exc)
    assert box.windowTitle() == describe_error(exc).title
    assert "vault.key" in box.informativeText()
    box.close()
