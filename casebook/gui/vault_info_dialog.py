"""Vault information: where it is, its users with their roles and key fingerprints."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.content_dialog import ContentDialog
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, read_only_rows, value_label
from casebook.gui.labels import isolate, role_label, standalone
from casebook.gui.notices import describe_notices
from casebook.gui.workers import TaskRunner
from casebook.services.vault_service import VaultInfo, VaultSession

FINGERPRINT_COLUMN = 2


def _local_date(iso: str) -> str:
    date = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    return QLocale().toString(date, QLocale.FormatType.ShortFormat) if date.isValid() else iso


class VaultInfoDialog(ContentDialog):
    def __init__(
        self, runner: TaskRunner, session: VaultSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("vault_info_dialog")
        self._session = session
        self.setWindowTitle(self.tr("Vault information"))

        self.folder = value_label("info_folder")
        self.vault_id = value_label("info_vault_id")
        self.audit_entries = value_label("info_audit_entries")
        self.version = value_label("info_version")
        form = QFormLayout()
        form.addRow(self.tr("Folder:"), self.folder)
        form.addRow(self.tr("Vault ID:"), self.vault_id)
        form.addRow(self.tr("Audit entries:"), self.audit_entries)
        form.addRow(self.tr("Casebook version:"), self.version)

        self.users = QTableWidget(0, 4)
        self.users.setObjectName("users_table")
        self.users.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Key fingerprint"), self.tr("Added")]
        )
        read_only_rows(self.users)
        header = self.users.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        fingerprint_help = QLabel(
            self.tr(
                "Compare fingerprints in person or by phone to be sure a package or "
                "dossier was signed by the person you think."
            )
        )
        fingerprint_help.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("info_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.hide()
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy fingerprint"))
        self.copy_button.setObjectName("copy_fingerprint")
        self.copy_button.setEnabled(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_fingerprint)
        self.users.itemSelectionChanged.connect(
            lambda: self.copy_button.setEnabled(bool(self.users.selectedItems()))
        )

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Users of this vault:")))
        layout.addWidget(self.users, 1)
        layout.addWidget(fingerprint_help)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        self.resize(760, 440)

    def refresh(self) -> None:
        if self.busy:
            return
        self.error.clear_message()
        self.run_job(self._session.info, self._show, self._failed)

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)

    def _show(self, info: VaultInfo) -> None:
        self.folder.setText(standalone(info.path))
        self.vault_id.setText(standalone(info.vault_id))
        self.audit_entries.setText(standalone(QLocale().toString(info.audit_entries)))
        self.version.setText(standalone(info.app_version))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.users.setRowCount(len(info.users))
        for row, user in enumerate(info.users):
            name = standalone(user.name)
            if user.is_current:
                name = self.tr("{name} (you)").format(name=isolate(user.name))
            # Every cell led by a direction mark, so LTR content (hex, a Latin name,
            # digits) still lines up at the start of the column in the Arabic interface.
            fingerprint = QTableWidgetItem(standalone(user.fingerprint))
            fingerprint.setFont(mono)
            fingerprint.setData(Qt.ItemDataRole.UserRole, user.fingerprint)
            cells = [
                QTableWidgetItem(name),
                QTableWidgetItem(role_label(user.role)),
                fingerprint,
                QTableWidgetItem(standalone(_local_date(user.created_at))),
            ]
            for column, item in enumerate(cells):
                self.users.setItem(row, column, item)
        if info.warnings:
            self.warnings.setText("\n".join(describe_notices(info.warnings)))
            self.warnings.show()
        else:
            self.warnings.hide()

    def _failed(self, exc: BaseException) -> None:
        text = describe_error(exc)
        self.error.show_message(text.full_text(), text.kind)

    def copy_fingerprint(self) -> None:
        row = self.users.currentRow()
        item = self.users.item(row, FINGERPRINT_COLUMN) if row >= 0 else None
        if item is not None:
            QGuiApplication.clipboard().setText(str(item.data(Qt.ItemDataRole.UserRole)))
