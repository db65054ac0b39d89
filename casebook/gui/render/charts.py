"""Bar charts painted with QPainter: the dossier's summary counts (docs/dossiers.md).

Plain painting, no chart library: horizontal bars for named categories (act types,
places), columns for months. Labels and counts are drawn as text, so a reader of the
PDF can search and copy them. Sizes are in the painter's device units; fonts carry
pixel sizes, so the same call paints a 300 dpi PDF page and a scaled preview image
alike. Right-to-left charts mirror: labels on the right, bars growing to the left,
months running from right to left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPen

BAR_COLOUR = QColor("#3f6a9e")
GRID_COLOUR = QColor("#d5dbe3")
TEXT_COLOUR = QColor("#1a1a1a")
MUTED_COLOUR = QColor("#555555")
#: Categories shown as bars (a page's worth); the caller lists the rest as text.
MAX_BARS = 24
#: A month chart fills the months between the first and the last with zeros, up to this.
MAX_MONTHS = 120


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"
               or "\u08a0" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufdff"
               or "\ufe70" <= ch <= "\ufefc" for ch in text)


class ChartKind(Enum):
    BARS = "bars"  # horizontal bars, one per category
    COLUMNS = "columns"  # vertical columns in order (months)


@dataclass(frozen=True)
class Fonts:
    """Pixel-sized fonts for chart text: ``latin`` for text without Arabic, ``arabic``
    (Noto Sans Arabic first) for text with it."""

    latin: QFont
    arabic: QFont

    def __call__(self, text: str) -> QFont:
        return self.arabic if has_arabic(text) else self.latin


@dataclass(frozen=True)
class Chart:
    items: tuple[tuple[str, int], ...]
    kind: ChartKind
    empty: str  # shown when there is nothing to count
    rtl: bool = False
    fonts: Fonts | None = field(default=None, compare=False)


def bar_items(counts: dict[str, int], limit: int = MAX_BARS
              ) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """The largest ``limit`` categories, largest first, and the rest (not summed: one
    incident may count under several categories)."""
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(ordered[:limit]), tuple(ordered[limit:])


def month_items(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Months in order, with the months in between that have no incident as zeros."""
    months = sorted(m for m in counts if _month_index(m) is not None)
    if not months:
        return tuple(sorted(counts.items()))
    first, last = _month_index(months[0]), _month_index(months[-1])
    assert first is not None and last is not None
    if last - first >= MAX_MONTHS:
        return tuple((m, counts[m]) for m in months)
    every = (f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(first, last + 1))
    return tuple((month, counts.get(month, 0)) for month in every)


def _month_index(month: str) -> int | None:
    try:
        year, number = month.split("-")
        value = int(year) * 12 + int(number) - 1
    except ValueError:
        return None
    return value if 1 <= int(number) <= 12 else None


class _Geometry:
    """Measurements shared by sizing and painting, in device units."""

    def __init__(self, chart: Chart, width: float, device: QPaintDevice | None) -> None:
        assert chart.fonts is not None
        self.chart = chart
        self.fonts = chart.fonts
        self.width = width
        self.device = device
        self.line = self.metrics(self.fonts.latin).height()
        self.pad = self.line * 0.35

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device) if self.device is not None \
            else QFontMetricsF(font)

    # Horizontal bars --------------------------------------------------------------
    @property
    def label_width(self) -> float:
        return self.width * 0.36

    @property
    def count_width(self) -> float:
        widest = max((self.metrics(self.fonts.latin).horizontalAdvance(str(n))
                      for _label, n in self.chart.items), default=0.0)
        return widest + 2 * self.pad

    def label_height(self, label: str) -> float:
        box = self.metrics(self.fonts(label)).boundingRect(
            QRectF(0, 0, self.label_width - 2 * self.pad, 1e6),
            int(Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), label)
        return box.height()

    def row_heights(self) -> list[float]:
        return [max(self.line * 1.5, self.label_height(label) + self.pad)
                for label, _n in self.chart.items]

    # Columns ----------------------------------------------------------------------
    @property
    def plot_height(self) -> float:
        return self.line * 7

    def height(self) -> float:
        if not self.chart.items:
            return self.line * 2
        if self.chart.kind is ChartKind.BARS:
            return sum(self.row_heights()) + self.pad * 2
        return self.line * 1.5 + self.plot_height + self.line * 2.2


def chart_size(chart: Chart, width: float, device: QPaintDevice | None = None
               ) -> tuple[float, float]:
    """The (width, height) ``chart`` takes when painted ``width`` wide."""
    return width, _Geometry(chart, width, device).height()


def paint_chart(painter: QPainter, rect: QRectF, chart: Chart) -> None:
    """Paint ``chart`` into ``rect`` (sized with :func:`chart_size`)."""
    geometry = _Geometry(chart, rect.width(), painter.device())
    painter.save()
    try:
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if chart.rtl
                                   else Qt.LayoutDirection.LeftToRight)
        if not chart.items:
            _text(painter, geometry, rect, chart.empty, Qt.AlignmentFlag.AlignVCenter
                  | _leading(chart.rtl), colour=MUTED_COLOUR)
        elif chart.kind is ChartKind.BARS:
            _paint_bars(painter, rect, geometry)
        else:
            _paint_columns(painter, rect, geometry)
    finally:
        painter.restore()


def _leading(rtl: bool) -> Qt.AlignmentFlag:
    return (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) \
        | Qt.AlignmentFlag.AlignAbsolute


def _trailing(rtl: bool) -> Qt.AlignmentFlag:
    return (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight) \
        | Qt.AlignmentFlag.AlignAbsolute


def _text(painter: QPainter, geometry: _Geometry, box: QRectF, text: str,
          flags: Qt.AlignmentFlag | int, *, colour: QColor = TEXT_COLOUR,
          font: QFont | None = None) -> None:
    painter.setFont(font or geometry.fonts(text))
    painter.setPen(colour)
    painter.drawText(box, int(flags), text)


def _paint_bars(painter: QPainter, rect: QRectF, g: _Geometry) -> None:
    chart = g.chart
    rtl = chart.rtl
    label_w, count_w = g.label_width, g.count_width
    plot_w = max(rect.width() - label_w - count_w - g.pad, g.line)
    # Left to right: label | bars | count; mirrored for right to left.
    if rtl:
        label_x = rect.right() - label_w
        plot_right = label_x - g.pad
        plot_left = plot_right - plot_w
    else:
        label_x = rect.left()
        plot_left = rect.left() + label_w + g.pad
        plot_right = plot_left + plot_w
    top_most = max(n for _label, n in chart.items) or 1
    heights = g.row_heights()
    bottom = rect.top() + g.pad + sum(heights)
    # Light vertical grid lines at quarters of the largest count.
    grid = QPen(GRID_COLOUR)
    grid.setWidthF(max(g.line * 0.04, 1.0))
    painter.setPen(grid)
    for quarter in range(5):
        x = plot_left + plot_w * quarter / 4
        painter.drawLine(QPointF(x, rect.top() + g.pad * 0.5), QPointF(x, bottom))
    top = rect.top() + g.pad
    bar_flags = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
    for (label, count), height in zip(chart.items, heights, strict=True):
        label_box = QRectF(label_x + g.pad, top, label_w - 2 * g.pad, height)
        _text(painter, g, label_box, label, bar_flags | _trailing(rtl))
        thickness = min(height * 0.62, g.line * 1.1)
        length = plot_w * count / top_most
        bar_top = top + (height - thickness) / 2
        bar = QRectF(plot_right - length if rtl else plot_left, bar_top, length, thickness)
        if count:
            painter.fillRect(bar, BAR_COLOUR)
        count_box = QRectF(bar.left() - count_w if rtl else bar.right() + g.pad * 0.5,
                           top, count_w - g.pad * 0.5, height)
        _text(painter, g, count_box, str(count), Qt.AlignmentFlag.AlignVCenter
              | _leading(rtl), font=g.fonts.latin)
        top += height
    axis = QPen(MUTED_COLOUR)
    axis.setWidthF(max(g.line * 0.05, 1.0))
    painter.setPen(axis)
    base = plot_right if rtl else plot_left
    painter.drawLine(QPointF(base, rect.top() + g.pad * 0.5), QPointF(base, bottom))


def _paint_columns(painter: QPainter, rect: QRectF, g: _Geometry) -> None:
    chart = g.chart
    rtl = chart.rtl
    count = len(chart.items)
    top_most = max(n for _label, n in chart.items) or 1
    plot_top = rect.top() + g.line * 1.5
    plot_bottom = plot_top + g.plot_height
    slot = rect.width() / count
    thickness = min(slot * 0.7, g.line * 4)
    latin = g.fonts.latin
    label_w = max(g.metrics(latin).horizontalAdvance(label) for label, _n in chart.items)
    every = max(1, math.ceil((label_w + g.pad) / slot))
    grid = QPen(GRID_COLOUR)
    grid.setWidthF(max(g.line * 0.04, 1.0))
    painter.setPen(grid)
    for quarter in range(1, 5):
        y = plot_bottom - g.plot_height * quarter / 4
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    for index, (label, value) in enumerate(chart.items):
        position = count - 1 - index if rtl else index
        centre = rect.left() + slot * (position + 0.5)
        height = g.plot_height * value / top_most
        if value:
            painter.fillRect(QRectF(centre - thickness / 2, plot_bottom - height, thickness,
                                    height), BAR_COLOUR)
            _text(painter, g, QRectF(centre - slot / 2 - g.line, plot_bottom - height - g.line
                                     * 1.3, slot + 2 * g.line, g.line * 1.2),
                  str(value), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                  font=latin)
        if index % every == 0:
            box_width = max(slot * every, label_w + g.pad)
            left = min(max(centre - box_width / 2, rect.left()), rect.right() - box_width)
            _text(painter, g, QRectF(left, plot_bottom + g.pad, box_width, g.line * 1.4),
                  label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    axis = QPen(MUTED_COLOUR)
    axis.setWidthF(max(g.line * 0.05, 1.0))
    painter.setPen(axis)
    painter.drawLine(QPointF(rect.left(), plot_bottom), QPointF(rect.right(), plot_bottom))
