"""Contacts: colleagues' public key cards, and your own (docs/packages.md).

Packages go only to, and are accepted only from, contacts a person marked verified
after comparing the fingerprint with the colleague in person.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from casebook.crypto.signing import key_id
from casebook.domain.errors import CasebookError, DamagedDataError, UsageError, ValidationError
from casebook.exchange.card import ContactCard, make_card, parse_card, qr_payload, same_fingerprint
from casebook.services.audit import check_target, write_file
from casebook.services.vault_service import VaultSession
from casebook.storage.models import Contact
from casebook.storage.vault import now_utc


class ContactNotFoundError(CasebookError):
    """No contact matches the name or key id given."""


@dataclass(frozen=True, slots=True)
class ContactInfo:
    key_id: str
    name: str
    role: str
    fingerprint: str
    verified: bool
    verified_at: str | None
    imported_at: str | None
    own: bool = False

    @property
    def fingerprint_groups(self) -> list[str]:
        return self.fingerprint.split()

    @property
    def qr_payload(self) -> str:
        return qr_payload(self.fingerprint)


def _info(row: Contact) -> ContactInfo:
    card = parse_card(row.card.encode("utf-8"), source=f"the stored card of {row.name}")
    return ContactInfo(row.key_id, row.name, row.role, card.fingerprint,
                       row.verified_at is not None, row.verified_at, row.imported_at)


def read_card_file(path: Path) -> ContactCard:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist.") from None
    except OSError as exc:
        raise CasebookError(f"Could not read {path}: {exc.strerror}.", path=path) from None
    return parse_card(raw, source=str(path))


class ContactService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def own_card(self) -> ContactCard:
        user = self.session.user
        return make_card(user.name, user.role.value, self.session.vault.signing_seed(),
                         user.created_at)

    def own(self) -> ContactInfo:
        card = self.own_card()
        return ContactInfo(card.key_id, card.name, card.role, card.fingerprint, True, None,
                           None, own=True)

    def export_card(self, path: Path, *, overwrite: bool = False) -> ContactInfo:
        """Write your own card (public keys only: safe to hand over on a USB stick)."""
        check_target(path, overwrite=overwrite)
        write_file(path, self.own_card().to_file(), mode=0o644)
        return self.own()

    @staticmethod
    def read_card(path: Path) -> ContactInfo:
        """A card's details before importing it (nothing changes)."""
        card = read_card_file(path)
        return ContactInfo(card.key_id, card.name, card.role, card.fingerprint, False, None,
                           None)

    def import_card(self, path: Path) -> ContactInfo:
        card = read_card_file(path)
        if card.key_id in {key_id(u.public_key) for u in self.session.vault.users}:
            raise ValidationError(f"{path} is the card of a user of this vault "
                                  f"({card.name}); import your colleagues' cards.")
        text = card.to_file().decode("utf-8")
        with self.session.unit_of_work() as uow:
            row = uow.session.get(Contact, card.key_id)
            if row is not None and row.card == text:
                return _info(row)
            action = "contact-import" if row is None else "contact-update"
            if row is None:
                row = Contact(key_id=card.key_id, name=card.name, role=card.role,
                              signing_key=card.signing_key, age_recipient=card.age_recipient,
                              card=text, imported_at=now_utc(), imported_by=uow.actor)
            elif row.signing_key != card.signing_key or row.age_recipient != card.age_recipient:
                raise DamagedDataError(f"{path} has the key id of {row.name} but other keys; "
                                       "it is not their card.")
            else:
                # Same keys, so the fingerprint and any verification still hold.
                row.name, row.role, row.card = card.name, card.role, text
            uow.session.add(row)
            uow.audit(action, "contact", card.key_id,
                      details={"name": card.name, "role": card.role,
                               "fingerprint": card.fingerprint})
            return _info(row)

    def verify(self, ref: str, fingerprint: str | None = None) -> ContactInfo:
        """Mark a contact verified. ``fingerprint`` (what the colleague read out or
        showed) must then match; the GUI asks the person to compare instead."""
        with self.session.unit_of_work() as uow:
            row = _find(uow.session, ref)
            info = _info(row)
            if fingerprint is not None and not same_fingerprint(fingerprint, info.fingerprint):
                raise ValidationError(
                    f"The fingerprint given does not match {row.name}'s card "
                    f"({info.fingerprint}). Do not trust this card: get it again from them "
                    "in person.", field="fingerprint")
            if row.verified_at is not None:
                return info
            row.verified_at, row.verified_by = now_utc(), uow.actor
            uow.session.add(row)
            uow.audit("contact-verify", "contact", row.key_id,
                      details={"name": row.name, "fingerprint": info.fingerprint})
            return _info(row)

    def list(self) -> list[ContactInfo]:
        with Session(self.session.vault.engine) as db:
            rows = db.exec(select(Contact).order_by(col(Contact.name))).all()
            infos = [_info(r) for r in rows]
        return sorted(infos, key=lambda c: (not c.verified, c.name.casefold()))

    def get(self, ref: str) -> ContactInfo:
        with Session(self.session.vault.engine) as db:
            return _info(_find(db, ref))


def _find(db: Session, ref: str) -> Contact:
    ref = ref.strip()
    row = db.get(Contact, ref.lower())
    if row is not None:
        return row
    rows = db.exec(select(Contact)).all()
    by_name = [r for r in rows if r.name == ref]
    if len(by_name) == 1:
        return by_name[0]
    by_prefix = [r for r in rows if len(ref) >= 4 and r.key_id.startswith(ref.lower())]
    if len(by_prefix) == 1:
        return by_prefix[0]
    if len(by_name) > 1 or len(by_prefix) > 1:
        raise UsageError(f"More than one contact matches {ref!r}; give the key id "
                         "(casebook contact list).")
    raise ContactNotFoundError(f"No contact matches {ref!r}. See casebook contact list, or "
                               "import their card with casebook contact import.")
