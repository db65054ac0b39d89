"""Property: whatever people do through Casebook, in whatever order, the trail
verifies: the chain, every commit, every checkpoint and every review signature."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from casebook.audit.store import stored_checkpoints
from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.domain.errors import PermissionDeniedError, ValidationError
from casebook.domain.records import IncidentStatus, RecordKind
from casebook.domain.users import Role
from casebook.services.audit import AuditService
from casebook.services.evidence import EvidenceService
from casebook.services.interchange import write_export
from casebook.services.records import RecordService
from casebook.services.review import TRANSITIONS, Decision, ReviewService
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import KdfPolicy, VaultSession, unlock_vault
from tests.audit.helpers import (
    DOCUMENTER_PASS,
    SUPERVISOR_PASS,
    make_two_users,
)

OPERATIONS = ("create-incident", "create-person", "update", "delete", "tag", "reveal", "attach",
              "comment", Decision.SUBMIT, Decision.APPROVE, Decision.REQUEST_CHANGES,
              "export", "relock", "switch-user")
texts = st.text(alphabet="abc ابت\u064e-", min_size=1, max_size=12).filter(str.strip)


@dataclass
class Model:
    """What the test expects: live records and each incident's status."""

    incidents: dict[str, str] = field(default_factory=dict)  # id -> status
    persons: list[str] = field(default_factory=list)
    with_evidence: set[str] = field(default_factory=set)  # incidents evidence points at
    locks: int = 0
    #: the head (seq) at each lock and export: a signed checkpoint must cover each
    signed_heads: set[int] = field(default_factory=set)


def _step(session: VaultSession, model: Model, operation: str, data: st.DataObject,
          folder: Path, number: int) -> None:
    records = RecordService(session)
    incidents, persons = sorted(model.incidents), model.persons
    if operation == "create-incident":
        made = records.create(RecordKind.INCIDENT, {"title": data.draw(texts)})
        model.incidents[made.id] = IncidentStatus.DRAFT.value
    elif operation == "create-person":
        made = records.create(RecordKind.PERSON, {"name": data.draw(texts),
                                                  "contact": data.draw(texts)})
        persons.append(made.id)
    elif operation in ("update", "delete") and (incidents or persons):
        target = data.draw(st.sampled_from(incidents + persons))
        current = records.get(target)
        if operation == "delete" and target in model.with_evidence:
            with pytest.raises(ValidationError, match="still referred to"):
                records.delete(target, expected_version=current.version)
            return
        if operation == "delete":
            records.delete(target, expected_version=current.version)
            model.incidents.pop(target, None)
            if target in persons:
                persons.remove(target)
            return
        changed = ({**current.content, "narrative": data.draw(texts)} if target in incidents
                   else {**current.content, "name": data.draw(texts)})
        saved = records.update(target, changed, expected_version=current.version)
        if target in incidents:
            if saved.version != current.version and model.incidents[target] == "approved":
                model.incidents[target] = IncidentStatus.DRAFT.value  # needs review again
            assert saved.content["status"] == model.incidents[target]
    elif operation == "tag" and incidents:
        target = data.draw(st.sampled_from(incidents))
        before = records.get(target)
        saved = TaxonomyService(session).tag(target, add=["act.killing"])
        assert "act.killing" in saved.content["tags"]
        if saved.version != before.version and model.incidents[target] == "approved":
            model.incidents[target] = IncidentStatus.DRAFT.value  # an edit needs review again
        assert saved.content["status"] == model.incidents[target]
    elif operation == "attach" and incidents:
        source = folder / f"photo-{number}.jpg"
        source.write_bytes(data.draw(st.binary(max_size=64)))
        target = data.draw(st.sampled_from(incidents))
        EvidenceService(session).attach(target, source)
        model.with_evidence.add(target)
    elif operation == "reveal" and persons:
        records.reveal_contact(data.draw(st.sampled_from(persons)))
    elif operation == "comment" and (incidents or persons):
        ReviewService(session).comment(data.draw(st.sampled_from(incidents + persons)),
                                       data.draw(texts))
    elif operation in (Decision.SUBMIT, Decision.APPROVE, Decision.REQUEST_CHANGES) and incidents:
        _decide(session, model, operation, data.draw(st.sampled_from(incidents)),
                data.draw(texts))
    elif operation == "export":
        write_export(session, folder / f"export-{number}.json")


def _decide(session: VaultSession, model: Model, decision: str, target: str,
            comment: str) -> None:
    service = ReviewService(session)
    act = {Decision.SUBMIT: service.submit, Decision.APPROVE: service.approve,
           Decision.REQUEST_CHANGES: service.request_changes}[decision]
    after = TRANSITIONS[decision].get(model.incidents[target])
    if decision != Decision.SUBMIT and session.user.role is not Role.SUPERVISOR:
        with pytest.raises(PermissionDeniedError):
            act(target, comment)
    elif after is None:
        with pytest.raises(ValidationError):
            act(target, comment)
    else:
        saved = act(target, comment)
        assert saved.content["status"] == after.value
        model.incidents[target] = after.value
        if decision == Decision.APPROVE:
            assert service.approval(target).valid


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(operations=st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=14),
       data=st.data())
def test_any_sequence_of_operations_verifies(operations: list[str], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        vault = make_two_users(folder / "vault",
                               KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False))
        model = Model()
        passphrases = [DOCUMENTER_PASS, SUPERVISOR_PASS]
        session = vault.documenter()
        try:
            for number, operation in enumerate(operations):
                if operation in ("relock", "switch-user"):
                    model.signed_heads.add(AuditService(session).verify().entries)
                    session.lock()
                    model.locks += 1
                    if operation == "switch-user":
                        passphrases.reverse()
                    session = unlock_vault(vault.folder, passphrases[0])
                    continue
                _step(session, model, operation, data, folder, number)
                if operation == "export":
                    model.signed_heads.add(AuditService(session).verify().entries)
            report = AuditService(session).verify()
            assert report.ok, report.problems
            # Every lock and export left a checkpoint of the head it saw (a lock right
            # after an export has nothing new to sign, so they may share one).
            with Session(session.vault.engine) as db:
                signed = {c.seq for c in stored_checkpoints(db, session.vault.vault_id)}
            assert model.signed_heads <= signed
            assert report.first_problem is None
            for incident, status in model.incidents.items():
                assert RecordService(session).get(incident).content["status"] == status
        finally:
            session.lock()
        assert vault.verify().ok
