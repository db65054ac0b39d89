"""The dossier PDF (casebook.gui.render.dossier_pdf), made from the demo vault's
Special Procedures dossier on "act.killing", in English and Arabic: its text as a
reader extracts it (pdftotext), its neutral metadata, its pages as images (right to
left in Arabic), and ``casebook dossier export`` from a process with no Qt
application and no display. With CASEBOOK_SCREENSHOT_DIR set (``make screenshots``),
PNGs of the cover, the summary and the first incident are saved there to look at."""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from casebook.cli.main import main
from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.domain.users import Role
from casebook.gui.render.dossier_pdf import (
    HEADINGS,
    PDF_CREATOR,
    PDF_TITLE,
    render_dossier_pages,
    render_dossier_pdf,
)
from casebook.services.demo import demo_data_file
from casebook.services.dossier import export_dossier
from casebook.services.interchange import import_json
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault

LANGUAGES = ("en", "ar")
#: Only a supervisor exports a dossier; the name must not reach the PDF.
SUPERVISOR = "Rania Haddad-Supervisor"
SUPERVISOR_PASS = "seven quiet olive trees by the harbour wall"
Dossier = tuple[dict[str, Any], dict[str, Any], bytes]

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None
    or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed",
)


def demo_vault(folder: Path, policy: KdfPolicy) -> VaultSession:
    """A vault holding the demo data set, unlocked by a supervisor."""
    session = create_vault(folder, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, policy)
    import_json(session, demo_data_file())
    return session


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo data's Special Procedures dossiers on killings, in both languages:
    the data and report the renderer got, the PDF from the zip, and the vault id."""
    folder = tmp_path_factory.mktemp("dossier-pdf")
    session = demo_vault(folder / "vault", KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False))
    found: dict[str, Any] = {"vault_id": session.vault.vault_id}
    try:
        for language in LANGUAGES:
            given: list[tuple[dict[str, Any], dict[str, Any]]] = []

            def renderer(data: dict[str, Any], report: dict[str, Any],
                         given: list[tuple[dict[str, Any], dict[str, Any]]] = given) -> bytes:
                given.append((data, report))
                return render_dossier_pdf(data, report)

            out = folder / f"dossier-{language}.zip"
            export_dossier(session, "special-procedures", out, renderer,
                           tag="act.killing", language=language, allow_unapproved=True)
            with zipfile.ZipFile(out) as archive:
                pdf = archive.read("dossier.pdf")
            found[language] = (*given[0], pdf)
    finally:
        session.lock()
    return found


def pdf_text(pdf: Path) -> str:
    """The PDF's text as a reader gets it: Arabic presentation forms folded back to
    letters (NFKC), and the direction marks pdftotext adds removed."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def has(text: str, phrase: str) -> bool:
    """``phrase`` in ``text``, whatever the spacing: pdftotext spaces the joins of
    left-to-right runs in right-to-left lines unevenly ("بصمة  SHA-256عند")."""
    return re.sub(r"\s+", "", phrase) in re.sub(r"\s+", "", text)


def pdf_info(pdf: Path) -> dict[str, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return {k.strip(): v.strip() for k, v in
            (line.split(":", 1) for line in info.splitlines() if ":" in line)}


def plain_words(text: str) -> list[str]:
    """Words without diacritics (pdftotext may split a word at a mark)."""
    return [w for w in text.split() if len(w) >= 3 and w.isalpha()
            and not any(unicodedata.category(ch) == "Mn" for ch in w)]


def save_shots(pages: list[Path], prefix: str) -> None:
    folder = os.environ.get("CASEBOOK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copy(page, Path(folder) / f"{prefix}-{page.name}")


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_text_is_extractable_with_headings_and_data(
    demo: dict[str, Any], tmp_path: Path, language: str
) -> None:
    data, report, pdf_bytes = demo[language]
    assert pdf_bytes.startswith(b"%PDF")
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(pdf_bytes)
    text = pdf_text(pdf)
    words = HEADINGS[language]
    for key in ("summary", "by_act_type", "by_place", "by_month", "facts", "victims",
                "perpetrators", "acts", "legal_qualification", "sources", "evidence",
                "withheld_title", "reliability", "credibility"):
        assert has(text, words[key]), (key, words[key])
    pages = int(pdf_info(pdf)["Pages"])
    for page in (1, pages):
        assert has(text, words["page"].format(page=page, pages=pages))
    # The data: every incident's reference, and the words of the (Arabic) titles.
    for incident in data["incidents"]:
        assert incident["ref"] in text
    arabic_title = next(i["title"] for i in data["incidents"]
                        if any("\u0600" <= ch <= "\u06ff" for ch in i["title"]))
    title_words = plain_words(arabic_title)
    assert title_words and all(word in text for word in title_words), title_words
    # (pdftotext mirrors parentheses in right-to-left lines.)
    assert all(word in text for word in plain_words(data["profile_title"]))
    # The chart labels are text too, in the dossier's language.
    for label in data["summary"]["by_act_type"]:
        assert all(word in text for word in plain_words(label)), label
    if language == "ar":
        assert "الضحايا المزعومون" in text and "ما تم حجبه" in text
        assert "الحوادث حسب نوع الفعل" in text and "التكييف القانوني" in text
    # What was withheld: the rules and counts, never a withheld value.
    assert str(report["people"][0]["count"]) in text


@needs_poppler
def test_metadata_is_neutral(demo: dict[str, Any], tmp_path: Path) -> None:
    for language in LANGUAGES:
        pdf = tmp_path / f"{language}.pdf"
        pdf.write_bytes(demo[language][2])
        info = pdf_info(pdf)
        assert info["Title"] == PDF_TITLE == "Dossier"
        assert info["Creator"] == PDF_CREATOR == "Casebook"
        assert info.get("Author", "") == "" and info.get("Subject", "") == ""
        assert info.get("Keywords", "") == ""
        everything = "\n".join(info.values()) + pdf_text(pdf)
        raw = pdf.read_bytes()
        for secret in (SUPERVISOR, demo["vault_id"], SUPERVISOR_PASS):
            assert secret not in everything
            assert secret.encode() not in raw


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_as_png(demo: dict[str, Any], tmp_path: Path, language: str) -> None:
    """The cover, the summary and the first incident, as a reader's viewer shows them
    (saved for a person to look at with CASEBOOK_SCREENSHOT_DIR)."""
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(demo[language][2])
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "3", str(pdf),
                    str(tmp_path / language)], check=True)
    pages = sorted(tmp_path.glob(f"{language}-*.png"))
    assert len(pages) == 3
    for page in pages:
        image = QImage(str(page))
        assert not image.isNull() and (image.width(), image.height()) == (496, 702)
    save_shots(pages, "dossier-pdf")


def ink_box(image: QImage, top: int, bottom: int) -> tuple[int, int]:
    """Leftmost and rightmost columns with dark pixels between rows top and bottom."""
    left, right = image.width(), -1
    for y in range(top, bottom):
        for x in range(image.width()):
            if QColor(image.pixel(x, y)).lightness() < 160:
                left, right = min(left, x), max(right, x)
    return left, right


def first_ink_row(image: QImage) -> int:
    for y in range(image.height()):
        if any(QColor(image.pixel(x, y)).lightness() < 160 for x in range(image.width())):
            return y
    raise AssertionError("blank page")


@needs_poppler
def test_preview_pages_match_the_pdf_and_arabic_runs_right_to_left(
    demo: dict[str, Any], tmp_path: Path
) -> None:
    sides = {}
    for language in LANGUAGES:
        data, report, pdf_bytes = demo[language]
        pdf = tmp_path / f"{language}.pdf"
        pdf.write_bytes(pdf_bytes)
        images = render_dossier_pages(data, report, dpi=40)
        assert len(images) == int(pdf_info(pdf)["Pages"])
        assert (images[0].width(), images[0].height()) == (331, 468)  # A4 at 40 dpi
        assert len(render_dossier_pages(data, report, max_pages=2)) == 2
        # The cover's title ("Dossier" / "ملف") starts on the reading side.
        cover = images[0]
        top = first_ink_row(cover)
        left, right = ink_box(cover, top, top + 8)
        sides[language] = (left / cover.width(), right / cover.width())
        if os.environ.get("CASEBOOK_SCREENSHOT_DIR"):
            folder = Path(os.environ["CASEBOOK_SCREENSHOT_DIR"])
            folder.mkdir(parents=True, exist_ok=True)
            assert images[2].save(str(folder / f"dossier-pdf-preview-{language}-3.png"))
    assert sides["en"][0] < 0.2 and sides["en"][1] < 0.5, sides
    assert sides["ar"][0] > 0.5 and sides["ar"][1] > 0.8, sides


@needs_poppler
def test_values_are_escaped_and_every_part_is_shown(
    demo: dict[str, Any], tmp_path: Path
) -> None:
    """Evidence, legal qualifications with their standard of proof, statement texts,
    overrides and markup in the data (shown as text, never interpreted)."""
    for language in LANGUAGES:
        data, report, _pdf = copy.deepcopy(demo[language])
        incident = data["incidents"][0]
        incident["title"] = '<b>bold?</b> & "quoted" <img src="x">'
        incident["evidence"] = [
            {"ref": "E1", "description": "Photo of the site", "media_type": "image/jpeg",
             "size": 245112, "sha256_at_ingest": "ab" * 32, "released": True,
             "file": "evidence/E1.jpg"},
            {"ref": "E2", "description": "Audio", "media_type": "audio/ogg", "size": 10,
             "sha256_at_ingest": "cd" * 32, "released": False, "file": None}]
        incident["acts"][0]["legal_qualifications"] = [{
            "violation": "Arbitrary deprivation of life", "code": "x",
            "legal_reference": "ICCPR art. 6", "rationale": "Hands tied.",
            "standard_of_proof": "Reasonable grounds to believe"}]
        incident["sources"][0]["text"] = "The witness saw a white car."
        report["overrides"] = [{"rule": "witness.identity", "reason": "Asked <to> be named"}]
        report["free_text_replacements"] = {"name": 3, "phone number": 2}
        pdf = tmp_path / f"{language}.pdf"
        pdf.write_bytes(render_dossier_pdf(data, report))
        text = pdf_text(pdf)
        words = HEADINGS[language]
        # Markup in the data is text (pdftotext moves the closing '">' of a left-to-right
        # line on a right-to-left page to its start).
        assert '<b>bold?</b> & "quoted" <img src="x' in text
        assert "ab" * 32 in text and "cd" * 32 in text
        assert words["released"] in text and "evidence/E1.jpg" in text
        assert has(text, words["withheld"]) and has(text, words["sha256"])
        assert has(text, words["standard_of_proof"]) and "Reasonable grounds to believe" in text
        assert "ICCPR art. 6" in text and "The witness saw a white car." in text
        assert "Asked <to> be named" in text


def test_many_categories_and_empty_data_render() -> None:
    """A summary with more act types than fit as bars lists the rest as text; a
    dossier with no incidents still has a cover, a summary and the last page."""
    data: dict[str, Any] = {
        "language": "en", "profile_title": "Public report", "generated_at": "",
        "summary": {"incidents": 0, "by_act_type": {f"Type {i}": i for i in range(40)},
                    "by_place": {}, "by_month": {"2020-01": 1, "2024-12": 3}},
        "incidents": []}
    images = render_dossier_pages(data, {}, dpi=20)
    assert len(images) >= 3
    assert render_dossier_pdf(data, {}).startswith(b"%PDF")


@needs_poppler
def test_cli_export_in_a_process_without_qt_or_display(
    vault_dir: Path, kdf_policy: KdfPolicy, tmp_path: Path
) -> None:
    """``casebook dossier export`` (through casebook.cli.main.main) in a fresh process
    with no QApplication, no DISPLAY and QT_QPA_PLATFORM unset; ``verify`` accepts it."""
    demo_vault(vault_dir, kdf_policy).lock()
    out = tmp_path / "sp-ar.zip"
    env = {k: v for k, v in os.environ.items()
           if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}}
    env["CASEBOOK_PASSPHRASE"] = SUPERVISOR_PASS
    script = (
        "import os, sys\n"
        "from casebook.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "print('platform', os.environ.get('QT_QPA_PLATFORM'))\n"
        "sys.exit(code)\n")
    result = subprocess.run(
        [sys.executable, "-c", script, "--vault", str(vault_dir), "dossier", "export",
         "--profile", "special-procedures", "--tag", "act.killing", "--lang", "ar",
         "--allow-unapproved", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
        check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "platform offscreen" in result.stdout
    assert "Traceback" not in result.stderr
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["verify", str(out)], environ={}, stdout=stdout, stderr=stderr) == 0, \
        stderr.getvalue()
    with zipfile.ZipFile(out) as archive:
        pdf = tmp_path / "dossier.pdf"
        pdf.write_bytes(archive.read("dossier.pdf"))
    text = pdf_text(pdf)
    assert "الضحايا المزعومون" in text and "فهرس الأدلة" in text and "ملخص" in text
    assert pdf_info(pdf)["Title"] == "Dossier"


@needs_poppler
def test_cli_audit_report_as_pdf(vault_dir: Path, kdf_policy: KdfPolicy, tmp_path: Path) -> None:
    """``casebook audit report --out trail.pdf`` paints the same report as the audit
    viewer; its text can be read back, and a review action is in it."""
    demo_vault(vault_dir, kdf_policy).lock()
    out = tmp_path / "trail.pdf"
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["--vault", str(vault_dir), "audit", "report", "--out", str(out)],
                environ={"CASEBOOK_PASSPHRASE": SUPERVISOR_PASS}, stdout=stdout,
                stderr=stderr)
    assert code == 0, stderr.getvalue()
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Audit trail" in text
    assert "login" in "".join(text.split())  # columns may wrap and interleave
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
