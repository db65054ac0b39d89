"""Legal qualification of acts: a supervisor's reasoned act, kept apart from the facts
(DESIGN.md section 3). Each is a record of kind ``qualification``: act x violation
term x standard of proof x rationale x reviewer, versioned and audited like any
record; RecordStore refuses it from anyone but a supervisor."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from casebook.domain.errors import ValidationError
from casebook.domain.records import RecordKind
from casebook.services.queries import Queries
from casebook.services.records import RecordService, StoredRecord
from casebook.services.vault_service import VaultSession
from casebook.storage.taxonomy_rows import load_term_index
from casebook.taxonomy.model import TermIndex

LEGAL_SCHEME = "legal"
PROOF_SCHEME = "proof"


@dataclass(frozen=True)
class Qualification:
    id: str
    version: int
    act: str
    term: str
    proof: str
    rationale: str
    reviewer: str


def _check_term(index: TermIndex, code: str, scheme: str, field: str) -> None:
    term = index.get(code)
    if term is None or term.scheme != scheme:
        raise ValidationError(f"{field}: {code} is not a term of the '{scheme}' scheme "
                              f"(`casebook taxonomy list {scheme}`).", field=field)
    if not term.usable:
        hint = f"; use {term.replaced_by}" if term.replaced_by else ""
        raise ValidationError(f"{field}: {code} is {term.status.value}{hint}.", field=field)


class QualificationService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def _index(self) -> TermIndex:
        with Session(self.session.vault.engine) as db:
            return load_term_index(db)

    def qualify(self, act_id: str, term: str, proof: str, rationale: str) -> StoredRecord:
        index = self._index()
        _check_term(index, term, LEGAL_SCHEME, "term")
        _check_term(index, proof, PROOF_SCHEME, "proof")
        if not rationale.strip():
            raise ValidationError("rationale: say why the facts meet this qualification.",
                                  field="rationale")
        records = RecordService(self.session)
        act = records.get(act_id)
        if act.kind is not RecordKind.ACT:
            raise ValidationError(f"Record {act.id} is a {act.kind.value}, not an act.")
        return records.create(RecordKind.QUALIFICATION, {
            "act": act.id, "term": term, "proof": proof, "rationale": rationale.strip(),
            "reviewer": self.session.user.id,
        })

    def withdraw(self, qualification_id: str) -> StoredRecord:
        records = RecordService(self.session)
        current = records.get(qualification_id)
        if current.kind is not RecordKind.QUALIFICATION:
            raise ValidationError(f"Record {current.id} is not a legal qualification.")
        return records.delete(current.id, expected_version=current.version)

    def for_act(self, act_id: str) -> list[Qualification]:
        records = RecordService(self.session)
        found = []
        for ref in Queries(self.session).referring(act_id, RecordKind.QUALIFICATION):
            record = records.get(ref.record_id)
            c = record.content
            found.append(Qualification(record.id, record.version, str(c["act"]),
                                       str(c["term"]), str(c["proof"]),
                                       str(c.get("rationale", "")), str(c.get("reviewer", ""))))
        return found
