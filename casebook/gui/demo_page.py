""""Open the demo" on the first-run window: a vault filled with the fictional demo
data set, to try Casebook without real data.

The vault is created (or, if the folder already holds the demo, unlocked) in a
worker; the demo's passphrase is no secret and is shown to the person afterwards
so they can open the demo again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading
from casebook.gui.labels import standalone
from casebook.gui.workers import Task, TaskRunner
from casebook.services.demo import DEMO_PASSPHRASE, create_demo_vault
from casebook.services.vault_service import (
    KdfPolicy,
    VaultSession,
    looks_like_vault,
    unlock_vault,
)


def open_demo(folder: Path, policy: KdfPolicy) -> tuple[VaultSession, str]:
    """Create the demo vault at ``folder``, or unlock the demo already there."""
    if looks_like_vault(folder):
        return unlock_vault(folder, DEMO_PASSPHRASE), DEMO_PASSPHRASE
    demo = create_demo_vault(folder, policy)
    return demo.session, demo.passphrase


class DemoPage(QWidget):
    opened = Signal(object, object, str)  # VaultSession, folder Path, passphrase
    back_requested = Signal()

    def __init__(
        self, runner: TaskRunner, policy: KdfPolicy, default_folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demo_page")
        self._runner = runner
        self._policy = policy
        self._task: Task | None = None
        self._folder = default_folder
        explain = QLabel(
            self.tr(
                "The demo is a separate vault filled with invented incidents, people and "
                "statements (modelled on public reports from the Syrian coast in March "
                "2025). Nothing in it is real. Use it to learn Casebook, never for real "
                "documentation."
            )
        )
        explain.setWordWrap(True)
        self.folder = QLineEdit(str(default_folder))
        self.folder.setObjectName("demo_folder")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Demo folder:"), folder_row)
        self.error = ErrorLabel()
        self.busy = busy_bar()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.back_requested)
        self.open_button = QPushButton(self.tr("Open the demo"))
        self.open_button.setObjectName("open_demo")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.start)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        self._inputs: list[QWidget] = [self.folder, browse, back, self.open_button]
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Open the demo")))
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)

    @property
    def running(self) -> bool:
        return self._task is not None

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where should the demo vault go?"), self.folder.text()
        )
        if chosen:
            folder = Path(chosen)
            if folder.is_dir() and any(folder.iterdir()) and not looks_like_vault(folder):
                folder = folder / "casebook-demo"
            self.folder.setText(str(folder))

    def start(self) -> None:
        if self._task is not None:
            return
        self.error.clear_message()
        text = self.folder.text().strip()
        if not text:
            self.error.show_message(self.tr("Choose a folder for the demo vault."))
            return
        folder = Path(text).expanduser().absolute()
        policy = self._policy
        self._folder = folder
        self._set_busy(True)
        self._task = self._runner.submit(
            lambda: open_demo(folder, policy), self._done, self._failed,
            on_discard=_lock_result,
        )

    def _done(self, result: object) -> None:
        self._task = None
        self._set_busy(False)
        assert isinstance(result, tuple)
        session, passphrase = result
        self.opened.emit(session, self._folder, passphrase)

    def _failed(self, exc: object) -> None:
        self._task = None
        self._set_busy(False)
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.error.show_message(text.full_text(), text.kind)

    def _set_busy(self, busy: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None


def _lock_result(result: object) -> None:
    if isinstance(result, tuple) and isinstance(result[0], VaultSession):
        result[0].lock()


class DemoPassphraseBox(QObject):
    """Tells the passphrase of the demo vault (it is no secret: the data is invented)."""

    def show_passphrase(self, parent: QWidget, folder: Path, passphrase: str) -> QMessageBox:
        box = QMessageBox(parent)
        box.setObjectName("demo_passphrase_box")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("The demo is open"))
        box.setText(
            self.tr("To open the demo again later, use this passphrase:\n\n{passphrase}").format(
                passphrase=standalone(passphrase)
            )
        )
        box.setInformativeText(
            self.tr(
                "The demo vault is in {folder}. Its data is invented, so its passphrase "
                "is not secret. Create a vault of your own for real documentation."
            ).format(folder=standalone(str(folder)))
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
