"""Running blocking core calls (Argon2id, disk) off the GUI thread.

Every job runs on the controller's own QThreadPool; its outcome comes back to the
GUI thread through a queued signal, where the caller's callbacks run. The pool has
one thread, so jobs on the same vault never overlap: a lock requested during a
passphrase change waits for that change to finish instead of racing it.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    SignalInstance,
)

_log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass(eq=False)
class Task:
    """A submitted job. ``cancel()`` drops its callbacks; the job itself still runs
    to the end (a half-done key-file write must not be interrupted), and a result
    that arrives after cancelling goes to ``on_discard`` (used to lock a vault
    session nobody is waiting for any more)."""

    on_success: Callback
    on_error: Callback
    on_discard: Callback | None = None
    on_finished: Callable[[], None] | None = None  # always, once the job has ended
    cancelled: bool = field(default=False)

    def cancel(self) -> None:
        self.cancelled = True


class _Job(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], done: SignalInstance) -> None:
        super().__init__()
        self._task_id = task_id
        self._fn = fn
        self._done = done

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            self._done.emit(self._task_id, None, exc)
        else:
            self._done.emit(self._task_id, result, None)


class TaskRunner(QObject):
    """Submits jobs to a thread pool and delivers their outcome on the GUI thread."""

    idle = Signal()
    _done = Signal(int, object, object)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
        self._pool = pool
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._when_idle: list[Callable[[], None]] = []
        # Queued even when emitted from this thread, so callbacks never run re-entrantly
        # inside submit().
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def submit(
        self,
        fn: Callable[[], Any],
        on_success: Callback,
        on_error: Callback,
        on_discard: Callback | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Task:
        task = Task(on_success, on_error, on_discard, on_finished)
        task_id = next(self._ids)
        self._tasks[task_id] = task
        self._pool.start(_Job(task_id, fn, self._done))
        return task

    def cancel_all(self) -> None:
        for task in self._tasks.values():
            task.cancel()

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the GUI thread once no job is in flight (now, if none is)."""
        if not self._tasks:
            callback()
        else:
            self._when_idle.append(callback)

    def wait(self) -> None:
        """Block until every job has finished and its outcome was delivered.

        Only for shutdown and tests: it blocks the GUI thread.
        """
        while self._tasks:
            self._pool.waitForDone()
            QCoreApplication.sendPostedEvents(self, int(QEvent.Type.MetaCall.value))

    def _deliver(self, task_id: int, result: object, error: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        try:
            if task.cancelled:
                if error is None and task.on_discard is not None:
                    task.on_discard(result)
            elif error is None:
                task.on_success(result)
            else:
                task.on_error(error)
        finally:
            if task.on_finished is not None:
                task.on_finished()
            if not self._tasks:
                callbacks, self._when_idle = self._when_idle, []
                for callback in callbacks:
                    callback()
                self.idle.emit()


class ProgressRelay(QObject):
    """Carries a job's progress callback (called on the worker thread) to the GUI
    thread as a queued signal.

    Parent it to the runner and delete it when the job has finished (``on_finished``),
    not with the window that shows the progress: a job still running at lock keeps
    reporting to it after that window is gone."""

    progressed = Signal(int)

    def report(self, done: int) -> None:
        self.progressed.emit(done)
