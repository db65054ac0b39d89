"""Preferences: interface language and auto-lock delay."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.content_dialog import ContentDialog
from casebook.gui.settings import MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES, Settings
from casebook.gui.workers import TaskRunner

# Each language is named in itself, so someone who cannot read the current
# interface language can still find their own.
LANGUAGE_NAMES = (("en", "English"), ("ar", "العربية"))


class PreferencesDialog(ContentDialog):
    preferences_changed = Signal(bool)  # True when the language changed

    def __init__(
        self, runner: TaskRunner, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("preferences_dialog")
        self._settings = settings
        self.setWindowTitle(self.tr("Preferences"))

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("auto_lock_minutes")
        self.auto_lock.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(settings.auto_lock_minutes)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Lock after inactivity:"), self.auto_lock)
        explain = QLabel(
            self.tr(
                "Casebook locks the vault after this many minutes without keyboard, "
                "mouse or touch input. Press Ctrl+L to lock it at once."
            )
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(440, 220)

    def save(self) -> None:
        language = str(self.language.currentData())
        language_changed = language != self._settings.language
        self._settings.language = language
        self._settings.auto_lock_minutes = self.auto_lock.value()
        self.accept()
        self.preferences_changed.emit(language_changed)
