"""The gazetteer: the shipped places, generalisation for exports, Arabic-normalised
search, administrative-boundary tables (CSV and XLSX) and user-added places."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from casebook.domain.errors import ValidationError
from casebook.domain.records import PlaceLevel, RecordKind
from casebook.gazetteer.admin_table import read_admin_table, units_from_rows
from casebook.gazetteer.model import Gazetteer, Place, place_id_for
from casebook.gazetteer.shipped import parse_gazetteer, shipped_gazetteer
from casebook.services.places import PlaceService
from casebook.services.vault_service import VaultSession
from tests.taxonomy.helpers import audit_actions, record_count

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "gazetteer"
SAMPLE = FIXTURES / "syr_adm_sample.csv"
BAD = FIXTURES / "syr_adm_bad.csv"

#: The places of the sample table that the shipped gazetteer lacks.
SAMPLE_NEW = {
    "SY060200001", "SY060200002", "SY060200003", "SY060201001", "SY060201002",
    "SY060201003", "SY100200001", "SY100200002", "SY100200003", "SY100602001",
    "SY060400", "SY060400001",
}


def _shipped() -> Gazetteer:
    return Gazetteer(
        Place(p.id, p.name, p.name_ar, p.level, p.parent_id, p.pcode, p.latitude, p.longitude)
        for p in shipped_gazetteer().places
    )


# --------------------------------------------------------------------------- shipped


def test_shipped_gazetteer_has_the_fourteen_governorates_with_iso_codes() -> None:
    shipped = shipped_gazetteer()
    governorates = [p for p in shipped.places if p.level is PlaceLevel.GOVERNORATE]
    assert len(governorates) == 14
    isos = [p.iso for p in governorates]
    assert all(re.fullmatch(r"SY-[A-Z]{2}", iso) for iso in isos), isos
    assert len(set(isos)) == 14
    assert {p.name: p.iso for p in governorates}["Lattakia"] == "SY-LA"
    assert {p.name: p.iso for p in governorates}["Damascus"] == "SY-DI"
    [country] = [p for p in shipped.places if p.level is PlaceLevel.COUNTRY]
    assert country.pcode == "SY"
    for governorate in governorates:
        assert governorate.parent_key == country.key
        assert governorate.name and governorate.name_ar
        assert governorate.pcode.startswith("SY") and len(governorate.pcode) == 4
        districts = [p for p in shipped.places
                     if p.parent_key == governorate.key and p.level is PlaceLevel.DISTRICT]
        assert districts, governorate.name
        assert all(d.pcode.startswith(governorate.pcode) for d in districts)


def test_shipped_places_have_the_same_ids_in_every_vault() -> None:
    shipped = shipped_gazetteer()
    lattakia = next(p for p in shipped.places if p.pcode == "SY06")
    assert lattakia.id == place_id_for("SY06") == place_id_for(" sy06 ")


def test_a_bad_gazetteer_file_is_refused() -> None:
    good = {"format": "casebook-gazetteer/v1", "places": [
        {"key": "SY", "name": "Syria", "level": "country"},
        {"key": "SY06", "name": "Lattakia", "level": "governorate", "parent": "SY"},
    ]}
    assert len(parse_gazetteer(good).places) == 2
    with pytest.raises(ValidationError, match="not a casebook-gazetteer/v1 file"):
        parse_gazetteer({**good, "format": "other"})
    bad_parent = {**good, "places": [good["places"][1]]}
    with pytest.raises(ValidationError, match=r"places\[0\]\.parent: SY is not in the file"):
        parse_gazetteer(bad_parent)
    upside_down = {**good, "places": [{**good["places"][0], "parent": "SY06"},
                                      {**good["places"][1]}]}
    with pytest.raises(ValidationError, match="a country cannot be inside a governorate"):
        parse_gazetteer(upside_down)


# --------------------------------------------------------------------------- model


def test_generalise_a_community_to_its_district_and_governorate() -> None:
    gazetteer = _shipped()
    jableh = gazetteer.get(place_id_for("jableh-town"))
    assert jableh is not None and jableh.level is PlaceLevel.COMMUNITY
    district = gazetteer.generalise(jableh.id, PlaceLevel.DISTRICT)
    assert district is not None and (district.pcode, district.level) == ("SY0602",
                                                                         PlaceLevel.DISTRICT)
    governorate = gazetteer.generalise(jableh.id, "governorate")
    assert governorate is not None and governorate.name == "Lattakia"
    sub_district = gazetteer.generalise(jableh.id, PlaceLevel.SUB_DISTRICT)
    assert sub_district is not None and sub_district.pcode == "SY060200"
    # A place at the level or coarser is itself; unknown places and None are None.
    assert gazetteer.generalise(governorate.id, PlaceLevel.DISTRICT) == governorate
    assert gazetteer.generalise(None, PlaceLevel.DISTRICT) is None
    assert gazetteer.generalise("no-such-place", PlaceLevel.DISTRICT) is None
    assert gazetteer.path(jableh.id) == "Jableh › Jablah › Jablah › Lattakia"
    assert gazetteer.path(jableh.id, "ar") == "جبلة › جبلة › جبلة › اللاذقية"


def test_search_is_arabic_normalised() -> None:
    gazetteer = _shipped()
    lattakia = place_id_for("SY06")
    with_haa = [p.id for p in gazetteer.search("اللاذقيه")]
    assert lattakia in with_haa
    with_diacritics = [p.id for p in gazetteer.search("اللَّاذِقِيَّة")]
    assert lattakia in with_diacritics
    assert with_haa[0] == lattakia  # a name that starts with the query comes first
    assert place_id_for("jableh-town") in [p.id for p in gazetteer.search("جبله")]
    assert lattakia in [p.id for p in gazetteer.search("lattak")]
    assert [p.pcode for p in gazetteer.search("SY06", level=PlaceLevel.GOVERNORATE)] == [
        "SY06"]
    assert gazetteer.search("   ") == []
    hama = [p.name for p in gazetteer.search("حماه")]  # alef hamza and taa marbuta
    assert "Hama" in hama


def test_resolve_by_id_pcode_or_exact_name() -> None:
    gazetteer = _shipped()
    lattakia = place_id_for("SY06")
    assert gazetteer.resolve(lattakia).id == lattakia  # type: ignore[union-attr]
    assert gazetteer.resolve("sy06").id == lattakia  # type: ignore[union-attr]
    assert gazetteer.resolve("اللاذقيه").id == lattakia  # type: ignore[union-attr]
    assert gazetteer.resolve("Nowhere") is None


# --------------------------------------------------------------------------- admin tables


def test_admin_table_rows_become_units_with_parents_and_arabic_names() -> None:
    units = {u.pcode: u for u in read_admin_table(SAMPLE)}
    assert units["SY060400"].level is PlaceLevel.SUB_DISTRICT
    assert units["SY060400"].parent_pcode == "SY0604"
    assert units["SY060400001"].name_ar == "القرداحة"
    assert units["SY060201002"].parent_pcode == "SY060201"
    assert (units["SY060201002"].latitude, units["SY060201002"].longitude) == (35.35, 36.03)
    assert units["SY"].level is PlaceLevel.COUNTRY and units["SY"].parent_pcode is None
    pcodes = list(units)
    assert all(pcodes.index(u.parent_pcode) < pcodes.index(u.pcode)
               for u in units.values() if u.parent_pcode)


def test_the_bad_table_is_refused_with_its_line() -> None:
    with pytest.raises(ValidationError) as caught:
        read_admin_table(BAD)
    assert "syr_adm_bad.csv, line 3: ADM1 needs both a name" in str(caught.value)


@pytest.mark.parametrize(("rows", "words"), [
    ([["NAME", "CODE"], ["a", "b"]], "has no ADM columns"),
    ([["ADM1_EN"], ["x"]], "column ADM1_PCODE is missing"),
    ([["ADM1_EN", "ADM1_PCODE", "ADM2_EN", "ADM2_PCODE"], ["A", "SY01", "B", "SY0299"]],
     "line 2: ADM2_PCODE SY0299 does not start with its parent's P-code SY01"),
    ([["ADM1_EN", "ADM1_PCODE", "ADM2_EN", "ADM2_PCODE"], ["", "", "B", "SY0101"]],
     "line 2: ADM1 is empty but a finer level is filled"),
    ([["ADM1_EN", "ADM1_PCODE", "LAT", "LON"], ["A", "SY01", "north", "1"]],
     "line 2: LAT/LON must both be numbers"),
    ([["ADM1_EN", "ADM1_PCODE", "LAT", "LON"], ["A", "SY01", "95", "1"]],
     "line 2: LAT/LON are out of range"),
    ([["ADM1_EN", "ADM1_PCODE", "ADM2_EN", "ADM2_PCODE"], ["A", "SY01", "B", "SY0101"],
      ["C", "SY0101", "", ""]], "line 3: P-code SY0101 appears with two different parents"),
    ([], "is empty"),
])
def test_bad_admin_tables_are_refused(rows: list[list[str]], words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        units_from_rows(rows, source="t.csv")
    assert words in str(caught.value)


def test_a_damaged_xlsx_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ValidationError, match=r"broken\.xlsx cannot be read as an XLSX"):
        read_admin_table(broken)


def test_admin_table_import_adds_the_new_places(vault_session: VaultSession) -> None:
    service = PlaceService(vault_session)
    before = service.gazetteer()
    assert not SAMPLE_NEW & {p.pcode for p in before.all()}

    report = service.import_admin_table(SAMPLE)

    assert report.created == len(SAMPLE_NEW)
    assert not report.dry_run
    gazetteer = service.gazetteer()
    assert len(gazetteer) == len(before) + len(SAMPLE_NEW)
    qardaha = gazetteer.by_pcode("SY060400")
    assert qardaha is not None
    assert (qardaha.name, qardaha.name_ar, qardaha.level) == (
        "Al-Qardaha", "القرداحة", PlaceLevel.SUB_DISTRICT)
    assert qardaha.parent == place_id_for("SY0604")
    assert qardaha.id == place_id_for("SY060400")
    zama = gazetteer.by_pcode("SY060201002")
    assert zama is not None and zama.name_ar == "زاما"
    assert (zama.latitude, zama.longitude) == (35.35, 36.03)
    assert [p.pcode for p in gazetteer.ancestors(zama.id)] == [
        "SY060201", "SY0602", "SY06", "SY"]
    assert gazetteer.generalise(zama.id, PlaceLevel.GOVERNORATE).pcode == "SY06"  # type: ignore[union-attr]
    assert [p.id for p in gazetteer.search("زاما")] == [zama.id]
    assert audit_actions(vault_session)[-1] == "places-import"
    # Shipped places keep their ids (the table names the same P-codes).
    assert gazetteer.by_pcode("SY06").id == place_id_for("SY06")  # type: ignore[union-attr]


def test_a_second_import_changes_nothing(vault_session: VaultSession) -> None:
    service = PlaceService(vault_session)
    service.import_admin_table(SAMPLE)
    places = record_count(vault_session, RecordKind.PLACE)
    again = service.import_admin_table(SAMPLE)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == len(read_admin_table(SAMPLE))
    assert record_count(vault_session, RecordKind.PLACE) == places


def test_a_dry_run_writes_nothing(vault_session: VaultSession) -> None:
    service = PlaceService(vault_session)
    actions = audit_actions(vault_session)
    places = record_count(vault_session, RecordKind.PLACE)
    report = service.import_admin_table(SAMPLE, dry_run=True)
    assert report.dry_run and report.created == len(SAMPLE_NEW)
    assert audit_actions(vault_session) == actions
    assert record_count(vault_session, RecordKind.PLACE) == places


def test_the_bad_table_leaves_the_vault_unchanged(vault_session: VaultSession) -> None:
    actions = audit_actions(vault_session)
    places = record_count(vault_session, RecordKind.PLACE)
    with pytest.raises(ValidationError, match="line 3"):
        PlaceService(vault_session).import_admin_table(BAD)
    assert audit_actions(vault_session) == actions
    assert record_count(vault_session, RecordKind.PLACE) == places


def test_an_xlsx_table_imports_too(vault_session: VaultSession, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    with SAMPLE.open(encoding="utf-8") as f:
        for row in csv.reader(f):
            sheet.append([float(c) if re.fullmatch(r"\d+\.\d+", c) else c for c in row])
    path = tmp_path / "syr_adm_sample.xlsx"
    workbook.save(path)

    report = PlaceService(vault_session).import_admin_table(path)

    assert report.created == len(SAMPLE_NEW)
    zama = PlaceService(vault_session).gazetteer().by_pcode("SY060201002")
    assert zama is not None and zama.name_ar == "زاما" and zama.latitude == 35.35
    assert PlaceService(vault_session).import_admin_table(SAMPLE).created == 0


# --------------------------------------------------------------------------- user places


def test_add_place_under_a_coarser_parent(vault_session: VaultSession) -> None:
    service = PlaceService(vault_session)
    site = service.add_place("Olive press", PlaceLevel.SITE, "Jableh", name_ar="معصرة الزيتون",
                             latitude=35.36, longitude=35.93)
    assert site.parent == place_id_for("jableh-town")
    gazetteer = service.gazetteer()
    assert gazetteer.get(site.id) == site
    assert gazetteer.generalise(site.id, PlaceLevel.DISTRICT).pcode == "SY0602"  # type: ignore[union-attr]
    assert site.id in [p.id for p in gazetteer.search("معصره")]
    assert audit_actions(vault_session)[-1] == "create"
    village = service.add_place("New village", PlaceLevel.COMMUNITY, "SY060200",
                                pcode="SY060200099")
    assert village.id == place_id_for("SY060200099")


def test_add_place_validations(vault_session: VaultSession) -> None:
    service = PlaceService(vault_session)
    places = record_count(vault_session, RecordKind.PLACE)
    with pytest.raises(ValidationError) as caught:
        service.add_place("Province", PlaceLevel.GOVERNORATE, "Jableh")
    assert caught.value.field == "parent"
    assert "a governorate cannot be inside a community" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        service.add_place("Twin", PlaceLevel.DISTRICT, "SY06", pcode="SY0602")
    assert caught.value.field == "pcode"
    with pytest.raises(ValidationError) as caught:
        service.add_place("Lost", PlaceLevel.SITE, "Atlantis")
    assert caught.value.field == "parent"
    assert record_count(vault_session, RecordKind.PLACE) == places
