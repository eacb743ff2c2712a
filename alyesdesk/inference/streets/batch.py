"""Batch exports (Qt-free): a list of images, or every frame of a video, segmented into one new folder.

Each export writes into `<out>/.<name>.part/` and renames it to `<out>/<name>/` at the end (`<name>-2`, ...
when taken), so a cancelled or failed export never leaves a half-filled folder under the final name.

- images: `<stem>_labels.png` (category index per pixel), `<stem>_color.png`, `<stem>_overlay.png` per
  image, and `areas.csv` (one row per image: `file`, then each category's area fraction). Unreadable
  images are skipped and listed in `BatchResult.failed` (and in `failed.csv` when there are any).
- video: `frames/frame_NNNNNN_labels.png`, `_color.png`, `_overlay.png` per frame, and `<stem>_areas.csv`
  (one row per frame: `frame`, `time_s`, then each category's area fraction).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TYPE_CHECKING
from collections.abc import Callable, Sequence


from alyesdesk.inference.streets import overlay
from alyesdesk.inference.streets.video import Cancelled

if TYPE_CHECKING:
    import numpy as np
    import threading

Progress = Callable[[int, int], None]


@dataclass
class BatchResult:
    """A finished export: its final folder, how many images or frames were written, what failed, video areas."""

    folder: Path
    items: int  # images or frames written
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    per_frame: list[tuple[int, dict[str, float]]] = field(default_factory=list)  # video: (frame, areas)


def _unique_folder(out_dir: Path, name: str) -> Path:
    target, n = out_dir / name, 2
    while target.exists():
        target, n = out_dir / f"{name}-{n}", n + 1
    return target


def _write_three(folder: Path, stem: str, image: np.ndarray, seg: Any, opacity: float,
                 enabled: Sequence[bool] | None) -> None:
    overlay.write_png(folder / f"{stem}_labels.png", seg.labels)
    overlay.write_png(folder / f"{stem}_color.png", overlay.colorize(seg.labels, seg.colours, enabled))
    overlay.write_png(folder / f"{stem}_overlay.png", overlay.blend(image, seg.labels, seg.colours, opacity, enabled))


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


class _PartFolder:
    """`<out>/.<name>.part` while writing; renamed into place by `commit`, removed otherwise."""

    def __init__(self, out_dir: str | Path, name: str) -> None:
        self.out_dir = Path(out_dir)
        self.name = name
        self.path = self.out_dir / f".{name}.part"

    def __enter__(self) -> _PartFolder:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            shutil.rmtree(self.path)
        self.path.mkdir()
        return self

    def commit(self) -> Path:
        target = _unique_folder(self.out_dir, self.name)
        os.replace(self.path, target)
        return target

    def __exit__(self, *exc: object) -> None:
        if self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)


def export_images(paths: Sequence[str | Path], out_dir: str | Path, name: str,
                  segment: Callable[[np.ndarray], Any], read: Callable[[Path], np.ndarray], *,
                  opacity: float = 0.5, enabled: Sequence[bool] | None = None,
                  progress: Progress | None = None, cancel: threading.Event | None = None) -> BatchResult:
    """Segment every image of `paths` into `<out_dir>/<name>/`; Cancelled (nothing left) when `cancel` is set."""
    files = [Path(p) for p in paths]
    rows: list[list[Any]] = []
    failed: list[tuple[str, str]] = []
    categories: tuple[str, ...] = ()
    used: set[str] = set()
    with _PartFolder(out_dir, name) as part:
        for done, path in enumerate(files, 1):
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"batch export cancelled after {done - 1} of {len(paths)} images")
            stem, n = path.stem, 2
            while stem in used:  # a/x.jpg and b/x.jpg: x and x-2, never one over the other
                stem, n = f"{path.stem}-{n}", n + 1
            try:
                image = read(path)
                seg = segment(image)
            except Exception as exc:  # one bad file must not stop the batch: it is listed instead
                failed.append((path.name, str(exc) or type(exc).__name__))
            else:
                used.add(stem)
                categories = seg.categories
                _write_three(part.path, stem, image, seg, opacity, enabled)
                areas = overlay.area_fractions(seg.labels, seg.categories)
                rows.append([f"{stem}{path.suffix}"] + [round(areas[c], 6) for c in categories])
            if progress is not None:
                progress(done, len(paths))
        (part.path / "areas.csv").write_text(_csv(["file", *categories], rows), encoding="utf-8")
        if failed:
            (part.path / "failed.csv").write_text(_csv(["file", "error"], [list(f) for f in failed]), encoding="utf-8")
        folder = part.commit()
    return BatchResult(folder, len(rows), failed)


def export_video_frames(source: Any, out_dir: str | Path, name: str, segment: Callable[[np.ndarray], Any], *,
                        total: int = 0, opacity: float = 0.5, enabled: Sequence[bool] | None = None,
                        progress: Progress | None = None, cancel: threading.Event | None = None,
                        end: tuple[type[BaseException], ...] = ()) -> BatchResult:
    """Every frame of an opened `source` (`read()` -> frame with image/timestamp/index; raises one of `end`
    at the end) into `<out_dir>/<name>/`; Cancelled (nothing left) when `cancel` is set.
    """
    from alyesdesk.inference.streets.video import EndOfVideo

    stops: tuple[type[BaseException], ...] = (EndOfVideo, *end)
    rows: list[list[Any]] = []
    per_frame: list[tuple[int, dict[str, float]]] = []
    categories: tuple[str, ...] = ()
    with _PartFolder(out_dir, name) as part:
        frames = part.path / "frames"
        frames.mkdir()
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"batch export cancelled after {len(rows)} frames")
            try:
                frame = source.read()
            except stops:
                break
            seg = segment(frame.image)
            categories = seg.categories
            _write_three(frames, f"frame_{frame.index:06d}", frame.image, seg, opacity, enabled)
            areas = overlay.area_fractions(seg.labels, seg.categories)
            per_frame.append((frame.index, areas))
            rows.append([frame.index, round(frame.timestamp, 4)] + [round(areas[c], 6) for c in categories])
            if progress is not None:
                progress(len(rows), max(total, len(rows)))
        if not rows:
            raise ValueError(f"{name}: no frame could be decoded")
        stem = name.removesuffix("_segmentation")
        (part.path / f"{stem}_areas.csv").write_text(_csv(["frame", "time_s", *categories], rows), encoding="utf-8")
        folder = part.commit()
    return BatchResult(folder, len(rows), [], per_frame)
