"""The window shown when Casebook knows no vault: create a new one or open one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.users import Role
from casebook.gui.demo_page import DemoPage
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading
from casebook.gui.labels import role_label
from casebook.gui.passphrase_widgets import NewPassphraseFields, WeakPassphraseQuestion
from casebook.gui.settings import default_demo_folder
from casebook.gui.workers import Task, TaskRunner
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault, looks_like_vault

NEW_VAULT_SUBFOLDER = "casebook-vault"


class ChoiceButton(QPushButton):
    """A large button with a bold title over a description.

    Used instead of QCommandLinkButton, which keeps its arrow on the left in
    right-to-left layouts; this one is built from layouts and mirrors.
    """

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title)
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_label.setFont(font)
        self.description_label = QLabel(description)
        self.description_label.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 10, 16, 10)
        for label in (self.title_label, self.description_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self._layout.addWidget(label)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return self._layout.sizeHint().expandedTo(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()


class FirstRunWindow(QWidget):
    vault_created = Signal(object, object)  # VaultSession (unlocked), its folder Path
    vault_chosen = Signal(object)  # Path of an existing vault folder
    demo_opened = Signal(object, object, str)  # VaultSession, folder Path, passphrase
    closed_by_user = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        policy: KdfPolicy,
        default_folder: Path,
        known_folder: Path | None = None,
        demo_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("first_run")
        self._runner = runner
        self._policy = policy
        self._task: Task | None = None
        self._new_folder = default_folder
        self._dismissed = False
        self.setWindowTitle(self.tr("Casebook: get started"))

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_choice_page())
        self.pages.addWidget(self._build_create_page(default_folder))
        self.pages.addWidget(self._build_open_page(known_folder))
        self.demo_page = DemoPage(runner, policy, demo_folder or default_demo_folder())
        self.demo_page.opened.connect(self.demo_opened)
        self.demo_page.back_requested.connect(self.show_choice_page)
        self.pages.addWidget(self.demo_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(640, 480)

    # pages

    def _build_choice_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Casebook keeps your documentation encrypted on this computer. "
                "Nothing leaves it unless you export it."
            )
        )
        intro.setWordWrap(True)
        self.create_choice = ChoiceButton(
            self.tr("Create a new vault"),
            self.tr("Start a new encrypted vault on this computer. You will be its first user."),
        )
        self.create_choice.setObjectName("choose_create")
        self.open_choice = ChoiceButton(
            self.tr("Open an existing vault"),
            self.tr("Choose the folder of a vault on this computer or on a USB drive."),
        )
        self.open_choice.setObjectName("choose_open")
        self.demo_choice = ChoiceButton(
            self.tr("Open the demo"),
            self.tr("Explore Casebook with invented example cases, in a vault of their own."),
        )
        self.demo_choice.setObjectName("choose_demo")
        self.create_choice.clicked.connect(self.show_create_page)
        self.open_choice.clicked.connect(self.show_open_page)
        self.demo_choice.clicked.connect(self.show_demo_page)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Welcome to Casebook")))
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addWidget(self.create_choice)
        layout.addWidget(self.open_choice)
        layout.addWidget(self.demo_choice)
        layout.addStretch(1)
        return page

    def _build_create_page(self, default_folder: Path) -> QWidget:
        page = QWidget()
        self.create_folder = QLineEdit(str(default_folder))
        self.create_folder.setObjectName("create_folder")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_new_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.create_folder, 1)
        folder_row.addWidget(browse)
        self.user_name = QLineEdit()
        self.user_name.setObjectName("user_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(role_label(role), role.value)

        form = QFormLayout()
        form.addRow(self.tr("Vault folder:"), folder_row)
        form.addRow(self.tr("Your name:"), self.user_name)
        form.addRow(self.tr("Your role:"), self.role)
        self.passphrase = NewPassphraseFields(form, self, lambda: (self.user_name.text(),))
        advice = QLabel(
            self.tr(
                "Write the passphrase down and keep it somewhere safe. If it is lost, "
                "nobody can open the vault: there is no way to reset it."
            )
        )
        advice.setWordWrap(True)
        self.create_error = ErrorLabel()
        self.create_busy = busy_bar()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.show_choice_page)
        self.create_button = QPushButton(self.tr("Create vault"))
        self.create_button.setObjectName("create_vault")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit_create)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        self._create_inputs: list[QWidget] = [
            self.create_folder, browse, self.user_name, self.role, back, self.create_button,
        ]

        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Create a new vault")))
        layout.addLayout(form)
        layout.addWidget(advice)
        layout.addWidget(self.create_error)
        layout.addStretch(1)
        layout.addWidget(self.create_busy)
        layout.addLayout(buttons)
        return page

    def _build_open_page(self, known_folder: Path | None) -> QWidget:
        page = QWidget()
        self.open_folder = QLineEdit(str(known_folder) if known_folder else "")
        self.open_folder.setObjectName("open_folder")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_existing_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.open_folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Vault folder:"), folder_row)
        explain = QLabel(self.tr("Choose the folder that holds the file vault.key."))
        explain.setWordWrap(True)
        self.open_error = ErrorLabel()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.show_choice_page)
        self.open_button = QPushButton(self.tr("Open vault"))
        self.open_button.setObjectName("open_vault")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_existing)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Open an existing vault")))
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(self.open_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # navigation

    def show_choice_page(self) -> None:
        self.pages.setCurrentIndex(0)

    def show_create_page(self) -> None:
        self.pages.setCurrentIndex(1)
        self.user_name.setFocus()

    def show_open_page(self) -> None:
        self.pages.setCurrentIndex(2)
        self.open_folder.setFocus()

    def show_demo_page(self) -> None:
        self.pages.setCurrentIndex(3)
        self.demo_page.open_button.setFocus()

    def _browse_new_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where should the new vault go?"), self.create_folder.text()
        )
        if chosen:
            folder = Path(chosen)
            # A vault needs a folder of its own: inside a busy folder, make one.
            if folder.is_dir() and any(folder.iterdir()):
                folder = folder / NEW_VAULT_SUBFOLDER
            self.create_folder.setText(str(folder))

    def _browse_existing_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the vault folder"), self.open_folder.text()
        )
        if chosen:
            self.open_folder.setText(chosen)

    # actions

    def submit_create(self) -> None:
        if self._task is not None:
            return
        self.create_error.clear_message()
        folder_text = self.create_folder.text().strip()
        if not folder_text:
            self.create_error.show_message(self.tr("Choose a folder for the vault."))
            return
        if not self.user_name.text().strip():
            self.create_error.show_message(self.tr("Enter your name."))
            self.user_name.setFocus()
            return
        problem = self.passphrase.problem()
        if problem:
            self.create_error.show_message(problem)
            return
        if self.passphrase.is_weak():
            WeakPassphraseQuestion(self).ask(self, self._start_create)
        else:
            self._start_create()

    def _start_create(self) -> None:
        folder = Path(self.create_folder.text().strip()).expanduser()
        name = self.user_name.text()
        role = Role(self.role.currentData())
        secret = self.passphrase.value()
        policy = self._policy
        self._set_busy(True)
        self._new_folder = folder.absolute()
        self._task = self._runner.submit(
            lambda: create_vault(folder, name, role, secret, policy),
            self._created,
            self._create_failed,
            on_discard=_lock_session,
        )

    def _created(self, session: object) -> None:
        self._task = None
        self._set_busy(False)
        self.passphrase.clear()
        self.vault_created.emit(session, self._new_folder)

    def _create_failed(self, exc: object) -> None:
        self._task = None
        self._set_busy(False)
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.create_error.show_message(text.full_text(), text.kind)

    def open_existing(self) -> None:
        self.open_error.clear_message()
        text = self.open_folder.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder is None or not looks_like_vault(folder):
            self.open_error.show_message(
                self.tr(
                    "There is no Casebook vault in this folder. "
                    "Choose the folder that holds the file vault.key."
                ),
                "not-found",
            )
            return
        self.vault_chosen.emit(folder.absolute())

    def _set_busy(self, busy: bool) -> None:
        for widget in self._create_inputs:
            widget.setEnabled(not busy)
        self.passphrase.set_enabled(not busy)
        self.open_choice.setEnabled(not busy)
        self.demo_choice.setEnabled(not busy)
        self.create_busy.setVisible(busy)

    @property
    def busy(self) -> bool:
        return self._task is not None or self.demo_page.running

    # closing

    def dismiss(self) -> None:
        """Close because the controller moves on (not because the person quit)."""
        self._dismissed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.demo_page.cancel()
        self.passphrase.clear()
        event.accept()
        if not self._dismissed:
            self.closed_by_user.emit()


def _lock_session(session: object) -> None:
    if isinstance(session, VaultSession):
        session.lock()
