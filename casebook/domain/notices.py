"""Warnings the core hands to the interfaces.

A notice *is* its English sentence (the CLI prints it as it is) and also carries a
code and parameters, so the GUI can show it in the user's language.
"""

from __future__ import annotations

from typing import Any


class Notice(str):
    code: str
    params: dict[str, Any]

    def __new__(cls, text: str, code: str, **params: Any) -> Notice:
        notice = super().__new__(cls, text)
        notice.code = code
        notice.params = params
        return notice

    # Immutable like str: copies are the notice itself (dataclasses.asdict deep-copies).
    def __copy__(self) -> Notice:
        return self

    def __deepcopy__(self, _memo: dict[int, Any]) -> Notice:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (str(self), self.code, self.params))


def _rebuild(text: str, code: str, params: dict[str, Any]) -> Notice:
    return Notice(text, code, **params)


KEY_FILE_BACKUP_USED = "key-file-backup-used"
TEST_ONLY_KDF = "test-only-kdf"
FAILED_UNLOCKS = "failed-unlocks"
