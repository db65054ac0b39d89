"""Adding a user (a key slot of their own) to the open vault."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from casebook.domain.users import Role, User
from casebook.gui.errors import describe_error
from casebook.gui.labels import role_label
from casebook.gui.passphrase_dialog import PassphraseJobDialog
from casebook.gui.passphrase_widgets import NewPassphraseFields
from casebook.gui.workers import TaskRunner
from casebook.services.vault_service import KdfPolicy, VaultSession


class AddUserDialog(PassphraseJobDialog):
    user_added = Signal(str)  # the new user's name

    def __init__(
        self,
        runner: TaskRunner,
        session: VaultSession,
        policy: KdfPolicy,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("add_user_dialog")
        self._session = session
        self._policy = policy
        self.setWindowTitle(self.tr("Add user"))

        self.name = QLineEdit()
        self.name.setObjectName("user_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        if session.user.role is not Role.SUPERVISOR:
            # The core refuses it too; offering it would only lead to an error.
            model = self.role.model()
            if isinstance(model, QStandardItemModel):
                item = model.item(self.role.findData(Role.SUPERVISOR.value))
                item.setEnabled(False)
                item.setToolTip(self.tr("Only a supervisor can add a supervisor."))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Role:"), self.role)
        self.passphrase = NewPassphraseFields(form, self, lambda: (self.name.text(),))
        self.add_button = self._assemble(
            self.tr(
                "Let the new user type their own passphrase here. They get their own "
                "key to the same vault, and can change the passphrase later."
            ),
            form, self.tr("Add user"), "add_user",
        )
        self.resize(480, 360)

    def first_problem(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Enter the new user's name.")
        return None

    def start(self) -> None:
        session, policy = self._session, self._policy
        name, secret = self.name.text(), self.passphrase.value()
        role = Role(self.role.currentData())
        self.run_job(
            lambda: session.add_user(name, role, secret, policy), self._added, self._failed
        )

    def set_busy(self, busy: bool) -> None:
        for widget in (self.name, self.role, self.buttons):
            widget.setEnabled(not busy)
        self.passphrase.set_enabled(not busy)
        self.busy_bar.setVisible(busy)

    def _added(self, user: User) -> None:
        self.passphrase.clear()
        self.user_added.emit(user.name)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        text = describe_error(exc)
        self.error.show_message(text.full_text(), text.kind)
