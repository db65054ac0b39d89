"""The readiness check: minimum elements per profile, enforced disappearance, records
not approved, consent; and an export of unapproved records needs confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casebook.domain.errors import PermissionDeniedError, UsageError, ValidationError
from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.gazetteer.model import place_id_for
from casebook.services.audit import AuditFilter, AuditService
from casebook.services.dossier import export_dossier, readiness
from casebook.services.records import RecordService
from casebook.services.review import ReviewService
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault
from tests.dossier.helpers import PROFILES, SUPERVISOR, SUPERVISOR_PASS, fake_renderer


@pytest.fixture
def supervisor(vault_dir: Path, kdf_policy: KdfPolicy) -> Iterator[VaultSession]:
    session = create_vault(vault_dir, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, kdf_policy)
    yield session
    session.lock()


def make(session: VaultSession, kind: RecordKind, **data: Any) -> str:
    return RecordService(session).create(kind, data).id


def complete_incident(session: VaultSession, *, approve: bool = True) -> str:
    """An incident with everything a Special Procedures communication needs."""
    incident = make(session, RecordKind.INCIDENT, title="Arrest at the checkpoint",
                    narrative="He was taken at the checkpoint.", date_start="2024-05-01",
                    place=place_id_for("SY0602"))
    victim = make(session, RecordKind.PERSON, name="Omar Haddad",
                  name_parts={"given": "Omar", "family": "Haddad"})
    unit = make(session, RecordKind.UNIT, name="Military Police")
    make(session, RecordKind.INVOLVEMENT, incident=incident, person=victim, role="victim")
    make(session, RecordKind.ACT, incident=incident, victim=victim,
         act_type="act.enforced-disappearance", perpetrators=[{"unit": unit}],
         steps_taken="Asked at the Military Police; a lawyer was sent.")
    make(session, RecordKind.CONSENT, person=victim, scope="special-procedures",
         given_at="2024-05-02")
    if approve:
        ReviewService(session).submit(incident)
        ReviewService(session).approve(incident)
    return incident


def codes(session: VaultSession, incident: str, profile: str = "special-procedures"
          ) -> list[str]:
    return [i.code for i in readiness(session, profile, [incident])]


def test_a_complete_approved_incident_is_ready(supervisor: VaultSession) -> None:
    incident = complete_incident(supervisor)
    assert codes(supervisor, incident) == []


def test_minimum_elements_missing(supervisor: VaultSession) -> None:
    incident = make(supervisor, RecordKind.INCIDENT, title="Something happened")
    items = readiness(supervisor, "special-procedures", [incident])
    assert [i.code for i in items] == ["victims", "perpetrators", "date", "place",
                                       "description", "unapproved"]
    assert {i.kind for i in items} == {"missing", "unapproved"}
    assert all(i.incident_id == incident and i.title == "Something happened" for i in items)
    assert "not approved (status draft)" in items[-1].message
    for profile in PROFILES:
        assert codes(supervisor, incident, profile)[:5] == [
            "victims", "perpetrators", "date", "place", "description"]


def test_each_element_counts_once_given(supervisor: VaultSession) -> None:
    incident = make(supervisor, RecordKind.INCIDENT, title="Shelling", narrative="   ",
                    date_start="2024-01-01", place=place_id_for("SY0602"))
    person = make(supervisor, RecordKind.PERSON, name="Perpetrator Person")
    make(supervisor, RecordKind.INVOLVEMENT, incident=incident, person=person,
         role="alleged-perpetrator")
    # a blank narrative is no description; a perpetrator through an involvement counts
    assert codes(supervisor, incident) == ["victims", "description", "unapproved"]


def test_enforced_disappearance_elements(supervisor: VaultSession) -> None:
    incident = make(supervisor, RecordKind.INCIDENT, title="Disappearance",
                    narrative="He did not come back.")
    victim = make(supervisor, RecordKind.PERSON, name="Omar")  # no full name
    make(supervisor, RecordKind.ACT, incident=incident, victim=victim,
         act_type="act.enforced-disappearance")
    found = codes(supervisor, incident)
    for code in ("disappearance-name", "disappearance-date", "disappearance-place",
                 "disappearance-forces", "disappearance-steps"):
        assert code in found, code
    assert "victims" not in found  # the act's victim counts
    messages = [i.message for i in readiness(supervisor, "special-procedures", [incident])]
    assert any("steps taken to locate" in m for m in messages)
    assert any("forces believed responsible" in m for m in messages)


def test_enforced_disappearance_complete_on_the_act(supervisor: VaultSession) -> None:
    incident = make(supervisor, RecordKind.INCIDENT, title="Disappearance",
                    narrative="He did not come back.")
    victim = make(supervisor, RecordKind.PERSON, name="Omar Haddad")
    unit = make(supervisor, RecordKind.UNIT, name="Air Force Intelligence")
    make(supervisor, RecordKind.ACT, incident=incident, victim=victim,
         act_type="act.enforced-disappearance", date="2024-02-03",
         place=place_id_for("SY0602"), perpetrators=[{"unit": unit}],
         steps_taken="Inquiries at the branch.")
    found = codes(supervisor, incident)
    assert not [c for c in found if c.startswith("disappearance")], found
    # Other act types do not need these.
    other = make(supervisor, RecordKind.INCIDENT, title="Beating", narrative="x")
    make(supervisor, RecordKind.ACT, incident=other, victim=victim, act_type="act.torture")
    assert not [c for c in codes(supervisor, other) if c.startswith("disappearance")]


def test_consent_missing_withdrawn_or_for_another_scope(supervisor: VaultSession) -> None:
    incident = complete_incident(supervisor)
    assert "consent" not in codes(supervisor, incident)  # given for special-procedures
    assert "consent" in codes(supervisor, incident, "iiim")  # not for the IIIM
    consent = RecordService(supervisor).get(next(
        r for r in _consents(supervisor)))
    RecordService(supervisor).update(consent.id, {**consent.content,
                                                  "withdrawn_at": "2024-06-01"},
                                     expected_version=consent.version)
    assert "consent" in codes(supervisor, incident)


def _consents(session: VaultSession) -> list[str]:
    from sqlmodel import Session, select

    from casebook.storage.models import Record

    with Session(session.vault.engine) as db:
        return list(db.exec(select(Record.id).where(
            Record.kind == RecordKind.CONSENT.value)).all())


def test_unapproved_export_needs_confirmation(supervisor: VaultSession, tmp_path: Path) -> None:
    approved = complete_incident(supervisor)
    draft = complete_incident(supervisor, approve=False)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "dossier.zip"
    assert codes(supervisor, draft) == ["unapproved"]
    with pytest.raises(ValidationError, match="1 of the chosen incidents are not approved"):
        export_dossier(supervisor, "special-procedures", out, fake_renderer,
                       incident_ids=[approved, draft])
    assert list(out.parent.iterdir()) == []  # nothing written, not even a temporary file
    assert AuditService(supervisor).log(AuditFilter(action="export")) == []
    summary = export_dossier(supervisor, "special-procedures", out, fake_renderer,
                             incident_ids=[approved, draft], allow_unapproved=True)
    assert out.is_file() and summary.incidents == 2
    [entry] = AuditService(supervisor).log(AuditFilter(action="export"))
    assert entry.details["unapproved"] == 1
    assert entry.details["incidents"] == [approved, draft]


def test_choosing_incidents(supervisor: VaultSession, tmp_path: Path) -> None:
    incident = complete_incident(supervisor)
    with pytest.raises(UsageError, match="Choose the incidents"):
        readiness(supervisor, "special-procedures")
    with pytest.raises(ValidationError, match="not an incident"):
        readiness(supervisor, "special-procedures", [place_id_for("SY0602")])
    with pytest.raises(ValidationError, match="No incident carries"):
        readiness(supervisor, "special-procedures", tag="act.looting")
    tagged = make(supervisor, RecordKind.INCIDENT, title="Looting of shops",
                  tags=["act.looting"])
    assert {i.incident_id for i in readiness(supervisor, "special-procedures",
                                             tag="act.destruction-looting")} == {tagged}
    assert {i.incident_id for i in readiness(supervisor, "special-procedures", [incident],
                                             tag="act.looting")} == {tagged}
    with pytest.raises(UsageError, match="en or ar"):
        export_dossier(supervisor, "special-procedures", tmp_path / "x.zip", fake_renderer,
                       incident_ids=[incident], language="fr")
    with pytest.raises(ValidationError, match="no profile"):
        export_dossier(supervisor, "interpol", tmp_path / "x.zip", fake_renderer,
                       incident_ids=[incident])


def test_only_a_supervisor_exports_a_dossier(vault_session: VaultSession, tmp_path: Path) -> None:
    """A dossier leaves the organisation: a documenter's export is refused and nothing
    is written."""
    incident = RecordService(vault_session).create(RecordKind.INCIDENT, {"title": "T"})
    out = tmp_path / "d.zip"
    with pytest.raises(PermissionDeniedError, match="supervisor"):
        export_dossier(vault_session, "special-procedures", out, lambda data, report: b"",
                       incident_ids=[incident.id], allow_unapproved=True)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_missing_consent_names_the_victim_for_the_person_preparing_it(
    vault_session: VaultSession,
) -> None:
    """Readiness stays inside the vault: it says whose consent to seek."""
    records = RecordService(vault_session)
    incident = records.create(RecordKind.INCIDENT, {"title": "T", "date_start": "2025-03"})
    victim = records.create(RecordKind.PERSON, {"name": "Huda Qassem"})
    records.create(RecordKind.INVOLVEMENT, {"incident": incident.id, "person": victim.id,
                                            "role": "victim"})
    items = readiness(vault_session, "special-procedures", [incident.id])
    [consent] = [i for i in items if i.kind == "consent"]
    assert "Huda Qassem" in consent.message
