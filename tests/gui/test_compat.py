from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from casebook.gui.compat import singletons_leak


def test_singletons_cannot_be_freed_by_pyside(qapp: QApplication) -> None:
    """configure_application (session fixture) shields None/True/False when this
    PySide6 drops references to them; the counts must stay far from zero."""
    if sys.version_info < (3, 12) and singletons_leak():
        for singleton in (None, True, False):
            assert sys.getrefcount(singleton) > 1 << 39
