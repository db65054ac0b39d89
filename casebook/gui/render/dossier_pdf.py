"""The dossier as a PDF (docs/dossiers.md): cover, summary with charts, one section
per incident, and what was withheld.

Everything shown comes from the already-redacted dossier data and redaction report
(casebook.export.dossier_model); nothing is redacted here, and nothing is blacked
out. The pages are an HTML document (every value escaped) laid out by QTextDocument
for a 300 dpi A4 page and drawn page by page with QPainter, the charts painted into
the flow by the same painter, so all text is real, shaped text: Arabic in the
bundled Noto Sans Arabic, right to left, and extractable (pdftotext, copy and paste).

The PDF's language is the dossier's, not the interface's: the words around the data
come from :data:`HEADINGS`, not from tr(). The PDF's metadata is neutral: the title
"Dossier", the creator "Casebook" and nothing about who made it or from which vault.

It runs without a window: from the command line with no QApplication (one is made,
on the offscreen platform unless another is chosen) and on a worker thread of the
GUI. :func:`render_dossier_pages` paints the same pages onto images for the export
wizard's preview.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from casebook.gui.render.charts import (
    Chart,
    ChartKind,
    Fonts,
    bar_items,
    chart_size,
    has_arabic,
    month_items,
    paint_chart,
)
from casebook.gui.resources import ARABIC_FAMILY, load_fonts

RESOLUTION = 300  # device units per inch
MARGINS_MM = QMarginsF(18.0, 16.0, 18.0, 14.0)  # left, top, right, bottom
BODY_POINTS = 9.5
FOOTER_POINTS = 7.5
CHART_POINTS = 8.0
PDF_TITLE = "Dossier"
PDF_CREATOR = "Casebook"
CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
CHART_INDEX = QTextFormat.Property.UserProperty + 1
#: Isolates keep a value's own direction inside a line of the other direction.
FSI, PDI = "\u2068", "\u2069"

_T = TypeVar("_T")
_TAGS = re.compile(r"<[^>]*>")
_BRACKETED = re.compile(r"\[[^\[\]\n]{1,80}\]")

#: The QGuiApplication this module made (only when there was none, e.g. on the CLI).
_OWN_APP: list[QGuiApplication] = []

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "dossier": "Dossier",
        "prepared_for": "Prepared for",
        "generated": "Generated",
        "incident_count": "Incidents",
        "dossier_id": "Dossier ID",
        "language": "Language",
        "integrity": "Integrity: every file of this dossier is listed with its SHA-256 hash "
                     "in manifest.txt, which is signed (Ed25519); see manifest.txt. A "
                     "recipient checks it with “casebook verify”.",
        "redaction": "Redaction: identities and details that could put people at risk "
                     "were withheld or replaced by pseudonyms before this document was "
                     "laid out. What was withheld, and under which rule, is listed on the "
                     "last page (“What was withheld”) and in redaction-report.json.",
        "unapproved": "{n} of the {total} incidents have not been approved by a reviewer.",
        "summary": "Summary",
        "by_act_type": "Incidents by act type",
        "by_place": "Incidents by place",
        "by_month": "Incidents by month",
        "more": "Also:",
        "no_data": "No data",
        "facts": "Facts",
        "title": "Title",
        "date": "Date",
        "place": "Place",
        "review": "Review",
        "tags": "Classification",
        "narrative": "Narrative",
        "victims": "Alleged victims",
        "perpetrators": "Alleged perpetrators",
        "name": "Name",
        "sex": "Sex",
        "age": "Age",
        "counted_as": "Counted as",
        "characteristics": "Characteristics",
        "details": "Other details",
        "child": "child",
        "group_of": "group of {n}",
        "pseudonym": "pseudonym",
        "birth_year": "born {year}",
        "none": "None recorded.",
        "acts": "Acts",
        "act": "Act {n}",
        "victim": "Alleged victim",
        "method": "Method",
        "consequences": "Consequences",
        "status_at_end": "Situation afterwards",
        "steps_taken": "Steps taken",
        "involvement": "involvement",
        "confidence": "confidence",
        "legal_qualification": "Legal qualification",
        "violation": "Violation",
        "legal_reference": "Legal basis",
        "standard_of_proof": "Standard of proof",
        "rationale": "Reasoning",
        "not_qualified": "No legal qualification recorded yet.",
        "sources": "Sources",
        "statement": "Statement {n}",
        "source": "Source",
        "connection": "Connection",
        "reliability": "Reliability",
        "credibility": "Credibility",
        "source_types": "Type",
        "text": "Text",
        "text_withheld": "Withheld under this profile.",
        "evidence": "Evidence index",
        "ref": "Ref.",
        "description": "Description",
        "media_type": "Type",
        "size": "Size",
        "status": "Status",
        "sha256": "SHA-256 at ingest",
        "released": "Released",
        "withheld": "Withheld",
        "bytes": "{n} bytes",
        "withheld_title": "What was withheld",
        "withheld_intro": "This page lists the rules applied and how many people or items "
                          "each rule affected. It never shows a withheld value.",
        "profile": "Profile",
        "consent_scope": "Consent scope",
        "people": "People",
        "rule": "Rule",
        "action": "Action",
        "count": "Count",
        "free_text": "Replacements in free text",
        "kind": "What",
        "always": "Always withheld",
        "evidence_files": "Evidence files",
        "evidence_counts": "{files} in total: {released} released, {withheld} withheld; "
                           "{reencoded} images re-encoded without metadata.",
        "rules": "Rules of the profile",
        "applies": "How",
        "with_consent": "{action} with consent for this mechanism, otherwise {otherwise}",
        "to_level": "to {level}",
        "media_types": "only {types}",
        "overrides": "Overrides of the safe defaults",
        "reason": "Reason",
        "no_overrides": "None: the safe defaults apply.",
        "page": "Page {page} of {pages}",
        "unknown": "unknown",
    },
    "ar": {
        "dossier": "ملف",
        "prepared_for": "مقدم إلى",
        "generated": "تاريخ الإنشاء",
        "incident_count": "عدد الحوادث",
        "dossier_id": "معرّف الملف",
        "language": "اللغة",
        "integrity": "السلامة: كل محتويات هذه الحزمة مدرجة مع بصمة SHA-256 لكلٍّ منها في "
                     "manifest.txt، وهو موقَّع بتوقيع Ed25519؛ انظر manifest.txt. يتحقق "
                     "المستلم منها بالأمر «casebook verify».",
        "redaction": "الحجب: حُجبت الهويات والتفاصيل التي قد تعرّض الأشخاص للخطر أو "
                     "استُبدلت بأسماء مستعارة قبل إعداد هذه الوثيقة. ما حُجب، وبموجب أي "
                     "قاعدة، مبيَّن في الصفحة الأخيرة («ما تم حجبه») وفي "
                     "redaction-report.json.",
        "unapproved": "{n} من أصل {total} حوادث لم يعتمدها مراجِع بعد.",
        "summary": "ملخص",
        "by_act_type": "الحوادث حسب نوع الفعل",
        "by_place": "الحوادث حسب المكان",
        "by_month": "الحوادث حسب الشهر",
        "more": "وأيضاً:",
        "no_data": "لا توجد بيانات",
        "facts": "الوقائع",
        "title": "العنوان",
        "date": "التاريخ",
        "place": "المكان",
        "review": "المراجعة",
        "tags": "التصنيف",
        "narrative": "السرد",
        "victims": "الضحايا المزعومون",
        "perpetrators": "الجناة المزعومون",
        "name": "الاسم",
        "sex": "الجنس",
        "age": "العمر",
        "counted_as": "يُحتسب",
        "characteristics": "الصفات",
        "details": "تفاصيل أخرى",
        "child": "طفل",
        "group_of": "مجموعة من {n}",
        "pseudonym": "اسم مستعار",
        "birth_year": "مواليد {year}",
        "none": "لم يُسجَّل شيء.",
        "acts": "الأفعال",
        "act": "الفعل {n}",
        "victim": "الضحية المزعومة",
        "method": "الوسيلة",
        "consequences": "العواقب",
        "status_at_end": "الوضع بعد الفعل",
        "steps_taken": "الخطوات المتخذة",
        "involvement": "طبيعة التورط",
        "confidence": "درجة الثقة",
        "legal_qualification": "التكييف القانوني",
        "violation": "الانتهاك",
        "legal_reference": "السند القانوني",
        "standard_of_proof": "معيار الإثبات",
        "rationale": "التعليل",
        "not_qualified": "لم يُسجَّل تكييف قانوني بعد.",
        "sources": "المصادر",
        "statement": "الإفادة {n}",
        "source": "المصدر",
        "connection": "الصلة بالوقائع",
        "reliability": "موثوقية المصدر",
        "credibility": "مصداقية المعلومات",
        "source_types": "النوع",
        "text": "النص",
        "text_withheld": "محجوب بموجب هذا الملف التعريفي.",
        "evidence": "فهرس الأدلة",
        "ref": "المرجع",
        "description": "الوصف",
        "media_type": "النوع",
        "size": "الحجم",
        "status": "الحالة",
        "sha256": "بصمة SHA-256 عند الإدخال",
        "released": "مرفق",
        "withheld": "محجوب",
        "bytes": "{n} بايت",
        "withheld_title": "ما تم حجبه",
        "withheld_intro": "تبيّن هذه الصفحة القواعد المطبقة وعدد الأشخاص أو العناصر التي "
                          "شملتها كل قاعدة، ولا تعرض أي قيمة محجوبة.",
        "profile": "الملف التعريفي",
        "consent_scope": "نطاق الموافقة",
        "people": "الأشخاص",
        "rule": "القاعدة",
        "action": "الإجراء",
        "count": "العدد",
        "free_text": "الاستبدالات في النصوص الحرة",
        "kind": "النوع",
        "always": "يُحجب دائماً",
        "evidence_files": "ملفات الأدلة",
        "evidence_counts": "المجموع {files}: أُرفق {released} وحُجب {withheld}؛ أُعيد ترميز "
                           "{reencoded} صورة دون بياناتها الوصفية.",
        "rules": "قواعد الملف التعريفي",
        "applies": "الكيفية",
        "with_consent": "{action} بموافقة لهذه الآلية، وإلا {otherwise}",
        "to_level": "إلى مستوى {level}",
        "media_types": "فقط {types}",
        "overrides": "الاستثناءات من الإعدادات الآمنة",
        "reason": "السبب",
        "no_overrides": "لا توجد: تنطبق الإعدادات الآمنة.",
        "page": "صفحة {page} من {pages}",
        "unknown": "غير معروف",
    },
}

#: Names of stored codes, per dossier language; a code not listed is shown as it is.
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "sex": {"female": "female", "male": "male", "other": "other", "unknown": "unknown"},
        "counting": {"individual": "individual", "group": "group"},
        "connection": {"direct": "direct", "hearsay": "hearsay",
                       "documentary": "documentary", "open-source": "open source"},
        "confidence": {"low": "low", "medium": "medium", "high": "high"},
        "outcome": {"killed": "killed", "injured": "injured", "detained": "detained",
                    "disappeared": "disappeared", "displaced": "displaced",
                    "released": "released", "unharmed": "unharmed"},
        "review": {"draft": "draft, not approved", "submitted": "submitted, not approved",
                   "needs-changes": "returned for changes, not approved",
                   "approved": "approved"},
        "precision": {"month": "month only", "year": "year only",
                      "approximate": "approximate", "range": "range"},
        "language": {"ar": "Arabic", "en": "English", "ku": "Kurdish", "tr": "Turkish",
                     "fr": "French"},
        "reliability": {"A": "A, completely reliable", "B": "B, usually reliable",
                        "C": "C, fairly reliable", "D": "D, not usually reliable",
                        "E": "E, unreliable", "F": "F, cannot be judged"},
        "credibility": {"1": "1, confirmed by other sources", "2": "2, probably true",
                        "3": "3, possibly true", "4": "4, doubtful", "5": "5, improbable",
                        "6": "6, cannot be judged"},
        "action": {"keep": "kept", "generalise": "generalised",
                   "pseudonymise": "replaced by a pseudonym", "drop": "withheld"},
        "level": {"country": "country", "governorate": "governorate",
                  "district": "district", "sub-district": "sub-district",
                  "community": "community", "site": "site"},
        "scope": {"special-procedures": "UN Special Procedures",
                  "commission-of-inquiry": "Commission of Inquiry", "iiim": "IIIM",
                  "publication": "publication",
                  "identity-disclosure": "disclosure of identity"},
        "rule": {
            "victim.identity": "Identities of victims",
            "child.identity": "Identities of children",
            "sexual_violence_survivor.identity": "Identities of survivors of sexual violence",
            "witness.identity": "Identities of witnesses",
            "source.identity": "Identities of sources",
            "interviewer.identity": "Identities of interviewers",
            "perpetrator.identity": "Identities of alleged perpetrators",
            "intervening_party.identity": "Identities of intervening parties",
            "person.contact": "Contact details",
            "person.notes": "Notes on people",
            "person.birth_date": "Dates of birth",
            "incident.notes": "Notes on incidents",
            "act.notes": "Notes on acts",
            "place": "Places",
            "coordinates": "Coordinates",
            "statement.text": "Texts of statements",
            "evidence.files": "Evidence files",
            "evidence.collected_by": "Who collected the evidence",
            "evidence.source_url": "Source addresses of evidence",
        },
        "replacement": {"name": "names", "phone number": "phone numbers",
                        "e-mail address": "e-mail addresses",
                        "identity number": "identity document numbers"},
        "always": {},
    },
    "ar": {
        "sex": {"female": "أنثى", "male": "ذكر", "other": "آخر", "unknown": "غير معروف"},
        "counting": {"individual": "فرد", "group": "مجموعة"},
        "connection": {"direct": "مباشرة", "hearsay": "نقلاً عن الغير",
                       "documentary": "وثائقية", "open-source": "مصدر مفتوح"},
        "confidence": {"low": "منخفضة", "medium": "متوسطة", "high": "عالية"},
        "outcome": {"killed": "قُتل", "injured": "أُصيب", "detained": "محتجز",
                    "disappeared": "مختفٍ", "displaced": "مهجَّر", "released": "أُفرج عنه",
                    "unharmed": "لم يُصب بأذى"},
        "review": {"draft": "مسودة، غير معتمدة", "submitted": "مقدَّمة للمراجعة، غير معتمدة",
                   "needs-changes": "أُعيدت للتعديل، غير معتمدة", "approved": "معتمدة"},
        "precision": {"month": "الشهر فقط", "year": "السنة فقط", "approximate": "تقريبي",
                      "range": "فترة"},
        "language": {"ar": "العربية", "en": "الإنكليزية", "ku": "الكردية", "tr": "التركية",
                     "fr": "الفرنسية"},
        "reliability": {"A": "موثوق تماماً (A)", "B": "موثوق عادةً (B)",
                        "C": "موثوق إلى حدّ ما (C)", "D": "غير موثوق عادةً (D)",
                        "E": "غير موثوق (E)", "F": "لا يمكن التقدير (F)"},
        "credibility": {"1": "مؤكَّدة من مصادر أخرى (1)", "2": "صحيحة على الأرجح (2)",
                        "3": "ربما تكون صحيحة (3)", "4": "مشكوك فيها (4)", "5": "مستبعدة (5)",
                        "6": "لا يمكن التقدير (6)"},
        "action": {"keep": "تُبقى", "generalise": "تُعمَّم", "pseudonymise": "تُستبدل باسم مستعار",
                   "drop": "تُحجب"},
        "level": {"country": "البلد", "governorate": "المحافظة", "district": "المنطقة",
                  "sub-district": "الناحية", "community": "التجمع السكني", "site": "الموقع"},
        "scope": {"special-procedures": "الإجراءات الخاصة للأمم المتحدة",
                  "commission-of-inquiry": "لجنة التحقيق",
                  "iiim": "الآلية الدولية المحايدة والمستقلة", "publication": "النشر",
                  "identity-disclosure": "الإفصاح عن الهوية"},
        "rule": {
            "victim.identity": "هويات الضحايا",
            "child.identity": "هويات الأطفال",
            "sexual_violence_survivor.identity": "هويات الناجين من العنف الجنسي",
            "witness.identity": "هويات الشهود",
            "source.identity": "هويات المصادر",
            "interviewer.identity": "هويات القائمين بالمقابلات",
            "perpetrator.identity": "هويات الجناة المزعومين",
            "intervening_party.identity": "هويات الأطراف المتدخلة",
            "person.contact": "بيانات الاتصال",
            "person.notes": "الملاحظات عن الأشخاص",
            "person.birth_date": "تواريخ الميلاد",
            "incident.notes": "ملاحظات الحوادث",
            "act.notes": "ملاحظات الأفعال",
            "place": "الأماكن",
            "coordinates": "الإحداثيات",
            "statement.text": "نصوص الإفادات",
            "evidence.files": "ملفات الأدلة",
            "evidence.collected_by": "جامعو الأدلة",
            "evidence.source_url": "روابط مصادر الأدلة",
        },
        "replacement": {"name": "أسماء", "phone number": "أرقام هواتف",
                        "e-mail address": "عناوين بريد إلكتروني",
                        "identity number": "أرقام وثائق هوية"},
        "always": {"contact details": "بيانات الاتصال", "internal notes": "الملاحظات الداخلية",
                   "risk notes": "ملاحظات المخاطر", "coordinates": "الإحداثيات",
                   "interviewer and interpreter names": "أسماء القائمين بالمقابلات والمترجمين",
                   "original file names": "أسماء الملفات الأصلية",
                   "evidence collectors and source URLs": "جامعو الأدلة وروابط المصادر"},
    },
}


# The application and the fonts ------------------------------------------------------

def ensure_gui() -> None:
    """A QGuiApplication to paint with, and the bundled Arabic fonts registered.

    With none running (the command line), one is made on the offscreen platform
    unless QT_QPA_PLATFORM names another, and kept for the life of the process.
    """
    existing = QCoreApplication.instance()
    if existing is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _OWN_APP.append(QGuiApplication(["casebook"]))
    elif not isinstance(existing, QGuiApplication):
        raise RuntimeError("The dossier PDF needs a QGuiApplication, not a QCoreApplication.")
    if ARABIC_FAMILY not in QFontDatabase.families():
        load_fonts()


def _resolved_family(font: QFont) -> str:
    return QFontInfo(font).family() or font.defaultFamily() or "Sans Serif"


class _Faces:
    """Families for the document: Latin text in the system face, Arabic in Noto Sans
    Arabic (it has no Latin; Latin inside Arabic text falls through to the system
    face). Common system faces carry Arabic glyphs of their own, drawn less well, so
    text with Arabic lists Noto first."""

    def __init__(self, arabic_document: bool) -> None:
        general = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.latin = _resolved_family(general)
        self.mono = _resolved_family(fixed)
        self.has_arabic_face = ARABIC_FAMILY in QFontDatabase.families()
        self.arabic = [ARABIC_FAMILY, self.latin] if self.has_arabic_face else [self.latin]
        self.document = self.arabic if arabic_document else [self.latin]

    def font(self, points: float, families: Sequence[str], *, bold: bool = False,
             pixel: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(list(families))
        if pixel:  # in 300 dpi device units, the same on any device
            font.setPixelSize(round(points * RESOLUTION / 72))
        else:
            font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def for_text(self, text: str, points: float, *, bold: bool = False) -> QFont:
        families = self.arabic if has_arabic(text) else self.document
        return self.font(points, families, bold=bold, pixel=True)

    def chart_fonts(self) -> Fonts:
        return Fonts(self.font(CHART_POINTS, [self.latin], pixel=True),
                     self.font(CHART_POINTS, self.arabic, pixel=True))

    def css(self, families: Sequence[str]) -> str:
        return ", ".join(f"'{f}'" for f in families)


def _px(points: float) -> int:
    """A length in points as CSS pixels (1/96 inch): Qt's rich text scales them to the
    device's resolution."""
    return max(1, round(points * 96 / 72))


# Building the document -------------------------------------------------------------

class _Html:
    """The dossier as Qt rich text. Every value from the data is escaped here."""

    def __init__(self, data: Mapping[str, Any], report: Mapping[str, Any], faces: _Faces,
                 chart_fonts: Fonts) -> None:
        self.data = data
        self.report = report
        self.lang = "ar" if data.get("language") == "ar" else "en"
        self.rtl = self.lang == "ar"
        self.words = HEADINGS[self.lang]
        self.values = VALUES[self.lang]
        self.faces = faces
        self.dir = "rtl" if self.rtl else "ltr"
        self.align = "right" if self.rtl else "left"
        self.parts: list[str] = []
        self.sections: list[str] = []
        self.charts: list[Chart] = []
        self.tokens: list[str] = []
        self._token = secrets.token_hex(8)
        self._chart_fonts = chart_fonts

    # Small pieces ---------------------------------------------------------------
    def w(self, key: str, **fields: object) -> str:
        """A fixed word of the dossier's language, escaped."""
        text = self.words[key].format(**fields) if fields else self.words[key]
        return html.escape(text)

    def code(self, group: str, value: object) -> str:
        if value is None or value == "":
            return ""
        return self.values[group].get(str(value), str(value))

    def v(self, value: object, *, isolate: bool = False) -> str:
        """A value from the data: escaped, line breaks kept, Arabic in Noto Sans Arabic;
        ``isolate`` keeps its direction apart from the words around it."""
        text = "" if value is None else str(value)
        # A bracketed marker ("[name withheld]") keeps its own direction in a sentence
        # of the other direction (Qt does not pair brackets across directions).
        escaped = _BRACKETED.sub(lambda m: f"{FSI}{m.group(0)}{PDI}", html.escape(text))
        escaped = escaped.replace("\r\n", "\n").replace("\n", "<br/>")
        if isolate and text:
            escaped = f"{FSI}{escaped}{PDI}"
        if has_arabic(text) and not self.rtl and self.faces.has_arabic_face:
            escaped = (f'<span style="font-family: {self.faces.css(self.faces.arabic)}">'
                       f"{escaped}</span>")
        return escaped

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def heading(self, level: int, text_html: str) -> None:
        sizes = {1: 20, 2: 15, 3: 11.5, 4: 10}
        space = {1: (0, 10), 2: (0, 8), 3: (12, 5), 4: (9, 3)}
        top, bottom = space[level]
        style = (f"font-size: {sizes[level]}pt; font-weight: bold; margin-top: {_px(top)}px; "
                 f"margin-bottom: {_px(bottom)}px; color: #1f3a5f;")
        self.add(f'<h{level} dir="{self.dir}" align="{self.align}" style="{style}">'
                 f"{text_html}</h{level}>")

    def paragraph(self, text_html: str, *, own_direction: bool = False,
                  style: str = "") -> None:
        """A paragraph; ``own_direction`` lets its content decide (a narrative)."""
        attrs = self.dir_attrs(text_html if own_direction else "")
        self.add(f'<p {attrs} style="margin-top: 0; margin-bottom: {_px(5)}px; '
                 f'{style}">{text_html}</p>')

    def dir_attrs(self, markup: str) -> str:
        """``dir`` and ``align`` for a block holding ``markup`` (empty: the dossier's)."""
        direction = _direction(markup, self.dir) if markup else self.dir
        return f'dir="{direction}" align="{"right" if direction == "rtl" else "left"}"'

    def note(self, text_html: str) -> None:
        self.paragraph(text_html, style="color: #555555;")

    def _row(self, cells: Sequence[_T]) -> list[_T]:
        """Cells in visual order: Qt does not mirror a table's columns."""
        return list(reversed(cells)) if self.rtl else list(cells)

    def _table_open(self) -> str:
        return (f'<table width="100%" border="{_px(0.5)}" cellspacing="0" '
                f'cellpadding="{_px(3)}" style="border-collapse: collapse; border-style: solid; '
                f'border-color: #9aa5b1; margin-bottom: {_px(8)}px;">')

    def fields(self, rows: Iterable[tuple[str, str]]) -> None:
        """A two-column table of label and value (labels on the reading side)."""
        kept = [(label, value) for label, value in rows if value]
        if not kept:
            return
        out = [self._table_open()]
        for label, value in kept:
            label_cell = (f'<td width="27%" dir="{self.dir}" align="{self.align}" '
                          f'bgcolor="#eef1f5"><b>{label}</b></td>')
            value_cell = f'<td width="73%" {self.dir_attrs(value)}>{value}</td>'
            out.append("<tr>" + "".join(self._row([label_cell, value_cell])) + "</tr>")
        out.append("</table>")
        self.add(*out)

    def grid(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
             widths: Sequence[int], *, extra: Sequence[str | None] = ()) -> None:
        """A table with a header row; ``extra`` adds, under a row, a cell spanning all
        columns (the evidence index's hashes)."""
        out = [self._table_open(), "<thead><tr>"]
        for header, width in self._row(list(zip(headers, widths, strict=True))):
            out.append(f'<th width="{width}%" dir="{self.dir}" align="{self.align}" '
                       f'bgcolor="#dfe5ee">{header}</th>')
        out.append("</tr></thead>")
        for index, row in enumerate(rows):
            out.append("<tr>" + "".join(f"<td {self.dir_attrs(cell)}>{cell}</td>"
                                        for cell in self._row(row))
                       + "</tr>")
            below = extra[index] if index < len(extra) else None
            if below:
                out.append(f'<tr><td colspan="{len(headers)}" dir="{self.dir}" '
                           f'align="{self.align}">{below}</td></tr>')
        out.append("</table>")
        self.add(*out)

    def chart(self, chart: Chart) -> None:
        token = f"chart{self._token}n{len(self.charts)}"
        self.charts.append(chart)
        self.tokens.append(token)
        self.add(f'<p dir="{self.dir}" style="margin-top: 0; margin-bottom: {_px(4)}px;">'
                 f"{token}</p>")

    # The sections ------------------------------------------------------------------
    def build(self) -> list[str]:
        """The markup of each section; each starts on a new page."""
        self.cover()
        self._close_section()
        self.summary()
        self._close_section()
        for incident in self.data.get("incidents", ()):
            self.incident(incident)
            self._close_section()
        self.withheld()
        self._close_section()
        return self.sections

    def _close_section(self) -> None:
        body = "\n".join(self.parts)
        self.sections.append(f'<html><body style="font-size: {BODY_POINTS}pt;">{body}'
                             "</body></html>")
        self.parts = []

    def cover(self) -> None:
        data = self.data
        self.add(f'<p style="margin-top: {_px(90)}px;"></p>')
        self.heading(1, self.w("dossier"))
        self.paragraph(self.v(data.get("profile_title", "")),
                       style=f"font-size: 14pt; margin-bottom: {_px(24)}px;")
        incidents = data.get("incidents", ())
        self.fields([
            (self.w("prepared_for"), self.v(data.get("profile_title", ""))),
            (self.w("generated"), self.v(_when(str(data.get("generated_at", ""))),
                                         isolate=True)),
            (self.w("incident_count"), self.v(data.get("summary", {}).get(
                "incidents", len(incidents)))),
            (self.w("language"), self.v(self.code("language", self.lang))),
            (self.w("dossier_id"), self.v(data.get("dossier_id", ""), isolate=True)),
        ])
        unapproved = sum(1 for i in incidents if not i.get("approved"))
        if unapproved:
            self.paragraph(self.w("unapproved", n=unapproved, total=len(incidents)),
                           style="color: #8a1c1c; font-weight: bold;")
        self.paragraph(self.w("integrity"), style=f"margin-top: {_px(12)}px;")
        self.paragraph(self.w("redaction"))

    def summary(self) -> None:
        summary = self.data.get("summary", {})
        self.heading(2, self.w("summary"))
        self.fields([(self.w("incident_count"), self.v(summary.get("incidents", 0)))])
        for key, kind in (("by_act_type", ChartKind.BARS), ("by_place", ChartKind.BARS),
                          ("by_month", ChartKind.COLUMNS)):
            counts = {str(k): int(n) for k, n in (summary.get(key) or {}).items()}
            rest: tuple[tuple[str, int], ...] = ()
            if kind is ChartKind.BARS:
                items, rest = bar_items(counts)
            else:
                items = month_items(counts)
            self.heading(3, self.w(key))
            self.chart(Chart(items, kind, self.words["no_data"], self.rtl,
                             self._chart_fonts))
            if rest:
                self.note(self.w("more") + " " + self._join(
                    f"{self.v(label, isolate=True)} ({n})" for label, n in rest))

    def _date(self, start: object, end: object, precision: object) -> str:
        text = " – ".join(str(d) for d in (start, end if end != start else None) if d)
        if not text:
            return ""
        note = self.code("precision", precision) if precision not in (None, "", "day") else ""
        return self.v(text, isolate=True) + (f" ({html.escape(note)})" if note else "")

    def incident(self, incident: Mapping[str, Any]) -> None:
        self.heading(2, self.v(incident.get("ref", ""), isolate=True))
        title = self.v(incident.get("title", ""))
        self.add(f'<p {self.dir_attrs(title)} style="font-size: 13pt; font-weight: bold; '
                 f'margin-top: 0; margin-bottom: {_px(8)}px;">{title}</p>')
        self.heading(3, self.w("facts"))
        self.fields([
            (self.w("date"), self._date(incident.get("date_start"), incident.get("date_end"),
                                        incident.get("date_precision"))),
            (self.w("place"), self.v(incident.get("place") or "")),
            (self.w("tags"), self._join(self.v(t, isolate=True)
                                        for t in incident.get("tags", ()))),
            (self.w("review"), self.v(self.code("review", incident.get("review_status")))),
        ])
        narrative = str(incident.get("narrative") or "")
        if narrative.strip():
            self.heading(4, self.w("narrative"))
            for block in _paragraphs(narrative):
                self.paragraph(self.v(block), own_direction=True)
        self.people(self.w("victims"), incident.get("victims", ()))
        self.people(self.w("perpetrators"), incident.get("alleged_perpetrators", ()))
        self.acts(incident.get("acts", ()))
        self.sources(incident.get("sources", ()))
        self.evidence(incident.get("evidence", ()))

    def _join(self, items: Iterable[str]) -> str:
        return ("، " if self.rtl else ", ").join(i for i in items if i)

    def people(self, title: str, people: Sequence[Mapping[str, Any]]) -> None:
        self.heading(3, title)
        if not people:
            self.note(self.w("none"))
            return
        rows = []
        for person in people:
            name = self.v(person.get("name", ""), isolate=True)
            if person.get("identity") == "pseudonymise":
                name += f' <span style="color: #555555;">({self.w("pseudonym")})</span>'
            age = self.v(person.get("age")) if person.get("age") is not None else ""
            if person.get("is_child"):
                age = self._join([age, self.w("child")])
            counted = self.v(self.code("counting", person.get("counting_unit")))
            if person.get("counting_unit") == "group" and person.get("group_size"):
                counted = self.w("group_of", n=person["group_size"])
            details = []
            if person.get("birth_date"):
                details.append(self.v(person["birth_date"], isolate=True))
            elif person.get("birth_year"):
                details.append(self.w("birth_year", year=person["birth_year"]))
            if person.get("occupation"):
                details.append(self.v(person["occupation"], isolate=True))
            rows.append([name, self.v(self.code("sex", person.get("sex"))), age, counted,
                         self._join(self.v(c, isolate=True)
                                    for c in person.get("characteristics", ())),
                         self._join(details)])
        self.grid([self.w("name"), self.w("sex"), self.w("age"), self.w("counted_as"),
                   self.w("characteristics"), self.w("details")], rows,
                  [22, 11, 10, 14, 24, 19])

    def acts(self, acts: Sequence[Mapping[str, Any]]) -> None:
        self.heading(3, self.w("acts"))
        if not acts:
            self.note(self.w("none"))
            return
        for number, act in enumerate(acts, start=1):
            act_type = self.v(act.get("act_type", ""), isolate=True)
            self.heading(4, f"{self.w('act', n=number)}: {act_type}")
            perpetrators = []
            for p in act.get("alleged_perpetrators", ()):
                bits = [self.v(p.get("name", ""), isolate=True)]
                extra = []
                if p.get("involvement"):
                    extra.append(f"{self.w('involvement')}: "
                                 f"{self.v(p['involvement'], isolate=True)}")
                if p.get("confidence"):
                    extra.append(f"{self.w('confidence')}: "
                                 f"{self.v(self.code('confidence', p['confidence']))}")
                if extra:
                    bits.append("(" + self._join(extra) + ")")
                perpetrators.append(" ".join(bits))
            self.fields([
                (self.w("victim"), self.v(act.get("victim", ""), isolate=True)),
                (self.w("date"), self._date(act.get("date"), None, None)),
                (self.w("method"), self.v(act.get("method", ""))),
                (self.w("consequences"), self.v(act.get("consequences", ""))),
                (self.w("status_at_end"), self.v(self.code("outcome",
                                                           act.get("status_at_end")))),
                (self.w("steps_taken"), self.v(act.get("steps_taken", ""))),
                (self.w("perpetrators"), "<br/>".join(perpetrators)),
            ])
            qualifications = act.get("legal_qualifications", ())
            if not qualifications:
                self.note(f"{self.w('legal_qualification')}: {self.w('not_qualified')}")
                continue
            for q in qualifications:
                self.fields([
                    (self.w("legal_qualification"), self.v(q.get("violation", ""))),
                    (self.w("legal_reference"), self.v(q.get("legal_reference", ""))),
                    (self.w("standard_of_proof"), self.v(q.get("standard_of_proof", ""))),
                    (self.w("rationale"), self.v(q.get("rationale", ""))),
                ])

    def sources(self, sources: Sequence[Mapping[str, Any]]) -> None:
        self.heading(3, self.w("sources"))
        if not sources:
            self.note(self.w("none"))
            return
        for number, source in enumerate(sources, start=1):
            self.heading(4, self.w("statement", n=number))
            text = source.get("text")
            self.fields([
                (self.w("source"), self.v(source.get("source") or "", isolate=True)),
                (self.w("connection"), self.v(self.code("connection",
                                                        source.get("connection")))),
                (self.w("date"), self._date(source.get("date"), None, None)),
                (self.w("language"), self.v(self.code("language", source.get("language")))),
                (self.w("reliability"), self.v(self.code("reliability",
                                                         source.get("reliability")))),
                (self.w("credibility"), self.v(self.code("credibility",
                                                         source.get("credibility")))),
                (self.w("source_types"), self._join(self.v(t, isolate=True)
                                                    for t in source.get("source_types", ()))),
                (self.w("text"), self.v(text) if text else
                 f'<span style="color: #555555;">{self.w("text_withheld")}</span>'),
            ])

    def evidence(self, evidence: Sequence[Mapping[str, Any]]) -> None:
        self.heading(3, self.w("evidence"))
        if not evidence:
            self.note(self.w("none"))
            return
        rows, hashes = [], []
        for item in evidence:
            status = self.w("withheld")
            if item.get("released"):
                status = self.w("released")
                if item.get("file"):
                    status += "<br/>" + self.v(item["file"], isolate=True)
            rows.append([self.v(item.get("ref", ""), isolate=True),
                         self.v(item.get("description", "")),
                         self.v(item.get("media_type", ""), isolate=True),
                         self.w("bytes", n=f"{int(item.get('size') or 0):,}"), status])
            digest = html.escape(str(item.get("sha256_at_ingest", "")))
            hashes.append(f'{self.w("sha256")}: <span style="font-family: '
                          f"{self.faces.css([self.faces.mono])}; font-size: 7.5pt;\">"
                          f"{FSI}{digest}{PDI}</span>")
        self.grid([self.w("ref"), self.w("description"), self.w("media_type"),
                   self.w("size"), self.w("status")], rows, [8, 36, 14, 18, 24],
                  extra=hashes)

    def withheld(self) -> None:
        report = self.report
        self.heading(2, self.w("withheld_title"))
        self.paragraph(self.w("withheld_intro"))
        self.fields([
            (self.w("profile"), self.v(self.data.get("profile_title")
                                       or report.get("profile", ""))),
            (self.w("consent_scope"), self.v(self.code("scope", report.get("consent_scope")))),
        ])
        self.heading(3, self.w("people"))
        people = report.get("people", ())
        if people:
            self.grid([self.w("rule"), self.w("action"), self.w("count")],
                      [[self.v(self.code("rule", p.get("rule"))),
                        self.v(self.code("action", p.get("action"))),
                        self.v(p.get("count", 0))] for p in people], [50, 35, 15])
        else:
            self.note(self.w("none"))
        self.heading(3, self.w("free_text"))
        replaced = report.get("free_text_replacements") or {}
        if replaced:
            self.grid([self.w("kind"), self.w("count")],
                      [[self.v(self.code("replacement", kind)), self.v(n)]
                       for kind, n in replaced.items()], [85, 15])
        else:
            self.note(self.w("none"))
        self.heading(3, self.w("evidence_files"))
        counts = report.get("evidence") or {}
        self.paragraph(self.w("evidence_counts", files=counts.get("files", 0),
                              released=counts.get("released", 0),
                              withheld=counts.get("withheld", 0),
                              reencoded=counts.get("images_re_encoded_without_metadata", 0)))
        always = report.get("always_withheld") or ()
        if always:
            self.heading(3, self.w("always"))
            self.paragraph(self._join(self.v(self.code("always", a)) for a in always))
        self.heading(3, self.w("rules"))
        rules = report.get("rules") or {}
        self.grid([self.w("rule"), self.w("applies")],
                  [[self.v(self.code("rule", name)), self._rule(rule)]
                   for name, rule in rules.items()], [45, 55])
        self.heading(3, self.w("overrides"))
        overrides = report.get("overrides") or ()
        if overrides:
            self.grid([self.w("rule"), self.w("reason")],
                      [[self.v(self.code("rule", o.get("rule"))), self.v(o.get("reason", ""))]
                       for o in overrides], [40, 60])
        else:
            self.note(self.w("no_overrides"))

    def _rule(self, rule: Mapping[str, Any]) -> str:
        action = self.code("action", rule.get("action"))
        if rule.get("requires_consent"):
            text = self.words["with_consent"].format(
                action=action, otherwise=self.code("action", rule.get("otherwise")))
        else:
            text = action
        if rule.get("level"):
            text += " " + self.words["to_level"].format(level=self.code("level", rule["level"]))
        if rule.get("media_types"):
            text += " (" + self.words["media_types"].format(
                types=FSI + ", ".join(str(t) for t in rule["media_types"]) + PDI) + ")"
        return self.v(text)


def _direction(markup: str, fallback: str) -> str:
    """``rtl`` or ``ltr``: the first strong character of ``markup``'s text outside
    isolated runs (which keep their own direction), else ``fallback``."""
    text = html.unescape(_TAGS.sub("", markup))
    depth = 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(ch)
            if kind in ("R", "AL"):
                return "rtl"
            if kind == "L":
                return "ltr"
    return fallback


def _paragraphs(text: str) -> list[str]:
    blocks = [b.strip("\n") for b in text.replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b.strip()]


def _when(iso: str) -> str:
    """``2026-11-28T10:50:08+00:00`` -> ``2026-11-28 10:50 UTC``."""
    if len(iso) >= 16 and iso[10] == "T":
        zone = " UTC" if iso.endswith(("+00:00", "Z")) else ""
        return f"{iso[:10]} {iso[11:16]}{zone}"
    return iso


# Charts inside the text flow --------------------------------------------------------

class _ChartHandler(QPyTextObject):
    """Paints the summary's charts where the document holds their object characters."""

    def __init__(self, charts: Sequence[Chart], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.charts = list(charts)

    def _chart(self, fmt: QTextFormat) -> Chart | None:
        # Called from Qt's layout: an exception here would not reach Python callers.
        index = fmt.property(CHART_INDEX)
        if not isinstance(index, int) or not 0 <= index < len(self.charts):
            return None
        return self.charts[index]

    def intrinsicSize(self, doc: QTextDocument, _pos: int, fmt: QTextFormat) -> QSizeF:
        chart = self._chart(fmt)
        if chart is None:
            return QSizeF(0, 0)
        width = doc.pageSize().width() if doc.pageSize().width() > 0 else doc.textWidth()
        device = doc.documentLayout().paintDevice()
        w, h = chart_size(chart, width * 0.995, device)
        return QSizeF(w, h)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, _doc: QTextDocument,
                   _pos: int, fmt: QTextFormat) -> None:
        chart = self._chart(fmt)
        if chart is not None:
            paint_chart(painter, QRectF(rect), chart)


# Pages ------------------------------------------------------------------------------

class _Pages:
    """The laid-out documents and how to paint each page (300 dpi device units).

    Each section (cover, summary, each incident, what was withheld) is its own
    document, starting on a new page: the page-break fixes below relay out one
    section, not the whole dossier, so the time grows with the number of incidents
    and not with its square.
    """

    def __init__(self, data: Mapping[str, Any], report: Mapping[str, Any],
                 writer: QPdfWriter) -> None:
        self.lang = "ar" if data.get("language") == "ar" else "en"
        self.rtl = self.lang == "ar"
        self.faces = _Faces(self.rtl)
        self.writer = writer
        self.width = float(writer.width())
        self.height = float(writer.height())
        self.footer_height = FOOTER_POINTS * RESOLUTION / 72 * 3.0
        self.body_height = self.height - self.footer_height
        self.footer_left = str(data.get("profile_title") or "")
        self.page_text = HEADINGS[self.lang]["page"]

        builder = _Html(data, report, self.faces, self.faces.chart_fonts())
        sections = builder.build()
        self.handler = _ChartHandler(builder.charts)
        self.docs = [self._document(markup, builder.tokens) for markup in sections]
        self.pages = [(doc, index) for doc in self.docs for index in range(doc.pageCount())]
        self.count = len(self.pages)

    def _document(self, markup: str, tokens: Sequence[str]) -> QTextDocument:
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.faces.font(BODY_POINTS, self.faces.document))
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if self.rtl
                                else Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setHtml(markup)
        doc.documentLayout().registerHandler(CHART_OBJECT, self.handler)
        for index, token in enumerate(tokens):
            cursor = doc.find(token)
            if cursor.isNull():  # another section's chart
                continue
            fmt = QTextCharFormat()
            fmt.setObjectType(CHART_OBJECT)
            fmt.setProperty(CHART_INDEX, index)
            cursor.insertText("\ufffc", fmt)
        _tighten_after_tables(doc)
        doc.setPageSize(QSizeF(self.width, self.body_height))
        _keep_headings_with_next(doc, self.body_height)
        return doc

    def paint(self, painter: QPainter, number: int) -> None:
        """Page ``number`` (from 0), with the painter's origin at the page's top-left
        inside the margins."""
        doc, index = self.pages[number]
        painter.save()
        painter.setClipRect(QRectF(0, 0, self.width, self.body_height))
        painter.translate(0, -index * self.body_height)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, index * self.body_height, self.width, self.body_height)
        context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
        doc.documentLayout().draw(painter, context)
        painter.restore()
        self._footer(painter, number)

    def _footer(self, painter: QPainter, index: int) -> None:
        painter.save()
        line_y = self.height - self.footer_height * 0.55
        pen = QPen(QColor("#9aa5b1"))
        pen.setWidthF(0.4 * RESOLUTION / 72)
        painter.setPen(pen)
        painter.drawLine(QPointF(0, line_y), QPointF(self.width, line_y))
        painter.setPen(QColor("#444444"))
        box = QRectF(0, line_y, self.width, self.height - line_y)
        page = self.page_text.format(page=index + 1, pages=self.count)
        start = Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft
        end = Qt.AlignmentFlag.AlignLeft if self.rtl else Qt.AlignmentFlag.AlignRight
        bottom = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignAbsolute
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if self.rtl
                                   else Qt.LayoutDirection.LeftToRight)
        painter.setFont(self.faces.for_text(page, FOOTER_POINTS))
        painter.drawText(box, int(end | bottom), page)
        if self.footer_left:
            painter.setFont(self.faces.for_text(self.footer_left, FOOTER_POINTS))
            half = QRectF(self.width * 0.5 if self.rtl else 0, line_y, self.width * 0.5,
                          self.height - line_y)
            painter.drawText(half, int(start | bottom), self.footer_left)
        painter.restore()


def _tighten_after_tables(doc: QTextDocument) -> None:
    """Qt puts an empty paragraph after every table; make it (nearly) no height, so
    the space after a table is the table's own margin."""
    block = doc.begin()
    previous_in_table = False
    while block.isValid():
        in_table = QTextCursor(block).currentTable() is not None
        if not in_table and previous_in_table and not block.text():
            cursor = QTextCursor(block)
            fmt = block.blockFormat()
            fmt.setTopMargin(0)
            fmt.setBottomMargin(0)
            fmt.setLineHeight(1.0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            cursor.setBlockFormat(fmt)
        previous_in_table = in_table
        block = block.next()


def _keep_headings_with_next(doc: QTextDocument, page_height: float) -> None:
    """Qt breaks pages anywhere: a heading that would end a page (too little room
    under it for what it heads) starts the next page instead."""
    layout = doc.documentLayout()
    line = QFontMetricsF(doc.defaultFont(), layout.paintDevice()).height()
    moved = False
    block = doc.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level and QTextCursor(block).currentTable() is None:
            rect = layout.blockBoundingRect(block)
            offset = rect.top() % page_height
            # Room for the headings right under it (an act's under "Acts") and the
            # first lines (or table rows, or chart) of what they head.
            need = 0.0
            following = block.next()
            while following.isValid() and following.blockFormat().headingLevel() \
                    and QTextCursor(following).currentTable() is None:
                need += layout.blockBoundingRect(following).height()
                following = following.next()
            first = line * 4
            if following.isValid() and QTextCursor(following).currentTable() is None \
                    and following.layout() is not None and following.layout().lineCount():
                first = max(first, following.layout().lineAt(0).height() + line)
            need += first
            if offset > line and offset + rect.height() + min(need, page_height / 2) \
                    > page_height:
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                doc.markContentsDirty(block.position(), doc.characterCount() - block.position())
                moved = True
        block = block.next()
    if moved:
        # Changing a block's format relays the document out from there lazily and
        # leaves some blocks before it without lines: lay the whole document out again.
        doc.markContentsDirty(0, doc.characterCount())


def _writer(buffer: QBuffer) -> QPdfWriter:
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
        QPageLayout.Unit.Millimeter))
    writer.setTitle(PDF_TITLE)
    writer.setCreator(PDF_CREATOR)
    writer.setAuthor("")
    return writer


def render_dossier_pdf(data: dict[str, Any], report: dict[str, Any]) -> bytes:
    """The dossier PDF's bytes, painted in memory (nothing is written to disk)."""
    ensure_gui()
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer)
    pages = _Pages(data, report, writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("could not start the PDF")
    try:
        for index in range(pages.count):
            if index:
                writer.newPage()
            pages.paint(painter, index)
    finally:
        painter.end()
    buffer.close()
    return bytes(content.data())


def render_dossier_pages(data: dict[str, Any], report: dict[str, Any], dpi: int = 50, *,
                         max_pages: int | None = None) -> list[QImage]:
    """The same pages as images at ``dpi`` (the export wizard's preview); the first
    ``max_pages`` only, when given."""
    ensure_gui()
    content = QByteArray()
    buffer = QBuffer(content)  # the layout's device; nothing is painted on it
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer)
    pages = _Pages(data, report, writer)
    layout = writer.pageLayout()
    full = layout.fullRectPixels(RESOLUTION)
    inner = layout.paintRectPixels(RESOLUTION)
    scale = dpi / RESOLUTION
    images = []
    wanted = pages.count if max_pages is None else min(pages.count, max(0, max_pages))
    for index in range(wanted):
        image = QImage(round(full.width() * scale), round(full.height() * scale),
                       QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        dots_per_metre = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.scale(scale, scale)
            painter.translate(inner.left(), inner.top())
            pages.paint(painter, index)
        finally:
            painter.end()
        images.append(image)
    buffer.close()
    return images


__all__ = ["HEADINGS", "render_dossier_pages", "render_dossier_pdf"]
