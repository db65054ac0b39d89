"""Translated names for values the core keeps as codes (roles, strength scores) and
for the passphrase-strength feedback zxcvbn gives in English."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from casebook.domain.users import Role

_ROLES = {
    Role.DOCUMENTER: QT_TRANSLATE_NOOP("Labels", "Documenter"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Supervisor"),
}

_STRENGTH = (
    QT_TRANSLATE_NOOP("Labels", "Very weak"),
    QT_TRANSLATE_NOOP("Labels", "Weak"),
    QT_TRANSLATE_NOOP("Labels", "Fair"),
    QT_TRANSLATE_NOOP("Labels", "Good"),
    QT_TRANSLATE_NOOP("Labels", "Strong"),
)

# Every warning and suggestion zxcvbn 4.x can give, so they reach Arabic readers
# translated; text not listed here (a newer zxcvbn) is shown as it comes.
_FEEDBACK = (
    QT_TRANSLATE_NOOP("PassphraseFeedback", "The passphrase is empty."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Use a few words, avoid common phrases."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "No need for symbols, digits, or uppercase letters."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Add another word or two. Uncommon words are better."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Straight rows of keys are easy to guess."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Short keyboard patterns are easy to guess."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Use a longer keyboard pattern with more turns."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", 'Repeats like "aaa" are easy to guess.'),
    QT_TRANSLATE_NOOP(
        "PassphraseFeedback",
        'Repeats like "abcabcabc" are only slightly harder to guess than "abc".',
    ),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Avoid repeated words and characters."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", 'Sequences like "abc" or "6543" are easy to guess.'),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Avoid sequences."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Recent years are easy to guess."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Avoid recent years."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Avoid years that are associated with you."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Dates are often easy to guess."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Avoid dates and years that are associated with you."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "This is a top-10 common password."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "This is a top-100 common password."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "This is a very common password."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "This is similar to a commonly used password."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "A word by itself is easy to guess."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Names and surnames by themselves are easy to guess."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Common names and surnames are easy to guess."),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Capitalization doesn't help very much."),
    QT_TRANSLATE_NOOP(
        "PassphraseFeedback", "All-uppercase is almost as easy to guess as all-lowercase."
    ),
    QT_TRANSLATE_NOOP("PassphraseFeedback", "Reversed words aren't much harder to guess."),
    QT_TRANSLATE_NOOP(
        "PassphraseFeedback",
        "Predictable substitutions like '@' instead of 'a' don't help very much.",
    ),
)


def role_label(role: Role | str) -> str:
    return QCoreApplication.translate("Labels", str(_ROLES[Role(role)]))


def strength_label(score: int) -> str:
    index = max(0, min(len(_STRENGTH) - 1, score))
    return QCoreApplication.translate("Labels", str(_STRENGTH[index]))


def feedback_text(text: str) -> str:
    """zxcvbn's English feedback, translated when it is one of the known sentences."""
    return QCoreApplication.translate("PassphraseFeedback", text) if text else ""


def known_feedback() -> tuple[str, ...]:
    return tuple(str(t) for t in _FEEDBACK)


def isolate(text: str) -> str:
    """Wrap text of unknown direction (a user name, a path) in Unicode isolates, so
    an Arabic name in an English sentence (or the reverse) does not reorder it."""
    return f"\u2068{text}\u2069"


def standalone(text: str) -> str:
    """Text of unknown direction shown on a line of its own (a path, an ID).

    Isolated, and led by a mark of the interface's direction: otherwise a Latin path
    in the Arabic interface takes its own direction and aligns to the wrong side.
    """
    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return ("\u200f" if rtl else "\u200e") + isolate(text)


# Codes of case records (casebook.domain.records), in the order pickers list them.
_RECORD_LABELS: dict[str, dict[str, object]] = {
    "status": {
        "draft": QT_TRANSLATE_NOOP("Labels", "Draft"),
        "submitted": QT_TRANSLATE_NOOP("Labels", "Submitted"),
        "needs-changes": QT_TRANSLATE_NOOP("Labels", "Needs changes"),
        "approved": QT_TRANSLATE_NOOP("Labels", "Approved"),
    },
    "involvement": {
        "victim": QT_TRANSLATE_NOOP("Labels", "Victim"),
        "witness": QT_TRANSLATE_NOOP("Labels", "Witness"),
        "source": QT_TRANSLATE_NOOP("Labels", "Source"),
        "alleged-perpetrator": QT_TRANSLATE_NOOP("Labels", "Alleged perpetrator"),
        "intervening-party": QT_TRANSLATE_NOOP("Labels", "Intervening party"),
    },
    "sensitivity": {
        "normal": QT_TRANSLATE_NOOP("Labels", "Normal"),
        "sensitive": QT_TRANSLATE_NOOP("Labels", "Sensitive"),
        "secret": QT_TRANSLATE_NOOP("Labels", "Secret"),
    },
    "precision": {
        "day": QT_TRANSLATE_NOOP("Labels", "Exact day"),
        "month": QT_TRANSLATE_NOOP("Labels", "Month"),
        "year": QT_TRANSLATE_NOOP("Labels", "Year"),
        "approximate": QT_TRANSLATE_NOOP("Labels", "Approximate"),
        "range": QT_TRANSLATE_NOOP("Labels", "Range"),
    },
    "sex": {
        "unknown": QT_TRANSLATE_NOOP("Labels", "Unknown"),
        "female": QT_TRANSLATE_NOOP("Labels", "Female"),
        "male": QT_TRANSLATE_NOOP("Labels", "Male"),
        "other": QT_TRANSLATE_NOOP("Labels", "Other"),
    },
    "counting": {
        "individual": QT_TRANSLATE_NOOP("Labels", "Individual"),
        "group": QT_TRANSLATE_NOOP("Labels", "Group"),
    },
    "connection": {
        "direct": QT_TRANSLATE_NOOP("Labels", "Direct"),
        "hearsay": QT_TRANSLATE_NOOP("Labels", "Hearsay"),
        "documentary": QT_TRANSLATE_NOOP("Labels", "Documentary"),
        "open-source": QT_TRANSLATE_NOOP("Labels", "Open source"),
    },
    "consent": {
        "special-procedures": QT_TRANSLATE_NOOP("Labels", "UN Special Procedures"),
        "commission-of-inquiry": QT_TRANSLATE_NOOP("Labels", "Commission of inquiry"),
        "iiim": QT_TRANSLATE_NOOP("Labels", "IIIM"),
        "publication": QT_TRANSLATE_NOOP("Labels", "Publication"),
        "identity-disclosure": QT_TRANSLATE_NOOP("Labels", "Disclosure of identity"),
    },
    "confidence": {
        "low": QT_TRANSLATE_NOOP("Labels", "Low"),
        "medium": QT_TRANSLATE_NOOP("Labels", "Medium"),
        "high": QT_TRANSLATE_NOOP("Labels", "High"),
    },
    "outcome": {
        "killed": QT_TRANSLATE_NOOP("Labels", "Killed"),
        "injured": QT_TRANSLATE_NOOP("Labels", "Injured"),
        "detained": QT_TRANSLATE_NOOP("Labels", "Detained"),
        "disappeared": QT_TRANSLATE_NOOP("Labels", "Disappeared"),
        "displaced": QT_TRANSLATE_NOOP("Labels", "Displaced"),
        "released": QT_TRANSLATE_NOOP("Labels", "Released"),
        "unharmed": QT_TRANSLATE_NOOP("Labels", "Unharmed"),
    },
    "field": {
        "title": QT_TRANSLATE_NOOP("Labels", "Title"),
        "narrative": QT_TRANSLATE_NOOP("Labels", "Narrative"),
        "date_start": QT_TRANSLATE_NOOP("Labels", "Start date"),
        "date_end": QT_TRANSLATE_NOOP("Labels", "End date"),
        "date_precision": QT_TRANSLATE_NOOP("Labels", "Date precision"),
        "place": QT_TRANSLATE_NOOP("Labels", "Place"),
        "status": QT_TRANSLATE_NOOP("Labels", "Status"),
        "tags": QT_TRANSLATE_NOOP("Labels", "Tags"),
        "sensitivity": QT_TRANSLATE_NOOP("Labels", "Sensitivity"),
        "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
        "name": QT_TRANSLATE_NOOP("Labels", "Name"),
        "name_parts.given": QT_TRANSLATE_NOOP("Labels", "Given name"),
        "name_parts.father": QT_TRANSLATE_NOOP("Labels", "Father"),
        "name_parts.grandfather": QT_TRANSLATE_NOOP("Labels", "Grandfather"),
        "name_parts.family": QT_TRANSLATE_NOOP("Labels", "Family name"),
        "name_parts.laqab": QT_TRANSLATE_NOOP("Labels", "Laqab / kunya"),
        "alt_names": QT_TRANSLATE_NOOP("Labels", "Other spellings"),
        "sex": QT_TRANSLATE_NOOP("Labels", "Sex"),
        "birth_date": QT_TRANSLATE_NOOP("Labels", "Birth date"),
        "age": QT_TRANSLATE_NOOP("Labels", "Age"),
        "age_is_estimate": QT_TRANSLATE_NOOP("Labels", "Age is an estimate"),
        "occupation": QT_TRANSLATE_NOOP("Labels", "Occupation"),
        "contact": QT_TRANSLATE_NOOP("Labels", "Contact"),
        "counting_unit": QT_TRANSLATE_NOOP("Labels", "Counted as"),
        "group_size": QT_TRANSLATE_NOOP("Labels", "Group size"),
        "group_size_estimate": QT_TRANSLATE_NOOP("Labels", "Group size is an estimate"),
        "role": QT_TRANSLATE_NOOP("Labels", "Role"),
    },
    "kind": {
        "incident": QT_TRANSLATE_NOOP("Labels", "Incident"),
        "person": QT_TRANSLATE_NOOP("Labels", "Person"),
        "act": QT_TRANSLATE_NOOP("Labels", "Act"),
        "statement": QT_TRANSLATE_NOOP("Labels", "Statement"),
        "consent": QT_TRANSLATE_NOOP("Labels", "Consent"),
        "involvement": QT_TRANSLATE_NOOP("Labels", "Link to a person"),
        "evidence": QT_TRANSLATE_NOOP("Labels", "Evidence"),
        "unit": QT_TRANSLATE_NOOP("Labels", "Unit"),
        "place": QT_TRANSLATE_NOOP("Labels", "Place"),
    },
}


def code_label(group: str, code: str | None) -> str:
    """The translated name of a stored code (``code_label("status", "draft")``); a code
    Casebook does not know (a newer vault, an import) is shown as it is."""
    if not code:
        return ""
    source = _RECORD_LABELS[group].get(str(code))
    return QCoreApplication.translate("Labels", str(source)) if source else str(code)


def code_choices(group: str) -> list[tuple[str, str]]:
    """(code, translated name) pairs for a picker, in the order above."""
    return [(code, code_label(group, code)) for code in _RECORD_LABELS[group]]


#: Fields whose stored values are codes of a group above.
_FIELD_CODES = {
    "status": "status", "sensitivity": "sensitivity", "date_precision": "precision",
    "sex": "sex", "counting_unit": "counting", "role": "involvement",
    "connection": "connection", "scope": "consent", "status_at_end": "outcome",
}


def field_label(field: str) -> str:
    """A record field's name for people (``date_start`` -> "Start date")."""
    return code_label("field", field)


def field_value_label(field: str, value: str) -> str:
    group = _FIELD_CODES.get(field)
    return code_label(group, value) if group else value
