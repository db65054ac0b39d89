"""Entering a new passphrase: two fields, a live strength meter, and the question
asked before a weak passphrase is accepted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from casebook.domain.passphrase import Strength, estimate_strength
from casebook.gui.labels import feedback_text, strength_label

_METER_COLOURS = ("#b3261e", "#b3261e", "#b06000", "#2e7d32", "#1b5e20")


class StrengthMeter(QWidget):
    """A bar with the strength in words and, for weak passphrases, a hint saying why.

    The hint is a separate widget (``hint``) so a form can give it a full-width row:
    a wrapped label squeezed into a form's field column gets too little height.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar()
        # Score 0..4 shown as 1..5 of 5, so "very weak" still shows a red sliver.
        self._bar.setRange(0, 5)
        self._bar.setTextVisible(False)
        self._bar.setFixedHeight(8)
        self._label = QLabel()
        self._label.setObjectName("strength_label")
        self.hint = QLabel()
        self.hint.setObjectName("strength_hint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet(f"color: {_METER_COLOURS[0]};")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._bar, 1)
        row.addWidget(self._label)
        self.strength: Strength | None = None
        self.show_strength(None)

    @property
    def hint_text(self) -> str:
        return self.hint.text()

    def show_strength(self, strength: Strength | None) -> None:
        self.strength = strength
        if strength is None:
            self._bar.setValue(0)
            self._label.setText("")
            self.hint.setText("")
            self.hint.hide()
            return
        self._bar.setValue(strength.score + 1)
        colour = _METER_COLOURS[max(0, min(4, strength.score))]
        self._bar.setStyleSheet(f"QProgressBar::chunk {{ background-color: {colour}; }}")
        self._label.setText(strength_label(strength.score))
        if strength.is_weak:
            lines = [
                self.tr(
                    "Weak: someone with a copy of the vault could guess it. "
                    "Use four or more unrelated words."
                )
            ]
            if strength.warning:
                lines.append(feedback_text(strength.warning))
            lines.extend(feedback_text(s) for s in strength.suggestions[:1])
            self.hint.setText("\n".join(lines))
            self.hint.show()
        else:
            self.hint.setText("")
            self.hint.hide()


class NewPassphraseFields(QObject):
    """The new-passphrase rows of a form: passphrase, repeat, strength.

    ``user_inputs`` gives words the estimate should treat as guessable (the user's
    own name).
    """

    def __init__(
        self,
        form: QFormLayout,
        parent: QWidget,
        user_inputs: Callable[[], tuple[str, ...]] = tuple,
    ) -> None:
        super().__init__(parent)
        self._user_inputs = user_inputs
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("new_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat_passphrase")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = StrengthMeter()
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Repeat passphrase:"), self.repeat)
        form.addRow(self.tr("Strength:"), self.meter)
        form.addRow(self.meter.hint)
        self.passphrase.textChanged.connect(self.refresh)

    def refresh(self) -> None:
        text = self.passphrase.text()
        self.meter.show_strength(
            estimate_strength(text, self._user_inputs()) if text else None
        )

    def problem(self) -> str | None:
        """Why the entry cannot be used yet, in words; None when it can."""
        if not self.passphrase.text():
            return self.tr("Enter a passphrase.")
        if self.passphrase.text() != self.repeat.text():
            return self.tr("The two passphrases are not the same.")
        return None

    def is_weak(self) -> bool:
        self.refresh()
        return self.meter.strength is not None and self.meter.strength.is_weak

    def value(self) -> str:
        return self.passphrase.text()

    def set_enabled(self, enabled: bool) -> None:
        self.passphrase.setEnabled(enabled)
        self.repeat.setEnabled(enabled)

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()


class WeakPassphraseQuestion(QObject):
    """Asks, without blocking, whether to go on with a weak passphrase."""

    def ask(self, parent: QWidget, on_yes: Callable[[], None]) -> QMessageBox:
        box = QMessageBox(parent)
        box.setObjectName("weak_passphrase_box")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Weak passphrase"))
        box.setText(
            self.tr(
                "This passphrase is weak. Anyone who copies the vault could try "
                "guesses against it without limit. Use it anyway?"
            )
        )
        use = box.addButton(self.tr("Use weak passphrase"), QMessageBox.ButtonRole.AcceptRole)
        use.setObjectName("use_weak")
        box.addButton(self.tr("Choose another"), QMessageBox.ButtonRole.RejectRole)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() == use:
                on_yes()

        box.finished.connect(answered)
        box.open()
        return box
