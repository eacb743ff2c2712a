"""Exports of a recorded gaze session: a heatmap PNG over the screenshot, and a CSV of the samples.

Qt-free (OpenCV + numpy), so the headless `alyesdesk export-session` and the Gaze tab share one renderer.
Files are written atomically (temporary file, then rename).

Samples are the rows of `Database.session_samples`: (t, x, y, confidence, status); the CSV adds each
sample's point in the stimulus and its video time (`Database.session_stimulus_samples`). Only "ok" samples
with confidence > 0 count as looking somewhere: a point held through a blink (confidence 0) repeats the
previous one and would inflate the dwell time there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np

from alyesdesk.inference.gaze.fixations import Fixation, detect_fixations
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.storage.exports import atomic_write_bytes, atomic_write_text, csv_text

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from alyesdesk.storage.database import Database

# sx, sy, st last: readers of the first five columns (written before schema 6) keep working.
CSV_COLUMNS = ("timestamp", "x", "y", "fixation_id", "confidence", "sx", "sy", "st")
FIXATION_DISPERSION_DEG = 1.5  # same as the live pipeline: I-DT window of 2 x 1.5 degrees
FIXATION_MIN_S = 0.1
HEAT_SIGMA_DEG = 1.0  # one degree: about the fovea, and about our accuracy
HEAT_WORK_SIDE = 480  # accumulate on a small grid, then upscale: the blur hides the difference
PANEL_W = 150
HEADER_H = 44

Row = tuple[float, float, float, float, str]


@dataclass
class SessionExport:
    """What `export_session` wrote: the heatmap PNG and sample CSV (None when not asked), and counts."""

    png: Path | None
    csv: Path | None
    rows: int
    fixations: int


def looking(rows: Sequence[Row]) -> list[Row]:
    """The rows where the eyes were tracked: status ok, confidence > 0, finite coordinates."""
    return [r for r in rows if r[4] == "ok" and r[3] > 0 and math.isfinite(r[1]) and math.isfinite(r[2])]


def session_fixations(rows: Sequence[Row], screen: ScreenGeometry) -> list[Fixation]:
    """Fixations (I-DT, dispersion of 2 x FIXATION_DISPERSION_DEG on `screen`) in the looking rows."""
    dispersion = 2.0 * screen.deg_to_px(FIXATION_DISPERSION_DEG)
    return detect_fixations(((r[0], r[1], r[2]) for r in looking(rows)), dispersion, FIXATION_MIN_S)


def fixation_ids(rows: Sequence[Row], fixations: Sequence[Fixation]) -> list[int | None]:
    """1-based fixation id per row (None outside fixations, and for rows that were not looking)."""
    ids: list[int | None] = []
    spans = [(f.start, f.start + f.duration) for f in fixations]
    k = 0
    for r in rows:
        t = r[0]
        while k < len(spans) and spans[k][1] < t:
            k += 1
        inside = k < len(spans) and spans[k][0] <= t <= spans[k][1] and r[4] == "ok" and r[3] > 0
        ids.append(k + 1 if inside else None)
    return ids


def _cell(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def session_csv(rows: Sequence[Row], screen: ScreenGeometry, stimulus_rows: Sequence[tuple] | None = None) -> str:
    """CSV text: timestamp (epoch s), x, y (screen px), fixation_id (blank outside fixations), confidence,
    and from `stimulus_rows` (`Database.session_stimulus_samples`: the same samples in the same order)
    sx, sy (stimulus px) and st (video time, s); those cells are blank without them, st for a still.
    """
    ids = fixation_ids(rows, session_fixations(rows, screen))
    if stimulus_rows is None:
        stimulus_rows = [(r[0], None, None, r[3], r[4], None) for r in rows]
    elif len(stimulus_rows) != len(rows):
        raise ValueError("stimulus_rows must list the same samples as rows")
    return csv_text(
        CSV_COLUMNS,
        ((f"{r[0]:.4f}", f"{r[1]:.1f}", f"{r[2]:.1f}", "" if i is None else i, f"{r[3]:.3f}",
          _cell(s[1], 1), _cell(s[2], 1), _cell(s[5], 4))
         for r, i, s in zip(rows, ids, stimulus_rows, strict=True)),
    )


def density(rows: Sequence[Row], screen: ScreenGeometry, size: tuple[int, int]) -> np.ndarray:
    """Gaussian-smoothed dwell density on a (w, h) grid over the screen, scaled to 0..1."""
    w, h = size
    grid: np.ndarray = np.zeros((h, w), np.float32)
    pts = looking(rows)
    if not pts:
        return grid
    xy = np.array([(r[1], r[2]) for r in pts], np.float64)
    sx, sy = w / screen.width_px, h / screen.height_px
    xs = np.clip(np.round(xy[:, 0] * sx).astype(int), 0, w - 1)
    ys = np.clip(np.round(xy[:, 1] * sy).astype(int), 0, h - 1)
    np.add.at(grid, (ys, xs), 1.0)
    sigma = max(1.0, screen.deg_to_px(HEAT_SIGMA_DEG) * 0.5 * (sx + sy))
    grid = cv2.GaussianBlur(grid, (0, 0), sigma)
    peak = float(grid.max())
    return grid / peak if peak > 0 else grid


def _background(screenshot_png: bytes | None, screen: ScreenGeometry) -> tuple[np.ndarray, bool]:
    if screenshot_png:
        image = cv2.imdecode(np.frombuffer(screenshot_png, np.uint8), cv2.IMREAD_COLOR)
        if image is not None:
            return image, True
    canvas = np.full((screen.height_px, screen.width_px, 3), 38, np.uint8)
    return canvas, False


def _text(img: np.ndarray, text: str, org: tuple[int, int], scale: float = 0.55, colour: tuple[int, int, int] = (235, 235, 235),
          thickness: int = 1) -> None:
    cv2.putText(img, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), thickness + 2, cv2.LINE_AA)
    cv2.putText(img, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, colour, thickness, cv2.LINE_AA)


def heatmap_image(
    rows: Sequence[Row],
    screen: ScreenGeometry,
    screenshot_png: bytes | None = None,
    title: str = "",
    fixations: Sequence[Fixation] | None = None,
) -> np.ndarray:
    """The heatmap over the screenshot (BGR), with a header, a colour bar and a legend on the right."""
    base, has_shot = _background(screenshot_png, screen)
    bh, bw = base.shape[:2]
    scale = HEAT_WORK_SIDE / max(bw, bh)
    work = (max(1, int(round(bw * scale))), max(1, int(round(bh * scale))))
    heat = cv2.resize(density(rows, screen, work), (bw, bh), interpolation=cv2.INTER_LINEAR)
    colours = cv2.applyColorMap(np.clip(heat * 255, 0, 255).astype(np.uint8), cv2.COLORMAP_TURBO)
    # Transparent where nobody looked, so the screenshot stays readable; opaque-ish at the peaks.
    alpha = np.clip((heat - 0.03) / 0.5, 0.0, 1.0)[..., None] * 0.7
    dimmed = (base.astype(np.float32) * 0.75) if has_shot else base.astype(np.float32)
    out = (dimmed * (1 - alpha) + colours.astype(np.float32) * alpha).astype(np.uint8)
    if not has_shot:
        _text(out, "no screenshot recorded", (20, bh - 20), 0.7, (160, 160, 160))
    fixations = session_fixations(rows, screen) if fixations is None else fixations
    sx, sy = bw / screen.width_px, bh / screen.height_px
    for i, f in enumerate(fixations, 1):
        c = (int(round(f.x * sx)), int(round(f.y * sy)))
        r = int(max(6, min(60, 40 * math.sqrt(max(f.duration, 0.01)))) * max(sx, 0.5))
        cv2.circle(out, c, r, (255, 255, 255), 2, cv2.LINE_AA)
        if len(fixations) <= 30:  # beyond that the numbers hide the picture
            _text(out, str(i), (c[0] + r + 2, c[1] + 5), 0.45)

    # Header band: what this is.
    header = np.full((HEADER_H, bw, 3), 28, np.uint8)
    _text(header, title or "Gaze session", (12, 29), 0.75, (255, 255, 255), 2)
    canvas = np.vstack([header, out])
    # Right panel: colour bar and legend.
    ch = canvas.shape[0]
    panel = np.full((ch, PANEL_W, 3), 28, np.uint8)
    top, bottom = HEADER_H + 40, max(HEADER_H + 140, ch - 150)
    ramp = np.linspace(255, 0, bottom - top).astype(np.uint8)[:, None]
    bar = cv2.applyColorMap(np.repeat(ramp, 26, axis=1), cv2.COLORMAP_TURBO)
    panel[top:bottom, 18:44] = bar
    cv2.rectangle(panel, (17, top - 1), (44, bottom), (200, 200, 200), 1)
    _text(panel, "high", (52, top + 12), 0.5)
    _text(panel, "low", (52, bottom), 0.5)
    _text(panel, "dwell time", (12, top - 12), 0.5)
    ly = bottom + 34
    cv2.circle(panel, (30, ly), 10, (255, 255, 255), 2, cv2.LINE_AA)
    _text(panel, "fixation", (48, ly + 5), 0.45)
    _text(panel, "(size: duration)", (12, ly + 28), 0.4, (190, 190, 190))
    _text(panel, f"{len(looking(rows))} of {len(rows)} samples", (12, ly + 56), 0.45, (190, 190, 190))
    _text(panel, "(blinks excluded)", (12, ly + 76), 0.4, (160, 160, 160))
    _text(panel, f"{len(fixations)} fixations", (12, ly + 100), 0.45, (190, 190, 190))
    return np.hstack([canvas, panel])


def encode_png(image: np.ndarray) -> bytes:
    """PNG bytes of a BGR image; ValueError when OpenCV cannot encode it."""
    ok, buf = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("PNG encoding failed")
    return buf.tobytes()


def session_title(session: dict, rows: Sequence[Row]) -> str:
    """The heatmap's caption: session name, duration, sample count and screen."""
    duration = max(0.0, (session.get("ended_at") or session["started_at"]) - session["started_at"])
    return (f"{session['name']}  -  {int(duration // 60)} min {duration % 60:.0f} s, "
            f"{len(rows)} samples, screen {session.get('screen', '')}")


def export_session(db: Database, session_id: int, png: str | Path | None = None,
                   csv: str | Path | None = None) -> SessionExport:
    """Write the heatmap PNG and/or the CSV of one stored session; raises KeyError if it does not exist."""
    session = db.session(session_id)
    if session is None:
        raise KeyError(f"no gaze session #{session_id} (see `alyesdesk sessions`)")
    rows = db.session_samples(session_id)
    screen = ScreenGeometry.from_dict(session.get("screen_geometry") or {})
    fixations = session_fixations(rows, screen)
    png_path = csv_path = None
    if png is not None:
        image = heatmap_image(rows, screen, session.get("screenshot_png"), session_title(session, rows), fixations)
        png_path = atomic_write_bytes(png, encode_png(image))
    if csv is not None:
        csv_path = atomic_write_text(csv, session_csv(rows, screen, db.session_stimulus_samples(session_id)))
    return SessionExport(png_path, csv_path, len(rows), len(fixations))
