"""The leak suite on the real dossier PDF (Qt-painted): for each profile, in English
and Arabic, no protected value in the PDF's text (pdftotext) or metadata (pdfinfo);
the facts are there and the Arabic text extracts in logical order. And
``casebook dossier export`` from the command line, which paints with Qt."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from casebook.domain.folding import fold
from casebook.services.dossier import export_dossier
from casebook.services.vault_service import KdfPolicy
from tests.dossier.helpers import (
    ARABIC_MARK,
    CONSENTED,
    PROFILES,
    SUPERVISOR,
    SUPERVISOR_PASS,
    UNIT,
    MarkerVault,
    dossier_leaks,
    leaks_in_text,
    make_marker_vault,
    read_zip,
)

dossier_pdf = pytest.importorskip("casebook.gui.render.dossier_pdf")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} (poppler-utils) is not installed: cannot read the PDF")
    return found


def pdf_text(pdf: Path) -> str:
    return subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_info(pdf: Path) -> str:
    """The document information and the XMP metadata, if any."""
    return "\n".join(subprocess.run([_tool("pdfinfo"), "-enc", "UTF-8", *extra, str(pdf)],
                                    check=True, capture_output=True, text=True).stdout
                     for extra in ([], ["-meta"]))


def pdf_leaks(text: str) -> list[str]:
    """Leaks in extracted text, also read backwards (in case a right-to-left run came
    out in visual order, which would hide an Arabic marker from a forward search)."""
    found = leaks_in_text(text)
    if ARABIC_MARK[::-1] in fold(text):
        found.append("Arabic marker, reversed")
    return found


@pytest.fixture
def marker_vault(vault_dir: Path, kdf_policy: KdfPolicy, tmp_path: Path) -> MarkerVault:
    files = tmp_path / "files"
    files.mkdir()
    return make_marker_vault(vault_dir, kdf_policy, files)


def export(vault: MarkerVault, profile: str, language: str, out: Path) -> dict[str, bytes]:
    session = vault.supervisor()
    try:
        export_dossier(session, profile, out, dossier_pdf.render_dossier_pdf,
                       incident_ids=vault.incidents, language=language)
    finally:
        session.lock()
    return read_zip(out)


@pytest.mark.parametrize("profile", PROFILES)
def test_no_protected_value_in_the_pdf(marker_vault: MarkerVault, tmp_path: Path,
                                       profile: str) -> None:
    for language in ("en", "ar"):
        out = tmp_path / f"{profile}-{language}.zip"
        files = export(marker_vault, profile, language, out)
        assert dossier_leaks(files) == [], (profile, language)
        pdf = tmp_path / f"{profile}-{language}.pdf"
        pdf.write_bytes(files["dossier.pdf"])
        text = pdf_text(pdf)
        assert pdf_leaks(text) == [], (profile, language)
        info = pdf_info(pdf)
        assert pdf_leaks(info) == [], info
        for identifying in (SUPERVISOR, "Salma", str(marker_vault.folder), "vault"):
            assert identifying not in info, identifying
        assert "Author:" not in info or info.split("Author:")[1].split("\n")[0].strip() == ""
        # The facts are there, in the PDF's language, extractable.
        folded = fold(text)
        assert CONSENTED in text or fold(CONSENTED) in folded
        assert UNIT in text or fold(UNIT) in folded
        place = {("en", False): "Jablah", ("ar", False): "جبلة",
                 ("en", True): "Lattakia", ("ar", True): "اللاذقية"}[
                     (language, profile == "public-report")]
        assert fold(place) in folded, (profile, language)
        assert "2024-03-08" in text or "2024" in text
        assert marker_vault.sha256["jpeg"][:16] in text.replace("\n", "").replace(" ", "")


def test_arabic_text_extracts_in_logical_order(marker_vault: MarkerVault,
                                               tmp_path: Path) -> None:
    files = export(marker_vault, "special-procedures", "ar", tmp_path / "ar.zip")
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(files["dossier.pdf"])
    folded = fold(pdf_text(pdf))
    for words in ("جبلة", "التعذيب وسوء المعاملة", "الإخفاء القسري"):
        assert fold(words) in folded, words
    data = json.loads(files["dossier.json"])
    label = data["incidents"][0]["acts"][0]["victim"]
    assert fold(label) in folded


# ------------------------------------------------------------------ the CLI export


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        return json.loads(self.out)


def run(vault: Path, policy: KdfPolicy, *argv: str) -> Result:
    from casebook.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["--vault", str(vault), *argv], environ={"CASEBOOK_PASSPHRASE": SUPERVISOR_PASS},
                stdout=out, stderr=err, kdf_policy=policy, interactive=False)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue()
    return Result(code, out.getvalue(), err.getvalue())


def test_cli_export_then_verify(marker_vault: MarkerVault, kdf_policy: KdfPolicy,
                                tmp_path: Path) -> None:
    incidents = [arg for i in marker_vault.incidents for arg in ("--incident", i)]
    for language in ("en", "ar"):
        out = tmp_path / f"sp-{language}.zip"
        result = run(marker_vault.folder, kdf_policy, "dossier", "export", "--profile",
                     "special-procedures", *incidents, "--lang", language, "--out", str(out))
        assert result.code == 0, result.err
        assert f"Wrote {out}: 2 incident(s), 1 evidence file(s) released" in result.out
        files = read_zip(out)
        assert files["dossier.pdf"].startswith(b"%PDF")
        assert dossier_leaks(files) == []
        pdf = tmp_path / f"sp-{language}.pdf"
        pdf.write_bytes(files["dossier.pdf"])
        assert pdf_leaks(pdf_text(pdf)) == []
        verified = run(marker_vault.folder, kdf_policy, "verify", str(out))
        assert verified.code == 0 and "Signed by" in verified.out
    again = run(marker_vault.folder, kdf_policy, "dossier", "export", "--profile", "iiim",
                *incidents, "--out", str(tmp_path / "sp-en.zip"), "--json")
    assert again.code == 2 and "already exists" in again.err
    forced = run(marker_vault.folder, kdf_policy, "dossier", "export", "--profile", "iiim",
                 *incidents, "--out", str(tmp_path / "sp-en.zip"), "--json", "--force")
    assert forced.code == 0 and forced.json()["released_evidence"] == 1
    assert json.loads(read_zip(tmp_path / "sp-en.zip")["dossier.json"])["profile"] == "iiim"


def test_cli_export_of_unapproved_needs_confirmation(marker_vault: MarkerVault,
                                                     kdf_policy: KdfPolicy,
                                                     tmp_path: Path) -> None:
    from casebook.domain.records import RecordKind
    from casebook.services.records import RecordService

    session = marker_vault.supervisor()
    try:
        draft = RecordService(session).create(RecordKind.INCIDENT, {
            "title": "Draft", "narrative": "Not reviewed yet."}).id
    finally:
        session.lock()
    out = tmp_path / "draft.zip"
    refused = run(marker_vault.folder, kdf_policy, "dossier", "export", "--profile",
                  "special-procedures", "--incident", draft, "--out", str(out))
    assert refused.code == 1 and "not approved" in refused.err
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []
    confirmed = run(marker_vault.folder, kdf_policy, "dossier", "export", "--profile",
                    "special-procedures", "--incident", draft, "--out", str(out),
                    "--allow-unapproved")
    assert confirmed.code == 0, confirmed.err
    assert run(marker_vault.folder, kdf_policy, "verify", str(out)).code == 0
