"""Core warnings (``casebook.domain.notices.Notice``) in the user's language."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from casebook.domain.notices import FAILED_UNLOCKS, KEY_FILE_BACKUP_USED, TEST_ONLY_KDF

_CONTEXT = "Notices"
_TEXTS = {
    (KEY_FILE_BACKUP_USED, True): QT_TRANSLATE_NOOP(
        "Notices",
        "The key file {key_file} is missing; the vault was opened with its backup copy "
        "{backup}. Make a copy of the whole vault folder now.",
    ),
    (KEY_FILE_BACKUP_USED, False): QT_TRANSLATE_NOOP(
        "Notices",
        "The key file {key_file} is damaged; the vault was opened with its backup copy "
        "{backup}. Make a copy of the whole vault folder now.",
    ),
    (FAILED_UNLOCKS, None): QT_TRANSLATE_NOOP(
        "Notices",
        "Someone tried to open this vault with a wrong passphrase {count} time(s) since it "
        "was last opened (the last time at {last_at}). If that was not you, the laptop may "
        "have been in other hands.",
    ),
    (TEST_ONLY_KDF, None): QT_TRANSLATE_NOOP(
        "Notices",
        "The keys of these users are protected with test-only settings: {users}. "
        "Each of them should change their passphrase (Vault > Change passphrase).",
    ),
}


def describe_notice(notice: str) -> str:
    """The notice in the current language; its English text when it has no code."""
    code = getattr(notice, "code", None)
    params = dict(getattr(notice, "params", {}))
    variant = params.get("missing") if code == KEY_FILE_BACKUP_USED else None
    template = _TEXTS.get((code, variant)) if code else None
    if template is None:
        return str(notice)
    text = QCoreApplication.translate(_CONTEXT, str(template))
    # Paths and names stay left-to-right inside Arabic text.
    return text.format(**{k: f"\u2066{v}\u2069" for k, v in params.items()})


def describe_notices(notices: Iterable[str]) -> list[str]:
    return [describe_notice(n) for n in notices]
