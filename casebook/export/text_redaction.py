"""Redacting free text before any layout (docs/dossiers.md).

Every spelling of every withheld person (the whole name, each name part, each
alternative spelling, the laqab) is looked for word by word after folding, so
diacritics, hamza forms, taa marbuta, tatweel, case and accents do not hide a name,
and neither do the Arabic clitics written onto a word (و، ب، ل، ف، ك, with or
without the article). Phone numbers, e-mail addresses and identity-document numbers
are replaced too. What replaces a hit is the person's pseudonym or a neutral marker;
the report counts what was replaced, never what it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from casebook.domain.folding import fold

#: A word as written: letters and digits, with the Arabic marks and tatweel inside it.
_WORD = re.compile(
    "(?:[^\\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0300-\u036f])+"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_NUMBER = re.compile(f"\\+?[{_DIGIT}][{_DIGIT} \\-./()]{{5,}}[{_DIGIT}]")
_DATE_LIKE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
    r"\d{4}\s*[-–/]\s*\d{4})$"
)
_ID_CONTEXT = re.compile(r"\b(?:id|passport|national|card|identity)\b|هوي|جواز|وطني|قيد",
                         re.IGNORECASE)
#: Letters written onto the front of an Arabic word (after folding).
_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_ARTICLE = "ال"
MIN_NAME_PART = 2
#: Arabic function words that fold to a common name (على -> علي, "Ali"): a single
#: written word from this list is never taken for a name on its own. Written with the
#: name's spelling (علي) it still is.
FUNCTION_WORDS = frozenset({"على", "إلى", "الى", "حتى", "لدى", "سوى", "متى", "مدى", "عن",
                            "من", "في", "مع", "أن", "ان", "إن", "بين", "ما", "لا"})
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


@dataclass(frozen=True)
class Withheld:
    """A person whose identity a dossier withholds, and what stands in for them."""

    spellings: tuple[str, ...]
    replacement: str


@dataclass(frozen=True)
class Markers:
    phone: str = "[phone number withheld]"
    email: str = "[e-mail address withheld]"
    id_number: str = "[identity number withheld]"


def _ascii_digits(text: str) -> str:
    return text.translate({**{0x0660 + d: str(d) for d in range(10)},
                           **{0x06F0 + d: str(d) for d in range(10)}})


def word_forms(folded_word: str) -> set[str]:
    """The ways a (folded) name word can appear as one written word."""
    forms = {folded_word}
    if folded_word.startswith(_ARTICLE) and len(folded_word) > len(_ARTICLE) + 1:
        bare = folded_word[len(_ARTICLE):]
        forms.add(bare)
        forms.add("لل" + bare)  # ل + ال contracts
        forms.update(c + folded_word for c in _CLITICS if c not in ("ل", "فل", "ول"))
        forms.update(("ولل" + bare, "فلل" + bare))
    elif any("\u0600" <= ch <= "\u06ff" for ch in folded_word):
        forms.update(c + folded_word for c in _CLITICS)
    return forms


class TextRedactor:
    def __init__(self, withheld: Iterable[Withheld], markers: Markers = Markers()) -> None:
        self.markers = markers
        #: first word form -> [(sequence of form-sets, replacement)], longest first
        self._sequences: dict[str, list[tuple[list[set[str]], str]]] = {}
        for person in withheld:
            for spelling in person.spellings:
                words = fold(spelling).split()
                if not words or (len(words) == 1 and len(words[0]) < MIN_NAME_PART):
                    continue
                sets = [word_forms(w) for w in words]
                for first in sets[0]:
                    self._sequences.setdefault(first, []).append((sets, person.replacement))
        for candidates in self._sequences.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.counts: Counter[str] = Counter()

    def redact(self, text: str) -> str:
        if not text:
            return text
        text = self._numbers_and_addresses(text)
        return self._names(text)

    def _numbers_and_addresses(self, text: str) -> str:
        def email(match: re.Match[str]) -> str:
            self.counts["e-mail address"] += 1
            return self.markers.email

        text = _EMAIL.sub(email, text)

        def number(match: re.Match[str]) -> str:
            found = match.group(0)
            plain = _ascii_digits(found).strip()
            digits = sum(ch.isdigit() for ch in plain)
            if digits < 7 or _DATE_LIKE.match(plain):
                return found
            before = text[max(0, match.start() - 25):match.start()]
            if _ID_CONTEXT.search(before):
                self.counts["identity number"] += 1
                return self.markers.id_number
            self.counts["phone number"] += 1
            return self.markers.phone

        return _NUMBER.sub(number, text)

    def _names(self, text: str) -> str:
        if not self._sequences:
            return text
        words = [(m.start(), m.end(), fold(m.group(0)).replace(" ", ""),
                  _MARKS.sub("", m.group(0)) in FUNCTION_WORDS)
                 for m in _WORD.finditer(text)]
        out: list[str] = []
        position = 0
        index = 0
        while index < len(words):
            start, _end, folded, _function_word = words[index]
            match = self._match_at(words, index, folded)
            if match is None:
                index += 1
                continue
            length, replacement = match
            out.append(text[position:start])
            out.append(replacement)
            position = words[index + length - 1][1]
            index += length
            self.counts["name"] += 1
        out.append(text[position:])
        return "".join(out)

    def _match_at(self, words: list[tuple[int, int, str, bool]], index: int,
                  folded: str) -> tuple[int, str] | None:
        for sets, replacement in self._sequences.get(folded, ()):
            if index + len(sets) > len(words):
                continue
            if len(sets) == 1 and words[index][3]:
                continue  # على is a preposition, not Ali
            if all(words[index + k][2] in forms for k, forms in enumerate(sets)):
                return len(sets), replacement
        return None
