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
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.gaze.face_texture import EyeTexture, FaceTexture, prepare_face, synthetic_face
from alyesdesk.inference.gaze.simconfig import SimConfig, SimulatorError, with_motion  # noqa: F401 - re-exported: the simulator's public settings

@dataclass
class RenderedFrame:
    """A simulated 8-bit BGR camera frame and its ground truth (target px, time, head pose, blink, eye angles)."""

    image: np.ndarray
    truth: dict


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
    def from_photo(cls, photo: str | Path | np.ndarray, config: SimConfig | None = None, seed: int = 0) -> GazeSimulator:
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
        for side, eye in zip((-1, 1), face.eyes, strict=True):
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
    def _draw_eye(tex: np.ndarray, eye: EyeTexture, center: np.ndarray, closure: float) -> None:
        x0, y0, x1, y1 = eye.roi
        roi = tex[y0:y1, x0:x1, :3]
        h, w = roi.shape[:2]
        half = (eye.patch.shape[0] - 1) / 2.0
        local = center - np.array([x0, y0])
        m = np.array([[1, 0, local[0] - half], [0, 1, local[1] - half]], np.float32)
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
        corners = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
        dst = []
        for u, v in corners:
            p = head + rot @ np.array([(u - self.face.eye_mid[0]) * m, (v - self.face.eye_mid[1]) * m, 0.0])
            dst.append([f * p[0] / p[2] + c.frame_w / 2.0, f * p[1] / p[2] + c.frame_h / 2.0])
        hom = cv2.getPerspectiveTransform(corners, np.array(dst, np.float32))
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
        out: np.ndarray = np.clip(image, 0, 255).astype(np.uint8)
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
