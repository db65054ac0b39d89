"""Users of a vault and their roles."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from casebook.domain.errors import ValidationError

MAX_USER_NAME_LENGTH = 120


class Role(StrEnum):
    DOCUMENTER = "documenter"
    SUPERVISOR = "supervisor"

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(r.value for r in cls)
            raise ValidationError(
                f"Unknown role {text!r}; choose one of: {choices}.", field="role"
            ) from None


@dataclass(frozen=True, slots=True)
class User:
    """A user of one vault. Lives only inside the encrypted part of ``vault.key``."""

    id: str
    name: str
    role: Role
    public_key: bytes
    slot_id: str
    created_at: str


def normalise_user_name(name: str) -> str:
    """NFC-normalise and trim a user name, refusing empty or control-character names."""
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned:
        raise ValidationError("A user name cannot be empty.", field="name")
    if len(cleaned) > MAX_USER_NAME_LENGTH:
        raise ValidationError(
            f"A user name can have at most {MAX_USER_NAME_LENGTH} characters.", field="name"
        )
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise ValidationError("A user name cannot contain control characters.", field="name")
    return cleaned
