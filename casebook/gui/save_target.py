"""The file a window saves to: typed in a line edit or picked in the save dialog.

Tracks whether the person agreed, in the save dialog, to replace an existing file
(typing the name of an existing file is not agreeing), and says what is wrong with
the path before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from casebook.gui.labels import isolate


class SaveTarget(QObject):
    def __init__(self, path: QLineEdit, *, suffix: str, add_suffix: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.suffix = suffix
        self.add_suffix = add_suffix  # a name typed without the suffix gets it
        self._replace: Path | None = None  # a file the save dialog said may be replaced

    def target(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if self.add_suffix and path.suffix.lower() != f".{self.suffix}":
            path = path.with_name(f"{path.name}.{self.suffix}")
        return path

    def overwrite(self) -> bool:
        target = self.target()
        return target is not None and target == self._replace

    def set_file(self, path: Path, *, replace: bool = False) -> None:
        """Use ``path``; ``replace``: the person agreed to replace an existing file."""
        self._replace = path if replace else None
        self.path.setText(str(path))

    def forget_replace(self) -> None:
        self._replace = None

    def note_edited(self) -> None:
        """The path changed: an agreement to replace was about another file."""
        if self._replace is not None and self.target() != self._replace:
            self._replace = None

    def problem(self, missing: str) -> str | None:
        """Why nothing can be saved there yet (``missing``: when no path is given)."""
        target = self.target()
        if target is None:
            return missing
        if target.is_dir():
            return self.tr("This is a folder; give a file name.")
        if not target.parent.is_dir():
            return self.tr("The folder {folder} does not exist.").format(
                folder=isolate(str(target.parent)))
        if target.exists() and not self.overwrite():
            return self.tr("{file} already exists. Choose another name, or pick it with "
                           "“Choose…” to replace it.").format(file=isolate(target.name))
        return None

    def choose(self, parent: QWidget, title: str, name_filter: str, object_name: str,
               chosen: Callable[[Path], None]) -> QFileDialog:
        """The save dialog, opened at the current path. ``chosen`` gets the file picked
        there, which may be replaced (the dialog asked)."""
        current = self.target()
        dialog = QFileDialog(parent, title)
        dialog.setObjectName(object_name)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([name_filter])
        dialog.setDefaultSuffix(self.suffix)
        if current is not None:
            dialog.setDirectory(str(current.parent))
            dialog.selectFile(current.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: chosen(Path(name)))
        dialog.open()
        return dialog
