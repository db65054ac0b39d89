"""Entry point of the desktop app (console script ``casebook-gui``)."""

from __future__ import annotations

import signal
import sys
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from casebook.gui.controller import App
from casebook.gui.errors import show_error
from casebook.gui.resources import load_fonts
from casebook.gui.settings import Settings

# How often Python gets a chance to run signal handlers while Qt's loop waits.
_SIGNAL_POLL_MS = 250


def configure_application(qt_app: QApplication) -> None:
    """Process-wide set-up shared by ``run()`` and the GUI tests."""
    qt_app.setApplicationName("Casebook")
    qt_app.setDesktopFileName("casebook")
    # The controller decides when to quit: windows close and reopen on every lock.
    qt_app.setQuitOnLastWindowClosed(False)
    load_fonts()


def _install_excepthook() -> None:
    """An exception escaping a slot gets the generic dialog, never a traceback."""

    def hook(
        _type: type[BaseException], value: BaseException, _tb: TracebackType | None
    ) -> None:
        show_error(QApplication.activeWindow(), value)

    sys.excepthook = hook


def run() -> int:
    qt_app = QApplication(sys.argv)
    configure_application(qt_app)
    app = App(qt_app, Settings())
    app.finished.connect(qt_app.quit)
    _install_excepthook()

    # Ctrl+C in a terminal, or a session logout, locks the vault before exiting.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_args: app.quit())
    poll = QTimer()
    poll.timeout.connect(lambda: None)
    poll.start(_SIGNAL_POLL_MS)

    app.start()
    code = qt_app.exec()
    app.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(run())
