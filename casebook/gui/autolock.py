"""Locking after a period without input, and Ctrl+L from any window.

An application-wide event filter sees every input event before any widget does;
each one restarts the idle timer. The filter also catches Ctrl+L in dialogs, where
the main window's shortcut is blocked by modality.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.InputMethod,
    }
)


def minutes_to_ms(minutes: int) -> int:
    return minutes * 60 * 1000


class IdleLock(QObject):
    timed_out = Signal()
    lock_shortcut_pressed = Signal()

    def __init__(
        self, app: QCoreApplication, interval_ms: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.timed_out)
        self._running = False

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until the lock; -1 when not running."""
        return self._timer.remainingTime()

    @property
    def running(self) -> bool:
        return self._running

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._running:
            self._timer.start()

    def start(self) -> None:
        if not self._running:
            self._app.installEventFilter(self)
            self._running = True
        self._timer.start()

    def stop(self) -> None:
        if self._running:
            self._app.removeEventFilter(self)
            self._running = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self._timer.start()
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if event.key() == Qt.Key.Key_L and modifiers == Qt.KeyboardModifier.ControlModifier:
                    self.lock_shortcut_pressed.emit()
        return False
