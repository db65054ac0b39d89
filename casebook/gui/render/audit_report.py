"""The audit trail as a PDF report (docs/audit.md, "Reports"): A4 pages with the
title, the vault, the period and filters, when it was made, then a table of the
entries (seq, time, user, action, object, details) and page numbers.

Painted with QPdfWriter and QPainter, so the text is real text (a reader can search
and copy it). Arabic is drawn with the bundled Noto Sans Arabic, Latin with the
system face. The document carries a neutral title and nothing else about who made
it or where. It is painted into memory and written with ``atomic_write_bytes``: a
temp file in the same folder, renamed over the final name, so a failure never
leaves half a report under that name.

Painting needs no window, so it runs in a worker; the words are translated on the
GUI thread beforehand (:class:`ReportText`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from casebook.gui.resources import ARABIC_FAMILY
from casebook.services.audit import AuditRow
from casebook.storage.atomic import atomic_write_bytes

#: A report names users and record ids: readable by its owner only, like the vault.
REPORT_MODE = 0o600
RESOLUTION = 300  # device units per inch
MARGIN_MM = 15.0
BODY_POINTS = 7.5
TITLE_POINTS = 16.0
#: Share of the table's width per column: seq, time, user, action, object, details.
COLUMN_SHARES = (0.06, 0.17, 0.14, 0.13, 0.21, 0.29)
COLUMNS = len(COLUMN_SHARES)

Cells = tuple[str, str, str, str, str, str]


@dataclass(frozen=True)
class ReportText:
    """Every word the report shows, already translated."""

    title: str
    lines: tuple[str, ...]  # vault, period, filters, generated at, time zone
    headers: Cells
    page: str  # with {page} and {pages}
    empty: str
    rtl: bool = False


def utc_time(iso: str) -> str:
    """``2025-03-07T14:05:03.123456Z`` -> ``2025-03-07 14:05:03`` (the trail keeps UTC)."""
    return iso.replace("T", " ")[:19]


def details_text(details: dict[str, object]) -> str:
    return ", ".join(f"{key}={value}" for key, value in sorted(details.items()))


def object_text(row: AuditRow) -> str:
    parts = [row.object_type]
    if row.object_id:
        parts.append(row.object_id)
    if row.object_version is not None:
        parts.append(f"v{row.object_version}")
    return " ".join(parts)


def report_cells(rows: Sequence[AuditRow], action_label: Callable[[str], str]) -> list[Cells]:
    """The table's text for ``rows`` (``action_label`` names each action)."""
    return [(str(r.seq), utc_time(r.at), r.actor_name, action_label(r.action), object_text(r),
             details_text(r.details)) for r in rows]


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"
               or "\ufb50" <= ch <= "\ufefc" for ch in text)


@dataclass(frozen=True)
class _Face:
    """One font and its metrics on the writer."""

    font: QFont
    metrics: QFontMetricsF


class _Faces:
    """The system face for Latin text; for text with Arabic, Noto Sans Arabic first
    (it has no Latin, so Latin in the same text falls through to the system face).
    Not Noto for everything: its tall line metrics would space out every row."""

    def __init__(self, writer: QPdfWriter, points: float, *, bold: bool = False) -> None:
        latin = QFont()
        latin.setPointSizeF(points)
        latin.setBold(bold)
        arabic = QFont(latin)
        if ARABIC_FAMILY in QFontDatabase.families():
            arabic.setFamilies([ARABIC_FAMILY, latin.defaultFamily() or "Sans Serif"])
        self.latin = _Face(latin, QFontMetricsF(latin, writer))
        self.arabic = _Face(arabic, QFontMetricsF(arabic, writer))

    def __call__(self, text: str) -> _Face:
        return self.arabic if has_arabic(text) else self.latin


class _Layout:
    """Where things go on the page, in device units."""

    def __init__(self, writer: QPdfWriter, text: ReportText) -> None:
        self.text = text
        self.width = float(writer.width())
        self.height = float(writer.height())
        self.body = _Faces(writer, BODY_POINTS)
        self.bold = _Faces(writer, BODY_POINTS, bold=True)
        self.title_face = _Faces(writer, TITLE_POINTS, bold=True)
        self.line = self.body.latin.metrics.height()
        self.pad = self.line * 0.3
        widths = [self.width * share for share in COLUMN_SHARES]
        lefts = [sum(widths[:i]) for i in range(COLUMNS)]
        if text.rtl:  # the first column on the right
            lefts = [self.width - left - w for left, w in zip(lefts, widths, strict=True)]
        self.columns = list(zip(lefts, widths, strict=True))
        side = Qt.AlignmentFlag.AlignRight if text.rtl else Qt.AlignmentFlag.AlignLeft
        self.align = side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop
        # Words wrap; ids and details (long unbroken runs) may break anywhere.
        words = self.align | Qt.TextFlag.TextWordWrap
        anywhere = self.align | Qt.TextFlag.TextWrapAnywhere
        self.wraps = (words, words, words, words, anywhere, anywhere)
        self.title_height = self.title_face.latin.metrics.height() * 1.6
        self.footer = self.line * 2
        self.header_row = self.row_height(text.headers, self.bold)
        self.intro = self.title_height + self.line * (len(text.lines) + 1)
        self.running_head = self.line * 2

    def row_height(self, cells: Sequence[str], faces: _Faces) -> float:
        tallest = self.line
        for (_left, width), wrap, cell in zip(self.columns, self.wraps, cells, strict=True):
            box = faces(cell).metrics.boundingRect(QRectF(0, 0, width - 2 * self.pad, 1e6),
                                                   int(wrap), cell)
            tallest = max(tallest, box.height())
        return tallest + 2 * self.pad

    def paginate(self, heights: Sequence[float]) -> list[list[int]]:
        """Row indexes per page (at least one page, even with no rows)."""
        pages: list[list[int]] = [[]]
        room = self.height - self.footer - self.intro - self.header_row
        for index, height in enumerate(heights):
            if height > room and pages[-1]:
                pages.append([])
                room = self.height - self.footer - self.running_head - self.header_row
            pages[-1].append(index)
            room -= height
        return pages


def render_audit_report(cells: Sequence[Cells], text: ReportText) -> bytes:
    """The PDF's bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter))
    writer.setTitle(text.title)
    writer.setCreator("")
    writer.setAuthor("")
    layout = _Layout(writer, text)
    heights = [layout.row_height(row, layout.body) for row in cells]
    pages = layout.paginate(heights)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("could not start the PDF")
    try:
        for number, rows in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            top = _paint_head(painter, layout, first=number == 1)
            top = _paint_row(painter, layout, text.headers, top, layout.header_row,
                             header=True)
            for index in rows:
                top = _paint_row(painter, layout, cells[index], top, heights[index],
                                 shaded=index % 2 == 1)
            if not cells and number == 1:
                painter.setFont(layout.body(text.empty).font)
                painter.drawText(QRectF(0, top + layout.pad, layout.width, layout.line),
                                 int(layout.align), text.empty)
            _paint_footer(painter, layout, text.page.format(page=number, pages=len(pages)))
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _paint_head(painter: QPainter, layout: _Layout, *, first: bool) -> float:
    text = layout.text
    if not first:
        head = f"{text.title} — {text.lines[0]}" if text.lines else text.title
        painter.setFont(layout.body(head).font)
        painter.setPen(QColor("#555555"))
        painter.drawText(QRectF(0, 0, layout.width, layout.line), int(layout.align), head)
        painter.setPen(QColor("black"))
        return layout.running_head
    painter.setFont(layout.title_face(text.title).font)
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, layout.width, layout.title_height), int(layout.align),
                     text.title)
    top = layout.title_height
    for line in text.lines:
        painter.setFont(layout.body(line).font)
        painter.drawText(QRectF(0, top, layout.width, layout.line * 1.4), int(layout.align),
                         line)
        top += layout.line
    return top + layout.line


def _paint_row(painter: QPainter, layout: _Layout, cells: Sequence[str], top: float,
               height: float, *, header: bool = False, shaded: bool = False) -> float:
    if header or shaded:
        painter.fillRect(QRectF(0, top, layout.width, height),
                         QColor("#e6e6e6") if header else QColor("#f5f5f5"))
    faces = layout.bold if header else layout.body
    painter.setPen(QColor("black"))
    for (left, width), wrap, cell in zip(layout.columns, layout.wraps, cells, strict=True):
        box = QRectF(left + layout.pad, top + layout.pad, width - 2 * layout.pad,
                     height - 2 * layout.pad)
        painter.setFont(faces(cell).font)
        painter.drawText(box, int(wrap), cell)
    pen = QPen(QColor("#bbbbbb"))
    pen.setWidthF(1.0)
    painter.setPen(pen)
    painter.drawLine(0, int(top + height), int(layout.width), int(top + height))
    painter.setPen(QColor("black"))
    return top + height


def _paint_footer(painter: QPainter, layout: _Layout, text: str) -> None:
    painter.setFont(layout.body(text).font)
    painter.setPen(QColor("#555555"))
    box = QRectF(0, layout.height - layout.line, layout.width, layout.line)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                     text)
    painter.setPen(QColor("black"))


def write_audit_report(path: Path, cells: Sequence[Cells], text: ReportText) -> None:
    """Paint the report and write it to ``path`` atomically."""
    atomic_write_bytes(path, render_audit_report(cells, text), mode=REPORT_MODE)
