"""Clearing, at lock, clipboard text that came from Casebook, and only that.

While a vault is unlocked and Casebook is the active application, a keyed hash of
each text put on the clipboard is remembered (never the text). At lock, the
clipboard is cleared only if it still holds one of those texts: something the
person copied elsewhere afterwards is left alone.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QClipboard, QGuiApplication

_REMEMBERED = 64


def app_is_active() -> bool:
    return QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive


class ClipboardGuard(QObject):
    def __init__(
        self,
        clipboard: QClipboard,
        is_active: Callable[[], bool] = app_is_active,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self._is_active = is_active
        self._key = os.urandom(32)
        self._ours: deque[bytes] = deque(maxlen=_REMEMBERED)
        self._tracking = False
        clipboard.changed.connect(self._on_changed)

    def _modes(self) -> list[QClipboard.Mode]:
        modes = [QClipboard.Mode.Clipboard]
        if self._clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        return modes

    def _digest(self, text: str) -> bytes:
        return hashlib.blake2b(
            text.encode("utf-8", "surrogatepass"), key=self._key, digest_size=32
        ).digest()

    def start_tracking(self) -> None:
        self._tracking = True

    def stop_tracking(self) -> None:
        self._tracking = False
        self._ours.clear()

    def _on_changed(self, mode: QClipboard.Mode) -> None:
        if not self._tracking or not self._is_active():
            return
        text = self._clipboard.text(mode)
        if text:
            self._ours.append(self._digest(text))

    def holds_our_text(self) -> bool:
        return any(self._is_ours(mode) for mode in self._modes())

    def _is_ours(self, mode: QClipboard.Mode) -> bool:
        text = self._clipboard.text(mode)
        return bool(text) and self._digest(text) in self._ours

    def clear_if_ours(self) -> bool:
        """Clear every clipboard mode that holds text copied from Casebook."""
        cleared = False
        for mode in self._modes():
            if self._is_ours(mode):
                self._clipboard.clear(mode)
                cleared = True
        return cleared

    def close(self) -> None:
        self.stop_tracking()
        self._clipboard.changed.disconnect(self._on_changed)
