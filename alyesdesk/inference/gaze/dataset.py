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
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.images import read_image
from alyesdesk.inference.gaze.screen import ScreenGeometry

ORIGINAL_NAME = re.compile(r"^opencv_frame_(\d+)-(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)\.(png|jpg|jpeg)$", re.I)


class DatasetError(ValueError):
    """The folder is not a gaze dataset in either format."""


@dataclass
class DatasetItem:
    path: Path
    x: float
    y: float
    truth: dict | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class GazeDataset:
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

    def images(self):
        """(item, BGR image or None, error) for every item, loading lazily."""
        for item in self.items:
            try:
                yield item, read_image(item.path), ""
            except ImageError as exc:
                yield item, None, str(exc)


def load_dataset(root: str | Path) -> GazeDataset:
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"dataset folder not found: {root}")
    if (root / "targets.csv").is_file():
        return _load_alyesdesk(root)
    originals = [p for p in sorted(root.iterdir()) if ORIGINAL_NAME.match(p.name)]
    if originals:
        return _load_original(root, originals)
    raise DatasetError(
        f"{root} is not a gaze dataset: expected targets.csv + frames/ + meta.json, or files named "
        "opencv_frame_<id>-<x>-<y>.png"
    )


def _read_meta(root: Path) -> tuple[dict, list[str]]:
    path = root / "meta.json"
    if not path.is_file():
        return {}, ["meta.json missing: assuming a 1920x1080 24-inch screen at 60 cm"]
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
        if not isinstance(meta, dict):
            raise ValueError("not an object")
        return meta, []
    except ValueError as exc:
        return {}, [f"meta.json unreadable ({exc}): assuming a 1920x1080 24-inch screen at 60 cm"]


def _screen(meta: dict) -> tuple[ScreenGeometry, list[str]]:
    try:
        return ScreenGeometry.from_dict(meta), []
    except (TypeError, ValueError) as exc:
        return ScreenGeometry(), [f"meta.json screen values invalid ({exc}): using defaults"]


def _load_alyesdesk(root: Path) -> GazeDataset:
    meta, problems = _read_meta(root)
    screen, more = _screen(meta)
    problems += more
    truth = _read_truth(root / "truth.jsonl")
    items: list[DatasetItem] = []
    with (root / "targets.csv").open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"frame", "x", "y"} <= set(reader.fieldnames):
            raise DatasetError(f"{root / 'targets.csv'}: header must be frame,x,y (got {reader.fieldnames})")
        for line, row in enumerate(reader, start=2):
            try:
                x, y = float(row["x"]), float(row["y"])
                name = (row["frame"] or "").strip()
                if not name:
                    raise ValueError("empty frame name")
            except (TypeError, ValueError) as exc:
                problems.append(f"targets.csv line {line}: {exc}")
                continue
            path = root / "frames" / name
            if ".." in Path(name).parts:
                problems.append(f"targets.csv line {line}: frame path leaves frames/: {name}")
                continue
            if not path.is_file():
                problems.append(f"targets.csv line {line}: missing frame {name}")
                continue
            items.append(DatasetItem(path, x, y, truth.get(name)))
    return GazeDataset(
        root, "alyesdesk", screen, items, camera=str(meta.get("camera", "")),
        sequential=bool(meta.get("sequential", False)), meta=meta, problems=problems,
        screen_assumed=not meta,
    )


def _read_truth(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
            out[str(row["frame"])] = row
        except (ValueError, KeyError, TypeError):
            continue
    return out


def _load_original(root: Path, files: list[Path]) -> GazeDataset:
    meta, problems = _read_meta(root)
    screen, more = _screen(meta)
    problems += more
    parsed = []
    for p in files:
        m = ORIGINAL_NAME.match(p.name)
        assert m is not None
        parsed.append((int(m.group(1)), DatasetItem(p, float(m.group(2)), float(m.group(3)))))
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

    def __enter__(self) -> "DatasetWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
