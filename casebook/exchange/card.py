"""Contact cards (``casebook-contact/v1``): a colleague's public keys, name and role.

A card binds an Ed25519 signing key (what signs packages, reviews and checkpoints)
to an X25519 age recipient (what packages are encrypted to) with a self-signature,
so the encryption key cannot be swapped without the signing key. A card proves
nothing about *who* holds the keys: that is what comparing the fingerprint in
person is for (docs/packages.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from casebook.crypto import age, signing
from casebook.crypto.errors import AuthenticationFailed
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import DamagedDataError
from casebook.domain.file_format import read_format_object

FORMAT = "casebook-contact/v1"
ROLES = ("documenter", "supervisor")
MAX_CARD_BYTES = 64 * 1024
QR_PREFIX = "CASEBOOK-FP:1:"


@dataclass(frozen=True, slots=True)
class ContactCard:
    name: str
    role: str
    signing_key: str  # hex Ed25519 public key
    age_recipient: str  # "age1…"
    created_at: str
    signature: str  # hex Ed25519 over signed_message()

    def signed_message(self) -> bytes:
        return canonical_json({"format": FORMAT, "name": self.name, "role": self.role,
                               "signing_key": self.signing_key,
                               "age_recipient": self.age_recipient,
                               "created_at": self.created_at})

    @property
    def public_key(self) -> bytes:
        return bytes.fromhex(self.signing_key)

    @property
    def key_id(self) -> str:
        return signing.key_id(self.public_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key, self.age_recipient)

    def to_file(self) -> bytes:
        body = {"format": FORMAT, "name": self.name, "role": self.role,
                "signing_key": self.signing_key, "age_recipient": self.age_recipient,
                "created_at": self.created_at, "signature": self.signature}
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def fingerprint(signing_key_hex: str, age_recipient: str) -> str:
    """Six groups of five digits over both keys (about 100 bits).

    Digits rather than English words: two people compare them aloud in Arabic or
    English alike, and Arabic-Indic digits read the same (docs/packages.md).
    """
    digest = hashlib.sha256(b"casebook/v1/contact-fingerprint\0" + bytes.fromhex(signing_key_hex)
                            + age_recipient.encode("ascii")).digest()
    groups = [int.from_bytes(digest[i * 5:(i + 1) * 5], "big") % 100_000 for i in range(6)]
    return " ".join(f"{g:05d}" for g in groups)


def same_fingerprint(a: str, b: str) -> bool:
    def digits(text: str) -> str:
        # Arabic-Indic and Persian digits count as the digits they are.
        return "".join(str(int(c)) for c in text if c.isdigit())
    return digits(a) == digits(b) and len(digits(a)) == 30


def qr_payload(card_fingerprint: str) -> str:
    return QR_PREFIX + card_fingerprint.replace(" ", "")


def make_card(name: str, role: str, signing_seed: bytes, created_at: str) -> ContactCard:
    unsigned = ContactCard(name=name, role=role,
                           signing_key=signing.public_key_from_seed(signing_seed).hex(),
                           age_recipient=age.recipient_for_seed(signing_seed),
                           created_at=created_at, signature="")
    signature = signing.sign(signing_seed, unsigned.signed_message()).hex()
    return ContactCard(name, role, unsigned.signing_key, unsigned.age_recipient, created_at,
                       signature)


def parse_card(raw: bytes, *, source: str = "contact card") -> ContactCard:
    """Parse and check a card; any problem raises DamagedDataError naming it."""
    if len(raw) > MAX_CARD_BYTES:
        raise DamagedDataError(f"{source} is too large to be a Casebook contact card.")
    data = read_format_object(raw, FORMAT, source=source, what="a Casebook contact card")
    fields = ("name", "role", "signing_key", "age_recipient", "created_at", "signature")
    if not all(isinstance(data.get(f), str) for f in fields):
        raise DamagedDataError(f"{source} is missing contact-card fields or has bad ones.")
    card = ContactCard(*(str(data[f]) for f in fields))
    if not card.name.strip() or len(card.name) > 200:
        raise DamagedDataError(f"{source}: the name is empty or too long.")
    if card.role not in ROLES:
        raise DamagedDataError(f"{source}: unknown role {card.role!r}.")
    try:
        public_key = bytes.fromhex(card.signing_key)
        if len(public_key) != signing.PUBLIC_KEY_LENGTH:
            raise ValueError("length")
        age.check_recipient(card.age_recipient)
        signing.verify(public_key, bytes.fromhex(card.signature), card.signed_message())
    except (ValueError, AuthenticationFailed):
        raise DamagedDataError(f"{source}: its keys or self-signature do not check out; the "
                               "card was damaged or altered. Ask for it again.") from None
    return card
