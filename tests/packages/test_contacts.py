"""Contact cards: export, import, verify by fingerprint, refusal of altered cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.domain.errors import DamagedDataError, UsageError, ValidationError
from casebook.exchange.card import parse_card, same_fingerprint
from casebook.services.audit import AuditService
from casebook.services.contacts import ContactNotFoundError, ContactService
from casebook.services.vault_service import KdfPolicy, VaultSession
from tests.packages.helpers import make_pair


def test_own_card_round_trips_with_a_stable_fingerprint(vault_session: VaultSession,
                                                        tmp_path: Path) -> None:
    contacts = ContactService(vault_session)
    own = contacts.export_card(tmp_path / "me.json")
    card = parse_card((tmp_path / "me.json").read_bytes())
    assert card.fingerprint == own.fingerprint == contacts.own().fingerprint
    assert len(own.fingerprint_groups) == 6
    assert all(len(g) == 5 and g.isdigit() for g in own.fingerprint_groups)
    assert own.qr_payload == "CASEBOOK-FP:1:" + own.fingerprint.replace(" ", "")
    assert card.age_recipient.startswith("age1")
    with pytest.raises(UsageError, match="already exists"):
        contacts.export_card(tmp_path / "me.json")


def test_import_then_verify_only_with_the_right_fingerprint(tmp_path: Path,
                                                            kdf_policy: KdfPolicy) -> None:
    pair = make_pair(tmp_path, kdf_policy, verify=False)
    with pair.documenter.session() as session:
        contacts = ContactService(session)
        [supervisor] = contacts.list()
        assert not supervisor.verified and supervisor.role == "supervisor"
        with pytest.raises(ValidationError, match="does not match"):
            contacts.verify(supervisor.key_id, "12345 " * 6)
        assert not contacts.get(supervisor.key_id).verified
        # Arabic-Indic digits, as an Arabic screen may show them, compare as digits.
        arabic = supervisor.fingerprint.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        assert same_fingerprint(arabic, supervisor.fingerprint)
        verified = contacts.verify(supervisor.name, arabic)
        assert verified.verified and verified.verified_at
        actions = [row.action for row in AuditService(session).log()]
        assert "contact-import" in actions and "contact-verify" in actions


def test_altered_card_is_refused(tmp_path: Path, kdf_policy: KdfPolicy) -> None:
    pair = make_pair(tmp_path, kdf_policy, verify=False)
    card_path = tmp_path / "cards" / "supervisor.json"
    data = json.loads(card_path.read_text())
    data["name"] = "Someone Else"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    with pytest.raises(DamagedDataError, match="self-signature"):
        ContactService.read_card(forged)
    (tmp_path / "junk.json").write_bytes(b"\x00\x01 not json")
    with pair.documenter.session() as session, \
            pytest.raises(DamagedDataError, match="not a Casebook contact card"):
        ContactService(session).import_card(tmp_path / "junk.json")


def test_own_card_and_unknown_contacts_are_refused(tmp_path: Path,
                                                   kdf_policy: KdfPolicy) -> None:
    pair = make_pair(tmp_path, kdf_policy)
    with pair.documenter.session() as session:
        contacts = ContactService(session)
        with pytest.raises(ValidationError, match="user of this vault"):
            contacts.import_card(tmp_path / "cards" / "documenter.json")
        with pytest.raises(ContactNotFoundError):
            contacts.get("nobody")
        # Importing the same card again changes nothing and keeps it verified.
        again = contacts.import_card(tmp_path / "cards" / "supervisor.json")
        assert again.verified
