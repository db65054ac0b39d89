"""Text folding: the same name matches however it was typed (search, place names,
taxonomy labels, redaction).

Arabic (at index and at query time): NFKC; diacritics (harakat, shadda, sukun,
dagger alef, Quranic marks) and tatweel removed; alef with hamza or madda and
alef wasla folded to bare alef; alef maqsura to yaa; taa marbuta to haa; hamza
on waw or yaa to the bare letter; Persian/Urdu letter forms (keheh, farsi yeh,
heh with yeh above) to their Arabic forms; Arabic-Indic and extended
Arabic-Indic digits to ASCII digits.

Latin: case-folded, accents removed (``Ḥalabī`` → ``halabi``).

Everything else is split on anything that is not a letter or digit.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]"
)

_FOLD = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda above
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0671": "\u0627",  # alef wasla
        "\u0672": "\u0627",  # alef with wavy hamza above
        "\u0673": "\u0627",  # alef with wavy hamza below
        "\u0649": "\u064a",  # alef maqsura -> yaa
        "\u0629": "\u0647",  # taa marbuta -> haa
        "\u0624": "\u0648",  # waw with hamza above
        "\u0626": "\u064a",  # yaa with hamza above
        "\u06a9": "\u0643",  # keheh -> kaf
        "\u06aa": "\u0643",  # swash kaf
        "\u06cc": "\u064a",  # farsi yeh
        "\u06d0": "\u064a",  # yeh (Pashto/Uighur)
        "\u06c0": "\u0647",  # heh with yeh above
        "\u06c1": "\u0647",  # heh goal
        "\u06d5": "\u0647",  # ae
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # extended Arabic-Indic digits
    }
)

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


# Combining marks outside the Arabic block (those were handled above): Latin,
# Greek, Cyrillic accents and the like, as they appear after NFD.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _strip_latin_accents(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))


def fold(text: str) -> str:
    """The searchable form of ``text``: one string, words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_FOLD)
    text = _strip_latin_accents(text).casefold()
    return " ".join(_TOKEN.findall(text))


def tokens(text: str) -> list[str]:
    return fold(text).split()
