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
