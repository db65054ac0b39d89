"""A query by a term includes its descendants; a place includes the places inside
it; counts per term and the supervisor's table by act type and governorate."""

from __future__ import annotations

from collections import Counter

import pytest

from casebook.domain.errors import UsageError, ValidationError
from casebook.domain.records import RecordKind
from casebook.gazetteer.model import place_id_for
from casebook.services.demo import demo_data_file
from casebook.services.interchange import import_json
from casebook.services.places import PlaceService
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.statistics import UNKNOWN, CountRow, count_incidents
from casebook.services.taxonomy import TaxonomyService, TermCount
from casebook.services.vault_service import VaultSession
from tests.taxonomy.helpers import act, incident, person

JABLEH = place_id_for("jableh-town")  # community in Jableh district, Lattakia (SY06)
BANIYAS = place_id_for("baniyas-town")  # community in Tartous (SY10)
LATTAKIA = place_id_for("SY06")
TARTOUS = place_id_for("SY10")


@pytest.fixture
def tagged(vault_session: VaultSession) -> dict[str, str]:
    """Five incidents: tagged with a narrower term, with the broader term, through an
    act only, with an unrelated term, and untagged."""
    narrow = incident(vault_session, "Executed in the square",
                      tags=["act.summary-execution", "site.public-square"], place=JABLEH)
    broad = incident(vault_session, "Killed at home", tags=["act.killing"], place=BANIYAS)
    via_act = incident(vault_session, "Act only", place=JABLEH)
    victim = person(vault_session, "Victim", tags=["victim.child"])
    act(vault_session, via_act.id, victim.id, "act.summary-execution",
        tags=["method.small-arms"])
    other = incident(vault_session, "Shot at", tags=["act.shooting"], place=BANIYAS)
    plain = incident(vault_session, "Nothing known yet")
    return {"narrow": narrow.id, "broad": broad.id, "via_act": via_act.id,
            "other": other.id, "plain": plain.id, "victim": victim.id}


def _ids(session: VaultSession, **where: str) -> set[str]:
    return set(Queries(session).incident_ids(IncidentFilter(**where)))  # type: ignore[arg-type]


def test_a_query_by_a_term_includes_narrower_terms_and_acts(
    vault_session: VaultSession, tagged: dict[str, str],
) -> None:
    assert _ids(vault_session, tag="act.killing") == {
        tagged["narrow"], tagged["broad"], tagged["via_act"]}
    assert _ids(vault_session, tag="act.summary-execution") == {
        tagged["narrow"], tagged["via_act"]}
    assert _ids(vault_session, tag="method.firearm") == {tagged["via_act"]}
    assert _ids(vault_session, tag="act.shooting") == {tagged["other"]}
    assert _ids(vault_session, tag="act.torture") == set()
    assert Queries(vault_session).count_incidents_matching(
        IncidentFilter(tag="act.killing")) == 3


def test_a_place_filter_includes_the_places_inside(
    vault_session: VaultSession, tagged: dict[str, str],
) -> None:
    assert _ids(vault_session, place="SY06") == {tagged["narrow"], tagged["via_act"]}
    assert _ids(vault_session, place="SY10") == {tagged["broad"], tagged["other"]}
    assert _ids(vault_session, place="SY") == {
        tagged["narrow"], tagged["broad"], tagged["via_act"], tagged["other"]}
    assert _ids(vault_session, place=JABLEH) == {tagged["narrow"], tagged["via_act"]}
    assert _ids(vault_session, place="SY10", tag="act.killing") == {tagged["broad"]}


def test_counts_per_term_direct_and_with_narrower_terms(
    vault_session: VaultSession, tagged: dict[str, str],
) -> None:
    service = TaxonomyService(vault_session)
    counts = {c.code: c for c in service.counts("act")}
    assert counts["act.killing"] == TermCount("act.killing", direct=1, total=3)
    assert counts["act.summary-execution"] == TermCount("act.summary-execution", 2, 2)
    assert counts["act.shooting"] == TermCount("act.shooting", 1, 1)
    assert counts["act.torture"] == TermCount("act.torture", 0, 0)
    assert [c.code for c in service.counts("act")] == [
        t.code for t in service.scheme("act").terms]
    method = {c.code: c for c in service.counts("method")}
    assert method["method.firearm"] == TermCount("method.firearm", 0, 1)
    persons = {c.code: c for c in service.counts("victim", RecordKind.PERSON)}
    assert persons["victim.child"] == TermCount("victim.child", 1, 1)
    # Person tags do not count as incident tags.
    assert {c.code: c for c in service.counts("victim")}["victim.child"].total == 0


def test_counts_all_equals_counts_per_scheme(
    vault_session: VaultSession, tagged: dict[str, str],
) -> None:
    service = TaxonomyService(vault_session)
    every = service.counts_all()
    assert list(every) == [s.code for s in service.schemes()]
    for scheme in ("act", "method", "site", "victim"):
        assert every[scheme] == service.counts(scheme)
    assert service.counts_all(RecordKind.PERSON)["victim"] == service.counts(
        "victim", RecordKind.PERSON)


def test_counts_of_an_unknown_scheme_are_refused(vault_session: VaultSession) -> None:
    with pytest.raises(ValidationError, match="no scheme \"acts\""):
        TaxonomyService(vault_session).counts("acts")


def test_usage_counts_exact_codes_in_chunks(
    vault_session: VaultSession, tagged: dict[str, str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("casebook.services.taxonomy.SQL_CHUNK", 2)
    codes = [t.code for t in TaxonomyService(vault_session).index().all()]
    usage = TaxonomyService(vault_session).usage(codes)
    assert usage == {"act.summary-execution": 2, "site.public-square": 1, "act.killing": 1,
                     "method.small-arms": 1, "victim.child": 1, "act.shooting": 1}


def test_count_incidents_by_act_and_governorate(
    vault_session: VaultSession, tagged: dict[str, str],
) -> None:
    rows = count_incidents(vault_session, ["act", "governorate"])
    assert sorted(rows, key=lambda r: r.keys) == sorted([
        CountRow(("act.summary-execution", LATTAKIA), 2),
        CountRow(("act.killing", TARTOUS), 1),
        CountRow(("act.shooting", TARTOUS), 1),
        CountRow((UNKNOWN, UNKNOWN), 1),
    ], key=lambda r: r.keys)
    rolled = count_incidents(vault_session, ["act"], roll_up=True)
    assert {r.keys: r.incidents for r in rolled} == {
        ("act.killing",): 3, ("act.shooting",): 1, (UNKNOWN,): 1}
    district = count_incidents(vault_session, ["district"])
    assert {r.keys: r.incidents for r in district}[(place_id_for("SY0602"),)] == 2


def test_count_incidents_needs_known_dimensions(vault_session: VaultSession) -> None:
    with pytest.raises(UsageError, match="Say what to count by"):
        count_incidents(vault_session, [])
    with pytest.raises(UsageError, match="neither a scheme"):
        count_incidents(vault_session, ["province"])


def test_the_demo_data_counts_by_act_type_and_governorate(
    vault_session: VaultSession,
) -> None:
    import_json(vault_session, demo_data_file())
    gazetteer = PlaceService(vault_session).gazetteer()
    incidents = Queries(vault_session).count_incidents()
    assert incidents == 10

    by_governorate = count_incidents(vault_session, ["governorate"])
    named = {gazetteer.get(r.keys[0]).name if r.keys[0] else "": r.incidents  # type: ignore[union-attr]
             for r in by_governorate}
    assert set(named) == {"Lattakia", "Tartous"}
    assert sum(named.values()) == incidents

    crossed = count_incidents(vault_session, ["act", "governorate"])
    table = {(r.keys[0], gazetteer.get(r.keys[1]).name): r.incidents  # type: ignore[union-attr]
             for r in crossed}
    assert table[("act.killing", "Lattakia")] >= 1
    assert table[("act.killing", "Tartous")] >= 1
    killing_ids = set(Queries(vault_session).incident_ids(IncidentFilter(tag="act.killing")))
    # Every incident counted under a term of the killing family is found by the query.
    rolled = count_incidents(vault_session, ["act", "governorate"], roll_up=True)
    per_governorate = Counter()
    for row in rolled:
        if row.keys[0] == "act.killing":
            per_governorate[row.keys[1]] += row.incidents
    assert sum(per_governorate.values()) == len(killing_ids)
    assert set(per_governorate) == {LATTAKIA, TARTOUS}
    # The filter narrows what is counted.
    only_tartous = count_incidents(vault_session, ["governorate"],
                                   IncidentFilter(place="SY10"))
    assert [(r.keys, r.incidents) for r in only_tartous] == [((TARTOUS,), named["Tartous"])]
