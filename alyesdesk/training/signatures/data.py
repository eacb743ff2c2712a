"""Tobacco800 pages for the signature detector: a one-time cache, erased (unsigned) twins, signature-crop
compositing, synthetic pages and numpy/OpenCV augmentation.

Torch-free on purpose: evaluation, the benchmark and the tests read the same pages without torch.

Geometry: the source pages are already stretched to 1000x1000 squares, so every page (and, at run time,
every user page) is *stretched* to the square model input; boxes are kept normalised to [0, 1].
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

SPLITS = ("train", "val", "test")
CACHE_SIDE = 512  # pages are cached at this side; augmentation then warps down to the model input


def default_data_root() -> Path:
    return Path(__file__).resolve().parents[4] / "shared" / "data" / "signatures"


def read_yolo(path: Path) -> np.ndarray:
    """YOLO `0 xc yc w h` lines -> (N, 4) normalised x1y1x2y2."""
    rows = []
    if path.is_file():
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) != 5:
                continue
            xc, yc, w, h = map(float, parts[1:])
            rows.append([xc - w / 2, yc - h / 2, xc + w / 2, yc + h / 2])
    return np.clip(np.asarray(rows, np.float32).reshape(-1, 4), 0.0, 1.0)


def split_files(root: Path, split: str) -> list[tuple[Path, Path]]:
    images = sorted((root / "tobacco800" / split / "images").glob("*.jpg"), key=lambda p: (len(p.stem), p.stem))
    return [(p, root / "tobacco800" / split / "labels" / f"{p.stem}.txt") for p in images]


def paper_colour(grey: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The page's local paper tone around a box: a high percentile of a ring around it (ink is dark)."""
    h, w = grey.shape
    x1, y1, x2, y2 = box
    pad = max(4, (y2 - y1) // 2)
    ring = grey[max(0, y1 - pad) : min(h, y2 + pad), max(0, x1 - pad) : min(w, x2 + pad)]
    return int(np.percentile(ring, 80)) if ring.size else 255


def erase_boxes(grey: np.ndarray, boxes_norm: np.ndarray, margin: float = 0.08, seed: int = 0) -> np.ndarray:
    """An unsigned twin: each signature box (grown by `margin`) filled with its local paper colour + noise."""
    out = grey.copy()
    h, w = grey.shape
    rng = np.random.default_rng(seed)
    for x1, y1, x2, y2 in boxes_norm:
        mx, my = (x2 - x1) * margin, (y2 - y1) * margin
        bx1, by1 = int(max(0, (x1 - mx) * w)), int(max(0, (y1 - my) * h))
        bx2, by2 = int(min(w, np.ceil((x2 + mx) * w))), int(min(h, np.ceil((y2 + my) * h)))
        if bx2 <= bx1 or by2 <= by1:
            continue
        tone = paper_colour(grey, (bx1, by1, bx2, by2))
        noise = rng.normal(0, 2.0, (by2 - by1, bx2 - bx1))
        out[by1:by2, bx1:bx2] = np.clip(tone + noise, 0, 255).astype(np.uint8)
    return out


@dataclass
class SplitCache:
    pages: np.ndarray  # (N, S, S) uint8, stretched pages
    erased: np.ndarray  # (N, S, S) uint8, same pages with signatures erased
    boxes: list[np.ndarray]  # per page (K, 4) normalised
    names: list[str]


def build_cache(root: Path, cache_dir: Path, split: str, side: int = CACHE_SIDE, limit: int | None = None) -> SplitCache:
    """Load (or build once) a split at `side` x `side`; the cache is an .npz under `cache_dir`."""
    suffix = f"_n{limit}" if limit else ""
    path = cache_dir / f"signatures_{split}_{side}{suffix}.npz"
    if path.is_file():
        data = np.load(path, allow_pickle=False)
        counts = data["counts"]
        flat = data["boxes"]
        boxes, start = [], 0
        for c in counts:
            boxes.append(flat[start : start + c])
            start += c
        return SplitCache(data["pages"], data["erased"], boxes, [str(n) for n in data["names"]])
    files = split_files(root, split)
    if limit:
        files = files[:limit]
    if not files:
        raise FileNotFoundError(f"no pages under {root / 'tobacco800' / split / 'images'}")
    pages, erased, boxes, names = [], [], [], []
    for i, (img_path, lbl_path) in enumerate(files):
        grey = cv2.imread(str(img_path), cv2.IMREAD_GRAYSCALE)
        if grey is None:
            continue
        b = read_yolo(lbl_path)
        # Erase at full resolution so the fill follows the real paper texture, then shrink.
        blank = erase_boxes(grey, b, seed=i)
        pages.append(cv2.resize(grey, (side, side), interpolation=cv2.INTER_AREA))
        erased.append(cv2.resize(blank, (side, side), interpolation=cv2.INTER_AREA))
        boxes.append(b)
        names.append(img_path.name)
    cache_dir.mkdir(parents=True, exist_ok=True)
    counts = np.asarray([len(b) for b in boxes], np.int32)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, pages=np.stack(pages), erased=np.stack(erased), boxes=np.concatenate(boxes).reshape(-1, 4),
             counts=counts, names=np.asarray(names))
    tmp.replace(path)
    return SplitCache(np.stack(pages), np.stack(erased), boxes, names)


def load_crops(root: Path, cache_dir: Path, limit: int | None = None) -> list[np.ndarray]:
    """Signature crops trimmed to their ink (ink = 255 in the returned masks), cached once."""
    path = cache_dir / f"signature_crops{'_n' + str(limit) if limit else ''}.npz"
    if path.is_file():
        data = np.load(path)
        flat, shapes = data["flat"], data["shapes"]
        out, start = [], 0
        for h, w in shapes:
            out.append(flat[start : start + h * w].reshape(h, w))
            start += h * w
        return out
    files = sorted((root / "crops").glob("*/*.png"))
    if limit:
        files = files[:limit]
    crops = []
    for f in files:
        img = cv2.imread(str(f), cv2.IMREAD_GRAYSCALE)
        if img is None:
            continue
        ink = (img < 128).astype(np.uint8) * 255
        ys, xs = np.nonzero(ink)
        if len(xs) < 30:
            continue
        crop = ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
        if crop.shape[0] < 8 or crop.shape[1] < 8:
            continue
        crops.append(crop)
    cache_dir.mkdir(parents=True, exist_ok=True)
    shapes = np.asarray([c.shape for c in crops], np.int32)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, flat=np.concatenate([c.ravel() for c in crops]), shapes=shapes)
    tmp.replace(path)
    return crops


# --- synthesis ---------------------------------------------------------------------------------

_WORDS = "the of and to in agreement contract date signed by company customer total amount page account " \
         "service terms name address phone invoice number please return copy dear sincerely regards".split()


def synthetic_page(rng: random.Random, side: int) -> np.ndarray:
    """A plain printed-looking page: paper tone, lines of Hershey-font words, a few rules and boxes."""
    tone = rng.randint(215, 255)
    page = np.full((side, side), tone, np.uint8)
    y = rng.randint(10, 40)
    scale = side / 1000
    while y < side - 10:
        font_scale = rng.uniform(0.35, 0.8) * scale * 1.4
        x = rng.randint(10, 60)
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 12)))
        ink = rng.randint(0, 80)
        cv2.putText(page, words, (x, y), rng.choice([0, 0, 1, 2, 2, 3, 4, 6]), font_scale, ink, max(1, int(2 * scale)), cv2.LINE_AA)
        if rng.random() < 0.05:
            cv2.line(page, (x, y + 5), (side - rng.randint(10, 200), y + 5), ink, 1)
        y += int(rng.uniform(14, 40) * scale * 1.4)
    return page


def composite(page: np.ndarray, crops: list[np.ndarray], rng: random.Random, count: int,
              avoid: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Darken-blend `count` random signature crops onto `page`; returns the page and normalised boxes."""
    out = page.copy()
    side_h, side_w = out.shape
    boxes: list[list[float]] = []
    taken = [list(b) for b in (avoid if avoid is not None else [])]
    for _ in range(count):
        crop = crops[rng.randrange(len(crops))]
        ch, cw = crop.shape
        # Widths like Tobacco800 signatures (page-stretched): 10%..42% of the page width.
        bw = rng.uniform(0.10, 0.42)
        aspect = (cw / ch) * rng.uniform(0.8, 1.8)  # stretched pages make signatures look wider
        bh = min(0.16, max(0.025, bw / max(aspect, 0.5) * (side_w / side_h)))
        for _try in range(10):
            x1 = rng.uniform(0.02, 0.98 - bw)
            y1 = rng.uniform(0.3, 0.97 - bh) if rng.random() < 0.8 else rng.uniform(0.02, 0.97 - bh)
            cand = [x1, y1, x1 + bw, y1 + bh]
            if all(_overlap(cand, t) < 0.05 for t in taken):
                break
        else:
            continue
        pw, ph = max(2, int(bw * side_w)), max(2, int(bh * side_h))
        mask = cv2.resize(crop, (pw, ph), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
        if rng.random() < 0.5:
            mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
        ink = rng.randint(0, 90)
        px, py = int(x1 * side_w), int(y1 * side_h)
        region = out[py : py + ph, px : px + pw].astype(np.float32)
        mask = mask[: region.shape[0], : region.shape[1]]
        out[py : py + ph, px : px + pw] = (region * (1 - mask) + ink * mask).astype(np.uint8)
        ys, xs = np.nonzero(mask > 0.3)
        if len(xs) == 0:
            continue
        box = [(px + xs.min()) / side_w, (py + ys.min()) / side_h, (px + xs.max() + 1) / side_w, (py + ys.max() + 1) / side_h]
        boxes.append(box)
        taken.append(box)
    return out, np.asarray(boxes, np.float32).reshape(-1, 4)


def _overlap(a: list[float], b: list[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return inter / area if area > 0 else 0.0


# --- augmentation ------------------------------------------------------------------------------

def augment(page: np.ndarray, boxes: np.ndarray, size: int, rng: random.Random, strong: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Random affine (zoom, aspect, shift, small rotation) to `size` square + photometric noise.

    Boxes are normalised in and out; boxes pushed mostly off the output are dropped.
    """
    src = page.shape[0]
    s = size / src
    if strong:
        zoom = rng.uniform(0.8, 1.3)
        aspect = rng.uniform(0.85, 1.15)
        angle = rng.uniform(-3, 3) if rng.random() < 0.5 else 0.0
        sx, sy = s * zoom * aspect, s * zoom / aspect
        tx = rng.uniform(min(0, size - src * sx), max(0, size - src * sx))
        ty = rng.uniform(min(0, size - src * sy), max(0, size - src * sy))
    else:
        angle, sx, sy, tx, ty = 0.0, s, s, 0.0, 0.0
    centre = size / 2
    # Rotation about the output centre: rotate the shifted image around `centre`.
    if angle:
        rot = cv2.getRotationMatrix2D((centre, centre), -angle, 1.0)
        base = np.array([[sx, 0, tx], [0, sy, ty], [0, 0, 1]], np.float64)
        matrix = (np.vstack([rot, [0, 0, 1]]) @ base)[:2].astype(np.float32)
    else:
        matrix = np.array([[sx, 0, tx], [0, sy, ty]], np.float32)
    paper = int(np.percentile(page[:: 8, :: 8], 90))
    out = cv2.warpAffine(page, matrix, (size, size), flags=cv2.INTER_AREA if sx < 1 else cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=paper)
    new_boxes = []
    for x1, y1, x2, y2 in boxes * src:
        pts = np.array([[x1, y1, 1], [x2, y1, 1], [x1, y2, 1], [x2, y2, 1]], np.float32) @ matrix.T
        bx1, by1 = pts[:, 0].min(), pts[:, 1].min()
        bx2, by2 = pts[:, 0].max(), pts[:, 1].max()
        area = (bx2 - bx1) * (by2 - by1)
        cx1, cy1, cx2, cy2 = max(bx1, 0), max(by1, 0), min(bx2, size), min(by2, size)
        if cx2 <= cx1 or cy2 <= cy1 or (cx2 - cx1) * (cy2 - cy1) < 0.6 * area:
            continue
        new_boxes.append([cx1 / size, cy1 / size, cx2 / size, cy2 / size])
    out = photometric(out, rng) if strong else out
    return out, np.asarray(new_boxes, np.float32).reshape(-1, 4)


def photometric(img: np.ndarray, rng: random.Random) -> np.ndarray:
    """Contrast, brightness, gamma, blur, noise and sometimes 1-bit binarisation (fax/TIFF scans)."""
    x = img.astype(np.float32)
    if rng.random() < 0.15:
        # 1-bit scans: hard threshold (what a 1-bit TIFF looks like after decoding)
        return np.where(x < rng.uniform(110, 170), 0, 255).astype(np.uint8)
    if rng.random() < 0.7:
        lo, hi = rng.uniform(0, 50), rng.uniform(200, 255)
        x = lo + x * (hi - lo) / 255.0
    if rng.random() < 0.3:
        g = rng.uniform(0.7, 1.4)
        x = 255.0 * (np.clip(x, 0, 255) / 255.0) ** g
    if rng.random() < 0.2:
        x = cv2.GaussianBlur(x, (3, 3), rng.uniform(0.3, 1.0))
    if rng.random() < 0.3:
        x = x + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2, 10), x.shape)
    return np.clip(x, 0, 255).astype(np.uint8)


class TrainSampler:
    """Draws one training example per call: real, erased+composited, erased-blank or synthetic."""

    def __init__(self, cache: SplitCache, crops: list[np.ndarray], size: int, seed: int = 0) -> None:
        self.cache = cache
        self.crops = crops
        self.size = size
        self.rng = random.Random(seed)

    def sample(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        rng = self.rng
        r = rng.random()
        page = self.cache.pages[index]
        boxes = self.cache.boxes[index]
        if r < 0.55:
            pass  # the real signed page
        elif r < 0.75:
            page, boxes = composite(self.cache.erased[index], self.crops, rng, rng.choice([1, 1, 1, 2, 2, 3]))
        elif r < 0.90:
            page, boxes = self.cache.erased[index], np.zeros((0, 4), np.float32)  # unsigned twin
        else:
            page = synthetic_page(rng, page.shape[0])
            n = rng.choice([0, 1, 1, 2])
            page, boxes = composite(page, self.crops, rng, n) if n else (page, np.zeros((0, 4), np.float32))
        return augment(page, boxes, self.size, rng)
