"""Draw the program's icons with Qt and write them under ``resources/icons/``.

    python build/make_icons.py

Writes, for the application (``app``) and for period files (``document``, the .zwxx icon that
Explorer shows):
  - ``NAME-SIZE.png`` for every size in SIZES (the window icon is assembled from the app PNGs);
  - ``NAME.ico`` with all sizes: 32-bit BMP entries up to 64 px, a PNG entry at 128 and 256 px
    (the layout Windows and the resource compilers read everywhere).
Every size is drawn from vectors at that size, so the small icons stay sharp. The outputs are
committed; run this again only after changing the drawing.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_ENTRY_FROM = 128  # ICO entries at least this large are stored as PNG

RED_TOP, RED_BOTTOM = QColor("#d6453a"), QColor("#a61f17")
GOLD = QColor("#ffd34d")
PAGE, PAGE_EDGE, FOLD = QColor("#ffffff"), QColor("#7b8794"), QColor("#dde3ea")
RULE = QColor("#c5cdd6")


def _canvas(size: int) -> tuple[QImage, QPainter]:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return image, painter


def _star(center: QPointF, outer: float) -> QPolygonF:
    from math import cos, pi, sin

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * 0.45
        angle = -pi / 2 + i * pi / 5
        points.append(QPointF(center.x() + radius * cos(angle), center.y() + radius * sin(angle)))
    return QPolygonF(points)


def draw_badge(painter: QPainter, box: QRectF, *, star: bool) -> None:
    """The program's mark: a red rounded square with three rising white bars (a ranking)."""
    gradient = QLinearGradient(box.topLeft(), box.bottomLeft())
    gradient.setColorAt(0, RED_TOP)
    gradient.setColorAt(1, RED_BOTTOM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    radius = box.width() * 0.2
    painter.drawRoundedRect(box, radius, radius)
    draw_bars(painter, box, QColor("white"))
    if star:
        side = box.width()
        painter.setBrush(GOLD)
        painter.drawPolygon(_star(QPointF(box.left() + side * 0.27, box.top() + side * 0.29), side * 0.15))


def draw_bars(painter: QPainter, box: QRectF, color: QColor) -> None:
    """Three rising bars; below 64 px snapped to whole pixels so they stay sharp."""
    side = box.width()
    snap = round if side < 64 else float
    bar_width = max(2, snap(side * 0.18))
    gap = max(1, snap(side * 0.085))
    left = snap(box.left() + (side - 3 * bar_width - 2 * gap) / 2)
    base = snap(box.bottom() - side * 0.17)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    for i, height in enumerate((0.30, 0.46, 0.62)):
        bar_height = snap(side * height)
        bar = QRectF(left + i * (bar_width + gap), base - bar_height, bar_width, bar_height)
        painter.drawRoundedRect(bar, bar_width * 0.12, bar_width * 0.12)


def draw_app(size: int) -> QImage:
    image, painter = _canvas(size)
    margin = max(1, round(size * 0.04))
    draw_badge(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin), star=size >= 24)
    painter.end()
    return image


def draw_document(size: int) -> QImage:
    """A page with a folded corner and ruled table lines, the program's mark in its lower right."""
    image, painter = _canvas(size)
    left, top = round(size * 0.14) + 0.5, round(size * 0.04) + 0.5  # lines on pixel centres
    width, height = round(size * 0.72) - 1, round(size * 0.92) - 1
    fold = width * 0.3
    page = QPainterPath()
    page.moveTo(left, top)
    page.lineTo(left + width - fold, top)
    page.lineTo(left + width, top + fold)
    page.lineTo(left + width, top + height)
    page.lineTo(left, top + height)
    page.closeSubpath()
    pen = QPen(PAGE_EDGE, max(1.0, size / 48))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(PAGE)
    painter.drawPath(page)
    corner = QPolygonF([QPointF(left + width - fold, top), QPointF(left + width - fold, top + fold),
                        QPointF(left + width, top + fold)])
    painter.setBrush(FOLD)
    painter.drawPolygon(corner)
    if size >= 32:
        painter.setPen(QPen(RULE, max(1.0, size / 64)))
        step = height * 0.11
        for i in range(4):
            y = top + fold + step * (i + 0.6)
            painter.drawLine(QPointF(left + width * 0.14, y), QPointF(left + width * 0.86, y))
    if size < 24:  # too small for a badge: red bars on the page itself
        draw_bars(painter, QRectF(round(left) + 1, round(top + fold), round(width) - 1, round(height - fold)), RED_BOTTOM)
    else:
        badge = round(size * 0.5)
        corner = round(size * 0.97) - badge
        draw_badge(painter, QRectF(corner, corner, badge, badge), star=size >= 48)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("PNG encoding failed")
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """An ICO image entry as a 32-bit DIB: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # straight alpha, BGRA in memory
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    row_bytes = size * 4
    pixels = bytes(argb.constBits())
    stride = argb.bytesPerLine()
    rows = [pixels[y * stride : y * stride + row_bytes] for y in reversed(range(size))]
    mask_stride = ((size + 31) // 32) * 4
    mask = bytes(mask_stride * size)  # all zero: the alpha channel alone decides transparency
    return header + b"".join(rows) + mask


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = [(size, png_bytes(img) if size >= PNG_ENTRY_FROM else bmp_entry(img)) for size, img in sorted(images.items())]
    directory = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    blobs = []
    for size, blob in entries:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs.append(blob)
    return directory + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in (("app", draw_app), ("document", draw_document)):
        images = {size: draw(size) for size in SIZES}
        for size, image in images.items():
            (OUT / f"{name}-{size}.png").write_bytes(png_bytes(image))
        (OUT / f"{name}.ico").write_bytes(ico_bytes(images))
        print(f"{name}: {', '.join(map(str, SIZES))} px → {OUT / (name + '.ico')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
