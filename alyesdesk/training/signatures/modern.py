"""Modern-looking synthetic document pages for the signature detector (torch-free, PIL + OpenCV).

A page is an A4-shaped colour image: a letterhead (logo, coloured band), then letter, contract, form or
table blocks in several DejaVu fonts and sizes; a signature area ("Fait à ... le ...", "Signature",
rules); signatures composited from `crops` (1-bit) and `latin_crops` (grey) in black or blue ink, over
rules and under or over round/rectangular stamps (blue, red, violet ink, ring text, stars, dates);
negatives: handwritten dates and notes (Hershey script fonts) and initials (paraphes: small scribbles at
the page's foot or margin); then scanning artefacts (colour cast, shadow, show-through, perspective,
blur, JPEG). Boxes: signatures only (class 0), stamps returned separately (never signatures).

`generated_val(root, n)` is a fixed-seed set drawn from held-out crops (every 5th): the validation set
used to choose checkpoints and thresholds, never for training.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed.ttf",
         "DejaVuSansMono.ttf", "DejaVuSans-ExtraLight.ttf", "DejaVuSerif-Italic.ttf")
BOLD = ("DejaVuSans-Bold.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansCondensed-Bold.ttf")
PAGE_W, PAGE_H = 620, 877  # A4 at ~75 dpi: the detector sees pages squeezed to 384 anyway

_WORDS = ("le la les de des du et en un une par pour avec sans sur dans au aux est sont société contrat "
          "article présent associé capital social siège gérant mandat assemblée générale statuts durée objet "
          "the of and to agreement company party hereby shall terms payment date invoice total amount "
          "account service client fournisseur montant TVA euros conditions signature annexe page").split()
_TITLES = ("CONTRAT DE PRESTATION", "STATUTS", "PROCÈS-VERBAL", "MANDAT", "FACTURE", "ATTESTATION",
           "AGREEMENT", "INVOICE", "BON DE COMMANDE", "AVENANT N° 2", "DÉCLARATION", "CONVENTION")
_NAMES = ("M. Dupont", "Mme Martin", "J. Bernard", "Le Gérant", "Le Président", "Pour la société",
          "L'associé", "Le Client", "The Director", "Le Mandataire")
_CITIES = ("Paris", "Lyon", "Nantes", "Lille", "Bordeaux", "Toulouse", "Rennes")
_INKS_BLUE = ((160, 40, 10), (200, 60, 30), (130, 30, 20), (180, 90, 40))  # BGR
_STAMP_INKS = ((170, 60, 20), (40, 30, 190), (150, 40, 120), (120, 50, 60))  # blue, red, violet, dull blue


@lru_cache(maxsize=256)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default()


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


# --- ink crops ---------------------------------------------------------------------------------

def load_latin_crops(root: Path, cache_dir: Path) -> list[np.ndarray]:
    """Latin signature crops as soft ink masks (255 = ink), trimmed; cached once as an .npz."""
    path = cache_dir / "latin_crops.npz"
    if path.is_file():
        data = np.load(path)
        flat, shapes = data["flat"], data["shapes"]  # read once: each data[...] decompresses the whole array
        out, start = [], 0
        for h, w in shapes:
            out.append(flat[start : start + h * w].reshape(h, w))
            start += h * w
        return out
    crops = []
    for f in sorted((root / "latin_crops").glob("*/*")):
        grey = cv2.imread(str(f), cv2.IMREAD_GRAYSCALE)
        if grey is None:
            continue
        paper = float(np.percentile(grey, 90))
        ink_level = float(np.percentile(grey, 1))
        if paper - ink_level < 40:
            continue
        soft = np.clip((paper - 12 - grey.astype(np.float32)) / max(paper - 12 - ink_level, 1), 0, 1)
        mask = (soft * 255).astype(np.uint8)
        ys, xs = np.nonzero(mask > 60)
        if len(xs) < 30:
            continue
        crops.append(mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].copy())
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, flat=np.concatenate([c.ravel() for c in crops]), shapes=np.asarray([c.shape for c in crops], np.int32))
    tmp.replace(path)
    return crops


def split_crops(crops: list[np.ndarray], val: bool) -> list[np.ndarray]:
    """Every 5th crop is held out for the generated validation set."""
    return [c for i, c in enumerate(crops) if (i % 5 == 0) == val]


# --- drawing helpers ---------------------------------------------------------------------------

def _blend_ink(page: np.ndarray, mask: np.ndarray, x: int, y: int, colour: tuple[int, int, int],
               strength: float = 1.0) -> tuple[int, int, int, int] | None:
    """Multiply-blend a float mask (0..1) of ink onto the BGR page at (x, y); returns the ink's bbox."""
    h, w = mask.shape
    H, W = page.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return None
    m = mask[y0 - y : y1 - y, x0 - x : x1 - x] * strength
    region = page[y0:y1, x0:x1].astype(np.float32)
    tint = np.asarray(colour, np.float32) / 255.0
    region *= 1 - m[..., None] * (1 - tint[None, None, :])
    page[y0:y1, x0:x1] = np.clip(region, 0, 255).astype(np.uint8)
    ys, xs = np.nonzero(m > 0.3)
    if len(xs) == 0:
        return None
    return x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()) + 1, y0 + int(ys.max()) + 1


def _ink_colour(rng: random.Random) -> tuple[int, int, int]:
    if rng.random() < 0.5:
        v = rng.randint(10, 70)
        return (v, v, v)
    return rng.choice(_INKS_BLUE)


def _signature_mask(crop: np.ndarray, width: int, rng: random.Random) -> np.ndarray:
    ch, cw = crop.shape
    aspect = (cw / ch) * rng.uniform(0.8, 1.25)
    height = max(6, int(width / max(aspect, 0.6)))
    mask = cv2.resize(crop, (width, height), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    if rng.random() < 0.4:
        angle = rng.uniform(-12, 12)
        m = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        mask = cv2.warpAffine(mask, m, (width, height))
    if rng.random() < 0.3:
        mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
    return np.clip(mask * rng.uniform(1.0, 1.6), 0, 1)


def _text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font, fill) -> int:
    draw.text(xy, text, font=font, fill=fill)
    return int(font.getbbox(text)[2]) if text else 0


def _stamp(rng: random.Random, size: int) -> np.ndarray:
    """A stamp's ink mask (float 0..1), round with ring text and a star or rectangular with lines."""
    canvas = Image.new("L", (size * 2, size * 2), 0)
    d = ImageDraw.Draw(canvas)
    c = size
    if rng.random() < 0.6:
        r = int(size * 0.95)
        w = max(2, size // 25)
        d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=w)
        r2 = int(r * rng.uniform(0.62, 0.72))
        d.ellipse((c - r2, c - r2, c + r2, c + r2), outline=255, width=max(1, w // 2))
        text = (rng.choice(_TITLES) + " * " + rng.choice(_CITIES).upper() + " * ")
        font = _font(rng.choice(BOLD), max(7, int((r - r2) * 0.55)))
        n = len(text)
        rr = (r + r2) / 2
        start = rng.uniform(0, 2 * math.pi)
        for i, ch in enumerate(text):
            a = start + 2 * math.pi * i / n
            glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
            ImageDraw.Draw(glyph).text((font.size // 2, font.size // 2), ch, font=font, fill=255)
            glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BILINEAR)
            gx, gy = int(c + rr * math.cos(a) - font.size), int(c + rr * math.sin(a) - font.size)
            canvas.paste(255, (gx, gy), glyph)
        if rng.random() < 0.6:
            pts = []
            rs = r2 * 0.35
            for k in range(10):
                rad = rs if k % 2 == 0 else rs * 0.45
                a = -math.pi / 2 + k * math.pi / 5
                pts.append((c + rad * math.cos(a), c - r2 * 0.3 + rad * math.sin(a)))
            d.polygon(pts, fill=255)
        f2 = _font(rng.choice(FONTS), max(7, int(r2 * 0.28)))
        date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2015, 2025)}"
        d.text((c - r2 * 0.75, c + r2 * 0.1), date, font=f2, fill=255)
    else:
        w_, h_ = int(size * rng.uniform(1.4, 1.9)), int(size * rng.uniform(0.6, 0.9))
        x0, y0 = c - w_ // 2, c - h_ // 2
        lw = max(2, size // 30)
        d.rectangle((x0, y0, x0 + w_, y0 + h_), outline=255, width=lw)
        if rng.random() < 0.5:
            d.rectangle((x0 + 3 * lw, y0 + 3 * lw, x0 + w_ - 3 * lw, y0 + h_ - 3 * lw), outline=255, width=1)
        lines = [rng.choice(_TITLES), f"{rng.choice(_CITIES)} - {rng.randint(10000, 99999)}",
                 f"SIRET {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"]
        font = _font(rng.choice(BOLD), max(7, h_ // 6))
        for k, line in enumerate(lines[: rng.randint(2, 3)]):
            d.text((x0 + 5 * lw, y0 + 5 * lw + k * int(font.size * 1.3)), line, font=font, fill=255)
    mask = np.asarray(canvas, np.float32) / 255.0
    mask = cv2.warpAffine(mask, cv2.getRotationMatrix2D((c, c), rng.uniform(-25, 25), 1.0), (2 * c, 2 * c))
    # Uneven inking: multiply by smooth noise, some parts faded.
    noise = cv2.resize(np.random.default_rng(rng.randrange(1 << 30)).uniform(0.35, 1.0, (8, 8)).astype(np.float32),
                       (2 * c, 2 * c), interpolation=cv2.INTER_CUBIC)
    return np.clip(mask * noise * rng.uniform(0.7, 1.0), 0, 1)


# --- the page ----------------------------------------------------------------------------------

def modern_page(rng: random.Random, crops: list[np.ndarray], n_sign: int | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(BGR page PAGE_H x PAGE_W, signature boxes (N, 4) px, stamp boxes (M, 4) px)."""
    W, H = PAGE_W, PAGE_H
    paper = tuple(int(v) for v in np.clip(np.array([rng.randint(238, 255)] * 3) + [rng.randint(-8, 4) for _ in range(3)], 0, 255))
    img = Image.new("RGB", (W, H), paper[::-1])
    d = ImageDraw.Draw(img)
    margin = rng.randint(35, 70)
    y = rng.randint(25, 50)
    accent = (rng.randint(0, 160), rng.randint(0, 160), rng.randint(60, 220))
    # Letterhead: a coloured band or a logo + company name.
    r = rng.random()
    if r < 0.3:
        band = rng.randint(30, 60)
        d.rectangle((0, 0, W, band), fill=accent)
        _text(d, (margin, band // 4), rng.choice(_TITLES).title(), _font(rng.choice(BOLD), band // 2), (255, 255, 255))
        y = band + 25
    elif r < 0.8:
        s = rng.randint(30, 60)
        shape = rng.randrange(3)
        box = (margin, y, margin + s, y + s)
        if shape == 0:
            d.ellipse(box, fill=accent)
        elif shape == 1:
            d.rectangle(box, fill=accent)
        else:
            d.polygon([(margin, y + s), (margin + s // 2, y), (margin + s, y + s)], fill=accent)
        _text(d, (margin + s + 10, y + s // 4), f"{rng.choice(['SARL', 'SAS', 'SA', 'Ltd'])} {_words(rng, 2).title()}",
              _font(rng.choice(BOLD), rng.randint(14, 24)), accent)
        y += s + 20
    ink = (rng.randint(0, 60),) * 3
    kind = rng.choice(("letter", "contract", "form", "table"))
    body_font = _font(rng.choice(FONTS), rng.randint(10, 15))
    lh = int(body_font.size * rng.uniform(1.3, 1.8))
    if rng.random() < 0.7:
        _text(d, (margin + rng.randint(0, 150), y), rng.choice(_TITLES), _font(rng.choice(BOLD), rng.randint(15, 24)), ink)
        y += 40
    limit = int(H * rng.uniform(0.45, 0.8))
    while y < limit:
        block = rng.random()
        if kind == "table" or (kind == "form" and block < 0.4) or block < 0.1:
            rows, cols = rng.randint(3, 8), rng.randint(2, 5)
            rh = lh + 4
            x_edges = np.linspace(margin, W - margin, cols + 1).astype(int)
            for i in range(rows + 1):
                d.line((margin, y + i * rh, W - margin, y + i * rh), fill=ink, width=1)
            for x in x_edges:
                d.line((x, y, x, y + rows * rh), fill=ink, width=1)
            if rng.random() < 0.5:
                d.rectangle((margin, y, W - margin, y + rh), fill=tuple(min(255, v + 150) for v in accent))
            for i in range(rows):
                for j in range(cols):
                    t = _words(rng, 1) if j == 0 or i == 0 else f"{rng.uniform(1, 9999):.2f}"
                    _text(d, (x_edges[j] + 4, y + i * rh + 2), t, body_font, ink)
            y += rows * rh + lh
        elif kind == "form" or block < 0.2:
            for _ in range(rng.randint(2, 5)):
                label = _words(rng, rng.randint(1, 3)).capitalize() + " :"
                wlab = _text(d, (margin, y), label, body_font, ink)
                d.line((margin + wlab + 8, y + body_font.size, W - margin, y + body_font.size), fill=ink, width=1)
                if rng.random() < 0.3:
                    bx = W - margin - 14
                    d.rectangle((bx, y, bx + 12, y + 12), outline=ink)
                y += lh + 4
        else:
            if kind == "contract" and rng.random() < 0.6:
                _text(d, (margin, y), f"Article {rng.randint(1, 20)} - {_words(rng, 2).title()}",
                      _font(rng.choice(BOLD), body_font.size), ink)
                y += lh
            for _ in range(rng.randint(2, 7)):
                line = _words(rng, rng.randint(6, 14))
                while body_font.getbbox(line)[2] > W - 2 * margin and " " in line:
                    line = line.rsplit(" ", 1)[0]
                _text(d, (margin, y), line, body_font, ink)
                y += lh
            y += lh // 2
        if y > H - 120:
            break
    # Signature area.
    y = min(max(y + 10, int(H * 0.45)), H - 170)
    d.text((margin, y), f"Fait à {rng.choice(_CITIES)}, le {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2016, 2025)}",
           font=body_font, fill=ink)
    y += lh + 5
    columns = rng.choice((1, 2, 2, 3))
    col_w = (W - 2 * margin) // columns
    slots = []
    for k in range(columns):
        x = margin + k * col_w
        _text(d, (x, y), rng.choice(_NAMES), body_font, ink)
        if rng.random() < 0.5:
            d.line((x, y + lh + 70, x + int(col_w * 0.8), y + lh + 70), fill=ink, width=1)
        slots.append((x, y + lh))
    page = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR).copy()
    # Show-through of a mirrored page, faint.
    if rng.random() < 0.25:
        ghost = cv2.flip(page, 1).astype(np.float32)
        page = np.clip(page.astype(np.float32) * (1 - 0.12 * (255 - ghost) / 255.0), 0, 255).astype(np.uint8)

    boxes, stamps = [], []
    n_sign = rng.choice((0, 1, 1, 1, 2, 2, 3)) if n_sign is None else n_sign
    order = list(range(len(slots)))
    rng.shuffle(order)
    for k in range(min(n_sign, len(slots)) if slots else 0):
        sx, sy = slots[order[k]]
        width = int(W * rng.uniform(0.12, min(0.42, col_w / W * 0.95)))
        mask = _signature_mask(crops[rng.randrange(len(crops))], width, rng)
        x = sx + rng.randint(-10, max(-9, col_w - width - 5))
        yy = sy + rng.randint(0, 60)
        stamp_first = rng.random() < 0.35
        if stamp_first:
            stamps += _place_stamp(page, rng, x + width // 2, yy + mask.shape[0] // 2)
        b = _blend_ink(page, mask, x, yy, _ink_colour(rng))
        if b is not None:
            boxes.append(b)
        if not stamp_first and rng.random() < 0.3:
            stamps += _place_stamp(page, rng, x + rng.randint(0, width), yy + mask.shape[0] // 2)
    if rng.random() < 0.35:
        # A stamp on its own (unsigned pages too): never a signature.
        stamps += _place_stamp(page, rng, rng.randint(margin, W - margin), rng.randint(int(H * 0.4), H - 80))
    _negatives(page, rng, crops, margin)
    page, boxes, stamps = _scan(page, rng, boxes, stamps)
    return page, np.asarray(boxes, np.float32).reshape(-1, 4), np.asarray(stamps, np.float32).reshape(-1, 4)


def _place_stamp(page: np.ndarray, rng: random.Random, cx: int, cy: int) -> list:
    size = rng.randint(40, 75)
    mask = _stamp(rng, size)
    x, y = cx - size + rng.randint(-20, 20), cy - size + rng.randint(-20, 20)
    b = _blend_ink(page, mask, x, y, rng.choice(_STAMP_INKS), strength=rng.uniform(0.6, 1.0))
    return [b] if b is not None else []


def _negatives(page: np.ndarray, rng: random.Random, crops: list[np.ndarray], margin: int) -> None:
    """Handwriting that is not a signature: dates, notes ("lu et approuvé") and initials (paraphes)."""
    H, W = page.shape[:2]
    for _ in range(rng.choice((0, 0, 1, 2))):
        text = rng.choice((f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(16, 25)}", "Lu et approuvé",
                           "Bon pour accord", "OK", "vu", f"{rng.randint(1, 28)} mars", "copie"))
        layer = np.zeros((60, 300), np.uint8)
        cv2.putText(layer, text, (5, 40), rng.choice((cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, cv2.FONT_HERSHEY_SCRIPT_COMPLEX)),
                    rng.uniform(0.6, 1.0), 255, rng.randint(1, 2), cv2.LINE_AA)
        ys, xs = np.nonzero(layer)
        if len(xs) == 0:
            continue
        mask = layer[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32) / 255.0
        _blend_ink(page, mask, rng.randint(margin, W - margin - mask.shape[1]), rng.randint(60, H - 60), _ink_colour(rng))
    if rng.random() < 0.4:
        # Initials: a small scribble at the foot (or right margin) of the page.
        width = int(W * rng.uniform(0.04, 0.09))
        mask = _signature_mask(crops[rng.randrange(len(crops))], width, rng)
        if mask.shape[0] > width * 0.9:
            mask = cv2.resize(mask, (width, max(6, int(width * 0.6))))
        x = rng.randint(int(W * 0.6), W - width - 10) if rng.random() < 0.8 else rng.randint(10, W - width - 10)
        y = rng.randint(H - 70, H - mask.shape[0] - 5)
        _blend_ink(page, mask, x, y, _ink_colour(rng))


def _scan(page: np.ndarray, rng: random.Random, boxes: list, stamps: list) -> tuple[np.ndarray, list, list]:
    """Colour cast, shadow, perspective, blur and JPEG; boxes follow the perspective."""
    H, W = page.shape[:2]
    x = page.astype(np.float32)
    if rng.random() < 0.6:
        x *= np.asarray([rng.uniform(0.82, 1.0), rng.uniform(0.88, 1.0), rng.uniform(0.9, 1.02)], np.float32)
    if rng.random() < 0.3:
        ramp = np.linspace(rng.uniform(0.6, 0.9), 1.0, W if rng.random() < 0.5 else H, dtype=np.float32)
        x *= (ramp[None, :, None] if len(ramp) == W else ramp[:, None, None])
    page = np.clip(x, 0, 255).astype(np.uint8)
    if rng.random() < 0.4:
        j = 0.03
        src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
        dst = src + np.float32([[rng.uniform(-j, j) * W, rng.uniform(-j, j) * H] for _ in range(4)])
        m = cv2.getPerspectiveTransform(src, dst)
        page = cv2.warpPerspective(page, m, (W, H), borderMode=cv2.BORDER_REPLICATE)
        boxes, stamps = [_warp_box(b, m, W, H) for b in boxes], [_warp_box(b, m, W, H) for b in stamps]
    if rng.random() < 0.3:
        page = cv2.GaussianBlur(page, (3, 3), rng.uniform(0.4, 1.1))
    if rng.random() < 0.5:
        ok, enc = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(25, 85)])
        if ok:
            page = cv2.imdecode(enc, cv2.IMREAD_COLOR)
    return page, boxes, stamps


def _warp_box(b, m, W, H) -> list:
    x1, y1, x2, y2 = b
    pts = cv2.perspectiveTransform(np.float32([[[x1, y1], [x2, y1], [x1, y2], [x2, y2]]]), m)[0]
    return [max(0, pts[:, 0].min()), max(0, pts[:, 1].min()), min(W, pts[:, 0].max()), min(H, pts[:, 1].max())]


# --- training / validation views ---------------------------------------------------------------

def square_grey(page: np.ndarray, boxes: np.ndarray, side: int) -> tuple[np.ndarray, np.ndarray]:
    """Stretch a generated page to the detector's square grey geometry; boxes normalised."""
    H, W = page.shape[:2]
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    out = cv2.resize(grey, (side, side), interpolation=cv2.INTER_AREA)
    norm = boxes / np.array([W, H, W, H], np.float32) if len(boxes) else np.zeros((0, 4), np.float32)
    return out, np.clip(norm, 0, 1).astype(np.float32)


def all_crops(root: Path, cache_dir: Path, val: bool) -> list[np.ndarray]:
    from alyesdesk.training.signatures import data as sd

    latin = split_crops(load_latin_crops(root, cache_dir), val)
    chinese = split_crops(sd.load_crops(root, cache_dir), val)
    # Latin signatures are what modern European documents hold: weight them up (3:1 draws).
    return latin * 3 + chinese[: len(latin)]


def generated_val(root: Path, n: int = 120, cache_dir: Path | None = None, seed: int = 12345):
    """Fixed-seed generated validation pages: yields (BGR page, signature boxes px, stamp boxes px)."""
    cache_dir = cache_dir or Path(__file__).resolve().parents[3] / ".cache" / "signatures"
    crops = all_crops(root, cache_dir, val=True)
    rng = random.Random(seed)
    for i in range(n):
        yield modern_page(rng, crops, n_sign=0 if i % 3 == 0 else None)
