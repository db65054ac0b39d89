"""Base class of the dialogs opened from the main window while a vault is unlocked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from casebook.gui.workers import Task, TaskRunner


class ContentDialog(QDialog):
    """Window-modal on the main window and deleted when closed.

    While a job runs, Cancel and Escape are ignored: the job (a key-file rewrite)
    finishes anyway, and closing would hide whether it worked. A lock still closes
    the dialog at once through :meth:`close_for_lock`.
    """

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._task: Task | None = None
        self._locking = False
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def run_job(
        self,
        job: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[Any], None],
    ) -> None:
        def succeeded(result: Any) -> None:
            self._task = None
            self.set_busy(False)
            on_success(result)

        def failed(exc: Any) -> None:
            self._task = None
            self.set_busy(False)
            on_error(exc)

        self.set_busy(True)
        self._task = self._runner.submit(job, succeeded, failed)

    def set_busy(self, busy: bool) -> None:
        """Subclasses disable their inputs and show their busy bar."""

    def close_for_lock(self) -> None:
        self._locking = True
        self.hide()
        self.close()

    def reject(self) -> None:
        if self._task is not None and not self._locking:
            return
        super().reject()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().done(result)
