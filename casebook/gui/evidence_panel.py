"""The incident's evidence files: list (name, size, SHA-256 taken at ingest), add by
button or by dropping files, encrypt in a worker with a progress bar, preview images
from memory only, and save a decrypted copy after a warning.

A preview never goes through a file: the decrypted bytes are read into memory by
``EvidenceService.read_into_memory`` and decoded with ``QImage.loadFromData``. The
image is dropped when another file is chosen, the editor closes or the vault locks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontDatabase, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.form_widgets import ErrorLabel
from casebook.gui.labels import standalone
from casebook.gui.workers import ProgressRelay, Task
from casebook.services.evidence import AttachmentInfo

PREVIEW_SIZE = 360


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.is_file()]


class EvidencePanel(QWidget):
    files_changed = Signal()

    def __init__(
        self, context: EditorContext, owner: Callable[[], str | None],
        ensure_owner: Callable[[], bool], parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evidence_panel")
        self.setAcceptDrops(True)
        self.context = context
        self._owner = owner
        self._ensure_owner = ensure_owner
        self._queue: list[Path] = []
        self._task: Task | None = None
        self._size = 0
        self.attachments: list[AttachmentInfo] = []
        self.preview_image: QImage | None = None
        self._build_table()
        self._build_controls()

    def _build_table(self) -> None:
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("evidence_table")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Size"), "SHA-256"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        # Files dropped on the list are handled by the panel, not by the table.
        self.table.setAcceptDrops(False)
        self.table.viewport().setAcceptDrops(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.itemActivated.connect(lambda _item: self.preview_selected())
        self.table.currentCellChanged.connect(lambda *_a: self._selection_changed())

    def _build_controls(self) -> None:
        self.add_button = QPushButton(self.tr("Add file…"))
        self.add_button.setObjectName("add_file")
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("preview_file")
        self.copy_button = QPushButton(self.tr("Save a decrypted copy…"))
        self.copy_button.setObjectName("save_copy")
        self.add_button.clicked.connect(self.choose_files)
        self.preview_button.clicked.connect(self.preview_selected)
        self.copy_button.clicked.connect(self.ask_save_copy)
        self.progress = QProgressBar()
        self.progress.setObjectName("evidence_progress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.error = ErrorLabel()
        self.digest = QLabel()
        self.digest.setObjectName("evidence_digest")
        self.digest.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digest.setWordWrap(True)
        hint = QLabel(
            self.tr("Drop files here to add them. They are encrypted into the vault; "
                    "the originals are not changed or removed.")
        )
        hint.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("evidence_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumWidth(200)
        self.preview.setText(self.tr("Choose an image and press Preview."))
        self.preview.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.digest)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.error)
        left_layout.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(left, 2)
        layout.addWidget(self.preview, 1)

    @property
    def busy(self) -> bool:
        return self._task is not None

    # listing

    def refresh(self) -> None:
        owner_id = self._owner()
        self.attachments = self.context.evidence.attachments(owner_id) if owner_id else []
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.table.setRowCount(len(self.attachments))
        for row, info in enumerate(self.attachments):
            name = QTableWidgetItem(info.file_name)
            name.setToolTip(info.media_type)
            size = QTableWidgetItem(standalone(QLocale().formattedDataSize(info.size)))
            digest = QTableWidgetItem(standalone(info.sha256))
            digest.setFont(mono)
            digest.setToolTip(info.sha256)
            for column, item in enumerate((name, size, digest)):
                self.table.setItem(row, column, item)
        self.files_changed.emit()

    def selected(self) -> AttachmentInfo | None:
        row = self.table.currentRow()
        return self.attachments[row] if 0 <= row < len(self.attachments) else None

    # adding

    def choose_files(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Add evidence files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda files: self.attach_files([Path(f) for f in files]))
        dialog.open()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.attach_files(files)
        else:
            event.ignore()

    def attach_files(self, files: list[Path]) -> bool:
        if not files or not self._ensure_owner():
            return False
        self._queue.extend(files)
        if self._task is None:
            self._attach_next()
        return True

    def _attach_next(self) -> None:
        if not self._queue:
            self._set_busy(False)
            return
        path = self._queue.pop(0)
        owner_id = self._owner()
        assert owner_id is not None
        try:
            self._size = max(path.stat().st_size, 1)
        except OSError as exc:
            self._failed(exc)
            return
        relay = self._relay()
        evidence = self.context.evidence
        self._set_busy(True)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Encrypting {name}… %p%").format(name=path.name))
        self._task = self.context.runner.submit(
            lambda: evidence.attach(owner_id, path, progress=relay.report),
            self._attached, self._failed, on_finished=relay.deleteLater,
        )

    def _relay(self) -> ProgressRelay:
        """A relay for a job's progress, owned by the runner until the job ends. It
        reaches this panel through a method, so a panel closed at lock simply stops
        hearing from a job that is still finishing."""
        relay = ProgressRelay(self.context.runner)
        relay.progressed.connect(self._show_progress)
        return relay

    def _show_progress(self, done: int) -> None:
        self.progress.setValue(min(100, done * 100 // self._size))

    def _attached(self, _result: object) -> None:
        self._task = None
        self.progress.setValue(100)
        self.refresh()
        self._attach_next()

    def _failed(self, exc: object) -> None:
        self._task = None
        self._queue.clear()
        self._set_busy(False)
        assert isinstance(exc, BaseException)
        show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (self.add_button, self.copy_button):
            button.setEnabled(not busy)

    # preview (memory only)

    def preview_selected(self) -> bool:
        info = self.selected()
        self.drop_preview()
        if info is None:
            return False
        if not info.media_type.startswith("image/"):
            self.preview.setText(self.tr("Only images can be previewed. Save a decrypted "
                                         "copy to open other files."))
            return False
        evidence = self.context.evidence
        self.preview.setText(self.tr("Decrypting…"))
        self.context.runner.submit(
            lambda: evidence.read_into_memory(info.id), self._show_preview, self._failed
        )
        return True

    def _show_preview(self, data: object) -> None:
        assert isinstance(data, bytes)
        image = QImage()
        if not image.loadFromData(data):
            self.preview.setText(self.tr("This image cannot be shown."))
            return
        self.preview_image = image
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                PREVIEW_SIZE, PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _selection_changed(self) -> None:
        """Show the chosen file's whole SHA-256 (to compare with a copy) and forget
        the preview of the one before."""
        self.drop_preview()
        info = self.selected()
        self.digest.setText(standalone(f"SHA-256 {info.sha256}") if info else "")

    def drop_preview(self) -> None:
        self.preview_image = None
        self.preview.clear()

    # decrypted copy

    def ask_save_copy(self) -> QMessageBox | None:
        info = self.selected()
        if info is None:
            return None
        box = QMessageBox(self)
        box.setObjectName("decrypted_copy_box")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Save a decrypted copy"))
        box.setText(self.tr("The copy will not be protected."))
        box.setInformativeText(
            self.tr(
                "Anyone who can open the folder you choose, or who takes this computer, "
                "can read the copy. Casebook notes in the audit trail that a copy was made. "
                "Delete the copy when you no longer need it."
            )
        )
        go = box.addButton(self.tr("Choose where…"), QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("copy_anyway")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda _r: self._choose_target(info) if box.clickedButton() is go else None
        )
        box.open()
        return box

    def _choose_target(self, info: AttachmentInfo) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Save a decrypted copy"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(info.file_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda target: self.save_copy(info, Path(target)))
        dialog.open()
        return dialog

    def save_copy(self, info: AttachmentInfo, target: Path) -> None:
        self._size = max(info.size, 1)
        relay = self._relay()
        evidence = self.context.evidence
        self._set_busy(True)
        self.progress.setFormat(self.tr("Decrypting {name}… %p%").format(name=info.file_name))

        def saved(_result: object) -> None:
            self._task = None
            self._set_busy(False)

        self._task = self.context.runner.submit(
            lambda: evidence.save_decrypted_copy(info.id, target, progress=relay.report),
            saved, self._failed, on_finished=relay.deleteLater,
        )
