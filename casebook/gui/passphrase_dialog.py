"""The shape shared by dialogs that take a new passphrase and run a key-slot job
(add a user, change a passphrase): explanation, form, inline error, busy bar,
buttons; checks before the job; the weak-passphrase question."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from casebook.gui.content_dialog import ContentDialog
from casebook.gui.form_widgets import ErrorLabel, busy_bar
from casebook.gui.passphrase_widgets import NewPassphraseFields, WeakPassphraseQuestion


class PassphraseJobDialog(ContentDialog):
    passphrase: NewPassphraseFields

    def _assemble(
        self, explanation: str, form: QFormLayout, accept_label: str, accept_name: str
    ) -> QPushButton:
        """Lay the dialog out around ``form``; returns the accept button."""
        explain = QLabel(explanation)
        explain.setWordWrap(True)
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        accept = self.buttons.addButton(accept_label, QDialogButtonBox.ButtonRole.AcceptRole)
        accept.setObjectName(accept_name)
        accept.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        return accept

    def first_problem(self) -> str | None:
        """What is missing before the job can run (subclasses add their own fields)."""
        return None

    def submit(self) -> None:
        if self.busy:
            return
        self.error.clear_message()
        problem = self.first_problem() or self.passphrase.problem()
        if problem:
            self.error.show_message(problem)
            return
        if self.passphrase.is_weak():
            WeakPassphraseQuestion(self).ask(self, self.start)
        else:
            self.start()

    def start(self) -> None:
        raise NotImplementedError
