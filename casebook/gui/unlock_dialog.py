"""Asking for the passphrase of a known vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading
from casebook.gui.labels import standalone
from casebook.gui.workers import Task, TaskRunner
from casebook.services.vault_service import VaultSession, unlock_vault


def unlock_with_warnings(folder: Path, passphrase: str) -> tuple[VaultSession, tuple[str, ...]]:
    """Worker job: unlock, then read the vault's warnings while still off the GUI thread."""
    session = unlock_vault(folder, passphrase)
    try:
        warnings = session.info().warnings
    except BaseException:
        session.lock()
        raise
    return session, warnings


class UnlockDialog(QDialog):
    unlocked = Signal(object, object)  # VaultSession, tuple of warning texts
    other_vault_requested = Signal()
    closed_by_user = Signal()

    def __init__(self, runner: TaskRunner, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlock_dialog")
        self._runner = runner
        self.folder = folder
        self._task: Task | None = None
        self._dismissed = False
        self.setWindowTitle(self.tr("Unlock Casebook"))

        folder_label = QLabel(standalone(str(folder)))
        folder_label.setObjectName("vault_folder")
        folder_label.setTextFormat(Qt.TextFormat.PlainText)
        folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_label.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.unlock)
        form = QFormLayout()
        form.addRow(self.tr("Vault:"), folder_label)
        form.addRow(self.tr("Passphrase:"), self.passphrase)

        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        self.other_button = QPushButton(self.tr("Open another vault…"))
        self.other_button.setObjectName("other_vault")
        self.other_button.setAutoDefault(False)
        self.other_button.clicked.connect(self.other_vault_requested)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Unlock your vault")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(520, 260)
        self.passphrase.setFocus()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def unlock(self) -> None:
        if self._task is not None:
            return
        secret = self.passphrase.text()
        if not secret:
            self.error.show_message(self.tr("Enter the vault's passphrase."))
            return
        self.error.clear_message()
        folder = self.folder
        self._set_busy(True)
        self._task = self._runner.submit(
            lambda: unlock_with_warnings(folder, secret),
            self._succeeded,
            self._failed,
            on_discard=_lock_result,
        )

    def _succeeded(self, result: object) -> None:
        self._task = None
        self.passphrase.clear()
        self._set_busy(False)
        assert isinstance(result, tuple)
        session, warnings = result
        self.unlocked.emit(session, warnings)

    def _failed(self, exc: object) -> None:
        self._task = None
        self._set_busy(False)
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        if text.kind == "wrong-passphrase":
            # The core's message repeats the folder path; the summary says it all.
            self.error.show_message(text.summary, text.kind)
        else:
            self.error.show_message(text.full_text(), text.kind)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.other_button.setEnabled(not busy)
        self.busy_bar.setVisible(busy)

    def dismiss(self) -> None:
        """Close because the controller moves on (not because the person quit)."""
        self._dismissed = True
        self.close()

    def reject(self) -> None:
        # Escape and the window's close button both end here.
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.passphrase.clear()
        # Not QDialog.closeEvent: it would call reject(), which comes back here.
        event.accept()
        if not self._dismissed:
            self.closed_by_user.emit()


def _lock_result(result: object) -> None:
    if isinstance(result, tuple) and isinstance(result[0], VaultSession):
        result[0].lock()
