"""Adding a scheme to the vault's taxonomy from a CSV thesaurus (Uwazi's layout, or
the plain one with explicit codes): the file, its layout, the scheme's code and
names, and the kinds of record it applies to. Reading and importing run in a
worker; problems are shown through gui/errors.py.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import ValidationError
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar
from casebook.gui.labels import code_label
from casebook.gui.workers import TaskRunner
from casebook.services.taxonomy import TaxonomyService, UpdatePreview
from casebook.taxonomy.model import TAGGABLE_KINDS
from casebook.taxonomy.thesaurus_csv import read_plain_csv, read_uwazi_csv, slug


class CsvLayout(StrEnum):
    UWAZI = "uwazi"
    PLAIN = "plain"


def import_csv_scheme(
    service: TaxonomyService, path: Path, layout: CsvLayout, *, code: str,
    labels: dict[str, str], applies_to: list[str],
) -> UpdatePreview:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            f"{path.name} is not UTF-8 text. Save the spreadsheet as \"CSV UTF-8\" and "
            "try again."
        ) from None
    reader = read_uwazi_csv if layout is CsvLayout.UWAZI else read_plain_csv
    scheme = reader(text, scheme=code, labels=labels, applies_to=applies_to)
    return service.import_scheme(scheme)


class SchemeImportDialog(ContentDialog):
    imported = Signal(str, object)  # scheme code, UpdatePreview

    def __init__(
        self, runner: TaskRunner, service: TaxonomyService, parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("scheme_import_dialog")
        self.setWindowTitle(self.tr("Add a scheme from a CSV file"))
        self._service = service
        explain = QLabel(self.tr(
            "A CSV thesaurus becomes a new scheme of this vault's taxonomy. Uwazi's layout "
            "has one column per language (English, Arabic…) and writes a narrower term "
            "under its parent with a leading '-'. The plain layout has the columns code, "
            "parent, label_en, label_ar."))
        explain.setWordWrap(True)
        form, browse = self._build_form()
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("Add scheme"))
        self.import_button.setObjectName("import_scheme")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self._inputs: list[QWidget] = [self.file, browse, self.layout_choice, self.code,
                                       self.name_en, self.name_ar, *self.kinds.values(),
                                       self.import_button, self.cancel_button]
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.resize(640, 460)
        if path is not None:
            self.set_file(path)

    def _build_form(self) -> tuple[QFormLayout, QPushButton]:
        self.file = QLineEdit()
        self.file.setObjectName("csv_file")
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("csv_browse")
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.layout_choice = QComboBox()
        self.layout_choice.setObjectName("csv_layout")
        self.layout_choice.addItem(self.tr("Uwazi (a column per language, '-' for children)"),
                                   CsvLayout.UWAZI.value)
        self.layout_choice.addItem(self.tr("Plain (code, parent, label_en, label_ar…)"),
                                   CsvLayout.PLAIN.value)
        self.code = QLineEdit()
        self.code.setObjectName("scheme_code")
        self.code.setPlaceholderText(self.tr("e.g. checkpoint"))
        self.name_en = QLineEdit()
        self.name_en.setObjectName("scheme_name_en")
        self.name_ar = QLineEdit()
        self.name_ar.setObjectName("scheme_name_ar")
        self.name_ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.kinds: dict[str, QCheckBox] = {}
        kinds_grid = QGridLayout()
        kinds_grid.setContentsMargins(0, 0, 0, 0)
        for i, kind in enumerate(TAGGABLE_KINDS):
            box = QCheckBox(code_label("kind", kind))
            box.setObjectName(f"applies_{kind}")
            box.setChecked(kind == "incident")
            self.kinds[kind] = box
            kinds_grid.addWidget(box, i // 3, i % 3)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("CSV file:"), file_row)
        form.addRow(self.tr("Layout:"), self.layout_choice)
        form.addRow(self.tr("Scheme code:"), self.code)
        form.addRow(self.tr("English name:"), self.name_en)
        form.addRow(self.tr("Arabic name:"), self.name_ar)
        form.addRow(self.tr("Applies to:"), kinds_grid)
        return form, browse

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose a CSV thesaurus"))
        dialog.setObjectName("choose_csv_file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("CSV files (*.csv)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.set_file(Path(name)))
        dialog.open()
        return dialog

    def set_file(self, path: Path) -> None:
        self.file.setText(str(path))
        if not self.code.text().strip():
            self.code.setText(slug(path.stem))

    def set_busy(self, busy: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.busy_bar.setVisible(busy)

    def applies_to(self) -> list[str]:
        return [kind for kind, box in self.kinds.items() if box.isChecked()]

    def start(self) -> None:
        if self.busy:
            return
        self.error.clear_message()
        path_text = self.file.text().strip()
        code = self.code.text().strip()
        name_en = self.name_en.text().strip()
        name_ar = self.name_ar.text().strip()
        kinds = self.applies_to()
        problem = None
        if not path_text:
            problem = self.tr("Choose the CSV file.")
        elif not code:
            problem = self.tr("Give the scheme a code (lower-case letters, digits and "
                              "hyphens), e.g. checkpoint.")
        elif not name_en:
            problem = self.tr("Give the scheme an English name.")
        elif not kinds:
            problem = self.tr("Tick at least one kind of record the scheme applies to.")
        if problem:
            self.error.show_message(problem)
            return
        labels = {"en": name_en, **({"ar": name_ar} if name_ar else {})}
        layout = CsvLayout(self.layout_choice.currentData())
        service, path = self._service, Path(path_text).expanduser()
        self.run_job(
            lambda: import_csv_scheme(service, path, layout, code=code, labels=labels,
                                      applies_to=kinds),
            lambda preview: self._done(code, preview), self._failed,
        )

    def _done(self, code: str, preview: UpdatePreview) -> None:
        self.imported.emit(code, preview)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        text = describe_error(exc)
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)
