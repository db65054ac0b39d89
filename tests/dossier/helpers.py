"""A vault in which every protected field holds a distinctive marker, and tools to
look for those markers in every file of a dossier.

Every protected value contains ``zqx`` (Latin script) or ``زقس`` (Arabic script), so
one search finds any of them; the facts a mechanism needs contain neither.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PIL import Image

from casebook.domain.folding import fold
from casebook.domain.records import ConsentScope, PlaceLevel, RecordKind
from casebook.domain.users import Role
from casebook.gazetteer.model import place_id_for
from casebook.services.evidence import EvidenceService
from casebook.services.places import PlaceService
from casebook.services.qualification import QualificationService
from casebook.services.records import RecordService
from casebook.services.review import ReviewService
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault

SUPERVISOR = "Salma Supervisor"
SUPERVISOR_PASS = "supervisor passphrase amber 71"
PROFILES = ("special-procedures", "commission-of-inquiry", "iiim", "public-report")
SCOPES = ("special-procedures", "commission-of-inquiry", "iiim", "publication")

LATIN_MARK = "zqx"
ARABIC_MARK = "زقس"
PHONE = "+963 944 000 111"
EMAIL = "zqx@example.org"
LATITUDE = 35.123456
LONGITUDE = 36.654321
ID_NUMBER = "0312345678"
#: Patterns that must not appear in any released text (besides the two marks).
FORBIDDEN_PATTERNS = (
    re.compile(r"944\D{0,3}000\D{0,3}111"),  # the phone, however spaced
    re.compile(r"35[.,٫]?123456"), re.compile(r"36[.,٫]?654321"),  # the coordinates
    re.compile(ID_NUMBER), re.compile(r"example\.org"), re.compile(r"secret-", re.I),
)

#: Released facts (positive checks).
PERPETRATOR = "Perpetrus Kanaan"
CONSENTED = "Hanan Consenta"
CONSENTED_AR = "حنان الموافقة"
UNIT = "4th Armoured Division"
DATE = "2024-03-08"
DISAPPEARANCE_DATE = "2024-03-09"

# The people whose identity every shipped profile withholds, with Latin and Arabic
# spellings, alternative names and name parts.
WITNESS = {
    "name": "Zqxwitness al-Zqxwitfam", "sex": "male",
    "name_parts": {"given": "Zqxwitness", "father": "Zqxwitfather", "family": "al-Zqxwitfam",
                   "laqab": "Abu Zqxlaqab"},
    "alt_names": ["زَقسشاهِد الزقسحلبي", "Zqxwitalt", "Zqxwítness"],
    "contact": f"{PHONE}, {EMAIL}, Zqxstreet 5", "notes": "ZQXPERSONNOTE risk: followed",
}
SOURCE = {"name": "Zqxsource", "alt_names": ["زقسمصدر", "Zqxsrc"], "sex": "female",
          "contact": "0944 000 111", "notes": "ZQXSOURCENOTE"}
CHILD = {"name": "Zqxchild", "alt_names": ["زقسطفل"], "age": 9, "sex": "male"}
SURVIVOR = {"name": "Zqxsurvivor Zqxsurfam", "alt_names": ["زقسناجية"], "sex": "female",
            "birth_date": "1990-05-01"}
NO_CONSENT = {"name": "Zqxnoconsent", "alt_names": ["زقسبلاموافقة"], "sex": "male",
              "occupation": "Zqxjob teacher", "birth_date": "1980-01-02"}
WITHDRAWN = {"name": "Zqxwithdrawn", "alt_names": ["زقسمسحوب"], "sex": "male"}
EXPIRED = {"name": "Zqxexpired", "alt_names": ["زقسمنتهي"], "sex": "female"}
INTERVENING = {"name": "زقسأمل", "alt_names": ["Zqxintervening"], "sex": "female"}
CONSENTED_PERSON = {"name": CONSENTED, "alt_names": [CONSENTED_AR], "sex": "female",
                    "name_parts": {"given": "Hanan", "family": "Consenta"},
                    "birth_date": "1985-06-07", "occupation": "Pharmacist",
                    "contact": "zqxhanan@example.org", "notes": "ZQXHANANNOTE"}
PERPETRATOR_PERSON = {"name": PERPETRATOR, "sex": "male", "notes": "ZQXPERPNOTE"}

INTERVIEWER = "Zqxinterviewer Smith"
INTERPRETER = "زقسمترجم"
COLLECTOR = "Zqxcollector"
SOURCE_URL = "https://zqxurl.example.net/zqxpath/video"
SITE = ("Zqxsite Bakery", "فرن زقسموقع")


NARRATIVE = (
    "On 2024-03-08 (08/03/2024) between 10:00 and 11:00 forces of the 4th Armoured "
    "Division raided the Zqxsite Bakery. Zqxwitness al-Zqxwitfam saw it; later Alzqxwitfam "
    "and el-Zqxwitfam, ZQXWITNESS, Zqxwítness and Abu Zqxlaqab (Zqxwitalt) told us. "
    "Zqxsource, Zqxsrc and the interviewer Zqxinterviewer Smith (interpreter زقسمترجم). "
    "Zqxchild, Zqxsurvivor Zqxsurfam, Zqxnoconsent, Zqxwithdrawn, Zqxexpired and "
    "Zqxintervening were there; Hanan Consenta was taken. Perpetrus Kanaan gave orders. "
    f"Call {PHONE} or 0944000111 or ٠٩٤٤٠٠٠١١١ or write to {EMAIL}; national ID "
    f"{ID_NUMBER}; position {LATITUDE}, {LONGITUDE}. Reported since 2011-2025. "
    "قال زَقسشاهِد والزقسحلبي وبالزقسحلبي وللزقسحلبي ولزقسشاهد وزقسـشاهد "
    "إن زقسمصدر وبزقسمصدر وللزقسطفل وزقسناجية فزقسناجيه وزقسبلاموافقة وزقسمسحوب "
    "وزقسمنتهي وزقسامل وزقسإمل والزقسمترجم في فرن زقسموقع كانوا هناك على الطريق. "
    "Photo zqx-secret-name.jpg, collected by Zqxcollector from "
    f"{SOURCE_URL}."
)


@dataclass
class MarkerVault:
    folder: Path
    incidents: list[str]
    people: dict[str, str]  # key -> person id
    acts: dict[str, str]  # key -> act id
    sha256: dict[str, str]  # evidence file -> SHA-256 at ingest
    extra: dict[str, Any] = field(default_factory=dict)

    def supervisor(self) -> VaultSession:
        from casebook.services.vault_service import unlock_vault

        return unlock_vault(self.folder, SUPERVISOR_PASS)


def exif_jpeg(path: Path) -> bytes:
    """A JPEG carrying EXIF with a camera model and a GPS position."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "ZqxMaker"  # Make
    exif[0x0110] = "ZQXCAMERA 9000"  # Model
    exif[0x0131] = "Zqxsoftware"  # Software
    exif[0x013B] = "Zqxartist"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (35.0, 7.0, 24.44)
    gps[3] = "E"
    gps[4] = (36.0, 39.0, 15.56)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"zqx comment")
    path.write_bytes(out.getvalue())
    return out.getvalue()


def evidence_pdf(path: Path) -> bytes:
    data = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"% Zqxwitness Zqxsecretdoc\ntrailer<</Root 1 0 R/Author(Zqxauthor)>>\n%%EOF\n")
    path.write_bytes(data)
    return data


def make_marker_vault(folder: Path, policy: KdfPolicy, files: Path) -> MarkerVault:
    session = create_vault(folder, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, policy)
    try:
        return _fill(session, folder, files)
    finally:
        session.lock()


def _fill(session: VaultSession, folder: Path, files: Path) -> MarkerVault:
    records = RecordService(session)
    today = date.today()

    def create(kind: RecordKind, data: dict[str, Any]) -> str:
        return records.create(kind, data).id

    site = PlaceService(session).add_place(
        SITE[0], PlaceLevel.SITE, place_id_for("jableh-town"), name_ar=SITE[1],
        latitude=LATITUDE, longitude=LONGITUDE)
    people = {key: create(RecordKind.PERSON, data) for key, data in (
        ("witness", WITNESS), ("source", SOURCE), ("child", CHILD), ("survivor", SURVIVOR),
        ("no_consent", NO_CONSENT), ("withdrawn", WITHDRAWN), ("expired", EXPIRED),
        ("intervening", INTERVENING), ("consented", CONSENTED_PERSON),
        ("perpetrator", PERPETRATOR_PERSON))}
    unit = create(RecordKind.UNIT, {"name": UNIT, "affiliation": "Government forces"})
    incident = create(RecordKind.INCIDENT, {
        "title": "Raid on the Zqxwitness house near the market, بيت زقسشاهد",
        "narrative": NARRATIVE, "date_start": DATE, "place": site.id,
        "latitude": LATITUDE, "longitude": LONGITUDE,
        "notes": "ZQXINCNOTE internal: زقسملاحظة", "tags": ["act.arbitrary-detention"],
    })
    second = create(RecordKind.INCIDENT, {
        "title": "Second raid in the market", "narrative": "Zqxnoconsent was beaten again.",
        "date_start": "2024-04-02", "place": place_id_for("SY0602"),
    })
    for key, role, where in (
        ("witness", "witness", incident), ("child", "victim", incident),
        ("survivor", "victim", incident), ("no_consent", "victim", incident),
        ("withdrawn", "victim", incident), ("expired", "victim", incident),
        ("consented", "victim", incident), ("intervening", "intervening-party", incident),
        ("perpetrator", "alleged-perpetrator", incident), ("no_consent", "victim", second),
        ("witness", "witness", second), ("perpetrator", "alleged-perpetrator", second),
    ):
        create(RecordKind.INVOLVEMENT, {"incident": where, "person": people[key], "role": role})
    perpetrators = [{"unit": unit, "involvement": "commanded by Perpetrus Kanaan, seen by "
                                                  "Zqxwitness", "confidence": "high"},
                    {"person": people["perpetrator"], "involvement": "gave the order"}]
    acts = {}
    for key, victim, act_type, extra in (
        ("torture", "no_consent", "act.torture", {
            "method": "Beating of Zqxnoconsent with cables; وبزقسبلاموافقة",
            "consequences": "Zqxnoconsent lost hearing; زَقسبلاموافقة نُقل",
            "status_at_end": "released to Zqxwitness", "notes": "ZQXACTNOTE risk"}),
        ("rape", "survivor", "act.rape", {
            "method": "Rape of Zqxsurvivor in detention", "consequences": "زقسناجية"}),
        ("killing", "child", "act.killing", {
            "method": "Shooting; Zqxchild was hit", "consequences": "Death of للزقسطفل"}),
        ("detention_wd", "withdrawn", "act.arbitrary-detention", {"method": "Zqxwithdrawn"}),
        ("detention_ex", "expired", "act.arbitrary-detention", {"method": "Zqxexpired"}),
        ("disappearance", "consented", "act.enforced-disappearance", {
            "method": "Taken at a checkpoint", "date": DISAPPEARANCE_DATE,
            "steps_taken": "Her family asked at the Military Police; Zqxsource helped",
            "status_at_end": "whereabouts unknown"}),
    ):
        acts[key] = create(RecordKind.ACT, {
            "incident": incident, "victim": people[victim], "act_type": act_type,
            "date": DATE, "perpetrators": perpetrators, **extra})
    create(RecordKind.ACT, {"incident": second, "victim": people["no_consent"],
                            "act_type": "act.torture", "perpetrators": perpetrators[:1],
                            "method": "Beating"})
    QualificationService(session).qualify(
        acts["torture"], "legal.ihrl-torture", "proof.reasonable-grounds",
        f"Zqxwitness and زقسمصدر describe it; call {PHONE}")
    for source, text in (
        ("source", f"I am Zqxsource. I saw زَقسشاهِد and Zqxchild. My number is {PHONE}."),
        ("witness", "Zqxwitness: the men of the 4th Armoured Division came at noon."),
    ):
        create(RecordKind.STATEMENT, {
            "incident": incident, "source": people[source], "connection": "direct",
            "date": DATE, "interviewer": INTERVIEWER, "interpreter": INTERPRETER,
            "language": "ar", "reliability": "B", "credibility": "2", "text": text})
    yesterday, tomorrow = (today - timedelta(days=1)).isoformat(), (
        today + timedelta(days=1)).isoformat()
    for key, extra in (("consented", {}), ("child", {}), ("survivor", {}),
                       ("withdrawn", {"withdrawn_at": yesterday}),
                       ("expired", {"expires": yesterday}),
                       ("witness", {}), ("intervening", {})):
        for scope in SCOPES:
            create(RecordKind.CONSENT, {"person": people[key], "scope": scope,
                                        "given_at": "2024-01-01", "method": "written",
                                        "notes": "ZQXCONSENTNOTE", **extra})
    # Consent for another scope only, and one not yet valid, do not count.
    create(RecordKind.CONSENT, {"person": people["no_consent"],
                                "scope": ConsentScope.IDENTITY_DISCLOSURE.value,
                                "given_at": "2024-01-01"})
    for scope in SCOPES:
        create(RecordKind.CONSENT, {"person": people["no_consent"], "scope": scope,
                                    "given_at": tomorrow})
    jpeg_path = files / "zqx-secret-name.jpg"
    jpeg = exif_jpeg(jpeg_path)
    pdf_path = files / "zqx-secret-doc.pdf"
    pdf = evidence_pdf(pdf_path)
    evidence = EvidenceService(session)
    photo, _info = evidence.attach(incident, jpeg_path)  # description: the file name
    current = records.get(photo.id)
    records.update(photo.id, {**current.content, "collected_by": COLLECTOR,
                              "source_url": SOURCE_URL},
                   expected_version=current.version)
    evidence.attach(acts["torture"], pdf_path,
                    description="Medical report on Zqxnoconsent by the hospital, "
                                "signed by زَقسشاهِد; زقسمصدر sent it")
    reviews = ReviewService(session)
    for incident_id in (incident, second):
        reviews.submit(incident_id)
        reviews.approve(incident_id)
    return MarkerVault(folder, [incident, second], people, acts,
                       {"jpeg": hashlib.sha256(jpeg).hexdigest(),
                        "pdf": hashlib.sha256(pdf).hexdigest()})


def fake_renderer(data: dict[str, Any], report: dict[str, Any]) -> bytes:
    """Stands in for the Qt renderer: the data's text, as bytes."""
    return json.dumps({"data": data, "report": report}, ensure_ascii=False).encode()


# ---------------------------------------------------------------- scanning


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def leaks_in_text(text: str) -> list[str]:
    """Every protected value found in ``text`` (empty: none)."""
    found = []
    folded = fold(text)
    lowered = text.casefold()
    if LATIN_MARK in lowered or LATIN_MARK in folded:
        index = max(lowered.find(LATIN_MARK), 0)
        found.append(f"Latin marker near {text[max(0, index - 40):index + 40]!r}")
    if ARABIC_MARK in folded or ARABIC_MARK in text:
        index = max(folded.find(ARABIC_MARK), 0)
        found.append(f"Arabic marker near {folded[max(0, index - 40):index + 40]!r}")
    for pattern in FORBIDDEN_PATTERNS:
        for candidate in (text, folded):
            match = pattern.search(candidate)
            if match:
                found.append(f"{pattern.pattern} near "
                             f"{candidate[max(0, match.start() - 40):match.end() + 40]!r}")
                break
    return found


def leaks_in_bytes(data: bytes) -> list[str]:
    found = []
    for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
        for marker in (LATIN_MARK, LATIN_MARK.upper(), "Zqx", ARABIC_MARK):
            if marker.encode(encoding) in data:
                found.append(f"{marker} ({encoding}) in the bytes")
    return found


def image_leaks(data: bytes) -> list[str]:
    found = leaks_in_bytes(data)
    with Image.open(io.BytesIO(data)) as image:
        if len(image.getexif()):
            found.append(f"EXIF survives: {dict(image.getexif())}")
        if image.getexif().get_ifd(0x8825):
            found.append("GPS survives")
        meta = {k: v for k, v in image.info.items()
                if k not in ("jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi")}
        if meta:
            found.append(f"metadata survives: {sorted(meta)}")
        if b"Exif" in data or b"GPS" in data or b"ICC_PROFILE" in data:
            found.append("an EXIF, GPS or ICC block is in the bytes")
    return found


def dossier_leaks(files: dict[str, bytes]) -> list[str]:
    """Every leak in a dossier: names in the listing, text of every file, images."""
    found = []
    for name in files:
        found += [f"file name {name}: {leak}" for leak in leaks_in_text(name)]
    for name, data in files.items():
        if name.startswith("evidence/"):
            found += [f"{name}: {leak}" for leak in image_leaks(data)]
            continue
        if name == "dossier.pdf" and data.startswith(b"%PDF"):
            # A real PDF: its compressed streams are binary (three bytes spelling "zqx"
            # happen by chance), and its text is glyph ids: it is read with pdftotext
            # and pdfinfo (tests/gui). Here: everything outside the streams.
            outside = re.sub(rb"stream\r?\n.*?endstream", b"", data, flags=re.S)
            found += [f"{name} (outside streams): {leak}"
                      for leak in leaks_in_bytes(outside)]
            continue
        found += [f"{name}: {leak}" for leak in leaks_in_bytes(data)]
        text = data.decode("utf-8")
        found += [f"{name}: {leak}" for leak in leaks_in_text(text)]
        if name.endswith(".json"):
            decoded = json.dumps(json.loads(text), ensure_ascii=False)
            found += [f"{name} (decoded): {leak}" for leak in leaks_in_text(decoded)]
    return found


# ---------------------------------------------------------------- a small dossier


@dataclass
class SmallDossier:
    path: Path
    fingerprint: str
    dossier_id: str
    vault: Path


def small_dossier(folder: Path, policy: KdfPolicy, out: Path) -> SmallDossier:
    """A supervisor's vault with one approved incident and a photo, exported (with the
    stand-in renderer) to ``out``."""
    from casebook.services.dossier import export_dossier

    session = create_vault(folder, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, policy)
    try:
        records = RecordService(session)
        incident = records.create(RecordKind.INCIDENT, {
            "title": "Shelling of the market", "narrative": "At noon.",
            "date_start": DATE, "place": place_id_for("SY0602")}).id
        photo = out.parent / "photo.jpg"
        exif_jpeg(photo)
        EvidenceService(session).attach(incident, photo, description="The market")
        photo.unlink()
        ReviewService(session).submit(incident)
        ReviewService(session).approve(incident)
        summary = export_dossier(session, "special-procedures", out, fake_renderer,
                                 incident_ids=[incident])
        fingerprint = summary.fingerprint
    finally:
        session.lock()
    return SmallDossier(out, fingerprint, summary.dossier_id, folder)


def rewrite_zip(source: Path, target: Path, files: dict[str, bytes]) -> Path:
    """A zip holding ``files`` (in that order), written like a dossier."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


def flip(data: bytes, index: int | None = None) -> bytes:
    """``data`` with one byte changed (by default the one in the middle)."""
    index = len(data) // 2 if index is None else index
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]
