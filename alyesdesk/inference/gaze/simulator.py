"""A deterministic gaze simulator: webcam frames of a real face looking at given screen points.

How a frame is made (all geometry in centimetres, camera at the origin, X to the image right, Y down, Z
towards the user; the screen lies in the plane Z = 0 below the camera):

1. Once per face photo: FaceMesh finds the eye openings and irises on the photo. Each iris disc is cut
   out (its real texture) and the eye is inpainted without it, leaving an "empty" eye.
2. Per frame: the head (eye midpoint H, yaw/pitch/roll R) gets smooth random motion; for each eye at
   E = H + R e, the gaze direction towards the screen point S is expressed in the head frame, a fixed
   angle kappa (visual vs optical axis) and fixational noise are added, and the iris is moved on an
   eyeball of radius `eyeball_mm` by (r sin(theta_x) cos(theta_y), r sin(theta_y)). The real iris
   texture is pasted there (sub-pixel) and clipped by the real eye opening (the lids occlude it).
3. The face plane is projected by a pinhole camera (60-degree field of view by default) to a 640x480
   frame: at 60 cm the eyes are ~58 px apart and ~25-30 px wide, and looking across a 24-inch screen
   moves the iris by only ~+-5 px. Lighting changes, sensor noise, blur, JPEG compression and blinks
   (the upper lid closes over the eye) are then applied.

Everything random comes from one seed (`numpy.random.default_rng`), so a (photo, seed, target list)
gives the same frames every time. Without a photo a synthetic drawn face is used (see `synthetic_face`).
Numbers measured on simulated frames are simulator numbers, never accuracy on people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.gaze.screen import ScreenGeometry

# FaceMesh eye-opening contours (16 points each, clockwise from the image-left corner) and irises.
R_EYE_CONTOUR = (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7)
L_EYE_CONTOUR = (362, 398, 384, 385, 386, 387, 388, 466, 263, 249, 390, 373, 374, 380, 381, 382)
R_IRIS = (468, 469, 470, 471, 472)
L_IRIS = (473, 474, 475, 476, 477)
SUPERSAMPLE = 2.0  # the face texture is kept at twice the frame scale, then projected down


class SimulatorError(ValueError):
    """The face photo cannot be used (no face found, face too small, unreadable)."""


@dataclass
class SimConfig:
    frame_w: int = 640
    frame_h: int = 480
    hfov_deg: float = 60.0
    screen: ScreenGeometry = field(default_factory=ScreenGeometry)
    camera_gap_cm: float = 1.0  # camera lens above the top edge of the screen's picture
    iod_cm: float = 6.3  # inter-pupillary distance
    eyeball_mm: float = 12.0
    kappa_deg: tuple[float, float] = (2.0, 1.0)  # visual axis vs optical axis, fixed per person
    eye_level: float = 0.2  # eye height as a fraction of the screen height below its top edge
    head_motion: str = "still"  # "still" (small sway) or "moving"
    # Motion amplitudes for "moving": position (x, y, z) in cm and rotation (yaw, pitch, roll) in degrees.
    moving_position_cm: tuple[float, float, float] = (3.0, 2.0, 5.0)
    moving_rotation_deg: tuple[float, float, float] = (8.0, 6.0, 4.0)
    fixation_noise_deg: float = 0.25  # drift/tremor of the eye during a fixation
    noise_sigma: float = 3.0  # sensor noise, grey levels
    blur_sigma: tuple[float, float] = (0.3, 0.9)
    lighting: bool = True
    jpeg_quality: int | None = 85
    blink_every_s: float = 4.0  # mean interval between blinks; 0 disables blinks
    blink_s: float = 0.25  # whole blink: closing, closed, reopening

    @property
    def focal_px(self) -> float:
        return (self.frame_w / 2.0) / math.tan(math.radians(self.hfov_deg / 2.0))


@dataclass
class RenderedFrame:
    image: np.ndarray
    truth: dict


@dataclass
class _Eye:
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
    eyes: tuple[_Eye, _Eye]  # subject's right (image left), subject's left
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


def _prepare_eye(image: np.ndarray, p: np.ndarray, contour: tuple[int, ...], iris: tuple[int, ...]) -> _Eye:
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
    cv2.fillPoly(opening, [np.round(local_poly * 4).astype(np.int32)], 255, lineType=cv2.LINE_AA, shift=2)
    # Iris texture: the visible part of the real iris; the parts hidden by the lids in the photo are
    # filled with the iris's median colour (they show only if the iris moves up or down a lot).
    c_local = center - np.array([x0, y0])
    half = int(math.ceil(radius)) + 2
    size = 2 * half + 1
    m = np.float32([[1, 0, half - c_local[0]], [0, 1, half - c_local[1]]])
    patch = cv2.warpAffine(roi, m, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    visible = cv2.warpAffine(opening, m, (size, size), flags=cv2.INTER_LINEAR).astype(np.float32) / 255.0
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    dist = np.hypot(xx - half, yy - half)
    disc = np.clip(radius + 0.5 - dist, 0.0, 1.0)
    inside = (disc > 0.5) & (visible > 0.5)
    colour = np.median(patch[inside], axis=0) if inside.any() else np.array([60, 60, 60], np.float32)
    patch = patch * visible[..., None] + colour * (1 - visible[..., None])
    # The "empty" eye: inpaint the iris away (Telea pulls sclera and lid shading in from around it).
    iris_mask = np.zeros(roi.shape[:2], np.uint8)
    cv2.circle(iris_mask, tuple(np.round(c_local * 4).astype(int)), int(round((radius + 1.5) * 4)), 255, -1,
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
    ey0 = int(max(0, np.nanmin(top) - 0.6 * radius)) if np.isfinite(np.nanmin(top)) else 0
    band = roi_u8[max(0, ey0 - 2): ey0 + 1]
    lid_colour = band.reshape(-1, 3).mean(axis=0).astype(np.float32) if band.size else np.array([120, 140, 170], np.float32)
    return _Eye(
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
    img = np.zeros((h, w, 3), np.float32)
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


def _rotation(yaw: float, pitch: float, roll: float) -> np.ndarray:
    cy, sy = math.cos(yaw), math.sin(yaw)
    cp, sp = math.cos(pitch), math.sin(pitch)
    cr, sr = math.cos(roll), math.sin(roll)
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rx = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    rz = np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
    return rz @ ry @ rx


class GazeSimulator:
    """Renders frames of `face` looking at screen points; `render(x, y, t)` is deterministic in (seed, t).

    Head motion and lighting are smooth functions of time with seeded phases; per-frame noise (sensor
    noise, blur, fixational eye noise) comes from a generator seeded with (seed, frame time), so
    rendering the same (x, y, t) twice gives the same frame.
    """

    def __init__(self, face: FaceTexture | None = None, config: SimConfig | None = None, seed: int = 0) -> None:
        self.config = config or SimConfig()
        self.face = face or synthetic_face(self.config)
        self.seed = int(seed)
        rng = np.random.default_rng(self.seed)
        self._phases = rng.uniform(0, 2 * math.pi, size=(8, 3))
        self._freqs = rng.uniform(0.05, 0.35, size=(8, 3))
        interval = self.config.blink_every_s
        self._blinks = np.cumsum(rng.exponential(interval, size=2000)) if interval > 0 else np.array([])
        self._background = self._make_background(rng)
        # Sensor noise comes from a small seeded bank (drawing 1M normals per frame costs ~25 ms).
        c = self.config
        self._noise = rng.normal(0, 1, size=(3, c.frame_h + 16, c.frame_w + 16, 3)).astype(np.float32)
        h, w = self.face.image.shape[:2]
        alpha = np.ones((h, w), np.float32)
        feather = max(4, int(min(h, w) * 0.06))
        alpha[:feather] *= np.linspace(0, 1, feather)[:, None]
        alpha[-feather:] *= np.linspace(1, 0, feather)[:, None]
        alpha[:, :feather] *= np.linspace(0, 1, feather)[None, :]
        alpha[:, -feather:] *= np.linspace(1, 0, feather)[None, :]
        self._rgba = np.dstack([self.face.image, alpha])  # texture + feathered edge alpha
        self._depth = _face_depth(self.face, (h, w))
        self._grid = np.mgrid[0:h, 0:w][::-1].astype(np.float32)  # (x, y) texture coordinates

    @classmethod
    def from_photo(cls, photo: str | Path | np.ndarray, config: SimConfig | None = None, seed: int = 0) -> "GazeSimulator":
        config = config or SimConfig()
        return cls(prepare_face(photo, config), config, seed)

    def _make_background(self, rng: np.random.Generator) -> np.ndarray:
        c = self.config
        yy, xx = np.mgrid[0:c.frame_h, 0:c.frame_w].astype(np.float32)
        base = rng.uniform(70, 150, size=3).astype(np.float32)
        grad = (0.75 + 0.35 * xx / c.frame_w)[..., None] * (0.9 + 0.2 * yy / c.frame_h)[..., None]
        bg = base * grad
        cv2.rectangle(bg, (int(c.frame_w * 0.7), 0), (c.frame_w, int(c.frame_h * 0.45)), tuple(float(v) for v in base * 0.6), -1)
        return cv2.GaussianBlur(bg, (0, 0), 3.0)

    def _smooth(self, row: int, t: float) -> np.ndarray:
        """Three smooth pseudo-random signals in -1..1 (a sum of two sinusoids each)."""
        return 0.6 * np.sin(2 * math.pi * self._freqs[row] * t + self._phases[row]) + 0.4 * np.sin(
            2 * math.pi * self._freqs[row + 1] * 2.3 * t + self._phases[row + 1]
        )

    def head_state(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """(eye midpoint in cm, (yaw, pitch, roll) in radians) at time t."""
        c = self.config
        base = np.array([0.0, c.camera_gap_cm + c.eye_level * c.screen.height_mm / 10.0, c.screen.distance_cm])
        if c.head_motion == "moving":
            pos_amp, ang_amp = np.array(c.moving_position_cm), np.radians(c.moving_rotation_deg)
        else:
            pos_amp, ang_amp = np.array([0.3, 0.2, 0.5]), np.radians([0.8, 0.6, 0.5])
        pos = base + pos_amp * self._smooth(0, t)
        angles = ang_amp * self._smooth(2, t)
        return pos, angles

    def blink_closure(self, t: float) -> float:
        """0 = open, 1 = closed: the lid closes fast, stays shut briefly, and reopens more slowly."""
        if not len(self._blinks):
            return 0.0
        d = self.config.blink_s
        close, hold = 0.3 * d, 0.2 * d
        i = int(np.searchsorted(self._blinks, t))
        best = 0.0
        for j in (i - 1, i):
            if 0 <= j < len(self._blinks):
                dt = t - self._blinks[j]
                if 0 <= dt < close:
                    best = max(best, dt / close)
                elif close <= dt < close + hold:
                    best = 1.0
                elif close + hold <= dt < d:
                    best = max(best, 1.0 - (dt - close - hold) / (d - close - hold))
        return float(best)

    def screen_point_cm(self, x_px: float, y_px: float) -> np.ndarray:
        s = self.config.screen
        cm = s.mm_per_px / 10.0
        # The camera faces the user: the user's right (screen +x) is the camera's -X.
        return np.array([-(x_px - s.width_px / 2.0) * cm, self.config.camera_gap_cm + y_px * cm, 0.0])

    def render(self, x_px: float, y_px: float, t: float = 0.0) -> RenderedFrame:
        c = self.config
        face = self.face
        rng = np.random.default_rng([self.seed, int(round(t * 1000)) & 0x7FFFFFFF, 7])
        head, (yaw, pitch, roll) = self.head_state(t)
        rot = _rotation(yaw, pitch, roll)
        target = self.screen_point_cm(x_px, y_px)
        closure = self.blink_closure(t)
        tex = self._rgba.copy()
        eye_r_px = c.eyeball_mm / 10.0 / face.cm_per_px
        kx, ky = np.radians(c.kappa_deg)
        gaze_deg = []
        for side, eye in zip((-1, 1), face.eyes):
            offset = (eye.center - face.eye_mid) * face.cm_per_px
            e_world = head + rot @ np.array([offset[0], offset[1], 0.0])
            g = rot.T @ (target - e_world)
            # Kappa is mirrored between the eyes (both visual axes tilt towards the nose).
            theta_x = math.atan2(g[0], -g[2]) + side * kx + rng.normal(0, math.radians(c.fixation_noise_deg))
            theta_y = math.atan2(g[1], math.hypot(g[0], g[2])) + ky + rng.normal(0, math.radians(c.fixation_noise_deg))
            gaze_deg.append((math.degrees(theta_x), math.degrees(theta_y)))
            shift = eye_r_px * np.array([math.sin(theta_x) * math.cos(theta_y), math.sin(theta_y)])
            self._draw_eye(tex, eye, eye.center + shift, closure)
        tex = self._parallax(tex, yaw, pitch)
        image = self._project(tex, head, rot)
        image = self._camera_effects(image, t, rng)
        truth = {
            "target": [float(x_px), float(y_px)],
            "t": float(t),
            "head_cm": head.round(3).tolist(),
            "head_pose_deg": [math.degrees(yaw), math.degrees(pitch), math.degrees(roll)],
            "blink": closure > 0.5,
            "eye_angles_deg": gaze_deg,
        }
        return RenderedFrame(image, truth)

    @staticmethod
    def _draw_eye(tex: np.ndarray, eye: _Eye, center: np.ndarray, closure: float) -> None:
        x0, y0, x1, y1 = eye.roi
        roi = tex[y0:y1, x0:x1, :3]
        h, w = roi.shape[:2]
        half = (eye.patch.shape[0] - 1) / 2.0
        local = center - np.array([x0, y0])
        m = np.float32([[1, 0, local[0] - half], [0, 1, local[1] - half]])
        iris = cv2.warpAffine(eye.patch, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
        alpha = cv2.warpAffine(eye.patch_alpha, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
        a = (alpha * eye.opening)[..., None]
        roi[:] = roi * (1 - a) + iris * a
        if closure > 0.05:
            # The upper lid comes down: rows above top + closure * (bottom - top) take the lid colour.
            rows = np.arange(h, dtype=np.float32)[:, None]
            top = np.nan_to_num(eye.lid_top, nan=h)
            bottom = np.nan_to_num(eye.lid_bottom, nan=0)
            lid_line = top + closure * (bottom - top + 2)
            cover = np.clip(lid_line[None, :] - rows, 0, 1) * np.clip(eye.opening * 1.5, 0, 1)
            cover = cv2.GaussianBlur(cover.astype(np.float32), (0, 0), 0.8)[..., None]
            roi[:] = roi * (1 - cover) + eye.lid_colour * cover

    def _parallax(self, tex: np.ndarray, yaw: float, pitch: float) -> np.ndarray:
        """Shift texture points by their depth off the eye plane, so yaw and pitch look 3-D.

        A flat photo turned by a homography shows almost no sign of yaw (a 1% squeeze at 8 degrees);
        real heads show the nose moving against the cheeks and the far side of the face narrowing.
        A point at depth d (towards the camera) on a head turned by yaw appears where the eye-plane
        point x - d tan(yaw) would: sample the texture at x + d tan(yaw) (and likewise for pitch).
        """
        if abs(yaw) < 1e-4 and abs(pitch) < 1e-4:
            return tex
        map_x = self._grid[0] + self._depth * math.tan(yaw)
        map_y = self._grid[1] - self._depth * math.tan(pitch)
        return cv2.remap(tex, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)

    def _project(self, tex: np.ndarray, head: np.ndarray, rot: np.ndarray) -> np.ndarray:
        c = self.config
        f = c.focal_px
        m = self.face.cm_per_px
        h, w = tex.shape[:2]
        corners = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
        dst = []
        for u, v in corners:
            p = head + rot @ np.array([(u - self.face.eye_mid[0]) * m, (v - self.face.eye_mid[1]) * m, 0.0])
            dst.append([f * p[0] / p[2] + c.frame_w / 2.0, f * p[1] / p[2] + c.frame_h / 2.0])
        hom = cv2.getPerspectiveTransform(corners, np.float32(dst))
        # The texture's alpha channel is feathered so the photo's crop edge blends into the background.
        out = cv2.warpPerspective(tex, hom, (c.frame_w, c.frame_h), flags=cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_CONSTANT)
        a = out[..., 3:4]
        return out[..., :3] * a + self._background * (1 - a)

    def _camera_effects(self, image: np.ndarray, t: float, rng: np.random.Generator) -> np.ndarray:
        c = self.config
        if c.lighting:
            light = self._smooth(4, t)
            gain = 1.0 + 0.18 * light[0]
            slope = 0.15 * light[1]
            ramp = 1.0 + slope * (np.arange(c.frame_w, dtype=np.float32) / c.frame_w - 0.5)
            image = image * (gain * ramp)[None, :, None]
        sigma = rng.uniform(*c.blur_sigma)
        if sigma > 0.05:
            image = cv2.GaussianBlur(image, (0, 0), sigma)
        if c.noise_sigma > 0:
            k = int(rng.integers(len(self._noise)))
            dy, dx = (int(v) for v in rng.integers(0, 16, size=2))
            noise = self._noise[k, dy:dy + c.frame_h, dx:dx + c.frame_w]
            image = cv2.scaleAdd(noise, float(c.noise_sigma), image.astype(np.float32))
        out = np.clip(image, 0, 255).astype(np.uint8)
        if c.jpeg_quality:
            ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(c.jpeg_quality)])
            if ok:
                out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
        return out


def _face_depth(face: FaceTexture, shape: tuple[int, int]) -> np.ndarray:
    """A head-shaped depth map in texture px (towards the camera positive, 0 at the eyes).

    An ellipsoid the size of a head (half-width ~1.25 x the eye distance, 7 cm deep) plus a nose, referenced
    so that the eye corners lie on depth 0 (the eyes are where the gaze geometry puts them).
    """
    h, w = shape
    iod = float(np.linalg.norm(face.eyes[1].center - face.eyes[0].center))
    cx, cy = face.eye_mid[0], face.eye_mid[1] + 0.45 * iod
    a, b = 1.25 * iod, 1.75 * iod
    depth_px = 7.0 / face.cm_per_px
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = np.clip(((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2, 0.0, 1.0)
    shell = depth_px * np.sqrt(1.0 - r2)
    ex = (face.eye_mid[0] + 0.5 * iod - cx) / a
    ey = (face.eye_mid[1] - cy) / b
    shell -= depth_px * math.sqrt(max(0.0, 1.0 - ex * ex - ey * ey))
    nose_x, nose_y = face.eye_mid[0], face.eye_mid[1] + 0.7 * iod
    nose = (1.8 / face.cm_per_px) * np.exp(-0.5 * (((xx - nose_x) / (0.22 * iod)) ** 2 + ((yy - nose_y) / (0.45 * iod)) ** 2))
    return (shell + nose).astype(np.float32)


def with_motion(config: SimConfig, head_motion: str) -> SimConfig:
    if head_motion not in ("still", "moving"):
        raise ValueError("head_motion must be 'still' or 'moving'")
    return replace(config, head_motion=head_motion)


def default_face_path() -> Path | None:
    """A face photo shipped in assets/faces/, if any (see assets/faces/README.md)."""
    from alyesdesk import paths

    folder = paths.assets_dir() / "faces"
    if folder.is_dir():
        for p in sorted(folder.iterdir()):
            if p.suffix.lower() in (".jpg", ".jpeg", ".png"):
                return p
    return None


def make_simulator(face: str | Path | None = None, config: SimConfig | None = None, seed: int = 0) -> GazeSimulator:
    """The simulator for `face` (a photo path), else a shipped photo, else the synthetic face."""
    path = Path(face) if face else default_face_path()
    if path is None:
        return GazeSimulator(None, config, seed)
    return GazeSimulator.from_photo(path, config, seed)
