"""Administrative-boundary tables in the common humanitarian layout (OCHA COD-AB, as
published on HDX): one row per unit, columns ``ADM0_EN, ADM0_AR, ADM0_PCODE, ADM1_EN,
ADM1_AR, ADM1_PCODE, ADM2_...`` up to ``ADM4_...``, optionally ``LAT``/``LON``
(or ``latitude``/``longitude``) for the row's finest unit.

Each row names a whole path, so one table fills every level from the country down.
Level 0 is the country, 1 a governorate, 2 a district, 3 a sub-district, 4 a
community. A P-code must start with its parent's P-code (how COD P-codes are built);
a table that breaks that is refused, because it would file places under the wrong
parent.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from casebook.domain.errors import ValidationError
from casebook.domain.records import PlaceLevel

ADMIN_LEVELS = (
    PlaceLevel.COUNTRY, PlaceLevel.GOVERNORATE, PlaceLevel.DISTRICT,
    PlaceLevel.SUB_DISTRICT, PlaceLevel.COMMUNITY,
)
MAX_ROWS = 200_000


@dataclass(frozen=True)
class AdminUnit:
    level: PlaceLevel
    pcode: str
    name: str
    name_ar: str
    parent_pcode: str | None
    latitude: float | None = None
    longitude: float | None = None


def read_admin_table(path: Path) -> list[AdminUnit]:
    """The units of a CSV or XLSX table, parents before children, each P-code once."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(f"{path.name} is not UTF-8 text; save the table as "
                                  "UTF-8 CSV (or XLSX).") from None
        rows = list(csv.reader(io.StringIO(text)))
    return units_from_rows(rows, source=path.name)


def _xlsx_rows(path: Path) -> list[list[str]]:
    from xml.etree.ElementTree import ParseError  # imported here: only this path needs it

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, ParseError,
            OSError) as exc:  # what openpyxl raises for a damaged or foreign file
        raise ValidationError(f"{path.name} cannot be read as an XLSX workbook "
                              f"({type(exc).__name__}).") from None
    try:
        sheet = workbook.worksheets[0]
        return [["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


class _Table:
    """The header of an administrative-boundary table and the cells it names."""

    def __init__(self, header: list[str], source: str) -> None:
        self.header = [h.strip().upper() for h in header]
        self.source = source
        self.levels = [n for n in range(len(ADMIN_LEVELS))
                       if f"ADM{n}_PCODE" in self.header or f"ADM{n}_EN" in self.header]
        if not self.levels:
            raise ValidationError(
                f"{source} has no ADM columns: expected a header such as ADM1_EN, ADM1_AR, "
                "ADM1_PCODE, ADM2_EN, ... (the OCHA administrative-boundary layout)."
            )
        for n in self.levels:
            for name in (f"ADM{n}_EN", f"ADM{n}_PCODE"):
                if name not in self.header:
                    raise ValidationError(f"{source}: column {name} is missing "
                                          f"(level {n} needs a name and a P-code).")

    def cell(self, row: list[str], name: str) -> str:
        if name not in self.header:
            return ""
        index = self.header.index(name)
        return row[index].strip() if index < len(row) else ""

    def fail(self, line: int, message: str) -> ValidationError:
        return ValidationError(f"{self.source}, line {line}: {message}")


def units_from_rows(rows: list[list[str]], *, source: str = "table") -> list[AdminUnit]:
    if not rows:
        raise ValidationError(f"{source} is empty.")
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"{source} has more than {MAX_ROWS} rows.")
    table = _Table(rows[0], source)
    units: dict[str, AdminUnit] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        finest = _row_units(table, row, line, units)
        lat_text = table.cell(row, "LAT") or table.cell(row, "LATITUDE")
        lon_text = table.cell(row, "LON") or table.cell(row, "LONGITUDE")
        if finest is not None and (lat_text or lon_text):
            latitude, longitude = _coordinates(table, lat_text, lon_text, line)
            units[finest] = replace(units[finest], latitude=latitude, longitude=longitude)
    return list(units.values())


def _row_units(table: _Table, row: list[str], line: int,
               units: dict[str, AdminUnit]) -> str | None:
    """Add the units one row names (coarsest first) to ``units``; return the P-code of
    the finest one."""
    parent: str | None = None
    for n in table.levels:
        name, pcode = table.cell(row, f"ADM{n}_EN"), table.cell(row, f"ADM{n}_PCODE").upper()
        if not name and not pcode:
            if any(table.cell(row, f"ADM{m}_PCODE") for m in table.levels if m > n):
                raise table.fail(line, f"ADM{n} is empty but a finer level is filled; "
                                 "every row names the whole path.")
            break
        if not name or not pcode:
            raise table.fail(line, f"ADM{n} needs both a name (ADM{n}_EN) and a P-code "
                             f"(ADM{n}_PCODE).")
        if parent is not None and not pcode.startswith(parent):
            raise table.fail(line, f"ADM{n}_PCODE {pcode} does not start with its parent's "
                             f"P-code {parent}; the hierarchy is inconsistent.")
        unit = AdminUnit(ADMIN_LEVELS[n], pcode, name, table.cell(row, f"ADM{n}_AR"), parent)
        known = units.get(pcode)
        if known is None:
            units[pcode] = unit
        elif (known.parent_pcode, known.level) != (parent, unit.level):
            raise table.fail(line, f"P-code {pcode} appears with two different parents "
                             "or levels.")
        parent = pcode
    return parent


def _coordinates(table: _Table, lat_text: str, lon_text: str,
                 line: int) -> tuple[float, float]:
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise table.fail(line, "LAT/LON must both be numbers.") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise table.fail(line, "LAT/LON are out of range.")
    return lat, lon
