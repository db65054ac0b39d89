"""Questions asked without a nested event loop: the box opens window-modal and a
callback gets the answer, so a lock can still close everything at once."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class Answer(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class UnsavedQuestion(QObject):
    """"Save your changes?" with Save, Discard and Cancel."""

    def ask(self, parent: QWidget, text: str, on_answer: Callable[[Answer], None]) -> QMessageBox:
        box = QMessageBox(parent)
        box.setObjectName("unsaved_box")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(text)
        box.setInformativeText(self.tr("If you discard them, the changes are lost."))
        save = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("answer_save")
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("answer_discard")
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("answer_cancel")
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is save:
                on_answer(Answer.SAVE)
            elif clicked is discard:
                on_answer(Answer.DISCARD)
            else:
                on_answer(Answer.CANCEL)

        box.finished.connect(answered)
        box.open()
        return box
