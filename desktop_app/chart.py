"""A bar chart of one group's scores in rank order, drawn with QPainter (no charting library).

One horizontal bar per ranked unit, the rank and unit name on the left, the score after the
bar. Commended units are green and criticised ones red, as in the grid; the words 表扬 / 批评
after the score keep the chart readable when printed in black and white. The layout is
computed in logical pixels with pixel-sized fonts, so the same drawing serves the screen and
an exported image at print resolution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app import palette
from scoring.atomic import atomic_write
from scoring.cells import format_points
from scoring.errors import OutputError
from scoring.model import ListKind, Period
from scoring.standings import Standings

COMMEND_BAR, COMMEND_EDGE = QColor(palette.COMMEND_BAR), QColor(palette.COMMEND_EDGE)
CRITICISE_BAR, CRITICISE_EDGE = QColor(palette.CRITICISE_BAR), QColor(palette.CRITICISE_EDGE)
PLAIN_BAR, PLAIN_EDGE = QColor(palette.PLAIN_BAR), QColor(palette.PLAIN_EDGE)
GRID_LINE, AXIS_LINE, TEXT = QColor(palette.CHART_GRID_LINE), QColor(palette.CHART_AXIS_LINE), QColor(palette.CHART_TEXT)

MARGIN = 16.0
ROW = 24.0
BAR = 16.0
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 18, 14, 12
TITLE_HEIGHT = 34.0
LEGEND_HEIGHT = 24.0
AXIS_HEIGHT = 26.0
GAP = 8.0
MIN_WIDTH = 480.0
EXPORT_WIDTH = 720.0  # logical pixels; at EXPORT_DPI the picture is 15.2 cm wide, an A4 text width
EXPORT_DPI = 300
EXPORT_SCALE = 2.5  # 720 × 2.5 = 1800 pixels = 6 inches at 300 dpi
TAGS = {ListKind.COMMEND: "表扬", ListKind.CRITICISE: "批评"}


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


@dataclass(frozen=True, slots=True)
class Bar:
    """One unit's bar as drawn: where, what it says and in which colour."""

    unit_id: int
    rank: str  # e.g. "29" (tied units share it)
    name: str
    value: str  # the score as the table shows it
    tag: str  # 表扬, 批评 or ''
    rect: QRectF
    fill: QColor
    edge: QColor


@dataclass(frozen=True, slots=True)
class ChartLayout:
    title: str
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]  # x position and the value written under the axis
    plot: QRectF  # the area the bars live in
    zero_x: float
    rank_width: float  # ranks right-aligned in a column of this width at the left margin
    size: QSize


def nice_step(span: float, wanted: int = 5) -> float:
    """A round tick step (1, 2 or 5 × 10ⁿ) giving about ``wanted`` intervals over ``span``."""
    raw = span / max(wanted, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def layout_chart(period: Period, standings: Standings, group_id: int, width: float) -> ChartLayout:
    """Everything there is to draw for ``group_id`` at ``width`` logical pixels."""
    width = max(width, MIN_WIDTH)
    label_metrics, small_metrics = QFontMetricsF(_font(LABEL_SIZE)), QFontMetricsF(_font(SMALL_SIZE))
    order = standings.in_rank_order(group_id)
    ranks = [str(standings.rank(u)) for u in order]
    names = [period.units[u].name for u in order]
    values = [format_points(standings.score(u)) for u in order]
    rank_width = max((label_metrics.horizontalAdvance(t) for t in ranks), default=0.0)
    name_width = max((label_metrics.horizontalAdvance(t) for t in names), default=0.0)
    label_width = min(rank_width + GAP + name_width, width * 0.45)
    value_width = max((label_metrics.horizontalAdvance(v) for v in values), default=0.0)
    value_width += GAP + small_metrics.horizontalAdvance("表扬") + GAP
    left = MARGIN + label_width + GAP
    right = width - MARGIN - value_width
    top = MARGIN + TITLE_HEIGHT + LEGEND_HEIGHT
    plot = QRectF(left, top, max(right - left, 40.0), ROW * len(order))

    scores = [standings.score(u) for u in order]
    low = float(min([Decimal(0), *scores]))
    high = float(max([Decimal(0), *scores]))
    if high == low:
        high = low + 1
    step = nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step

    def x_of(value: float) -> float:
        return plot.left() + (value - low) / (high - low) * plot.width()

    zero = x_of(0.0)
    bars = []
    for row, (unit_id, rank, name, value, score) in enumerate(zip(order, ranks, names, values, scores, strict=True)):
        end = x_of(float(score))
        y = plot.top() + row * ROW + (ROW - BAR) / 2
        rect = QRectF(min(zero, end), y, max(abs(end - zero), 1.0), BAR)
        if standings.is_listed(unit_id, ListKind.COMMEND):
            tag, fill, edge = TAGS[ListKind.COMMEND], COMMEND_BAR, COMMEND_EDGE
        elif standings.is_listed(unit_id, ListKind.CRITICISE):
            tag, fill, edge = TAGS[ListKind.CRITICISE], CRITICISE_BAR, CRITICISE_EDGE
        else:
            tag, fill, edge = "", PLAIN_BAR, PLAIN_EDGE
        bars.append(Bar(unit_id, rank, name, value, tag, rect, fill, edge))
    count = round((high - low) / step)
    ticks = tuple((x_of(low + i * step), format_points(Decimal(str(round(low + i * step, 4))))) for i in range(count + 1))
    group = period.group(group_id)
    title = f"{period.info.title}  {group.name}  得分排名"
    height = plot.bottom() + AXIS_HEIGHT + MARGIN
    size = QSize(math.ceil(width), math.ceil(height))
    return ChartLayout(title, tuple(bars), ticks, plot, zero, rank_width, size)


def paint_chart(painter: QPainter, layout: ChartLayout) -> None:
    """Draw ``layout`` on white, in logical pixels."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, layout.size.width(), layout.size.height()), QColor(palette.PAPER))
    plot = layout.plot
    painter.setPen(TEXT)
    painter.setFont(_font(TITLE_SIZE, bold=True))
    painter.drawText(QRectF(MARGIN, MARGIN, layout.size.width() - 2 * MARGIN, TITLE_HEIGHT),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, layout.title)
    _paint_legend(painter, MARGIN + TITLE_HEIGHT)
    painter.setFont(_font(SMALL_SIZE))
    for x, text in layout.ticks:
        painter.setPen(QPen(GRID_LINE, 1))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(TEXT)
        painter.drawText(QRectF(x - 40, plot.bottom() + 4, 80, AXIS_HEIGHT - 6),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
    label_font, small_font = _font(LABEL_SIZE), _font(SMALL_SIZE)
    label_metrics = QFontMetricsF(label_font)
    for bar in layout.bars:
        row = QRectF(MARGIN, bar.rect.center().y() - ROW / 2, plot.left() - GAP - MARGIN, ROW)
        painter.setPen(TEXT)
        painter.setFont(label_font)
        right_middle = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(row.left(), row.top(), layout.rank_width, ROW), right_middle, bar.rank)
        names = row.adjusted(layout.rank_width + GAP, 0, 0, 0)
        painter.drawText(names, right_middle, label_metrics.elidedText(bar.name, Qt.TextElideMode.ElideRight, names.width()))
        painter.setPen(QPen(bar.edge, 1))
        painter.setBrush(bar.fill)
        painter.drawRect(bar.rect)
        x = max(bar.rect.right(), layout.zero_x) + GAP
        painter.setPen(TEXT)
        value_rect = QRectF(x, row.top(), label_metrics.horizontalAdvance(bar.value) + 2, ROW)
        painter.drawText(value_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.value)
        if bar.tag:
            painter.setFont(small_font)
            painter.setPen(bar.edge)
            painter.drawText(QRectF(value_rect.right() + GAP / 2, row.top(), 60, ROW),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.tag)
    painter.setPen(QPen(AXIS_LINE, 1.5))
    painter.drawLine(QPointF(layout.zero_x, plot.top()), QPointF(layout.zero_x, plot.bottom()))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))


def _paint_legend(painter: QPainter, top: float) -> None:
    painter.setFont(_font(SMALL_SIZE))
    metrics = QFontMetricsF(painter.font())
    x = MARGIN
    for fill, edge, text in ((COMMEND_BAR, COMMEND_EDGE, "通报表扬"), (CRITICISE_BAR, CRITICISE_EDGE, "通报批评"),
                             (PLAIN_BAR, PLAIN_EDGE, "其他单位")):
        painter.setPen(QPen(edge, 1))
        painter.setBrush(fill)
        painter.drawRect(QRectF(x, top + 6, 14, 12))
        painter.setPen(TEXT)
        painter.drawText(QPointF(x + 20, top + 6 + metrics.ascent() - 1), text)
        x += 20 + metrics.horizontalAdvance(text) + 18


def chart_image(layout: ChartLayout, scale: float = EXPORT_SCALE, dpi: int = EXPORT_DPI) -> QImage:
    """The chart as a picture for print: ``scale`` × the logical size, tagged with ``dpi``."""
    size = layout.size
    image = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_RGB32)
    image.fill(QColor(palette.PAPER))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        paint_chart(painter, layout)
    finally:
        painter.end()
    return image


def save_png(image: QImage, path: str | Path) -> None:
    """Write ``image`` as PNG in one step; a failure raises OutputError with a Chinese message."""
    target = Path(path)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs type the format as bytes, but at run time QImage.save(QIODevice, ...) takes only str.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OutputError(f"无法生成图片「{target.name}」")
    buffer.close()
    atomic_write(target, bytes(data.data()))  # a full disk or read-only folder is explained there


class ScoreChart(QWidget):
    """The chart of one group, as wide as its scroll area and as tall as its units need."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: tuple[Period, Standings, int] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(int(MIN_WIDTH))

    def show_group(self, period: Period, standings: Standings, group_id: int) -> None:
        self._source = (period, standings, group_id)
        self.refresh()

    @property
    def group_id(self) -> int | None:
        return self._source[2] if self._source else None

    def layout_for(self, width: float) -> ChartLayout | None:
        if self._source is None:
            return None
        period, standings, group_id = self._source
        return layout_chart(period, standings, group_id, width)

    def bars(self) -> tuple[Bar, ...]:
        """The bars as currently drawn (for the width the widget has now)."""
        layout = self.layout_for(self.width())
        return layout.bars if layout else ()

    def refresh(self) -> None:
        """Recompute after the period changed: the height follows the number of units."""
        layout = self.layout_for(max(self.width(), MIN_WIDTH))
        self.setFixedHeight(layout.size.height() if layout else 0)
        self.update()

    def export_image(self) -> QImage | None:
        layout = self.layout_for(EXPORT_WIDTH)
        return chart_image(layout) if layout else None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        layout = self.layout_for(EXPORT_WIDTH)
        return layout.size if layout else QSize(int(MIN_WIDTH), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        layout = self.layout_for(self.width())
        if layout is None:
            return
        painter = QPainter(self)
        try:
            paint_chart(painter, layout)
        finally:
            painter.end()
