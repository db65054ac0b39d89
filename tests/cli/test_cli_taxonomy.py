"""``casebook taxonomy``, ``tag``, ``places`` and ``count``, in-process."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlmodel import Session, col, select

from casebook.cli.main import main
from casebook.gazetteer.model import place_id_for
from casebook.services.demo import demo_data_file
from casebook.services.vault_service import KdfPolicy, unlock_vault
from casebook.storage.models import AuditEntry
from casebook.taxonomy.format import parse_taxonomy_bytes
from casebook.taxonomy.shipped import default_taxonomy
from casebook.taxonomy.thesaurus_csv import read_uwazi_csv
from tests.taxonomy.helpers import (
    ADDED,
    DEPRECATED,
    DEPRECATED_REPLACEMENT,
    MOVED,
    RELABELLED,
    REMOVED,
    shipped_document,
    version_two,
    write_json,
)

PASS = "saffron lantern quietly orbits 1917"
SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "gazetteer" / "syr_adm_sample.csv"


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        return json.loads(self.out)


class Runner(Protocol):
    def __call__(self, *argv: str) -> Result: ...


@pytest.fixture
def cli(kdf_policy: KdfPolicy, vault_dir: Path) -> Iterator[Runner]:
    def run(*argv: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--vault", str(vault_dir), *argv],
                    environ={"CASEBOOK_PASSPHRASE": PASS}, stdout=out, stderr=err,
                    kdf_policy=kdf_policy, interactive=False)
        assert "Traceback" not in err.getvalue()
        return Result(code, out.getvalue(), err.getvalue())

    assert run("init", "--user", "Amal Haddad").code == 0
    yield run


def _ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


@pytest.fixture
def small(cli: Runner, tmp_path: Path) -> dict[str, str]:
    """Incidents tagged with a narrower term, the broader one, an act only, another
    term: file id -> record id."""
    document = {
        "format": "casebook/v1",
        "incidents": [
            {"id": "narrow", "title": "Executed", "tags": ["act.summary-execution"],
             "place": "SY06"},
            {"id": "broad", "title": "Killed", "tags": ["act.killing", DEPRECATED],
             "place": "SY10"},
            {"id": "via-act", "title": "Act only", "place": "SY06"},
            {"id": "other", "title": "Shot at", "tags": ["act.shooting"]},
        ],
        "persons": [{"id": "victim", "name": "Victim", "tags": ["victim.civilian"]}],
        "acts": [{"id": "act", "incident": "via-act", "victim": "victim",
                  "act_type": "act.summary-execution"}],
    }
    path = write_json(tmp_path / "small.json", document)
    report = _ok(cli("import", str(path), "--json")).json()
    return {r["file_id"]: r["record_id"] for r in report["records"]}


def _titles(result: Result) -> set[str]:
    return {row["title"] for row in _ok(result).json()}


# --------------------------------------------------------------------------- browse


def test_taxonomy_list_shows_the_schemes(cli: Runner) -> None:
    text = _ok(cli("taxonomy", "list")).out
    assert text.splitlines()[0] == "Taxonomy casebook-default, version 1"
    act_label = default_taxonomy().scheme("act").labels["en"]  # type: ignore[union-attr]
    assert any(line.split()[:1] == ["act"] and line.endswith(act_label)
               for line in text.splitlines())
    schemes = _ok(cli("taxonomy", "list", "--json")).json()
    assert len(schemes) == 12
    act = next(s for s in schemes if s["code"] == "act")
    assert act["origin"] == "casebook-default"
    assert act["terms"] == len(default_taxonomy().scheme("act").terms)  # type: ignore[union-attr]
    arabic = _ok(cli("taxonomy", "list", "--lang", "ar")).out
    assert act["labels"]["ar"] in arabic


def test_taxonomy_list_of_a_scheme_is_a_tree(cli: Runner) -> None:
    lines = _ok(cli("taxonomy", "list", "act")).out.splitlines()
    killing = next(i for i, line in enumerate(lines) if line.startswith("act.killing "))
    assert lines[killing + 1].startswith("  act.summary-execution ")
    as_json = _ok(cli("taxonomy", "list", "act", "--json")).json()
    assert {"code": "act.summary-execution", "parent": "act.killing"}.items() <= (
        next(t for t in as_json if t["code"] == "act.summary-execution").items())
    missing = cli("taxonomy", "list", "acts")
    assert missing.code == 1
    assert "There is no scheme \"acts\"" in missing.err


def test_taxonomy_show(cli: Runner, small: dict[str, str]) -> None:
    shown = _ok(cli("taxonomy", "show", "act.killing", "--json")).json()
    assert shown["code"] == "act.killing"
    assert shown["scheme"] == "act"
    assert shown["parent"] is None
    assert "act.summary-execution" in shown["children"]
    assert shown["labels"]["en"] and shown["labels"]["ar"]
    assert shown["definitions"]["en"]
    assert shown["status"] == "active"
    assert shown["records"] == 1  # exactly this code: the "broad" incident
    text = _ok(cli("taxonomy", "show", "act.summary-execution")).out
    assert "broader" in text and "act.killing" in text
    assert "records tagged" in text
    unknown = cli("taxonomy", "show", "act.nothing")
    assert unknown.code == 1
    assert "act.nothing is not a term" in unknown.err


def test_taxonomy_counts(cli: Runner, small: dict[str, str]) -> None:
    counts = {c["code"]: c for c in _ok(cli("taxonomy", "counts", "act", "--json")).json()}
    assert counts["act.killing"] == {"code": "act.killing", "direct": 1, "total": 3}
    assert counts["act.summary-execution"]["total"] == 2
    persons = _ok(cli("taxonomy", "counts", "victim", "--kind", "person", "--json")).json()
    assert {c["code"]: c["direct"] for c in persons}["victim.civilian"] == 1


# --------------------------------------------------------------------------- updates


def test_taxonomy_diff_writes_nothing(cli: Runner, small: dict[str, str],
                                      tmp_path: Path, vault_dir: Path) -> None:
    changes = _changes(vault_dir)
    path = write_json(tmp_path / "v2.json", version_two())
    result = _ok(cli("taxonomy", "diff", str(path)))
    assert "casebook-default: version 1 -> version 2 (would change):" in result.out
    assert "deprecated (2):" in result.out
    assert _ok(cli("taxonomy", "list")).out.splitlines()[0].endswith("version 1")
    assert _ok(cli("taxonomy", "show", DEPRECATED, "--json")).json()["status"] == "active"
    assert _changes(vault_dir) == changes


def test_taxonomy_import_prints_the_diff_and_keeps_tags(
    cli: Runner, small: dict[str, str], tmp_path: Path,
) -> None:
    path = write_json(tmp_path / "v2.json", version_two())
    result = _ok(cli("taxonomy", "import", str(path)))
    out = result.out
    assert "casebook-default: version 1 -> version 2 (changed):" in out
    for section, code in (("added", ADDED), ("relabelled", RELABELLED), ("moved", MOVED),
                          ("removed", REMOVED)):
        assert f"  {section} (1):" in out
        assert f"    {code}" in out
    assert f"    {DEPRECATED} -> use {DEPRECATED_REPLACEMENT} (1 record(s) keep it)" in out
    assert "casebook taxonomy remap" in out
    assert _ok(cli("taxonomy", "list")).out.splitlines()[0].endswith("version 2")
    shown = _ok(cli("taxonomy", "show", DEPRECATED, "--json")).json()
    assert (shown["status"], shown["replaced_by"]) == ("deprecated", DEPRECATED_REPLACEMENT)
    assert shown["records"] == 1
    record = _ok(cli("show", small["broad"], "--json")).json()
    assert record["version"] == 1
    assert record["content"]["tags"] == ["act.killing", DEPRECATED]

    again = _ok(cli("taxonomy", "import", str(path)))
    assert "version 2 is already installed; nothing to change" in again.out


def test_taxonomy_import_with_remap_and_json(
    cli: Runner, small: dict[str, str], tmp_path: Path,
) -> None:
    path = write_json(tmp_path / "v2.json", version_two())
    report = _ok(cli("taxonomy", "import", str(path), "--remap", "--json")).json()
    assert report["applied"] is True
    assert report["to_version"] == 2
    assert report["remapped"] == {DEPRECATED: 1}
    assert [c["code"] for c in report["removed"]] == [REMOVED]
    assert _ok(cli("taxonomy", "show", DEPRECATED, "--json")).json()["records"] == 0


def test_taxonomy_remap(cli: Runner, small: dict[str, str], tmp_path: Path) -> None:
    nothing = _ok(cli("taxonomy", "remap"))
    assert "nothing changed" in nothing.out
    _ok(cli("taxonomy", "import", str(write_json(tmp_path / "v2.json", version_two()))))
    assert _ok(cli("taxonomy", "remap", "--json")).json() == {DEPRECATED: 1}
    explicit = _ok(cli("taxonomy", "remap", "act.shooting", "act.killing"))
    assert "act.shooting: replaced on 1 record(s)" in explicit.out
    assert _titles(cli("list", "incidents", "--tag", "act.shooting", "--json")) == set()
    half = cli("taxonomy", "remap", "act.shooting")
    assert half.code == 2
    assert "Give both OLD and NEW" in half.err


def _changes(vault_dir: Path) -> list[str]:
    """The vault's audit actions, logins left out (every command logs in)."""
    session = unlock_vault(vault_dir, PASS)
    try:
        with Session(session.vault.engine) as db:
            actions = db.exec(select(AuditEntry.action).order_by(col(AuditEntry.seq))).all()
    finally:
        session.lock()
    return [a for a in actions if a != "login"]


def test_refused_update_exits_1_and_changes_nothing(cli: Runner, tmp_path: Path,
                                                    vault_dir: Path) -> None:
    _ok(cli("taxonomy", "import", str(write_json(tmp_path / "v2.json", version_two()))))
    changes = _changes(vault_dir)
    assert changes[-1] == "taxonomy-update"
    older = cli("taxonomy", "import", str(write_json(tmp_path / "v1.json",
                                                     shipped_document())))
    assert older.code == 1
    assert "older than the version 2 this vault already uses" in older.err
    assert "Nothing was changed" in older.err
    other = version_two()
    other["id"] = "another-network"
    unrelated = cli("taxonomy", "import", str(write_json(tmp_path / "o.json", other)))
    assert unrelated.code == 1
    assert "this vault follows \"casebook-default\"" in unrelated.err
    assert _ok(cli("taxonomy", "list")).out.splitlines()[0].endswith("version 2")
    assert _changes(vault_dir) == changes


def test_malformed_files_exit_1_naming_the_location(cli: Runner, tmp_path: Path,
                                                     vault_dir: Path) -> None:
    changes = _changes(vault_dir)
    document = version_two()
    document["schemes"][0]["terms"][1]["parent"] = "act.nowhere"
    bad = cli("taxonomy", "import", str(write_json(tmp_path / "bad.json", document)))
    assert bad.code == 1
    assert "schemes[0].terms[1].parent: act.nowhere is not a term of scheme act" in bad.err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "casebook-taxonomy/v1",\n "id": }', encoding="utf-8")
    not_json = cli("taxonomy", "import", str(broken))
    assert not_json.code == 1
    assert "broken.json is not valid JSON (line 2, column 8" in not_json.err
    missing = cli("taxonomy", "import", str(tmp_path / "absent.json"))
    assert missing.code == 2
    assert "There is no file" in missing.err
    assert _changes(vault_dir) == changes


# --------------------------------------------------------------------------- CSV and export


def test_taxonomy_import_of_an_uwazi_csv(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "press.csv"
    path.write_text("English,Arabic\nArrests,اعتقالات\n- Of journalists,- الصحفيين\n",
                    encoding="utf-8")
    result = _ok(cli("taxonomy", "import", str(path), "--format", "uwazi",
                     "--scheme", "local-x", "--label", "Press", "--label-ar", "صحافة"))
    assert "local:local-x: nothing -> version 1 (changed):" in result.out
    assert "local-x.of-journalists" in result.out
    schemes = {s["code"]: s for s in _ok(cli("taxonomy", "list", "--json")).json()}
    assert schemes["local-x"]["labels"] == {"en": "Press", "ar": "صحافة"}
    assert schemes["local-x"]["origin"] == "local:local-x"
    terms = _ok(cli("taxonomy", "list", "local-x", "--json")).json()
    assert [(t["code"], t["parent"]) for t in terms] == [
        ("local-x.arrests", None), ("local-x.of-journalists", "local-x.arrests")]
    no_scheme = cli("taxonomy", "import", str(path), "--format", "uwazi")
    assert no_scheme.code == 2
    assert "--scheme CODE" in no_scheme.err
    clash = cli("taxonomy", "import", str(path), "--format", "uwazi", "--scheme", "act")
    assert clash.code == 1
    assert "cannot replace it" in clash.err


def test_taxonomy_export_json_round_trips(cli: Runner) -> None:
    result = _ok(cli("taxonomy", "export", "--format", "json"))
    assert parse_taxonomy_bytes(result.out.encode()) == default_taxonomy()


def test_taxonomy_export_of_one_scheme(cli: Runner, tmp_path: Path) -> None:
    out = tmp_path / "act.csv"
    result = _ok(cli("taxonomy", "export", "act", "--format", "uwazi", "--out", str(out)))
    assert f"Wrote {out}." in result.out
    scheme = read_uwazi_csv(out.read_text(encoding="utf-8"), scheme="act")
    act = default_taxonomy().scheme("act")
    assert act is not None
    assert [t.labels["ar"] for t in scheme.terms] == [t.labels["ar"] for t in act.terms]
    exists = cli("taxonomy", "export", "act", "--format", "csv", "--out", str(out))
    assert exists.code == 2
    assert "--force" in exists.err
    plain = _ok(cli("taxonomy", "export", "act", "--format", "csv", "--out", str(out),
                    "--force"))
    assert plain.code == 0
    assert out.read_text(encoding="utf-8").startswith("code,parent,label_en,label_ar,")
    whole = cli("taxonomy", "export", "--format", "uwazi")
    assert whole.code == 2
    one = cli("taxonomy", "export", "act", "--format", "json")
    assert one.code == 2


# --------------------------------------------------------------------------- tags and lists


def test_tag_adds_and_removes(cli: Runner, small: dict[str, str]) -> None:
    record = small["other"]
    added = _ok(cli("tag", record, "act.killing", "site.road"))
    assert added.out.strip().endswith("tags: act.shooting, act.killing, site.road")
    removed = _ok(cli("tag", record, "--remove", "site.road", "act.shooting", "--json")).json()
    assert removed["tags"] == ["act.killing"]
    assert removed["version"] == 3
    unknown = cli("tag", record, "act.nope")
    assert unknown.code == 1
    assert "act.nope is not a term of this vault's taxonomy" in unknown.err
    wrong_kind = cli("tag", record, "victim.child")
    assert wrong_kind.code == 1
    assert "does not apply to incident records" in wrong_kind.err
    assert cli("tag", record).code == 2
    assert cli("tag", "no-such-record", "act.killing").code == 1


def test_list_incidents_by_tag_includes_narrower_terms(cli: Runner,
                                                       small: dict[str, str]) -> None:
    assert _titles(cli("list", "incidents", "--tag", "act.killing", "--json")) == {
        "Executed", "Killed", "Act only"}
    assert _titles(cli("list", "incidents", "--tag", "act.summary-execution", "--json")) == {
        "Executed", "Act only"}
    assert _titles(cli("list", "incidents", "--place", "SY06", "--json")) == {
        "Executed", "Act only"}


# --------------------------------------------------------------------------- places


def test_places_list(cli: Runner) -> None:
    governorates = _ok(cli("places", "list", "--level", "governorate", "--json")).json()
    assert len(governorates) == 14
    assert {g["pcode"] for g in governorates} == {f"SY{n:02d}" for n in range(1, 15)}
    text = _ok(cli("places", "list", "--level", "governorate")).out.splitlines()
    assert len(text) == 15  # header and 14 rows
    found = _ok(cli("places", "list", "--search", "جبله", "--json")).json()
    assert place_id_for("jableh-town") in {p["id"] for p in found}
    assert all("جبل" in p["name_ar"] for p in found)
    arabic = _ok(cli("places", "list", "--search", "اللاذقيه", "--lang", "ar")).out
    assert "اللاذقية" in arabic
    under = _ok(cli("places", "list", "--under", "SY06", "--level", "district",
                    "--json")).json()
    assert under and all(p["pcode"].startswith("SY06") for p in under)
    assert cli("places", "list", "--under", "Atlantis").code == 1


def test_places_import_and_add(cli: Runner) -> None:
    dry = _ok(cli("places", "import", str(SAMPLE), "--dry-run"))
    assert dry.out.startswith("Would import syr_adm_sample.csv: 12 new place(s)")
    first = _ok(cli("places", "import", str(SAMPLE), "--json")).json()
    assert (first["created"], first["dry_run"]) == (12, False)
    again = _ok(cli("places", "import", str(SAMPLE)))
    assert "0 new place(s), 0 updated, 23 unchanged" in again.out
    qardaha = _ok(cli("places", "list", "--search", "SY060400", "--json")).json()
    assert {p["name_ar"] for p in qardaha} == {"القرداحة"}
    added = _ok(cli("places", "add", "Olive press", "--level", "site", "--parent",
                    "SY060201002", "--name-ar", "معصرة", "--lat", "35.3", "--lon", "36.0",
                    "--json")).json()
    assert added["parent"] == place_id_for("SY060201002")
    assert _ok(cli("places", "list", "--search", "معصره", "--json")).json()[0]["id"] == (
        added["id"])
    wrong = cli("places", "add", "Province", "--level", "governorate", "--parent", "Jableh")
    assert wrong.code == 1
    assert "cannot be inside a community" in wrong.err
    assert cli("places", "add", "Half", "--parent", "SY06", "--lat", "35").code == 2
    assert cli("places", "import", "absent.csv").code == 2


# --------------------------------------------------------------------------- counts


def test_count_incidents_by_act_type_and_governorate_on_the_demo_data(cli: Runner) -> None:
    """The issue's done criterion: a supervisor counts incidents by act type and
    governorate through the CLI."""
    _ok(cli("import", str(demo_data_file())))
    rows = _ok(cli("count", "incidents", "--by", "act", "--by", "governorate",
                   "--json")).json()
    assert all(set(row) == {"act", "governorate", "incidents"} for row in rows)
    table = {(r["act"], r["governorate"]): r["incidents"] for r in rows}
    lattakia, tartous = place_id_for("SY06"), place_id_for("SY10")
    assert table[("act.killing", lattakia)] >= 1
    assert table[("act.killing", tartous)] >= 1
    assert {g for _, g in table} == {lattakia, tartous}
    by_governorate = _ok(cli("count", "incidents", "--by", "governorate", "--json")).json()
    assert sum(r["incidents"] for r in by_governorate) == 10

    text = _ok(cli("count", "incidents", "--by", "act", "--by", "governorate")).out
    assert text.splitlines()[0].split() == ["INCIDENTS", "ACT", "GOVERNORATE"]
    assert "Lattakia" in text and "Tartous" in text
    arabic = _ok(cli("count", "incidents", "--by", "act", "--by", "governorate",
                     "--lang", "ar")).out
    assert "اللاذقية" in arabic and "طرطوس" in arabic

    rolled = _ok(cli("count", "incidents", "--by", "act", "--roll-up", "--json")).json()
    killed = len(_ok(cli("list", "incidents", "--tag", "act.killing", "--json")).json())
    assert {r["act"]: r["incidents"] for r in rolled}["act.killing"] == killed
    assert "act.summary-execution" not in {r["act"] for r in rolled}
    unknown = cli("count", "incidents", "--by", "province")
    assert unknown.code == 2
    assert "neither a scheme" in unknown.err
