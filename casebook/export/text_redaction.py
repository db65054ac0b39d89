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
_D = f"[{_DIGIT}]"
#: Dates and year ranges, which are facts a mechanism needs: kept as written. Tried
#: before a number at each position, so a date is never read as a phone number.
_DATE = (f"(?<!{_D}){_D}{{4}}[-/.]{_D}{{1,2}}(?:[-/.]{_D}{{1,2}})?(?!{_D})|"
         f"(?<!{_D}){_D}{{1,2}}[-/.]{_D}{{1,2}}[-/.]{_D}{{2,4}}(?!{_D})|"
         f"(?<!{_D}){_D}{{4}}\\s*[-–/]\\s*{_D}{{4}}(?!{_D})")
#: Decimal degrees (a position): one, or a latitude and longitude pair.
_COORDINATES = (f"-?{_D}{{1,3}}[.٫]{_D}{{4,}}(?:\\s*[,،;/]?\\s*-?{_D}{{1,3}}[.٫]"
                f"{_D}{{4,}})?")
_NUMBER = f"\\+?{_D}[{_DIGIT} \\-./()]{{4,}}{_D}"
#: A document number with a letter prefix (passport N1234567, AB 123456).
_DOCUMENT = f"(?<![^\\W\\d_])[A-Za-z]{{1,3}}-?{_D}{{6,}}(?!{_D})"
_SCAN = re.compile(f"(?P<date>{_DATE})|(?P<coordinates>{_COORDINATES})|"
                   f"(?P<document>{_DOCUMENT})|(?P<number>{_NUMBER})")
_ID_CONTEXT = re.compile(r"\b(?:id|passport|national|card|identity)\b|هوي|جواز|وطني|قيد",
                         re.IGNORECASE)
#: Letters written onto the front of an Arabic word (after folding).
_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_ARTICLE = "ال"
MIN_NAME_PART = 2
#: Fewer digits than this is a count or an amount, not a phone number...
MIN_PHONE_DIGITS = 7
#: ...unless the words just before say it is an identity document's number.
MIN_ID_DIGITS = 6
#: A word of a longer spelling is also looked for on its own when it has at least
#: this many letters (after folding) and is not a particle.
MIN_SINGLE_WORD = 3
#: Particles of names: never looked for on their own, and (Latin ones) also joined to
#: the next word, as in "al-Halabi" / "Alhalabi" / "el Halabi".
PARTICLES = frozenset({"al", "el", "abu", "abou", "abo", "bin", "ben", "ibn", "bint",
                       "abd", "um", "umm", "ال", "ابو", "ابن", "بن", "بنت", "ام", "عبد",
                       "de", "da", "van", "von"})
_LATIN_ARTICLES = ("al", "el")
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
    #: Also look for each word of a spelling on its own (names: yes; a contact line,
    #: a URL or a file name: only the whole).
    words_alone: bool = True


@dataclass(frozen=True)
class Markers:
    phone: str = "[phone number withheld]"
    email: str = "[e-mail address withheld]"
    id_number: str = "[identity number withheld]"
    coordinates: str = "[coordinates withheld]"


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
        # A name recorded without the article may be written with it (a nisba).
        with_article = _ARTICLE + folded_word
        forms.add(with_article)
        forms.add("لل" + folded_word)
        forms.update(c + with_article for c in _CLITICS if c not in ("ل", "فل", "ول"))
        forms.update(("ولل" + folded_word, "فلل" + folded_word))
    return forms


def _is_function_word(written: str) -> bool:
    """A written word (marks removed) that is an Arabic function word, alone or with
    a conjunction written onto it (وعلى)."""
    if written in FUNCTION_WORDS:
        return True
    return len(written) > 2 and written[0] in "وف" and written[1:] in FUNCTION_WORDS


def spelling_variants(spelling: str, *, words_alone: bool = True,
                      not_alone: frozenset[str] = frozenset()) -> list[list[str]]:
    """The folded word sequences to look for for one recorded spelling: the whole,
    Latin articles joined to or dropped from the next word (al-Halabi, Alhalabi,
    el-Halabi, Halabi), and each word that can stand for the person on its own."""
    words = fold(spelling).split()
    if not words:
        return []
    found = [words]
    for index, word in enumerate(words[:-1]):
        if word in _LATIN_ARTICLES:
            rest = words[index + 1]
            for article in _LATIN_ARTICLES:
                found.append([*words[:index], article + rest, *words[index + 2:]])
                found.append([*words[:index], article, rest, *words[index + 2:]])
            found.append([*words[:index], *words[index + 1:]])
    if words_alone and len(words) > 1:
        # A word on its own stands for the person only if it can be a name: not a
        # description ("unidentified man", "security patrol"), not words in brackets
        # (a note after the name), not a particle.
        naming = set(fold(_BRACKETED.sub(" ", spelling)).split())
        bracketed = set(words) - naming
        found += [[w] for w in dict.fromkeys(w for sequence in list(found) for w in sequence)
                  if len(w) >= MIN_SINGLE_WORD and w not in PARTICLES
                  and w not in GENERIC_WORDS and w not in not_alone and w not in bracketed]
    unique: dict[tuple[str, ...], list[str]] = {}
    for sequence in found:
        if len(sequence) == 1 and (len(sequence[0]) < MIN_NAME_PART
                                   or sequence[0] in PARTICLES):
            continue
        unique.setdefault(tuple(sequence), sequence)
    return list(unique.values())


_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
#: Words of descriptions, not names: recorded "names" such as "Unidentified man
#: (coastal road south of Jableh)" or "Members of a security patrol" must not turn
#: every "man" or "road" in the text into a pseudonym. The whole description is
#: still found.
_GENERIC = (
    "unknown unidentified anonymous man men woman women boy boys girl girls child "
    "children person persons people body bodies family families member members resident "
    "residents group patrol security soldier soldiers fighter fighters driver farmer "
    "farmers nurse doctor father son brother mother daughter sister wife husband the and "
    "of from near in at on south north east west road highway coastal village town city "
    "district street neighbourhood neighborhood "
    "مجهول مجهولة الهوية هوية رجل رجال امرأة نساء طفل طفلة أطفال شاب شباب شخص أشخاص جثة "
    "جثث عائلة أسرة أفراد عناصر دورية سكان مزارع مزارعين مزارعان ممرض ممرضة طبيب سائق أب "
    "ابن أخ أم ابنة زوج زوجة طريق ساحلي جنوب شمال شرق غرب قرية مدينة حي من في على قرب"
)
GENERIC_WORDS = frozenset(
    form for word in _GENERIC.split() for form in (fold(word), fold(word).removeprefix("ال"))
) | frozenset("ال" + fold(word) for word in _GENERIC.split())

#: Stands for "leave the words as written" (a released name, see ``kept``).
_KEEP = "\x00keep"


class TextRedactor:
    """``withheld``: the people to find and replace. ``kept``: spellings of released
    names (a victim who consented, a named perpetrator), left whole as written so that
    a withheld person sharing one of their name parts does not turn them into
    somebody else's pseudonym; a withheld spelling as long as a kept one wins."""

    def __init__(self, withheld: Iterable[Withheld], markers: Markers = Markers(), *,
                 kept: Iterable[str] = (), not_alone: Iterable[str] = ()) -> None:
        self.markers = markers
        #: first word form -> [(sequence of form-sets, replacement)], longest first
        self._sequences: dict[str, list[tuple[list[set[str]], str]]] = {}
        #: words never looked for on their own (place names of the gazetteer)
        alone_excluded = frozenset(w for text in not_alone for w in fold(text).split())
        for person in withheld:
            for spelling in person.spellings:
                for words in spelling_variants(spelling, words_alone=person.words_alone,
                                               not_alone=alone_excluded):
                    self._add_sequence(words, person.replacement)
        for spelling in kept:
            words = fold(spelling).split()
            if len(words) > 1:  # a single word is no protection worth the risk
                self._add_sequence(words, _KEEP)
        for candidates in self._sequences.values():
            candidates.sort(key=lambda c: (-len(c[0]), c[1] == _KEEP))
        self.counts: Counter[str] = Counter()

    def _add_sequence(self, words: list[str], replacement: str) -> None:
        sets = [word_forms(w) for w in words]
        for first in sets[0]:
            self._sequences.setdefault(first, []).append((sets, replacement))

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
            if match.group("date") is not None:
                return found
            if match.group("coordinates") is not None:
                self.counts["coordinates"] += 1
                return self.markers.coordinates
            if match.group("document") is not None:
                self.counts["identity number"] += 1
                return self.markers.id_number
            digits = sum(ch.isdigit() for ch in _ascii_digits(found))
            before = text[max(0, match.start() - 25):match.start()]
            if digits >= MIN_ID_DIGITS and _ID_CONTEXT.search(before):
                self.counts["identity number"] += 1
                return self.markers.id_number
            if digits < MIN_PHONE_DIGITS:
                return found
            self.counts["phone number"] += 1
            return self.markers.phone

        return _SCAN.sub(number, text)

    def _names(self, text: str) -> str:
        if not self._sequences:
            return text
        words = [(m.start(), m.end(), fold(m.group(0)).replace(" ", ""),
                  _is_function_word(_MARKS.sub("", m.group(0))))
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
            if replacement == _KEEP:
                index += length
                continue
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
