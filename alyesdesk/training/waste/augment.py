"""Real-world augmentation for the waste classifier (numpy / OpenCV only): synthetic surfaces to paste items
on, photometric changes a phone camera makes (colour temperature, exposure, shadows, blur, noise, JPEG),
random resized crops and cutout; and synthetic non-waste images (screens, landscapes, walls) that are only
ever used to *test* the "not waste" flag.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

TEXTURES = ("wood", "tiles", "kraft", "table", "noise", "fabric_free_cloth")


def _smooth_noise(rng: np.random.Generator, size: int, scale: int) -> np.ndarray:
    small = rng.random((max(2, size // scale), max(2, size // scale))).astype(np.float32)
    return cv2.resize(small, (size, size), interpolation=cv2.INTER_CUBIC)


def texture(kind: str, size: int, rng: np.random.Generator) -> np.ndarray:
    """A uint8 RGB surface: wood grain, floor tiles, kraft paper, a plain table colour or coloured noise."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    if kind == "wood":
        base = np.array([rng.uniform(120, 200), rng.uniform(80, 140), rng.uniform(40, 90)], np.float32)
        warp = _smooth_noise(rng, size, 8) * rng.uniform(4, 12)
        freq = rng.uniform(0.15, 0.5)
        grain = 0.5 + 0.5 * np.sin((yy + warp * 3) * freq + _smooth_noise(rng, size, 24) * 4)
        img = base[None, None] * (0.75 + 0.3 * grain[..., None])
        if rng.random() < 0.5:
            img = img.transpose(1, 0, 2)
    elif kind == "tiles":
        colour = rng.uniform(90, 235, 3).astype(np.float32)
        tile = int(rng.integers(12, 40))
        grout = ((yy % tile) < 2) | ((xx % tile) < 2)
        img = np.broadcast_to(colour, (size, size, 3)).copy()
        img += (_smooth_noise(rng, size, 6)[..., None] - 0.5) * 20
        img[grout] = colour * rng.uniform(0.5, 0.8)
    elif kind == "kraft":
        base = np.array([rng.uniform(150, 200), rng.uniform(110, 150), rng.uniform(70, 105)], np.float32)
        fibres = cv2.GaussianBlur(rng.normal(0, 1, (size, size)).astype(np.float32), (0, 0), 0.7) * 8
        stains = (_smooth_noise(rng, size, 10) > rng.uniform(0.6, 0.8)).astype(np.float32)
        img = base[None, None] + fibres[..., None] - stains[..., None] * rng.uniform(10, 40)
    elif kind == "table":
        colour = rng.uniform(30, 240, 3).astype(np.float32)
        img = np.broadcast_to(colour, (size, size, 3)) + (_smooth_noise(rng, size, 4)[..., None] - 0.5) * 25
    elif kind == "fabric_free_cloth":  # a mottled mat (not woven: no textile pattern)
        colour = rng.uniform(40, 220, 3).astype(np.float32)
        img = colour[None, None] * (0.8 + 0.4 * _smooth_noise(rng, size, 3)[..., None])
    else:  # noise
        img = rng.uniform(0, 255, (max(2, size // 8), max(2, size // 8), 3)).astype(np.float32)
        img = cv2.resize(img, (size, size), interpolation=cv2.INTER_LINEAR)
        img += rng.normal(0, 12, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def random_resized_crop(img: np.ndarray, out: int, rng: np.random.Generator, scale=(0.45, 1.0),
                        ratio=(0.75, 1.333)) -> np.ndarray:
    h, w = img.shape[:2]
    for _ in range(6):
        area = h * w * rng.uniform(*scale)
        r = math.exp(rng.uniform(math.log(ratio[0]), math.log(ratio[1])))
        cw, ch = int(round(math.sqrt(area * r))), int(round(math.sqrt(area / r)))
        if 4 <= cw <= w and 4 <= ch <= h:
            x, y = int(rng.integers(0, w - cw + 1)), int(rng.integers(0, h - ch + 1))
            return cv2.resize(img[y:y + ch, x:x + cw], (out, out), interpolation=cv2.INTER_AREA)
    return cv2.resize(img, (out, out), interpolation=cv2.INTER_AREA)


def geometric(img: np.ndarray, out: int, rng: np.random.Generator, crop_scale=(0.45, 1.0)) -> np.ndarray:
    if rng.random() < 0.5:
        img = np.rot90(img, k=int(rng.integers(1, 4)))
    if rng.random() < 0.5:
        img = img[:, ::-1]
    img = np.ascontiguousarray(img)
    if rng.random() < 0.4:
        h, w = img.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-25, 25), 1.0)
        img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    return random_resized_crop(img, out, rng, scale=crop_scale)


def photometric(img: np.ndarray, rng: np.random.Generator, strength: float = 1.0) -> np.ndarray:
    """uint8 RGB -> uint8 RGB: colour temperature, exposure, gamma, contrast, saturation, a shadow or
    light gradient, blur, sensor noise, JPEG.
    """
    x = img.astype(np.float32)
    h, w = x.shape[:2]
    # colour temperature: warm (more red, less blue) or cool, plus a slight tint
    t = rng.uniform(-0.18, 0.18) * strength
    tint = rng.uniform(-0.05, 0.05) * strength
    x *= np.array([1 + t, 1 + tint, 1 - t], np.float32)
    x *= math.exp(rng.uniform(-0.5, 0.4) * strength)  # exposure
    x = np.clip(x, 0, 255)
    if rng.random() < 0.5:
        x = 255.0 * (x / 255.0) ** math.exp(rng.uniform(-0.35, 0.35) * strength)
    mean = x.mean()
    x = (x - mean) * rng.uniform(0.7, 1.3) + mean
    grey = x.mean(axis=2, keepdims=True)
    x = (x - grey) * rng.uniform(0.6, 1.35) + grey
    if rng.random() < 0.4 * strength:  # a soft shadow or a light gradient across the photo
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        a = rng.uniform(0, 2 * math.pi)
        proj = (np.cos(a) * (xx - w / 2) + np.sin(a) * (yy - h / 2)) / max(h, w)
        edge = rng.uniform(-0.3, 0.3)
        soft = rng.uniform(0.02, 0.2)
        shade = 1 / (1 + np.exp(-(proj - edge) / soft))
        x *= (1 - rng.uniform(0.2, 0.55) * shade)[..., None]
    r = rng.random()
    if r < 0.25:
        x = cv2.GaussianBlur(x, (0, 0), rng.uniform(0.4, 1.3))
    elif r < 0.35:  # motion blur
        k = int(rng.integers(3, 6))
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2] = 1 / k
        m = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1.0)
        kernel = cv2.warpAffine(kernel, m, (k, k))
        x = cv2.filter2D(x, -1, kernel / max(kernel.sum(), 1e-6))
    if rng.random() < 0.4:
        x += rng.normal(0, rng.uniform(2, 9), x.shape).astype(np.float32)
    out = np.clip(x, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        ok, buf = cv2.imencode(".jpg", out[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 90))])
        if ok:
            out = np.ascontiguousarray(cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1])
    return out


def cutout(img: np.ndarray, rng: np.random.Generator, p: float = 0.3) -> np.ndarray:
    if rng.random() >= p:
        return img
    h, w = img.shape[:2]
    ch, cw = int(h * rng.uniform(0.15, 0.35)), int(w * rng.uniform(0.15, 0.35))
    y, x = int(rng.integers(0, h - ch)), int(rng.integers(0, w - cw))
    img = img.copy()
    img[y:y + ch, x:x + cw] = rng.integers(0, 256, 3, dtype=np.uint8)
    return img


# --- synthetic non-waste images, for TESTING the not-waste flag only -------------------------------
def synthetic_screenshot(size: int, rng: np.random.Generator) -> np.ndarray:
    """A UI-like screen: a flat page, a title bar, panels, buttons and lines of 'text'."""
    h, w = size, int(size * rng.uniform(1.3, 1.8))
    bg = rng.choice([rng.uniform(235, 255, 3), rng.uniform(20, 50, 3)])
    img = np.broadcast_to(bg, (h, w, 3)).astype(np.uint8).copy()
    accent = tuple(int(v) for v in rng.uniform(0, 255, 3))
    cv2.rectangle(img, (0, 0), (w, int(h * 0.08)), accent, -1)
    if rng.random() < 0.7:  # side bar
        cv2.rectangle(img, (0, int(h * 0.08)), (int(w * 0.2), h), tuple(int(v) for v in rng.uniform(200, 245, 3)), -1)
    text = (30, 30, 30) if bg[0] > 128 else (220, 220, 220)
    y = int(h * 0.14)
    while y < h - 6:
        x0 = int(w * rng.uniform(0.24, 0.3))
        x1 = int(x0 + (w - x0) * rng.uniform(0.3, 0.95))
        for x in range(x0, x1, int(rng.integers(5, 12))):
            cv2.line(img, (x, y), (x + int(rng.integers(2, 8)), y), text, 1)
        if rng.random() < 0.15:
            cv2.rectangle(img, (x0, y + 3), (x0 + int(w * 0.15), y + int(h * 0.06)), accent, -1)
            y += int(h * 0.06)
        y += int(rng.integers(5, 10))
    return img


def synthetic_landscape(size: int, rng: np.random.Generator) -> np.ndarray:
    h, w = size, int(size * rng.uniform(1.2, 1.8))
    yy = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    sky_top, sky_low = rng.uniform([40, 90, 170], [120, 170, 255]), rng.uniform([160, 190, 220], [230, 230, 255])
    img = sky_top * (1 - yy) + sky_low * yy
    img = np.broadcast_to(img, (h, w, 3)).copy()
    xs = np.arange(w, dtype=np.float32)
    for layer in range(int(rng.integers(1, 4))):  # hills / mountains
        base = h * rng.uniform(0.4, 0.8)
        ridge = base + sum(rng.uniform(3, 15) * np.sin(xs / w * rng.uniform(2, 12) + rng.uniform(0, 6))
                           for _ in range(3))
        colour = rng.choice([rng.uniform([30, 80, 20], [90, 160, 70]), rng.uniform([80, 80, 90], [140, 130, 150]),
                             rng.uniform([150, 130, 80], [200, 180, 120])])
        mask = np.arange(h)[:, None] > ridge[None, :]
        img[mask] = colour * (0.9 + 0.2 * layer / 3)
    img += (_smooth_noise(rng, max(h, w), 4)[:h, :w, None] - 0.5) * 25
    return np.clip(img, 0, 255).astype(np.uint8)


def synthetic_wall(size: int, rng: np.random.Generator) -> np.ndarray:
    h, w = size, int(size * rng.uniform(1.0, 1.6))
    colour = rng.uniform(120, 250, 3).astype(np.float32)
    img = np.broadcast_to(colour, (h, w, 3)).copy()
    img *= (0.94 + 0.06 * _smooth_noise(rng, max(h, w), 2)[:h, :w, None])  # plaster
    xx = np.linspace(-1, 1, w, dtype=np.float32)[None, :, None]
    yy = np.linspace(-1, 1, h, dtype=np.float32)[:, None, None]
    img *= 1 - rng.uniform(0.05, 0.35) * ((xx - rng.uniform(-1, 1)) ** 2 + (yy - rng.uniform(-1, 1)) ** 2) / 4
    if rng.random() < 0.3:  # a skirting board or a light switch
        cv2.rectangle(img, (0, int(h * 0.9)), (w, h), tuple(float(v) for v in rng.uniform(60, 250, 3)), -1)
    return np.clip(img, 0, 255).astype(np.uint8)


SYNTHETIC_TEST_NEGATIVES = {
    "screenshots": synthetic_screenshot,
    "landscapes": synthetic_landscape,
    "walls": synthetic_wall,
}
