"""Two vaults exchanging case packages both ways (issue 7)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from casebook.domain.errors import CasebookError
from casebook.domain.records import RecordKind
from casebook.services.audit import AuditService
from casebook.services.conflicts import ConflictService
from casebook.services.evidence import EvidenceService
from casebook.services.packages import PackageService
from casebook.services.qualification import QualificationService
from casebook.services.records import RecordService
from casebook.services.review import ReviewService
from tests.packages.helpers import DOCUMENTER, SUPERVISOR, Pair, database_digest


def _incident(pair: Pair, title: str = "Shelling of the market") -> str:
    with pair.documenter.session() as session:
        records = RecordService(session)
        incident = records.create(RecordKind.INCIDENT, {"title": title,
                                                        "date_start": "2025-03-02"})
        person = records.create(RecordKind.PERSON, {"name": "أحمد الخطيب"})
        records.create(RecordKind.INVOLVEMENT, {"incident": incident.id, "person": person.id,
                                                "role": "victim"})
        ReviewService(session).submit(incident.id)
        return incident.id


def _verify_clean(pair: Pair) -> None:
    for side in (pair.documenter, pair.supervisor):
        with side.session() as session:
            report = AuditService(session).verify()
            assert report.ok, report.problems


def test_documenter_sends_supervisor_reviews_and_sends_back(pair: Pair, tmp_path: Path) -> None:
    incident = _incident(pair)
    evidence_file = tmp_path / "photo.jpg"
    evidence_file.write_bytes(bytes(range(256)) * 1000)
    with pair.documenter.session() as session:
        EvidenceService(session).attach(incident, evidence_file)
    outcome = pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    assert outcome.new_records == 4 and outcome.new_evidence_files == 1
    assert outcome.new_reviews == 1 and not outcome.conflicts
    with pair.supervisor.session() as session:
        files = EvidenceService(session).attachments(incident)
        assert len(files) == 1
        data = EvidenceService(session).read_whole(files[0].id)
        assert hashlib.sha256(data).hexdigest() == \
            hashlib.sha256(evidence_file.read_bytes()).hexdigest()
        reviews = ReviewService(session)
        assert [q.id for q in reviews.queue()] == [incident]
        reviews.comment(incident, "Well documented; approving.")
        reviews.approve(incident, "Approved")
    back = pair.receive(pair.documenter, pair.send(pair.supervisor, DOCUMENTER))
    assert back.new_versions == 1 and back.new_reviews == 1 and back.new_comments == 1
    for side in (pair.documenter, pair.supervisor):
        with side.session() as session:
            current = RecordService(session).get(incident)
            assert current.content["status"] == "approved" and current.version == 3
            check = ReviewService(session).approval(incident)
            assert check.valid, check.reason
            assert check.reviewer_name == "Salma Supervisor"
            texts = [item.text for item in ReviewService(session).thread(incident)]
            assert "Well documented; approving." in texts
    _verify_clean(pair)


def test_packages_are_incremental_and_reimport_changes_nothing(pair: Pair) -> None:
    _incident(pair, "First")
    first = pair.send(pair.documenter, SUPERVISOR)
    pair.receive(pair.supervisor, first)
    second_incident = _incident(pair, "Second")
    second = pair.send(pair.documenter, SUPERVISOR)
    with pair.documenter.session() as session:
        # Everything sent already: only the package-export entry is new.
        plan = PackageService(session).plan([SUPERVISOR])
        assert plan.contents.records == 0 and plan.empty
        with pytest.raises(CasebookError, match="Nothing new to send"):
            PackageService(session).export([SUPERVISOR], pair.tmp / "empty.cbpkg")
        assert not (pair.tmp / "empty.cbpkg").exists()
    outcome = pair.receive(pair.supervisor, second)
    assert outcome.contents.by_kind == {"incident": 1, "involvement": 1, "person": 1}
    assert outcome.new_records == 3
    with pair.supervisor.session() as session:
        before = database_digest(session)
        again = PackageService(session).import_package(second)
        assert again.already_imported
        assert database_digest(session) == before
        assert RecordService(session).get(second_incident).content["title"] == "Second"
    _verify_clean(pair)


def test_dry_run_reports_and_changes_nothing(pair: Pair) -> None:
    _incident(pair)
    package = pair.send(pair.documenter, SUPERVISOR)
    with pair.supervisor.session() as session:
        before = database_digest(session)
        outcome = PackageService(session).import_package(package, dry_run=True)
        assert outcome.dry_run and outcome.new_records == 3
        assert database_digest(session) == before
    assert pair.receive(pair.supervisor, package).new_records == 3


def _diverge(pair: Pair) -> str:
    """The same incident edited in both vaults after an exchange."""
    incident = _incident(pair)
    pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    for side, changes in ((pair.documenter, {"title": "Market shelling, 2 March",
                                             "narrative": "Three shells."}),
                          (pair.supervisor, {"title": "Shelling of Jableh market",
                                             "sensitivity": "sensitive"})):
        with side.session() as session:
            records = RecordService(session)
            current = records.get(incident)
            records.update(incident, {**current.content, **changes},
                           expected_version=current.version)
    return incident


def test_concurrent_edits_become_a_conflict_resolved_field_by_field(pair: Pair) -> None:
    incident = _diverge(pair)
    outcome = pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    assert [c.record_id for c in outcome.conflicts] == [incident]
    with pair.supervisor.session() as session:
        # Nothing was overwritten: the supervisor's own edit is still current.
        assert RecordService(session).get(incident).content["title"] == \
            "Shelling of Jableh market"
        conflicts = ConflictService(session)
        [info] = conflicts.list()
        detail = conflicts.get(info.id)
        assert {d.field for d in detail.differences} == {"title", "narrative", "sensitivity"}
        resolved = conflicts.resolve(info.id, "fields", {"title": "theirs",
                                                         "narrative": "theirs",
                                                         "sensitivity": "mine"})
        assert resolved.content["title"] == "Market shelling, 2 March"
        assert resolved.content["sensitivity"] == "sensitive"
        assert conflicts.list() == []
        entries = [row for row in AuditService(session).log() if row.action ==
                   "resolve-conflict"]
        assert entries and entries[0].details["fields"]["sensitivity"] == "mine"
    back = pair.receive(pair.documenter, pair.send(pair.supervisor, DOCUMENTER))
    assert not back.conflicts
    # And the documenter's next package does not bring the conflict back.
    again = pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    assert not again.conflicts
    contents = []
    for side in (pair.documenter, pair.supervisor):
        with side.session() as session:
            contents.append(RecordService(session).get(incident).content)
            assert ConflictService(session).list() == []
    assert contents[0] == contents[1]
    _verify_clean(pair)


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_conflict_keep_mine_or_take_theirs_converges(pair: Pair, choice: str) -> None:
    incident = _diverge(pair)
    pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    with pair.supervisor.session() as session:
        [info] = ConflictService(session).list()
        ConflictService(session).resolve(info.id, choice)
        expected = RecordService(session).get(incident).content
    assert expected["title"] == ("Shelling of Jableh market" if choice == "mine"
                                 else "Market shelling, 2 March")
    assert not pair.receive(pair.documenter, pair.send(pair.supervisor, DOCUMENTER)).conflicts
    assert not pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR)).conflicts
    for side in (pair.documenter, pair.supervisor):
        with side.session() as session:
            assert RecordService(session).get(incident).content == expected
    _verify_clean(pair)


def test_qualifications_travel_back_to_the_documenter(pair: Pair) -> None:
    with pair.documenter.session() as session:
        records = RecordService(session)
        incident = records.create(RecordKind.INCIDENT, {"title": "Detention"})
        victim = records.create(RecordKind.PERSON, {"name": "Victim"})
        act = records.create(RecordKind.ACT, {"incident": incident.id, "victim": victim.id,
                                              "act_type": "act.torture"})
    pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    with pair.supervisor.session() as session:
        QualificationService(session).qualify(act.id, "legal.ihrl-torture",
                                              "proof.reasonable-grounds", "Two witnesses.")
    outcome = pair.receive(pair.documenter, pair.send(pair.supervisor, DOCUMENTER))
    assert outcome.contents.by_kind.get("qualification") == 1
    with pair.documenter.session() as session:
        [qualification] = QualificationService(session).for_act(act.id)
        assert qualification.term == "legal.ihrl-torture"
    _verify_clean(pair)


def test_out_of_order_package_is_refused_until_the_earlier_one_arrives(pair: Pair) -> None:
    _incident(pair, "First")
    first = pair.send(pair.documenter, SUPERVISOR)
    _incident(pair, "Second")
    second = pair.send(pair.documenter, SUPERVISOR)
    from casebook.domain.errors import PackageOutOfOrderError

    with pair.supervisor.session() as session:
        before = database_digest(session)
        with pytest.raises(PackageOutOfOrderError, match="Import the earlier package first"):
            PackageService(session).import_package(second)
        assert database_digest(session) == before
    pair.receive(pair.supervisor, first)
    assert pair.receive(pair.supervisor, second).new_records == 3


def test_a_full_package_catches_up_and_older_ones_are_then_refused(pair: Pair) -> None:
    _incident(pair)
    older = pair.send(pair.documenter, SUPERVISOR)
    full = pair.send(pair.documenter, SUPERVISOR, since=0)
    assert pair.receive(pair.supervisor, full).new_records == 3
    from casebook.domain.errors import PackageRefusedError

    with pair.supervisor.session() as session:
        before = database_digest(session)
        with pytest.raises(PackageRefusedError, match="replayed or is out of date"):
            PackageService(session).import_package(older)
        assert database_digest(session) == before


def test_rewritten_and_rolled_back_histories_are_refused(pair: Pair, tmp_path: Path) -> None:
    from casebook.domain.errors import PackageRefusedError

    _incident(pair)
    snapshot = tmp_path / "documenter-before"
    shutil.copytree(pair.documenter.folder, snapshot)
    _incident(pair, "Later")
    pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    # The documenter's vault is put back to an earlier copy (rolled back), and a
    # different history is written on top of it (rewritten).
    shutil.rmtree(pair.documenter.folder)
    shutil.copytree(snapshot, pair.documenter.folder)
    rolled_back = pair.send(pair.documenter, SUPERVISOR, since=0)
    with pair.supervisor.session() as session:
        before = database_digest(session)
        with pytest.raises(PackageRefusedError, match=r"rewritten|replayed or is out of date"):
            PackageService(session).import_package(rolled_back)
        assert database_digest(session) == before
    _incident(pair, "A different later")
    _incident(pair, "And more")
    rewritten = pair.send(pair.documenter, SUPERVISOR, since=0)
    with pair.supervisor.session() as session:
        before = database_digest(session)
        with pytest.raises(PackageRefusedError, match="history was rewritten"):
            PackageService(session).import_package(rewritten)
        assert database_digest(session) == before




@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_review_after_a_resolved_conflict_travels_and_counts(pair: Pair, choice: str) -> None:
    """The resolution gives the same content different version numbers in the two
    vaults; the approval made afterwards must still arrive and cover it."""
    incident = _diverge(pair)
    pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    with pair.supervisor.session() as session:
        [info] = ConflictService(session).list()
        ConflictService(session).resolve(info.id, choice)
        ReviewService(session).approve(incident, "Approved after the merge")
    back = pair.receive(pair.documenter, pair.send(pair.supervisor, DOCUMENTER))
    assert not back.conflicts and back.new_reviews == 1
    again = pair.receive(pair.supervisor, pair.send(pair.documenter, SUPERVISOR))
    assert not again.conflicts
    for side in (pair.documenter, pair.supervisor):
        with side.session() as session:
            assert RecordService(session).get(incident).content["status"] == "approved"
            check = ReviewService(session).approval(incident)
            assert check.valid, check.reason
    _verify_clean(pair)
