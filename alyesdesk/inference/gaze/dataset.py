"""Gaze datasets on disk, in two formats.

AlyesDesk format (a folder)::

    frames/<name>.png
    targets.csv      header `frame,x,y`: file name relative to frames/, target screen pixel
    meta.json        screen_w_px, screen_h_px, screen_w_mm, screen_h_mm, distance_cm, camera
                     (optional: sequential (frames are consecutive video), source, seed, head_motion)
    truth.jsonl      optional, simulator ground truth per frame (head pose, blink)

The original prototype's format: a folder of `opencv_frame_<id>-<x>-<y>.png` files (target pixel in the
name). It has no screen description: a 1920x1080 24-inch screen at 60 cm is assumed and flagged.

Bad rows and missing files never abort loading: they are listed in `problems`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from alyesdesk.inference import safejson
from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.images import read_image

if TYPE_CHECKING:
    from collections.abc import Iterator

ORIGINAL_NAME = re.compile(r"^opencv_frame_(\d+)-(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)\.(png|jpg|jpeg)$", re.I)

# Datasets come from other people: every file is read within a size limit, so a broken or hostile one
# gives a DatasetError or a listed problem, never an exception from deep inside csv, json or pathlib.
MAX_META_BYTES = 1024 * 1024
MAX_TARGETS_BYTES = 64 * 1024 * 1024
MAX_TRUTH_BYTES = 256 * 1024 * 1024
MAX_NAME_CHARS = 1024  # a frame's path relative to frames/
MAX_TARGET_PX = 1_000_000.0  # |x| and |y|: screen pixels, generous for off-screen targets
_ASSUMED = "assuming a 1920x1080 24-inch screen at 60 cm"


class DatasetError(ValueError):
    """The folder is not a gaze dataset in either format."""


@dataclass
class DatasetItem:
    """One frame of a dataset: its image file, the target it was recorded for (screen px), simulator truth."""

    path: Path
    x: float
    y: float
    truth: dict | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class GazeDataset:
    """A loaded dataset: usable items in order, the screen they refer to, and the `problems` met loading it.

    `screen_assumed` is True when there was no usable meta.json, so the default screen stands in for the real one.
    """

    root: Path
    format: str  # "alyesdesk" or "original"
    screen: ScreenGeometry
    items: list[DatasetItem]
    camera: str = ""
    sequential: bool = False
    meta: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    screen_assumed: bool = False

    def __len__(self) -> int:
        return len(self.items)

    def targets(self) -> np.ndarray:
        return np.array([[i.x, i.y] for i in self.items], np.float64).reshape(-1, 2)

    def images(self) -> Iterator[tuple[DatasetItem, np.ndarray | None, str]]:
        """(item, BGR image or None, error) for every item, loading lazily."""
        for item in self.items:
            try:
                yield item, read_image(item.path), ""
            except ImageError as exc:
                yield item, None, str(exc)


def load_dataset(root: str | Path) -> GazeDataset:
    """The dataset in `root`; DatasetError (and no other exception) when it cannot be read at all."""
    root = Path(root)
    shown = safejson.display_path(root)
    try:
        if not root.is_dir():
            raise DatasetError(f"dataset folder not found: {shown}")
        if (root / "targets.csv").is_file():
            return _load_alyesdesk(root)
        originals = [p for p in sorted(root.iterdir()) if ORIGINAL_NAME.match(p.name)]
    except OSError as exc:
        raise DatasetError(f"cannot read the dataset folder {shown}: {exc.strerror or type(exc).__name__}") from None
    if originals:
        return _load_original(root, originals)
    raise DatasetError(
        f"{shown} is not a gaze dataset: expected targets.csv + frames/ + meta.json, or files named "
        "opencv_frame_<id>-<x>-<y>.png"
    )


def _target(label: str, text: object) -> float:
    """A finite target coordinate in screen pixels; ValueError (naming `label`) otherwise."""
    if not isinstance(text, str):
        raise ValueError(f"{label} is missing")
    value = float(text)  # ValueError for non-numbers
    if not math.isfinite(value) or abs(value) > MAX_TARGET_PX:
        raise ValueError(f"{label} must be a finite number of pixels within {MAX_TARGET_PX:g}, got {text[:40]!r}")
    return value


def _read_meta(root: Path) -> tuple[dict, list[str]]:
    path = root / "meta.json"
    if not path.is_file():
        return {}, [f"meta.json missing: {_ASSUMED}"]
    try:
        meta = safejson.loads(safejson.read_text(path, MAX_META_BYTES))
        if not isinstance(meta, dict):
            raise ValueError("not an object")
        return meta, []
    except (OSError, ValueError) as exc:  # UntrustedJsonError is a ValueError
        return {}, [f"meta.json unreadable ({exc}): {_ASSUMED}"]


def _screen(meta: dict) -> tuple[ScreenGeometry, list[str]]:
    try:
        return ScreenGeometry.from_dict(meta), []
    except (TypeError, ValueError, OverflowError) as exc:
        return ScreenGeometry(), [f"meta.json screen values invalid ({str(exc)[:200]}): using defaults"]


def _read_targets(root: Path) -> list[tuple[int, dict]]:
    """(line number, row) of targets.csv; DatasetError when the file itself is unusable."""
    path = root / "targets.csv"
    try:
        text = safejson.read_text(path, MAX_TARGETS_BYTES)
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{safejson.display_path(path)}: cannot be read ({exc})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if reader.fieldnames is None or not {"frame", "x", "y"} <= set(reader.fieldnames):
            shown = [f[:40] for f in reader.fieldnames or []][:10]
            raise DatasetError(f"{safejson.display_path(path)}: header must be frame,x,y (got {shown})")
        return [(line, row) for line, row in enumerate(reader, start=2)]
    except csv.Error as exc:  # a field over the csv module's size limit, a NUL byte, bad quoting
        raise DatasetError(f"{safejson.display_path(path)} line {reader.line_num}: {exc}") from None


def _frame_path(frames: Path, frames_real: Path, name: str) -> Path:
    """The frame's path, which must stay inside frames/ (`frames_real` is frames/ resolved); ValueError
    saying why otherwise.
    """
    if not name:
        raise ValueError("empty frame name")
    if len(name) > MAX_NAME_CHARS or "\x00" in name:
        raise ValueError(f"frame name is not a usable file name: {name[:40]!r}")
    relative = Path(name)
    if relative.is_absolute() or relative.anchor or ".." in relative.parts:
        raise ValueError(f"frame path leaves frames/: {name[:200]!r}")
    path = frames / relative
    try:
        # A symbolic link inside frames/ must not lead outside it either.
        path.resolve().relative_to(frames_real)
    except (OSError, RuntimeError, ValueError):
        raise ValueError(f"frame path leaves frames/: {name[:200]!r}") from None
    return path


def _item(frames: Path, frames_real: Path, row: dict, truth: dict[str, dict]) -> DatasetItem:
    """One row of targets.csv as an item; ValueError with the reason when it is unusable."""
    x, y = _target("x", row.get("x")), _target("y", row.get("y"))
    raw_name = row.get("frame")
    name = raw_name.strip() if isinstance(raw_name, str) else ""
    path = _frame_path(frames, frames_real, name)
    try:
        exists = path.is_file()
    except OSError as exc:  # e.g. a name component over the file system's 255-byte limit
        raise ValueError(f"frame {name[:200]!r} cannot be read: {exc.strerror or type(exc).__name__}") from None
    if not exists:
        raise ValueError(f"missing frame {name[:200]}")
    return DatasetItem(path, x, y, truth.get(name))


def _load_alyesdesk(root: Path) -> GazeDataset:
    meta, problems = _read_meta(root)
    screen, more = _screen(meta)
    problems += more
    truth, more = _read_truth(root / "truth.jsonl")
    problems += more
    items: list[DatasetItem] = []
    frames = root / "frames"
    try:
        frames_real = frames.resolve()
    except (OSError, RuntimeError) as exc:
        raise DatasetError(f"cannot read {safejson.display_path(frames)}: {exc}") from None
    for line, row in _read_targets(root):
        try:
            items.append(_item(frames, frames_real, row, truth))
        except ValueError as exc:
            problems.append(f"targets.csv line {line}: {exc}")
    return GazeDataset(
        root, "alyesdesk", screen, items, camera=str(meta.get("camera", "")),
        sequential=bool(meta.get("sequential", False)), meta=meta, problems=problems,
        screen_assumed=not meta,
    )


def _read_truth(path: Path) -> tuple[dict[str, dict], list[str]]:
    """Simulator ground truth by frame name (optional: an unreadable file is a problem, not an error)."""
    try:
        if not path.is_file():
            return {}, []
        text = safejson.read_text(path, MAX_TRUTH_BYTES)
    except (OSError, ValueError) as exc:
        return {}, [f"truth.jsonl ignored: {exc}"]
    out = {}
    for line in text.splitlines():
        try:
            row = safejson.loads(line)
            out[str(row["frame"])] = row
        except (ValueError, KeyError, TypeError):
            continue
    return out, []


def _load_original(root: Path, files: list[Path]) -> GazeDataset:
    meta, problems = _read_meta(root)
    screen, more = _screen(meta)
    problems += more
    parsed = []
    for p in files:
        m = ORIGINAL_NAME.match(p.name)
        assert m is not None
        try:
            parsed.append((int(m.group(1)), DatasetItem(p, _target("x", m.group(2)), _target("y", m.group(3)))))
        except ValueError as exc:
            problems.append(f"{safejson.display_path(p.name)}: {exc}")
    parsed.sort(key=lambda t: t[0])
    return GazeDataset(
        root, "original", screen, [it for _, it in parsed], camera=str(meta.get("camera", "")),
        sequential=bool(meta.get("sequential", False)), meta=meta, problems=problems,
        screen_assumed=not meta,
    )


class DatasetWriter:
    """Writes an AlyesDesk-format dataset; use as a context manager (targets.csv is written on close)."""

    def __init__(self, root: str | Path, screen: ScreenGeometry, camera: str = "", **meta: object) -> None:
        self.root = Path(root)
        (self.root / "frames").mkdir(parents=True, exist_ok=True)
        self.screen = screen
        self.rows: list[tuple[str, float, float]] = []
        self.truth: list[dict] = []
        self.meta = {
            "screen_w_px": screen.width_px, "screen_h_px": screen.height_px,
            "screen_w_mm": screen.width_mm, "screen_h_mm": screen.height_mm,
            "distance_cm": screen.distance_cm, "camera": camera, **meta,
        }

    def add(self, image: np.ndarray, x: float, y: float, truth: dict | None = None, name: str | None = None) -> str:
        name = name or f"{len(self.rows):06d}.png"
        if not cv2.imwrite(str(self.root / "frames" / name), image):
            raise OSError(f"cannot write {self.root / 'frames' / name}")
        self.rows.append((name, float(x), float(y)))
        if truth is not None:
            self.truth.append({"frame": name, **truth})
        return name

    def close(self) -> None:
        with (self.root / "targets.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["frame", "x", "y"])
            for name, x, y in self.rows:
                writer.writerow([name, f"{x:.2f}", f"{y:.2f}"])
        (self.root / "meta.json").write_text(json.dumps(self.meta, indent=2), encoding="utf-8")
        if self.truth:
            with (self.root / "truth.jsonl").open("w", encoding="utf-8") as handle:
                for row in self.truth:
                    handle.write(json.dumps(row) + "\n")

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
