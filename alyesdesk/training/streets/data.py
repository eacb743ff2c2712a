"""CamVid for the street segmenter: the 12 -> 8 category mapping, a one-time cache, and numpy/OpenCV augmentation.

Torch-free on purpose: the evaluation script and the tests read the same cache and mapping without torch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

# Category order is the model's output order; void is last so "the 7 non-void categories" are 0..6.
CATEGORIES = ("flat", "human", "vehicle", "construction", "object", "nature", "sky", "void")
VOID = CATEGORIES.index("void")
# Cityscapes category colours (flat=road purple, human=person red, vehicle=car blue, ...); void black.
COLOURS = ("#804080", "#dc143c", "#00008e", "#464646", "#dcdc00", "#6b8e23", "#4682b4", "#000000")

_LINE = re.compile(r"^\s*(\d+)\s+\S+\s*->\s*([a-z]+)")


def read_class_map(path: str | Path) -> np.ndarray:
    """A 256-entry lookup table from CamVid label id to category index, parsed from CLASS_MAP_8.txt.

    Ids the file does not mention map to void so a stray value can never become a real category.
    """
    table = np.full(256, VOID, dtype=np.uint8)
    seen = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        camvid_id, category = int(match.group(1)), match.group(2)
        if category not in CATEGORIES:
            raise ValueError(f"{path}: unknown category '{category}' for id {camvid_id}")
        table[camvid_id] = CATEGORIES.index(category)
        seen += 1
    if seen == 0:
        raise ValueError(f"{path}: no 'id name -> category' lines found")
    return table


@dataclass
class Split:
    images: np.ndarray  # N x H x W x 3 uint8 BGR
    masks: np.ndarray  # N x H x W uint8 category indices
    names: list[str]


def _read_pairs(root: Path, split: str, label_dir: str, table: np.ndarray, limit: int | None) -> Split:
    """`split/images/*.jpg` with `split/<label_dir>/<stem>.png`, labels mapped through `table`."""
    image_paths = sorted((root / split / "images").glob("*.jpg"))
    if limit:
        image_paths = image_paths[:limit]
    if not image_paths:
        raise FileNotFoundError(f"no images in {root / split / 'images'}")
    images, masks, names = [], [], []
    for path in image_paths:
        label_path = root / split / label_dir / (path.stem + ".png")
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        label = cv2.imread(str(label_path), cv2.IMREAD_UNCHANGED)
        if image is None or label is None:
            raise FileNotFoundError(f"cannot read {path} or its labels {label_path}")
        if label.ndim == 3:
            label = label[:, :, 0]
        if label.shape != image.shape[:2]:
            raise ValueError(f"{path.name}: labels {label.shape} differ from the image {image.shape[:2]}")
        images.append(image)
        masks.append(table[label])
        names.append(path.stem)
    return Split(np.stack(images), np.stack(masks), names)


def load_split(root: str | Path, split: str, limit: int | None = None) -> Split:
    """Read one CamVid split (images/*.jpg + masks/*.png) mapped to the 8 categories."""
    root = Path(root)
    return _read_pairs(root, split, "masks", read_class_map(root / "CLASS_MAP_8.txt"), limit)


def cached_split(root: str | Path, split: str, cache_dir: str | Path, limit: int | None = None) -> Split:
    """`load_split` through an .npz cache so decoding and mapping happen once."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    suffix = f"_{limit}" if limit else ""
    cache = cache_dir / f"camvid8_{split}{suffix}.npz"
    if cache.is_file():
        data = np.load(cache)
        return Split(data["images"], data["masks"], list(data["names"]))
    data = load_split(root, split, limit)
    tmp = cache.with_suffix(".tmp.npz")
    np.savez(tmp, images=data.images, masks=data.masks, names=np.array(data.names))
    tmp.replace(cache)
    return data


# --- augmentation --------------------------------------------------------------------------------


def augment(
    image: np.ndarray,
    mask: np.ndarray,
    out_hw: tuple[int, int],
    rng: np.random.Generator,
    scale_range: tuple[float, float],
    fill: int = VOID,
    focus: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Random scale, crop (padding with `fill`: VOID, or 0 for allowed-set bitmasks), flip and colour jitter.

    `scale_range` is relative to the scale that maps the full image onto `out_hw`, so 1.0 reproduces
    inference geometry and >1 zooms in (crops part of the scene), which helps small classes. With `focus`
    (a mask value), the window is placed around a random pixel of that value instead of anywhere, so a
    rare class is in most crops (`focus.focused_augment`).
    """
    out_h, out_w = out_hw
    src_h, src_w = mask.shape
    if focus is not None:
        ys, xs = np.nonzero(mask == focus)
        if ys.size == 0:  # nothing to centre on: a crop about the middle
            ys, xs = np.array([src_h // 2]), np.array([src_w // 2])
        k = int(rng.integers(0, ys.size))
    base = min(out_h / src_h, out_w / src_w)
    scale = base * rng.uniform(*scale_range)
    new_w, new_h = max(1, round(src_w * scale)), max(1, round(src_h * scale))
    image = cv2.resize(image, (new_w, new_h), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    mask = cv2.resize(mask, (new_w, new_h), interpolation=cv2.INTER_NEAREST)
    pad_h, pad_w = max(0, out_h - new_h), max(0, out_w - new_w)
    if pad_h or pad_w:
        image = cv2.copyMakeBorder(image, 0, pad_h, 0, pad_w, cv2.BORDER_CONSTANT, value=(0, 0, 0))
        mask = cv2.copyMakeBorder(mask, 0, pad_h, 0, pad_w, cv2.BORDER_CONSTANT, value=fill)
    if focus is None:
        y0 = int(rng.integers(0, image.shape[0] - out_h + 1))
        x0 = int(rng.integers(0, image.shape[1] - out_w + 1))
    else:
        cy, cx = int(ys[k] * scale), int(xs[k] * scale)
        # the pixel lands anywhere in the middle 80% of the window, not always dead centre
        y0 = int(np.clip(cy - int(rng.uniform(0.1, 0.9) * out_h), 0, image.shape[0] - out_h))
        x0 = int(np.clip(cx - int(rng.uniform(0.1, 0.9) * out_w), 0, image.shape[1] - out_w))
    image = image[y0 : y0 + out_h, x0 : x0 + out_w]
    mask = mask[y0 : y0 + out_h, x0 : x0 + out_w]
    if rng.random() < 0.5:
        image, mask = image[:, ::-1], mask[:, ::-1]
    return colour_jitter(np.ascontiguousarray(image), rng), np.ascontiguousarray(mask)


def colour_jitter(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Brightness, contrast, saturation and a small hue shift, as real street footage varies."""
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV).astype(np.float32)
    hsv[:, :, 0] = (hsv[:, :, 0] + rng.uniform(-6, 6)) % 180
    hsv[:, :, 1] *= rng.uniform(0.7, 1.3)
    out = cv2.cvtColor(np.clip(hsv, 0, 255).astype(np.uint8), cv2.COLOR_HSV2BGR).astype(np.float32)
    contrast = rng.uniform(0.75, 1.25)
    brightness = rng.uniform(-25, 25)
    out = (out - out.mean()) * contrast + out.mean() + brightness
    if rng.random() < 0.15:
        out = cv2.GaussianBlur(out, (3, 3), 0)
    return np.clip(out, 0, 255).astype(np.uint8)


# --- metrics -------------------------------------------------------------------------------------


def confusion(pred: np.ndarray, truth: np.ndarray, n: int = len(CATEGORIES)) -> np.ndarray:
    """N x n confusion counts (rows truth, columns prediction)."""
    index = truth.astype(np.int64).ravel() * n + pred.astype(np.int64).ravel()
    return np.bincount(index, minlength=n * n).reshape(n, n)


def iou_from_confusion(matrix: np.ndarray) -> dict[str, float]:
    """Per-category IoU over the non-void categories; void pixels in the truth are ignored.

    A prediction of void on a real pixel counts as a miss for that pixel's category.
    """
    cats = [c for c in CATEGORIES if c != "void"]
    m = matrix.astype(np.float64)
    m = np.delete(m, VOID, axis=0)  # ignore void truth pixels
    out = {}
    for i, name in enumerate(cats):
        tp = m[i, i]
        fn = m[i].sum() - tp
        fp = m[:, i].sum() - tp
        denom = tp + fn + fp
        out[name] = float(tp / denom) if denom > 0 else float("nan")
    return out


def mean_iou(per_category: dict[str, float]) -> float:
    values = [v for v in per_category.values() if np.isfinite(v)]
    return float(np.mean(values)) if values else float("nan")


# --- partial labels: IDD Lite and the scoring shared with CamVid -------------------------------------

# IDD Lite level-1 id -> the categories that pixel may be (a bit per category; 0 = ignored). Ids 4 and 5
# mix categories (/work/shared/data/README.md): "roadside objects" are curbs, walls, fences, guard rails
# (construction) or poles, signs, lights (object); "far objects" are buildings, bridges (construction) or
# vegetation (nature). Such pixels are never forced into one category.
IDD_LITE_ALLOWED = {
    0: ("flat",),  # drivable
    1: ("flat",),  # non-drivable
    2: ("human",),  # living things (animals too)
    3: ("vehicle",),
    4: ("construction", "object"),  # roadside objects
    5: ("construction", "nature"),  # far objects
    6: ("sky",),
}  # 255 and anything else: void, ignored


def allowed_bits(*names: str) -> int:
    """The allowed-set bitmask of `names` (bit k = CATEGORIES[k])."""
    bits = 0
    for name in names:
        bits |= 1 << CATEGORIES.index(name)
    return bits


def idd_lite_table() -> np.ndarray:
    """256-entry lookup: IDD Lite level-1 id -> allowed-set bitmask (0 for void / unknown ids)."""
    table = np.zeros(256, np.uint8)
    for level1, names in IDD_LITE_ALLOWED.items():
        table[level1] = allowed_bits(*names)
    return table


def allowed_from_categories(masks: np.ndarray) -> np.ndarray:
    """Single-category masks (CamVid after the 8-category mapping) as allowed-set bitmasks; void -> 0."""
    table = np.array([0 if i == VOID else 1 << i for i in range(len(CATEGORIES))] + [0] * (256 - len(CATEGORIES)),
                     np.uint8)
    return table[masks]


def load_idd_lite(root: str | Path, split: str, limit: int | None = None) -> Split:
    """Read one IDD Lite split (images/*.jpg + labels/*.png); `masks` are allowed-set BITMASKS, not indices."""
    return _read_pairs(Path(root), split, "labels", idd_lite_table(), limit)


def partial_confusion(pred: np.ndarray, allowed: np.ndarray, n: int = len(CATEGORIES)) -> np.ndarray:
    """Confusion counts (rows truth, columns prediction, float) under partial labels.

    The scoring, exactly:

    - `allowed` holds one bitmask per pixel: bit k set means category k is a correct answer there. A pixel
      with no bit set (void, unknown id) is ignored.
    - If the prediction p is in the pixel's allowed set, the pixel counts as a true positive of p:
      `M[p, p] += 1` (the label resolves to the category predicted).
    - Otherwise the pixel is a miss: it is a false positive of p, and its one unit of truth is shared
      equally among its allowed categories: `M[a, p] += 1 / |allowed|` for each allowed a (so a pixel that
      may be construction or object, predicted sky, adds 0.5 to M[construction, sky] and 0.5 to
      M[object, sky]).

    With single-category labels (every set has one member) this is the ordinary confusion matrix, so
    CamVid scores the same as before; IoU is then `iou_from_confusion(M)` as usual (TP / (TP + FN + FP)).
    """
    pred = pred.astype(np.int64).ravel()
    bits = allowed.astype(np.int64).ravel()
    keep = bits != 0
    pred, bits = pred[keep], bits[keep]
    matrix = np.zeros((n, n), np.float64)
    hit = ((bits >> pred) & 1).astype(bool)
    matrix[np.arange(n), np.arange(n)] += np.bincount(pred[hit], minlength=n)[:n]
    pred_miss, bits_miss = pred[~hit], bits[~hit]
    if pred_miss.size:
        members = np.stack([(bits_miss >> k) & 1 for k in range(n)])  # n x misses
        share = 1.0 / members.sum(0)
        for k in range(n):
            sel = members[k].astype(bool)
            if sel.any():
                matrix[k] += np.bincount(pred_miss[sel], weights=share[sel], minlength=n)[:n]
    return matrix
