"""Face textures for the gaze simulator: a real photo's eyes found by FaceMesh, each iris cut out and its
eye inpainted, or a synthetic drawn face when there is no photo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.gaze.simconfig import SimConfig, SimulatorError

# FaceMesh eye-opening contours (16 points each, clockwise from the image-left corner) and irises.
R_EYE_CONTOUR = (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7)
L_EYE_CONTOUR = (362, 398, 384, 385, 386, 387, 388, 466, 263, 249, 390, 373, 374, 380, 381, 382)
R_IRIS = (468, 469, 470, 471, 472)
L_IRIS = (473, 474, 475, 476, 477)
SUPERSAMPLE = 2.0  # the face texture is kept at twice the frame scale, then projected down


@dataclass
class EyeTexture:
    """One eye of a face texture, in texture px: the iris cut out to be redrawn at any gaze, the eye opening
    and lid lines (for blinks) inside `roi` (x0, y0, x1, y1).
    """

    center: np.ndarray  # iris centre in the texture, px
    radius: float  # iris radius, px
    patch: np.ndarray  # iris texture (BGR float32), square, centred on the iris
    patch_alpha: np.ndarray  # soft disc
    roi: tuple[int, int, int, int]
    opening: np.ndarray  # soft mask of the eye opening inside roi (float32 0..1)
    lid_top: np.ndarray  # per roi column: upper-lid y (roi coords), for blinks
    lid_bottom: np.ndarray
    lid_colour: np.ndarray  # BGR


@dataclass
class FaceTexture:
    """A prepared face photo at working scale."""

    image: np.ndarray  # BGR float32 with the irises removed
    eyes: tuple[EyeTexture, EyeTexture]  # subject's right (image left), subject's left
    eye_mid: np.ndarray  # midpoint of the iris centres, texture px
    cm_per_px: float
    source: str


# --------------------------------------------------------------------------------------------------
# Preparing a face photo
# --------------------------------------------------------------------------------------------------


def prepare_face(photo: np.ndarray | str | Path, config: SimConfig | None = None, source: str = "") -> FaceTexture:
    """Find the largest face on a photo with FaceMesh and build its texture (done once per photo)."""
    config = config or SimConfig()
    if not isinstance(photo, np.ndarray):
        from alyesdesk.inference.images import read_image

        source = source or Path(photo).name
        photo = read_image(photo)
    import mediapipe as mp

    with mp.solutions.face_mesh.FaceMesh(static_image_mode=True, max_num_faces=5, refine_landmarks=True,
                                         min_detection_confidence=0.3) as mesh:
        result = mesh.process(cv2.cvtColor(photo, cv2.COLOR_BGR2RGB))
    if not result.multi_face_landmarks:
        raise SimulatorError(f"{source or 'photo'}: no face found; use a frontal photo with both eyes open")
    h, w = photo.shape[:2]
    faces = [np.array([(p.x * w, p.y * h) for p in f.landmark]) for f in result.multi_face_landmarks]
    pts = max(faces, key=lambda p: np.linalg.norm(p[468] - p[473]))
    return build_texture(photo, pts, config, source or "photo")


def build_texture(photo: np.ndarray, pts: np.ndarray, config: SimConfig, source: str) -> FaceTexture:
    """Texture from a photo and its 478 FaceMesh-indexed points (only eyes and irises are read)."""
    iod_photo = float(np.linalg.norm(pts[468] - pts[473]))
    if iod_photo < 20:
        raise SimulatorError(f"{source}: the face is too small ({iod_photo:.0f} px between the eyes; need >= 20)")
    target_iod = config.focal_px * config.iod_cm / config.screen.distance_cm * SUPERSAMPLE
    scale = target_iod / iod_photo
    # Crop generously around the face, then scale to working size.
    x0, y0 = np.nanmin(pts[:, 0]), np.nanmin(pts[:, 1])
    x1, y1 = np.nanmax(pts[:, 0]), np.nanmax(pts[:, 1])
    fw, fh = x1 - x0, y1 - y0
    cx0, cy0 = int(max(0, x0 - 0.6 * fw)), int(max(0, y0 - 0.6 * fh))
    cx1, cy1 = int(min(photo.shape[1], x1 + 0.6 * fw)), int(min(photo.shape[0], y1 + 0.5 * fh))
    crop = photo[cy0:cy1, cx0:cx1]
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    image = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=interp).astype(np.float32)
    p = (pts - np.array([cx0, cy0])) * scale
    eyes = tuple(_prepare_eye(image, p, contour, iris) for contour, iris in
                 ((R_EYE_CONTOUR, R_IRIS), (L_EYE_CONTOUR, L_IRIS)))
    mid = 0.5 * (eyes[0].center + eyes[1].center)
    cm_per_px = config.iod_cm / float(np.linalg.norm(eyes[1].center - eyes[0].center))
    return FaceTexture(image, eyes, mid, cm_per_px, source)  # type: ignore[arg-type]


def _prepare_eye(image: np.ndarray, p: np.ndarray, contour: tuple[int, ...], iris: tuple[int, ...]) -> EyeTexture:
    poly = p[list(contour)]
    center = p[iris[0]].copy()
    radius = float(np.mean(np.linalg.norm(p[list(iris[1:])] - center, axis=1)))
    radius = max(radius, 2.0)
    pad = int(math.ceil(radius * 2.2)) + 4
    xs, ys = poly[:, 0], poly[:, 1]
    x0 = int(math.floor(min(xs.min(), center[0] - radius) - pad))
    x1 = int(math.ceil(max(xs.max(), center[0] + radius) + pad))
    y0 = int(math.floor(min(ys.min(), center[1] - radius) - pad))
    y1 = int(math.ceil(max(ys.max(), center[1] + radius) + pad))
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, image.shape[1]), min(y1, image.shape[0])
    roi = image[y0:y1, x0:x1]
    local_poly = poly - np.array([x0, y0])
    opening = np.zeros(roi.shape[:2], np.uint8)
    cv2.fillPoly(opening, [np.round(local_poly * 4).astype(np.int32)], (255,), lineType=cv2.LINE_AA, shift=2)
    # Iris texture: the visible part of the real iris; the parts hidden by the lids in the photo are
    # filled with the iris's median colour (they show only if the iris moves up or down a lot).
    c_local = center - np.array([x0, y0])
    half = int(math.ceil(radius)) + 2
    size = 2 * half + 1
    m = np.array([[1, 0, half - c_local[0]], [0, 1, half - c_local[1]]], np.float32)
    patch = cv2.warpAffine(roi, m, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    visible = cv2.warpAffine(opening, m, (size, size), flags=cv2.INTER_LINEAR).astype(np.float32) / 255.0
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    dist = np.hypot(xx - half, yy - half)
    disc = np.clip(radius + 0.5 - dist, 0.0, 1.0)
    inside = (disc > 0.5) & (visible > 0.5)
    colour = np.median(patch[inside], axis=0) if inside.any() else np.array([60, 60, 60], np.float32)
    patch = np.asarray(patch * visible[..., None] + colour * (1 - visible[..., None]))
    # The "empty" eye: inpaint the iris away (Telea pulls sclera and lid shading in from around it).
    iris_mask: np.ndarray = np.zeros(roi.shape[:2], np.uint8)
    centre = np.round(c_local * 4).astype(int)
    cv2.circle(iris_mask, (int(centre[0]), int(centre[1])), int(round((radius + 1.5) * 4)), (255,), -1,
               lineType=cv2.LINE_AA, shift=2)
    iris_mask = cv2.bitwise_and(iris_mask, cv2.dilate(opening, np.ones((3, 3), np.uint8)))
    roi_u8 = np.clip(roi, 0, 255).astype(np.uint8)
    sclera = roi_u8[(opening > 128) & (iris_mask == 0)]
    empty = cv2.inpaint(roi_u8, iris_mask, 3, cv2.INPAINT_TELEA).astype(np.float32)
    if len(sclera) > 10:
        # Pull the inpainted area towards the sclera colour so no dark smear of the old iris remains.
        bright = np.percentile(sclera.mean(axis=1), 60)
        sclera_colour = np.median(sclera[sclera.mean(axis=1) >= bright], axis=0)
        w_mask = cv2.GaussianBlur(iris_mask.astype(np.float32) / 255.0, (0, 0), 1.0)[..., None] * 0.6
        empty = empty * (1 - w_mask) + sclera_colour * w_mask
    image[y0:y1, x0:x1] = empty
    # Lid lines per column for blinks; lid colour from the skin just above the eye.
    cols = np.arange(roi.shape[1])
    top = np.full(roi.shape[1], np.nan, np.float32)
    bottom = np.full(roi.shape[1], np.nan, np.float32)
    on = opening > 128
    for c in cols:
        rows = np.flatnonzero(on[:, c])
        if len(rows):
            top[c], bottom[c] = rows[0], rows[-1]
    ey0 = int(max(0.0, float(np.nanmin(top)) - 0.6 * radius)) if np.isfinite(np.nanmin(top)) else 0
    band = roi_u8[max(0, ey0 - 2): ey0 + 1]
    lid_colour = band.reshape(-1, 3).mean(axis=0).astype(np.float32) if band.size else np.array([120, 140, 170], np.float32)
    return EyeTexture(
        center=center, radius=radius, patch=patch.astype(np.float32),
        patch_alpha=disc.astype(np.float32), roi=(x0, y0, x1, y1),
        opening=cv2.GaussianBlur(opening.astype(np.float32) / 255.0, (0, 0), 0.6),
        lid_top=top, lid_bottom=bottom, lid_colour=lid_colour,
    )


def synthetic_face(config: SimConfig | None = None) -> FaceTexture:
    """A drawn face (no photo needed): used by the simulated webcam when the user has no photo.

    Its landmarks are known by construction, so it does not depend on a detector finding it.
    """
    config = config or SimConfig()
    h, w = 900, 760
    img: np.ndarray = np.zeros((h, w, 3), np.float32)
    img[:] = (95, 110, 120)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = w / 2, h / 2
    face = (((xx - cx) / 230) ** 2 + ((yy - cy) / 300) ** 2) <= 1.0
    shade = 1.0 - 0.35 * np.clip(((xx - cx) / 230) ** 2 + ((yy - cy) / 300) ** 2, 0, 1)
    skin = np.array([120, 155, 205], np.float32)
    img[face] = (skin * shade[face][:, None])
    cv2.ellipse(img, (int(cx), int(cy - 330)), (240, 130), 0, 180, 360, (30, 40, 55), -1)  # hair
    for side in (-1, 1):
        ex, ey = cx + side * 95, cy - 50
        cv2.ellipse(img, (int(ex), int(ey - 48)), (55, 12), 0, 180, 360, (40, 50, 65), -1)  # brow
    cv2.line(img, (int(cx), int(cy - 20)), (int(cx - 18), int(cy + 70)), (85, 110, 160), 6)  # nose
    cv2.ellipse(img, (int(cx), int(cy + 140)), (60, 18), 0, 0, 180, (70, 80, 150), 8)  # mouth
    pts = np.full((478, 2), np.nan)
    # Face outline points (forehead, chin, cheeks) so the texture crop keeps the whole drawn head.
    pts[10], pts[152] = (cx, cy - 300), (cx, cy + 300)
    pts[234], pts[454] = (cx - 230, cy), (cx + 230, cy)
    for side, contour, iris in ((-1, R_EYE_CONTOUR, R_IRIS), (1, L_EYE_CONTOUR, L_IRIS)):
        ex, ey = cx + side * 95, cy - 50
        half_w, half_h = 48.0, 19.0
        angles = np.linspace(math.pi, -math.pi, len(contour), endpoint=False)
        outline = np.stack([ex + half_w * np.cos(angles), ey - half_h * np.sin(angles) * np.abs(np.sin(angles)) ** 0.2], 1)
        cv2.fillPoly(img, [np.round(outline).astype(np.int32)], (225, 228, 235), lineType=cv2.LINE_AA)
        cv2.polylines(img, [np.round(outline).astype(np.int32)], True, (40, 45, 60), 3, lineType=cv2.LINE_AA)
        pts[list(contour)] = outline
        r = 20.0
        cv2.circle(img, (int(ex), int(ey)), int(r), (60, 90, 120), -1, lineType=cv2.LINE_AA)
        cv2.circle(img, (int(ex), int(ey)), int(r), (30, 40, 50), 2, lineType=cv2.LINE_AA)
        cv2.circle(img, (int(ex), int(ey)), 8, (15, 15, 15), -1, lineType=cv2.LINE_AA)
        cv2.circle(img, (int(ex + 5), int(ey - 6)), 3, (240, 240, 240), -1, lineType=cv2.LINE_AA)
        pts[iris[0]] = (ex, ey)
        for k, a in enumerate(np.linspace(0, 2 * math.pi, 4, endpoint=False)):
            pts[iris[1 + k]] = (ex + r * math.cos(a), ey + r * math.sin(a))
    img = cv2.GaussianBlur(img, (0, 0), 1.2)
    return build_texture(np.clip(img, 0, 255).astype(np.uint8), pts, config, "synthetic face")


# --------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------
