"""What the Street segmentation view shows for a segmented frame: blended, side by side, or the colour mask.

Kept free of widgets so the picture depends only on its inputs (the tab passes the current settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import cv2
import numpy as np

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from alyesdesk.inference.streets import overlay

if TYPE_CHECKING:
    from alyesdesk.ui.streets.workers import Segmented

VIEW_MODES = (QT_TRANSLATE_NOOP("StreetsDisplay", "Blended"), QT_TRANSLATE_NOOP("StreetsDisplay", "Side by side"),
              QT_TRANSLATE_NOOP("StreetsDisplay", "Colour mask"))  # shown translated; picked by index
DISPLAY_MAX_PIXELS = 2_000_000  # large photos are shown downsized; exports stay full size
SIDE_GAP = 6


def compose(result: Segmented, mode: str, opacity: float, enabled: Sequence[bool]) -> tuple[np.ndarray, float, int]:
    """(BGR array, display scale, panels) for `result` in view `mode`; `opacity` is 0..1."""
    image, labels = result.image, result.seg.labels
    scale = min(1.0, (DISPLAY_MAX_PIXELS / max(1, labels.size)) ** 0.5)
    if scale < 1.0:
        size = (max(1, int(labels.shape[1] * scale)), max(1, int(labels.shape[0] * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        # nearest neighbour: averaging label indices would invent categories at the borders
        labels = cv2.resize(labels, size, interpolation=cv2.INTER_NEAREST)
    colours = result.seg.colours
    if mode == "Colour mask":
        return overlay.colorize(labels, colours, enabled), scale, 1
    blended = overlay.blend(image, labels, colours, opacity, enabled)
    if mode == "Side by side":
        return overlay.side_by_side(image, blended, gap=SIDE_GAP), scale, 2
    return blended, scale, 1


def source_label(name: str, live: bool, paused: bool) -> str:
    """The Input field's entry for a video or the webcam: its name and whether it plays now, in words (a
    play symbol would still claim "playing" once the video is stopped, and not every font has ⏸)."""
    if not live:
        return QCoreApplication.translate("StreetsDisplay", "{name} · stopped").format(name=name)
    if paused:
        return QCoreApplication.translate("StreetsDisplay", "{name} · paused").format(name=name)
    return QCoreApplication.translate("StreetsDisplay", "{name} · playing").format(name=name)
