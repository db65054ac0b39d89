"""CSV cells that spreadsheets open safely."""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (a name such as "=HYPERLINK(...)")
    gets a leading apostrophe, which spreadsheets show as plain text."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text
