"""Changing the signed-in user's passphrase (rewraps their key slot only)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QWidget,
)

from casebook.gui.errors import describe_error
from casebook.gui.passphrase_dialog import PassphraseJobDialog
from casebook.gui.passphrase_widgets import NewPassphraseFields
from casebook.gui.workers import TaskRunner
from casebook.services.vault_service import KdfPolicy, VaultSession


class ChangePassphraseDialog(PassphraseJobDialog):
    passphrase_changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        session: VaultSession,
        policy: KdfPolicy,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("change_passphrase_dialog")
        self._session = session
        self._policy = policy
        self.setWindowTitle(self.tr("Change passphrase"))

        self.current = QLineEdit()
        self.current.setObjectName("current_passphrase")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Current passphrase:"), self.current)
        self.passphrase = NewPassphraseFields(form, self, lambda: (session.user.name,))
        self.change_button = self._assemble(
            self.tr(
                "Only your own passphrase changes. Other users keep theirs, and "
                "nothing in the vault is rewritten."
            ),
            form, self.tr("Change passphrase"), "change_passphrase",
        )
        self.resize(480, 320)

    def first_problem(self) -> str | None:
        if not self.current.text():
            return self.tr("Enter your current passphrase.")
        return None

    def start(self) -> None:
        session, policy = self._session, self._policy
        current, new = self.current.text(), self.passphrase.value()
        self.run_job(
            lambda: session.change_passphrase(current, new, policy), self._changed, self._failed
        )

    def set_busy(self, busy: bool) -> None:
        self.current.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.passphrase.set_enabled(not busy)
        self.busy_bar.setVisible(busy)

    def _changed(self, _result: object) -> None:
        self.current.clear()
        self.passphrase.clear()
        self.passphrase_changed.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        text = describe_error(exc)
        if text.kind == "wrong-passphrase":
            self.error.show_message(self.tr("The current passphrase is not correct."), text.kind)
            self.current.selectAll()
            self.current.setFocus()
        else:
            self.error.show_message(text.full_text(), text.kind)
