"""Areas of interest (AOIs): named rectangles or polygons on a stimulus, in the stimulus's pixels.

A stimulus is what a participant looked at: an image file, a PDF page, or "screen" (the tracked screen
itself). Sessions name their stimulus (`gaze_sessions.stimulus`) and where it was shown on the screen, so
AOIs drawn later apply to old recordings (`aoi_metrics`).

The file format (UTF-8 JSON, read within size and depth limits: it may come from anyone):

    {"version": 1,
     "aois": [
       {"name": "logo", "stimulus": "screen", "rect": [x, y, width, height]},
       {"name": "price", "stimulus": "ad.png", "polygon": [[x, y], [x, y], [x, y], ...]}
     ]}

`stimulus` defaults to "screen". Names are unique per stimulus. Coordinates are finite numbers; a rectangle
has a positive width and height, a polygon 3 to 1000 points and a non-zero area.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TYPE_CHECKING

import numpy as np

from alyesdesk.inference import safejson

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

SCREEN = "screen"  # the stimulus name of "the tracked screen itself"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_AOIS = 1000
MAX_POLYGON_POINTS = 1000
MAX_COORD = 1e7


class AOIError(ValueError):
    """An AOI or an AOI file is not valid; the message says which and why."""


@dataclass(frozen=True)
class AOI:
    """One area of interest. Exactly one of `rect` (x, y, w, h) or `polygon` ((x, y), ...) is set."""

    name: str
    stimulus: str = SCREEN
    rect: tuple[float, float, float, float] | None = None
    polygon: tuple[tuple[float, float], ...] | None = None
    _poly: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        name = self.name.strip() if isinstance(self.name, str) else ""
        if not name:
            raise AOIError("an AOI needs a non-empty name")
        object.__setattr__(self, "name", name)
        stimulus = self.stimulus.strip() if isinstance(self.stimulus, str) else ""
        if not stimulus:
            raise AOIError(f"AOI {name!r}: the stimulus must be a non-empty name (or {SCREEN!r})")
        object.__setattr__(self, "stimulus", stimulus)
        if (self.rect is None) == (self.polygon is None):
            raise AOIError(f"AOI {name!r}: give exactly one of 'rect' or 'polygon'")
        if self.rect is not None:
            rect = _numbers(self.rect, 4, f"AOI {name!r} rect")
            if rect[2] <= 0 or rect[3] <= 0:
                raise AOIError(f"AOI {name!r}: the rectangle's width and height must be > 0, got {rect[2]:g}x{rect[3]:g}")
            object.__setattr__(self, "rect", tuple(rect))
            x, y, w, h = rect
            poly = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)
        else:
            points = self.polygon
            if not isinstance(points, (list, tuple)) or not 3 <= len(points) <= MAX_POLYGON_POINTS:
                raise AOIError(f"AOI {name!r}: a polygon needs 3 to {MAX_POLYGON_POINTS} points")
            pts = tuple(tuple(_numbers(p, 2, f"AOI {name!r} polygon point")) for p in points)
            poly = np.array(pts, np.float64)
            if abs(_area(poly)) <= 0.0:
                raise AOIError(f"AOI {name!r}: the polygon has no area (its points are on one line)")
            object.__setattr__(self, "polygon", pts)
        object.__setattr__(self, "_poly", poly)

    @property
    def kind(self) -> str:
        return "rect" if self.rect is not None else "polygon"

    @property
    def vertices(self) -> np.ndarray:
        """The outline as an (N, 2) array (a rectangle's four corners, clockwise from top-left)."""
        return self._poly.copy()

    @property
    def area(self) -> float:
        return abs(_area(self._poly))

    def bounds(self) -> tuple[float, float, float, float]:
        lo, hi = self._poly.min(axis=0), self._poly.max(axis=0)
        return float(lo[0]), float(lo[1]), float(hi[0] - lo[0]), float(hi[1] - lo[1])

    def contains(self, x: float, y: float) -> bool:
        return bool(self.contains_many(np.array([[x, y]], np.float64))[0])

    def contains_many(self, points: np.ndarray) -> np.ndarray:
        """Boolean mask of the (N, 2) points inside. Rectangles are half-open: [x, x + w) x [y, y + h),
        so an edge shared by two adjacent AOIs belongs to one of them only. Polygons use even-odd rule.
        """
        pts = np.asarray(points, np.float64).reshape(-1, 2)
        px, py = pts[:, 0], pts[:, 1]
        finite = np.isfinite(px) & np.isfinite(py)
        if self.rect is not None:
            x, y, w, h = self.rect
            return finite & (px >= x) & (px < x + w) & (py >= y) & (py < y + h)
        inside = np.zeros(len(pts), bool)
        poly = self._poly
        for (x1, y1), (x2, y2) in zip(poly, np.roll(poly, -1, axis=0), strict=True):
            crosses = (y1 > py) != (y2 > py)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_at = (x2 - x1) * (py - y1) / (y2 - y1) + x1
            inside ^= crosses & (px < x_at)
        return inside & finite

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"name": self.name, "stimulus": self.stimulus}
        if self.rect is not None:
            out["rect"] = [float(v) for v in self.rect]
        else:
            out["polygon"] = [[float(x), float(y)] for x, y in self.polygon or ()]
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "AOI") -> AOI:
        if not isinstance(data, dict):
            raise AOIError(f"{where}: expected an object with name, stimulus and rect or polygon")
        unknown = set(data) - {"name", "stimulus", "rect", "polygon"}
        if unknown:
            raise AOIError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        name = data.get("name")
        if not isinstance(name, str):
            raise AOIError(f"{where}: 'name' must be text")
        stimulus = data.get("stimulus", SCREEN)
        if not isinstance(stimulus, str):
            raise AOIError(f"{where} ({name!r}): 'stimulus' must be text")
        return cls(name=name, stimulus=stimulus, rect=data.get("rect"), polygon=data.get("polygon"))


def _numbers(values: Any, count: int, what: str) -> list[float]:
    if not isinstance(values, (list, tuple)) or len(values) != count:
        raise AOIError(f"{what}: expected {count} numbers")
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise AOIError(f"{what}: {v!r} is not a number")
        f = float(v)
        if not math.isfinite(f) or abs(f) > MAX_COORD:
            raise AOIError(f"{what}: {v!r} is not a finite coordinate within ±{MAX_COORD:g}")
        out.append(f)
    return out


def _area(poly: np.ndarray) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def check_unique(aois: Iterable[AOI]) -> list[AOI]:
    """The AOIs as a list; AOIError when two share a name on one stimulus or there are over MAX_AOIS."""
    out, seen = [], set()
    for a in aois:
        key = (a.stimulus, a.name)
        if key in seen:
            raise AOIError(f"two AOIs are named {a.name!r} on stimulus {a.stimulus!r}: names must be unique per stimulus")
        seen.add(key)
        out.append(a)
    if len(out) > MAX_AOIS:
        raise AOIError(f"{len(out)} AOIs: at most {MAX_AOIS} are allowed")
    return out


def aois_from_json(data: Any, source: str = "AOI file") -> list[AOI]:
    """The AOIs of a parsed AOI document (or a bare list of AOIs); AOIError naming `source` and the AOI.

    A missing "version" is read as version 1; any other version is refused rather than half-understood.
    """
    if isinstance(data, list):  # a bare list of AOIs is accepted too
        data = {"version": FORMAT_VERSION, "aois": data}
    if not isinstance(data, dict):
        raise AOIError(f"{source}: expected an object with 'version' and 'aois'")
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise AOIError(f"{source}: version {version!r} is not supported (this AlyesDesk reads version {FORMAT_VERSION})")
    items = data.get("aois")
    if not isinstance(items, list):
        raise AOIError(f"{source}: 'aois' must be a list")
    if len(items) > MAX_AOIS:
        raise AOIError(f"{source}: {len(items)} AOIs, at most {MAX_AOIS} are allowed")
    return check_unique(AOI.from_dict(item, f"{source}, AOI {i + 1}") for i, item in enumerate(items))


def load_aois(path: str | Path) -> list[AOI]:
    """The AOIs of a JSON file; AOIError (with the file's name) when it is missing or not valid."""
    shown = safejson.display_path(Path(path))
    try:
        text = safejson.read_text(path, MAX_FILE_BYTES)
        data = safejson.loads(text)
    except OSError as exc:
        raise AOIError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    except (safejson.UntrustedJsonError, ValueError) as exc:
        raise AOIError(f"{shown}: not a valid AOI file: {exc}") from None
    return aois_from_json(data, shown)


def aois_to_json(aois: Sequence[AOI]) -> dict:
    """The AOI file's JSON object for `aois`; AOIError when names are not unique per stimulus."""
    return {"version": FORMAT_VERSION, "aois": [a.to_dict() for a in check_unique(aois)]}


def save_aois(path: str | Path, aois: Sequence[AOI]) -> Path:
    """Write the AOIs atomically (temporary file, then rename)."""
    path = Path(path)
    text = json.dumps(aois_to_json(aois), indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


@dataclass(frozen=True)
class Placement:
    """Where a stimulus of `width` x `height` px was shown on the screen: the rectangle (x, y, w, h) in
    screen px. Maps screen points to stimulus points; "screen" is the identity over the whole screen.
    """

    width: float
    height: float
    rect: tuple[float, float, float, float]

    @classmethod
    def identity(cls, width: float, height: float) -> Placement:
        return cls(float(width), float(height), (0.0, 0.0, float(width), float(height)))

    @classmethod
    def fit(cls, width: float, height: float, screen_w: float, screen_h: float) -> Placement:
        """The stimulus scaled to fit the screen, centred, aspect ratio kept (fullscreen presentation)."""
        scale = min(screen_w / width, screen_h / height)
        w, h = width * scale, height * scale
        return cls(float(width), float(height), ((screen_w - w) / 2.0, (screen_h - h) / 2.0, w, h))

    def to_stimulus(self, xy: np.ndarray) -> np.ndarray:
        x, y, w, h = self.rect
        pts = np.asarray(xy, np.float64).reshape(-1, 2)
        return np.column_stack([(pts[:, 0] - x) * self.width / w, (pts[:, 1] - y) * self.height / h])

    def to_dict(self) -> dict:
        return {"width": self.width, "height": self.height, "rect": list(self.rect)}

    @classmethod
    def from_dict(cls, data: dict) -> Placement:
        rect = _numbers(data.get("rect"), 4, "stimulus placement rect")
        width, height = float(data["width"]), float(data["height"])
        if not (width > 0 and height > 0 and rect[2] > 0 and rect[3] > 0):
            raise AOIError("stimulus placement: sizes must be > 0")
        return cls(width, height, (rect[0], rect[1], rect[2], rect[3]))
