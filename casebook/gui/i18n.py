"""Installing the Arabic catalogues (Casebook's own and Qt's) and the layout direction.

The Arabic interface also puts the vendored Noto Sans Arabic first in the
application font. A language change applies at once: the controller calls :meth:`Translations.apply`
and then rebuilds the open window, since widgets built earlier keep the strings
they were given.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QGuiApplication

from casebook.gui.resources import interface_font, translations_dir

_log = logging.getLogger(__name__)

RTL_LANGUAGES = frozenset({"ar"})


class Translations:
    """Owns the installed QTranslator objects: Qt drops a translator whose Python
    wrapper is garbage-collected, so they must be kept alive here."""

    def __init__(self, app: QCoreApplication, catalog_dir: Path | None = None) -> None:
        self._app = app
        self._catalog_dir = catalog_dir or translations_dir()
        self._installed: list[QTranslator] = []
        self._initial_locale = QLocale()
        self._initial_font = QFont(QGuiApplication.font())
        self.language = "en"

    def apply(self, language: str) -> None:
        self.clear()
        self.language = language
        if language != "en":
            self._install(self._catalog_dir / f"casebook_{language}.qm")
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            self._install(qt_dir / f"qtbase_{language}.qm")
        QLocale.setDefault(QLocale(language))
        direction = (
            Qt.LayoutDirection.RightToLeft
            if language in RTL_LANGUAGES
            else Qt.LayoutDirection.LeftToRight
        )
        QGuiApplication.setLayoutDirection(direction)
        QGuiApplication.setFont(
            interface_font(self._initial_font, arabic_first=language == "ar")
        )

    def clear(self) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed.clear()
        self.language = "en"
        QLocale.setDefault(self._initial_locale)
        QGuiApplication.setFont(self._initial_font)
        QGuiApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def _install(self, path: Path) -> None:
        translator = QTranslator(self._app)
        if not translator.load(str(path)):
            _log.warning("translation catalogue %s could not be loaded", path)
            return
        self._app.installTranslator(translator)
        self._installed.append(translator)


def interface_language() -> str:
    """The language labels are shown in: ``ar`` in the Arabic interface, else ``en``
    (taxonomy terms and places have names in both)."""
    return "ar" if QLocale().language() == QLocale.Language.Arabic else "en"
