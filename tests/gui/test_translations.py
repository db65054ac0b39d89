"""The committed Arabic catalogue covers every string in the GUI sources, and the
compiled .qm matches it."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "casebook" / "gui"
TS = ROOT / "resources" / "i18n" / "casebook_ar.ts"
QM = GUI / "translations" / "casebook_ar.qm"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Contexts given by name in QCoreApplication.translate / QT_TRANSLATE_NOOP.
FIXED_CONTEXTS = {"Audit", "Errors", "Labels", "Notices", "PassphraseFeedback", "Review"}


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def gui_sources() -> list[str]:
    return sorted(str(p) for p in GUI.rglob("*.py"))


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    out = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *gui_sources(),
         "-ts", str(out)],
        check=True, capture_output=True,
    )
    found = messages(out)
    assert len(found) > 100  # the extraction itself worked
    return found


def test_every_source_string_is_translated(extracted: dict) -> None:
    committed = messages(TS)
    missing = [key for key in extracted if key not in committed]
    assert not missing, f"run `make update-translations` and translate: {missing}"
    unfinished = []
    for key in extracted:
        translation = committed[key].find("translation")
        assert translation is not None
        if translation.get("type") in {"unfinished", "vanished", "obsolete"} or not (
            translation.text or ""
        ).strip():
            unfinished.append(key)
    assert not unfinished, f"untranslated: {unfinished}"


def test_no_stale_strings_in_catalogue(extracted: dict) -> None:
    stale = [key for key in messages(TS) if key not in extracted]
    assert not stale, f"run `make update-translations` to drop: {stale}"


def test_placeholders_survive_translation() -> None:
    for (context, source), message in messages(TS).items():
        translation = message.findtext("translation") or ""
        assert sorted(PLACEHOLDER.findall(source)) == sorted(
            PLACEHOLDER.findall(translation)
        ), (context, source)


def test_contexts_are_real_classes(extracted: dict) -> None:
    """lupdate's Python parser can attach a string to a wrong context (for instance
    after a QCoreApplication.translate call inside a class); such a string would
    never be found at run time."""
    classes = set()
    for path in GUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes |= {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    contexts = {context for context, _source in extracted}
    assert contexts <= classes | FIXED_CONTEXTS, contexts - classes - FIXED_CONTEXTS


def test_compiled_catalogue_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "casebook_ar.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True, capture_output=True,
    )
    assert QM.is_file(), "run `make translations`"
    assert QM.read_bytes() == fresh.read_bytes(), "run `make translations`"
