"""JSON interchange (casebook/v1): import all or nothing, located errors, dry run,
skip-invalid, re-import, export and round trip."""

from __future__ import annotations

import copy
import json
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from casebook.domain.errors import (
    CasebookError,
    ImportValidationError,
    NewerFormatError,
)
from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.gazetteer.model import place_id_for
from casebook.gazetteer.shipped import shipped_gazetteer
from casebook.services import interchange
from casebook.services.evidence import EvidenceService
from casebook.services.interchange import (
    export_json,
    import_json,
    read_document,
    write_export,
)
from casebook.services.queries import Queries
from casebook.services.records import RecordService
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault
from casebook.storage.models import AuditEntry, Record
from tests.conftest import PASSPHRASE
from tests.interchange.helpers import PHOTO, realistic_document, snapshot, write_document


def _audit(session: VaultSession, action: str | None = None) -> list[AuditEntry]:
    with Session(session.vault.engine) as db:
        statement = select(AuditEntry).order_by(col(AuditEntry.seq))
        if action is not None:
            statement = statement.where(AuditEntry.action == action)
        return list(db.exec(statement).all())


def _by_ref(session: VaultSession, reference: str) -> Record:
    with Session(session.vault.engine) as db:
        record = db.exec(select(Record).where(Record.external_ref == reference)).one()
    return record


@pytest.fixture
def document() -> dict[str, Any]:
    return realistic_document()


@pytest.fixture
def other_vault(tmp_path: Path, kdf_policy: KdfPolicy) -> Any:
    session = create_vault(tmp_path / "other", "Supervisor", Role.SUPERVISOR, PASSPHRASE,
                           kdf_policy)
    yield session
    session.lock()


# --------------------------------------------------------------------------- success


def test_realistic_file_imports_every_section(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    path = write_document(tmp_path / "in", document)
    audit_before = len(_audit(vault_session))
    report = import_json(vault_session, path)

    assert report.counts("created") == {
        "incident": 2, "person": 4, "involvement": 4, "act": 2, "place": 4, "unit": 2,
        "statement": 1, "consent": 2, "evidence": 2,
    }
    assert report.updated == report.unchanged == 0
    assert report.files_attached == 1
    assert report.skipped == ()

    records = RecordService(vault_session)
    incident = records.get("INC-2025-001")  # found by its external reference
    assert incident.external_ref == "INC-2025-001"
    assert incident.content["title"] == "قصف سوق الهال"
    assert incident.content["x_team"] == {"name": "north", "shift": 2}  # unknown field kept
    market = records.get("pl-market")
    assert incident.content["place"] == market.id  # a place id of the file -> its UUID
    city = records.get(market.content["parent"])
    assert city.external_ref == "pl-city"
    assert records.get(city.content["parent"]).content["pcode"] == "SY02"

    uuid_incident = records.get("2b0c7f64-8f0e-4b8e-9d3a-52b1f6a7c001")
    assert uuid_incident.external_ref is None  # a UUID id is the record's id
    # A P-code of the vault's gazetteer becomes that place's id.
    assert uuid_incident.content["place"] == place_id_for("SY0203")

    rami = records.get("P-1")
    assert rami.content["name_parts"]["laqab"] == "أبو علي"
    assert rami.content["alt_names"] == ["Rami al-Haddad", "Rami Haddad"]
    assert rami.content["contact"] == "+963 944 000 111 (mother)"

    act = records.get("A-1")
    assert act.content["victim"] == rami.id
    assert act.content["perpetrators"][0]["unit"] == records.get("U-2").id
    assert act.content["perpetrators"][1]["person"] == records.get("P-4").id
    assert records.get("U-2").content["parent"] == records.get("U-1").id

    queries = Queries(vault_session)
    roles = {(i.person_id, i.role) for i in queries.involvements(incident=incident.id)}
    assert (rami.id, "victim") in roles
    assert records.get("inv-3").content["role"] == "alleged-perpetrator"
    assert [p.display_name for p in queries.persons(search="الحداد")] == ["رامي خالد الحداد"]

    evidence = EvidenceService(vault_session)
    [photo] = evidence.attachments(records.get("E-1").id)
    assert photo.file_name == "market.png"
    assert evidence.read_into_memory(photo.id) == PHOTO
    assert "file" not in records.get("E-1").content  # the path is not content

    created = _audit(vault_session)[audit_before:]
    imports = [e for e in created if e.action == "import"]
    assert len(imports) == len(report.rows) + 1  # one per record, plus the summary
    summary = imports[-1]
    assert (summary.object_type, summary.object_version) == ("vault", None)
    assert json.loads(summary.details) == {
        "format": "casebook/v1", "created": 23, "updated": 0, "unchanged": 0, "skipped": 0,
        "files": 1,
    }
    assert [e.action for e in created].count("attach") == 1
    assert vault_session.check_audit_chain() is None


def test_references_may_name_records_already_in_the_vault(
    vault_session: VaultSession, tmp_path: Path
) -> None:
    records = RecordService(vault_session)
    incident = records.create(RecordKind.INCIDENT, {"title": "Entered by hand"})
    document = {
        "format": "casebook/v1",
        "persons": [{"id": "p", "name": "Someone"}],
        "involvements": [{"incident": incident.id, "person": "p", "role": "source"}],
    }
    import_json(vault_session, write_document(tmp_path, document))
    [link] = Queries(vault_session).involvements(incident=incident.id)
    assert link.person_id == records.get("p").id
    # ...and by the external reference of an earlier import.
    again = {"format": "casebook/v1",
             "consents": [{"person": "p", "scope": "publication"}]}
    report = import_json(vault_session, write_document(tmp_path, again, "second.json"))
    assert report.counts("created") == {"consent": 1}


# --------------------------------------------------------------------------- located errors


def _break(document: dict[str, Any], section: str, index: int, **changes: Any) -> None:
    row = document[section][index]
    for key, value in changes.items():
        if value is _DROP:
            row.pop(key, None)
        else:
            row[key] = value


_DROP = object()


@pytest.mark.parametrize(
    ("section", "index", "changes", "expected"),
    [
        ("persons", 1, {"birth_date": "2025-02-30"}, "persons[1].birth_date: not a date"),
        ("persons", 0, {"birth_date": "yesterday"}, "persons[0].birth_date: not a date"),
        ("involvements", 1, {"person": "P-99"},
         "involvements[1].person: no person with id 'P-99' in this file or the vault"),
        ("involvements", 0, {"person": "INC-2025-001"},
         "involvements[0].person: 'INC-2025-001' is an incident (incidents[0]), not a person"),
        ("persons", 2, {"id": "P-1"}, "persons[2].id: duplicate id 'P-1' (also persons[0])"),
        ("places", 3, {"id": "U-1"}, "units[1].id: duplicate id 'U-1' (also places[3])"),
        ("incidents", 0, {"title": _DROP}, "incidents[0].title: Field required"),
        ("incidents", 1, {"title": "   "}, "incidents[1].title: String should have at least"),
        ("involvements", 2, {"role": "boss"}, "involvements[2].role: Input should be"),
        ("persons", 3, {"id": _DROP}, "persons[3].id: missing"),
        ("acts", 0, {"perpetrators": [{"unit": "U-2", "person": "P-4"}]},
         "acts[0].perpetrators[0]: a perpetrator is either a person or a unit"),
        ("acts", 0, {"perpetrators": [{"unit": "P-4"}]},
         "acts[0].perpetrators[0].unit: 'P-4' is a person (persons[3]), not a unit"),
        ("places", 3, {"parent": "pl-market"}, "places[3]: references go round in a loop "
         "(places[0] -> places[1] -> places[2] -> places[3] -> places[0])"),
        ("units", 1, {"parent": "U-1"}, "units[1]: references go round in a loop "
         "(units[1] -> units[1])"),
        ("evidence", 0, {"file": "files/missing.png"},
         "evidence[0].file: no such file 'files/missing.png'"),
        ("evidence", 1, {"record": "nowhere"},
         "evidence[1].record: no record with id 'nowhere' in this file or the vault"),
        ("incidents", 0, {"date_start": "2025-04", "date_end": "2025-03"},
         "incidents[0]: date_end is before date_start"),
        ("statements", 0, {"reliability": "Z"}, "statements[0].reliability: Input should be"),
        ("consents", 1, {"scope": "everything"}, "consents[1].scope: Input should be"),
        ("places", 0, {"level": "planet"}, "places[0].level: Input should be"),
        ("persons", 0, {"external_ref": 7}, "persons[0].external_ref: must be a non-empty"),
    ],
)
def test_an_invalid_row_is_located_and_nothing_changes(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path, section: str,
    index: int, changes: dict[str, Any], expected: str,
) -> None:
    _break(document, section, index, **changes)
    path = write_document(tmp_path / "in", document)
    before = snapshot(vault_session)
    with pytest.raises(ImportValidationError) as caught:
        import_json(vault_session, path)
    assert any(p.startswith(expected) for p in caught.value.problems), caught.value.problems
    assert expected in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert caught.value.exit_code == 1
    assert snapshot(vault_session) == before


def test_every_bad_row_is_listed_at_once(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    _break(document, "persons", 3, birth_date="2025-13")
    _break(document, "incidents", 1, title="")
    _break(document, "involvements", 3, role="boss", person="nobody")
    document["legal_qualifications"] = []
    document["units"] = {"not": "a list"}
    path = write_document(tmp_path / "in", document)
    before = snapshot(vault_session)
    with pytest.raises(ImportValidationError) as caught:
        import_json(vault_session, path)
    problems = caught.value.problems
    for expected in ("persons[3].birth_date", "incidents[1].title", "involvements[3].person",
                     "involvements[3].role", "legal_qualifications: unknown section",
                     "units: must be a list"):
        assert any(p.startswith(expected) for p in problems), (expected, problems)
    assert snapshot(vault_session) == before


def test_a_row_that_is_not_an_object(vault_session: VaultSession, tmp_path: Path) -> None:
    document = {"format": "casebook/v1", "incidents": [{"id": "a", "title": "A"}, "oops", 3]}
    with pytest.raises(ImportValidationError) as caught:
        import_json(vault_session, write_document(tmp_path, document))
    assert caught.value.problems == (
        "incidents[1]: must be an object {...}, not a string",
        "incidents[2]: must be an object {...}, not a number",
    )


# --------------------------------------------------------------------------- file errors


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "casebook/v1",\n "incidents": [\n  {"id": 1,}\n]}',
         "is not valid JSON: Expecting property name enclosed in double quotes at line 3, "
         "column 12"),
        (b"", "is not valid JSON: Expecting value at line 1, column 1"),
        (b'{"format": "casebook/v1", "incidents": [NaN]}', "NaN is not a JSON number"),
        (b'{"format": "other/v1"}', 'is in format "other/v1", not "casebook/v1"'),
        (b'{"incidents": []}', 'has no "format" field'),
        (b'[{"format": "casebook/v1"}]', "holds a list [...], not an object"),
        (b'"casebook/v1"', "holds a string, not an object"),
        (b'{"format": "casebook/v1", "x": "\xff"}', "is not UTF-8 text"),
    ],
)
def test_file_level_problems_name_the_file(
    vault_session: VaultSession, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = snapshot(vault_session)
    with pytest.raises(CasebookError) as caught:
        import_json(vault_session, path)
    assert not isinstance(caught.value, ImportValidationError)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)
    assert caught.value.exit_code == 1
    assert snapshot(vault_session) == before


def test_newer_format_and_missing_or_odd_paths(
    vault_session: VaultSession, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "casebook/v2"}')
    with pytest.raises(NewerFormatError, match="newer Casebook"):
        read_document(newer)
    with pytest.raises(CasebookError, match="does not exist"):
        import_json(vault_session, tmp_path / "absent.json")
    with pytest.raises(CasebookError, match="is a folder"):
        import_json(vault_session, tmp_path)


def test_a_byte_order_mark_is_accepted(vault_session: VaultSession, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"format": "casebook/v1", "incidents": []}')
    assert import_json(vault_session, path).rows == ()


# --------------------------------------------------------------------------- dry run, skip


def test_dry_run_writes_nothing(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    path = write_document(tmp_path / "in", document)
    before = snapshot(vault_session)
    report = import_json(vault_session, path, dry_run=True)
    assert report.dry_run
    assert report.created == 23
    assert report.files_attached == 1
    assert snapshot(vault_session) == before
    # The dry run's promise holds.
    real = import_json(vault_session, path)
    assert real.counts("created") == report.counts("created")


def test_dry_run_reports_invalid_rows_too(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    _break(document, "persons", 0, sex="unsure")
    with pytest.raises(ImportValidationError, match=r"persons\[0\]\.sex"):
        import_json(vault_session, write_document(tmp_path, document), dry_run=True)


def test_skip_invalid_imports_the_good_rows_and_reports_the_rest(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    _break(document, "persons", 0, birth_date="2014-02-30")  # Rami: victim of A-1 ...
    _break(document, "places", 1, level="town")  # the city: parent of the market
    document["junk"] = [1, 2]
    path = write_document(tmp_path / "in", document)
    report = import_json(vault_session, path, skip_invalid=True)

    skipped = {s.where: s.reasons for s in report.skipped}
    assert skipped["junk"][0].startswith("junk: unknown section")
    assert skipped["persons[0]"] == ("persons[0].birth_date: not a date (no such day)",)
    assert skipped["places[1]"][0].startswith("places[1].level: Input should be")
    # Rows that need a skipped row are skipped, saying which.
    assert skipped["involvements[0]"] == (
        "involvements[0]: refers to incidents[0] and persons[0], which are skipped",)
    assert skipped["places[0]"] == ("places[0]: refers to places[1], which is skipped",)
    assert skipped["incidents[0]"] == ("incidents[0]: refers to places[0], which is skipped",)
    assert "acts[0]" in skipped
    assert "evidence[0]" in skipped  # its incident is skipped
    assert "consents[1]" in skipped
    # Everything else is in.
    created = report.counts("created")
    assert created["incident"] == 1
    assert created["person"] == 3
    assert created["place"] == 2  # the governorate and the country
    assert report.files_attached == 0
    assert not list(vault_session.vault.paths.blobs.iterdir())
    summary = _audit(vault_session, "import")[-1]
    assert json.loads(summary.details)["skipped"] == len(report.skipped)


# --------------------------------------------------------------------------- re-import


def test_reimporting_the_same_file_changes_nothing(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    path = write_document(tmp_path / "in", document)
    import_json(vault_session, path)
    before = snapshot(vault_session)
    report = import_json(vault_session, path)
    assert report.created == report.updated == report.files_attached == 0
    assert report.unchanged == 23
    assert snapshot(vault_session) == before  # not even a summary entry


def test_reimport_with_a_change_adds_a_version(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    import_json(vault_session, write_document(tmp_path / "one", document))
    changed = copy.deepcopy(document)
    changed["incidents"][0]["status"] = "approved"
    changed["involvements"][1]["role"] = "source"  # an id-less row: a new involvement
    report = import_json(vault_session, write_document(tmp_path / "two", changed))
    assert report.counts("updated") == {"incident": 1}
    assert report.counts("created") == {"involvement": 1}
    records = RecordService(vault_session)
    incident = records.get("INC-2025-001")
    assert incident.version == 2
    assert [(c.field, c.after) for c in records.diff(incident.id, 1, 2)] == [
        ("status", "approved")]
    last = _audit(vault_session)[-3:]
    assert [(e.action, e.object_type, e.object_version) for e in last] == [
        ("import", "incident", 2), ("import", "involvement", 1), ("import", "vault", None)]


def test_identical_rows_without_ids_make_one_record(
    vault_session: VaultSession, tmp_path: Path
) -> None:
    document = {
        "format": "casebook/v1",
        "persons": [{"id": "p", "name": "P"}],
        "consents": [{"person": "p", "scope": "iiim"}, {"person": "p", "scope": "iiim"},
                     {"person": "p", "scope": "publication"}],
    }
    report = import_json(vault_session, write_document(tmp_path, document))
    assert [r.outcome for r in report.rows if r.kind == "consent"] == [
        "created", "unchanged", "created"]
    assert report.rows[1].record_id == report.rows[2].record_id


def test_reimport_of_an_export_matches_by_uuid(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    import_json(vault_session, write_document(tmp_path / "in", document))
    out = tmp_path / "export.json"
    write_export(vault_session, out)
    before = snapshot(vault_session)
    report = import_json(vault_session, out)
    assert report.created == 0
    assert report.unchanged == 23 + len(shipped_gazetteer().places)  # the shipped places too
    # The export audit entry is the only change the export made.
    assert snapshot(vault_session).audit_entries == before.audit_entries


def test_an_id_of_another_kind_in_the_vault_is_refused(
    vault_session: VaultSession, tmp_path: Path
) -> None:
    person = RecordService(vault_session).create(RecordKind.PERSON, {"name": "P"})
    document = {"format": "casebook/v1", "incidents": [{"id": person.id, "title": "x"}]}
    with pytest.raises(ImportValidationError, match="is a person in this vault"):
        import_json(vault_session, write_document(tmp_path, document))


def test_a_deleted_record_is_not_revived(vault_session: VaultSession, tmp_path: Path) -> None:
    records = RecordService(vault_session)
    gone = records.create(RecordKind.INCIDENT, {"title": "Gone"})
    records.delete(gone.id, expected_version=1)
    document = {"format": "casebook/v1", "incidents": [{"id": gone.id, "title": "Gone"}]}
    with pytest.raises(ImportValidationError, match="was deleted in this vault"):
        import_json(vault_session, write_document(tmp_path, document))


# --------------------------------------------------------------------------- evidence files


def test_a_failed_import_removes_the_blobs_it_wrote(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document["evidence"].append({"id": "E-3", "record": "P-2", "file": "files/market.png"})
    path = write_document(tmp_path / "in", document)
    before = snapshot(vault_session)
    real = EvidenceService.add_sealed
    calls: list[str] = []

    def failing(self: EvidenceService, *args: Any, **kwargs: Any) -> Any:
        calls.append("x")
        if len(calls) == 2:
            raise OSError("disk full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(EvidenceService, "add_sealed", failing)
    with pytest.raises(OSError, match="disk full"):
        import_json(vault_session, path)
    assert len(calls) == 2  # the first blob was written before the failure...
    assert snapshot(vault_session) == before  # ...and removed with the rollback


def test_the_same_file_is_not_attached_twice(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    import_json(vault_session, write_document(tmp_path / "in", document))
    changed = copy.deepcopy(document)
    changed["evidence"][0]["description"] = "Photo of the crater, from the east"
    report = import_json(vault_session, write_document(tmp_path / "two", changed))
    assert report.counts("updated") == {"evidence": 1}
    assert report.files_attached == 0
    (tmp_path / "two" / "files" / "market.png").write_bytes(PHOTO + b"cropped")
    report = import_json(vault_session, tmp_path / "two" / "import.json")
    assert report.files_attached == 1
    evidence = RecordService(vault_session).get("E-1")
    assert len(EvidenceService(vault_session).attachments(evidence.id)) == 2


# --------------------------------------------------------------------------- export


def test_export_is_full_unknown_fields_included_and_audited(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    import_json(vault_session, write_document(tmp_path / "in", document))
    exported = export_json(vault_session)
    assert list(exported) == ["format", "incidents", "persons", "involvements", "acts",
                              "places", "units", "statements", "consents", "evidence",
                              "qualifications"]
    [incident] = [r for r in exported["incidents"] if r.get("external_ref") == "INC-2025-001"]
    assert incident["x_team"] == {"name": "north", "shift": 2}
    assert uuid.UUID(incident["id"])
    [rami] = [r for r in exported["persons"] if r.get("external_ref") == "P-1"]
    assert rami["contact"] == "+963 944 000 111 (mother)"  # unredacted
    assert all("file" not in e for e in exported["evidence"])
    for section in interchange.SECTIONS:
        ids = [r["id"] for r in exported[section]]
        assert ids == sorted(ids)
    entry = _audit(vault_session)[-1]
    assert entry.action == "export"
    details = json.loads(entry.details)
    assert details["records"]["persons"] == 4
    assert "contact" not in entry.details


def test_write_export_is_private_and_refuses_to_overwrite(
    vault_session: VaultSession, document: dict[str, Any], tmp_path: Path
) -> None:
    import_json(vault_session, write_document(tmp_path / "in", document))
    out = tmp_path / "backup.json"
    summary = write_export(vault_session, out)
    assert summary.records["incidents"] == 2
    assert summary.evidence_files_not_included == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text("utf-8"))["format"] == "casebook/v1"
    assert "قصف سوق الهال" in out.read_text("utf-8")  # UTF-8, not \u escapes
    entries = len(_audit(vault_session))
    with pytest.raises(CasebookError, match="already exists"):
        write_export(vault_session, out)
    with pytest.raises(CasebookError, match="does not exist"):
        write_export(vault_session, tmp_path / "nowhere" / "x.json")
    assert len(_audit(vault_session)) == entries
    write_export(vault_session, out, overwrite=True)


def test_export_import_export_is_identical(
    vault_session: VaultSession, other_vault: VaultSession, document: dict[str, Any],
    tmp_path: Path,
) -> None:
    import_json(vault_session, write_document(tmp_path / "in", document))
    first = tmp_path / "first.json"
    write_export(vault_session, first)
    import_json(other_vault, first)
    second = tmp_path / "second.json"
    write_export(other_vault, second)
    assert first.read_bytes() == second.read_bytes()


def test_include_deleted_marks_them_and_import_ignores_them(
    vault_session: VaultSession, other_vault: VaultSession, tmp_path: Path
) -> None:
    records = RecordService(vault_session)
    kept = records.create(RecordKind.INCIDENT, {"title": "Kept"})
    gone = records.create(RecordKind.INCIDENT, {"title": "Gone"})
    records.delete(gone.id, expected_version=1)
    assert [r["id"] for r in export_json(vault_session)["incidents"]] == [kept.id]
    everything = export_json(vault_session, include_deleted=True)
    [deleted] = [r for r in everything["incidents"] if r.get("deleted")]
    assert deleted == {**deleted, "id": gone.id, "title": "Gone", "deleted": True}
    path = tmp_path / "all.json"
    path.write_text(json.dumps(everything), encoding="utf-8")
    report = import_json(other_vault, path)
    assert report.deleted_rows_ignored == 1
    assert [r.record_id for r in report.rows if r.kind == "incident"] == [kept.id]


DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "coast-2025.json"


@pytest.mark.skipif(not DEMO.is_file(), reason="no demo data set in this checkout")
def test_the_demo_data_set_imports_and_round_trips(
    vault_session: VaultSession, other_vault: VaultSession, tmp_path: Path
) -> None:
    report = import_json(vault_session, DEMO)
    assert report.skipped == ()
    assert report.created == sum(
        len(rows) for name, rows in read_document(DEMO).items() if name != "format")
    assert import_json(vault_session, DEMO).unchanged == report.created
    first = tmp_path / "first.json"
    write_export(vault_session, first)
    import_json(other_vault, first)
    second = tmp_path / "second.json"
    write_export(other_vault, second)
    assert first.read_bytes() == second.read_bytes()
