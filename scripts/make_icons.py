"""Draws the AlyesDesk icon (an eye over a lens grid) at every size the platforms need.

Run once after changing the design: python scripts/make_icons.py (writes assets/icons/).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QRadialGradient  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "assets" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#16324f"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 52 * s, 52 * s)
    eye = QPainterPath()
    eye.moveTo(28 * s, 128 * s)
    eye.quadTo(128 * s, 28 * s, 228 * s, 128 * s)
    eye.quadTo(128 * s, 228 * s, 28 * s, 128 * s)
    p.setBrush(QColor("#f4f7fb"))
    p.drawPath(eye)
    grad = QRadialGradient(QPointF(128 * s, 128 * s), 46 * s)
    grad.setColorAt(0.0, QColor("#3fd0c9"))
    grad.setColorAt(1.0, QColor("#127e8c"))
    p.setBrush(QBrush(grad))
    p.drawEllipse(QPointF(128 * s, 128 * s), 46 * s, 46 * s)
    p.setBrush(QColor("#0b1a2a"))
    p.drawEllipse(QPointF(128 * s, 128 * s), 20 * s, 20 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(140 * s, 114 * s), 8 * s, 8 * s)
    if size >= 48:
        p.setPen(QPen(QColor("#ff7a59"), max(1.0, 6 * s)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for corner in ((40, 40, 1, 1), (216, 40, -1, 1), (40, 216, 1, -1), (216, 216, -1, -1)):
            x, y, dx, dy = corner
            p.drawLine(QPointF(x * s, y * s), QPointF((x + 26 * dx) * s, y * s))
            p.drawLine(QPointF(x * s, y * s), QPointF(x * s, (y + 26 * dy) * s))
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(str(OUT / f"alyesdesk-{size}.png"))
    try:
        from PIL import Image

        big = Image.open(OUT / "alyesdesk-256.png")
        big.save(OUT / "alyesdesk.ico", sizes=[(s, s) for s in (16, 32, 48, 64, 128, 256)])
        Image.open(OUT / "alyesdesk-512.png").save(OUT / "alyesdesk.icns")
    except ImportError:
        print("Pillow not installed: .ico/.icns not written", file=sys.stderr)
    print(f"icons written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
