"""Where the GUI's files live, and loading the vendored fonts."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

_log = logging.getLogger(__name__)

FONT_FILES = ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")
ARABIC_FAMILY = "Noto Sans Arabic"


def resources_dir() -> Path:
    """The repository's ``resources/`` folder (this file is ``<repo>/casebook/gui/``)."""
    return Path(__file__).resolve().parents[2] / "resources"


def fonts_dir() -> Path:
    """The repository's ``resources/fonts`` when running from a checkout; else where a
    wheel installs them (``<prefix>/share/casebook/fonts``, pyproject data-files)."""
    candidates = (resources_dir() / "fonts", Path(sys.prefix) / "share" / "casebook" / "fonts")
    return next((c for c in candidates if (c / FONT_FILES[0]).is_file()), candidates[0])


def translations_dir() -> Path:
    """Compiled ``.qm`` catalogues, shipped inside the package (pyproject package-data)."""
    return Path(__file__).resolve().parent / "translations"


def load_fonts(directory: Path | None = None) -> list[str]:
    """Register the vendored Noto Sans Arabic faces; return the families they provide.

    A missing file is logged, not fatal: Qt then falls back to a system font, which
    may draw Arabic unshaped or as boxes, but the app still works.
    """
    folder = directory or fonts_dir()
    families: list[str] = []
    for name in FONT_FILES:
        path = folder / name
        if not path.is_file():
            _log.warning("font file %s is missing", path)
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            _log.warning("Qt could not load the font file %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def interface_font(base: QFont, arabic_first: bool) -> QFont:
    """``base`` with the vendored Arabic face added to its family list.

    In the Arabic interface it comes first: common system fonts (DejaVu Sans) carry
    Arabic glyphs of their own, drawn less well, so Qt would never fall back to it.
    It has no Latin letters, so Latin text still comes from the system font after
    it. In the English interface it goes last, because its tall line metrics would
    space out every Latin line.
    """
    font = QFont(base)
    if ARABIC_FAMILY not in QFontDatabase.families():
        return font
    # The resolved family, not a fontconfig alias such as "Sans Serif": Qt does not
    # resolve aliases inside a family list, and the Arabic face would end up primary.
    resolved = QFontInfo(base).family()
    others = [resolved, *(f for f in font.families() if f not in {ARABIC_FAMILY, resolved})]
    font.setFamilies([ARABIC_FAMILY, *others] if arabic_first else [*others, ARABIC_FAMILY])
    return font
