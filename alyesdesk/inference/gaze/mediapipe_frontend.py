"""MediaPipe FaceMesh (with iris) front end: frame -> GazeSample.

Uses `mediapipe.solutions.face_mesh` (0.10.21 bundles its models; later releases do not). From the 478
landmarks it builds eye crops aligned on the eye corners, iris centres relative to the corners, head pose
(yaw, pitch, roll), head position and a distance proxy, and eye openness for blink detection.

Not thread-safe: one instance per worker thread. Every frame gives a sample with a status; nothing raises
for a bad frame.
"""

from __future__ import annotations

import os
from collections import deque

import cv2
import numpy as np

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.frames import DARK_MEAN, aligned_eye_crop, to_bgr, to_grey

# FaceMesh landmark indices. "right" = the subject's right eye, which appears on the image's left.
R_CORNERS = (33, 133)  # image-left corner (outer), image-right corner (inner)
L_CORNERS = (362, 263)  # inner, outer
R_LIDS = (159, 145)  # upper, lower
L_LIDS = (386, 374)
R_IRIS = (468, 469, 470, 471, 472)  # centre + ring
L_IRIS = (473, 474, 475, 476, 477)
CHEEKS = (234, 454)
FOREHEAD_CHIN = (10, 152)

MIN_EYE_WIDTH_PX = 9.0  # below this an iris pixel is worth > 5 degrees: too far or too small
MAX_YAW_DEG = 40.0
BLINK_ABSOLUTE = 0.09
BLINK_RELATIVE = 0.7  # a half-closed eye already hides the iris: drop it too
DARK_RELATIVE = 0.5


class MediaPipeFrontend:
    """FaceMesh with iris refinement. `static=True` for unrelated photos, False for video (tracks).

    Video: FaceMesh tracks one face (asking it for two makes it run its face detector on every frame
    while only one is present: ~20 ms instead of ~6 ms per 640x480 frame). A face detector runs every
    `check_every` frames instead (~2 ms, amortised to ~0.15 ms); when it sees several faces, FaceMesh is
    fed a crop around the largest one, so the user (the closest face) is the one tracked, and the sample
    says how many faces were seen. Photos (`static=True`): FaceMesh looks for up to `max_faces` faces.
    """

    name = "mediapipe"
    feature_names = S.MEDIAPIPE_FEATURES

    def __init__(self, static: bool = False, max_faces: int = 4, min_confidence: float = 0.5,
                 check_every: int = 15) -> None:
        # MediaPipe's C++ logging floods stderr with warnings for every graph; keep errors only.
        os.environ.setdefault("GLOG_minloglevel", "2")
        try:
            import mediapipe as mp
        except ImportError as exc:  # pragma: no cover - mediapipe is a base dependency
            raise RuntimeError("the MediaPipe front end needs mediapipe 0.10.21 (pip install mediapipe==0.10.21)") from exc
        self.static = static
        self._mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=static,
            max_num_faces=max_faces if static else 1,
            refine_landmarks=True,
            min_detection_confidence=min_confidence,
            min_tracking_confidence=min_confidence,
        )
        self._detector = None if static else mp.solutions.face_detection.FaceDetection(
            model_selection=0, min_detection_confidence=min_confidence
        )
        self.check_every = max(1, check_every)
        self._frames = 0
        self._faces_seen = 1
        self._focus: tuple[int, int, int, int] | None = None  # crop (x0, y0, x1, y1) around the user
        self._signals: deque[np.ndarray] = deque(maxlen=90)

    def close(self) -> None:
        if self._mesh is not None:
            self._mesh.close()
            self._mesh = None
        if self._detector is not None:
            self._detector.close()
            self._detector = None

    def __enter__(self) -> MediaPipeFrontend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reset(self) -> None:
        """Forget the per-user blink baseline and the face focus (new person or new session)."""
        self._signals.clear()
        self._focus = None
        self._frames = 0

    def process(self, frame: np.ndarray, timestamp: float = 0.0) -> S.GazeSample:
        grey, reason = to_grey(frame)
        if grey is None:
            return S.failed(S.NO_FACE, reason, timestamp=timestamp)
        if float(grey.mean()) < DARK_MEAN:
            return S.failed(S.NO_FACE, "frame too dark: add light in front of the face", timestamp=timestamp)
        if self._mesh is None:
            return S.failed(S.NO_FACE, "front end closed", timestamp=timestamp)
        h, w = grey.shape
        rgb = cv2.cvtColor(to_bgr(frame), cv2.COLOR_BGR2RGB)
        if self._detector is not None and self._frames % self.check_every == 0:
            self._check_faces(rgb)
        self._frames += 1
        x0, y0, x1, y1 = self._focus or (0, 0, w, h)
        result = self._mesh.process(np.ascontiguousarray(rgb[y0:y1, x0:x1]) if self._focus else rgb)
        faces = result.multi_face_landmarks or []
        if not faces:
            self._focus = None
            return S.failed(S.NO_FACE, "no face found", faces=0, timestamp=timestamp)
        points = [_landmarks_px(face, x1 - x0, y1 - y0) + np.array([x0, y0, 0.0]) for face in faces]
        # Several faces: the largest (closest) one is the user.
        iods = [float(np.linalg.norm(p[468, :2] - p[473, :2])) for p in points]
        best = int(np.argmax(iods))
        count = max(len(faces), self._faces_seen if not self.static else 0)
        if self._focus is not None:
            self._follow(points[best], w, h)
        message = f"{count} faces: using the largest" if count > 1 else ""
        return self._sample(grey, points[best], count, message, timestamp)

    def _check_faces(self, rgb: np.ndarray) -> None:
        h, w = rgb.shape[:2]
        found = self._detector.process(rgb).detections or []  # type: ignore[union-attr]
        self._faces_seen = max(1, len(found))
        if len(found) < 2:
            self._focus = None
            return
        boxes = [d.location_data.relative_bounding_box for d in found]
        big = max(boxes, key=lambda b: b.width * b.height)
        cx, cy = (big.xmin + big.width / 2) * w, (big.ymin + big.height / 2) * h
        self._set_focus(cx, cy, big.width * w, w, h)

    def _follow(self, p: np.ndarray, w: int, h: int) -> None:
        xy = p[:, :2]
        (fx0, fy0), (fx1, fy1) = xy.min(axis=0), xy.max(axis=0)
        self._set_focus((fx0 + fx1) / 2, (fy0 + fy1) / 2, fx1 - fx0, w, h)

    def _set_focus(self, cx: float, cy: float, size: float, w: int, h: int) -> None:
        half = max(size * 1.1, 40.0)
        self._focus = (int(max(0, cx - half)), int(max(0, cy - half)), int(min(w, cx + half)), int(min(h, cy + half)))

    def _sample(self, grey: np.ndarray, p: np.ndarray, faces: int, message: str, timestamp: float) -> S.GazeSample:
        h, w = grey.shape
        xy = p[:, :2]
        # Not smoothed over time on purpose: smoothing the corners (One Euro) made simulated accuracy worse
        # (1.7 -> 2.4 degrees still, 2.9 -> 7.0 moving): FaceMesh's corners move with the eye, and the
        # crops must follow the eye as it is in this frame.
        r_a, r_b = xy[R_CORNERS[0]], xy[R_CORNERS[1]]
        l_a, l_b = xy[L_CORNERS[0]], xy[L_CORNERS[1]]
        r_w, l_w = float(np.linalg.norm(r_b - r_a)), float(np.linalg.norm(l_b - l_a))
        r_iris, l_iris = xy[list(R_IRIS)].mean(axis=0), xy[list(L_IRIS)].mean(axis=0)
        r_open = float(np.linalg.norm(xy[R_LIDS[0]] - xy[R_LIDS[1]])) / max(r_w, 1e-6)
        l_open = float(np.linalg.norm(xy[L_LIDS[0]] - xy[L_LIDS[1]])) / max(l_w, 1e-6)
        yaw, pitch, roll = head_pose(p)
        overlay = {
            "eye_corners": [r_a.tolist(), r_b.tolist(), l_a.tolist(), l_b.tolist()],
            "iris": [r_iris.tolist(), l_iris.tolist()],
            "face_box": [float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())],
            "head_pose_deg": [float(np.degrees(yaw)), float(np.degrees(pitch)), float(np.degrees(roll))],
            "openness": [r_open, l_open],
        }

        if min(r_w, l_w) < MIN_EYE_WIDTH_PX:
            return _low(f"eyes too small ({min(r_w, l_w):.0f} px wide): move closer to the camera", faces, timestamp, overlay)
        if abs(np.degrees(yaw)) > MAX_YAW_DEG:
            return _low("head turned too far from the camera", faces, timestamp, overlay)
        margin = 2.0
        for pt in (r_a, r_b, l_a, l_b):
            if not (margin <= pt[0] < w - margin and margin <= pt[1] < h - margin):
                return _low("eyes at the edge of the picture: centre your face", faces, timestamp, overlay)

        r_crop, _ = aligned_eye_crop(grey, r_a, r_b)
        l_crop, _ = aligned_eye_crop(grey, l_a, l_b)
        # Blink: FaceMesh's lids follow a closing eye only partly, so also watch the iris vanish from
        # the crop (its darkness against the eye's median). Ratios to this user's running baseline.
        signal = np.array([r_open, l_open, _darkness(r_crop), _darkness(l_crop)])
        if len(self._signals) >= 10:
            base = np.median(np.array(self._signals), axis=0)
            ratio = signal / np.maximum(base, 1e-6)
            closed = ratio[:2].min() < BLINK_RELATIVE or ratio[2:].min() < DARK_RELATIVE
        else:
            closed = min(r_open, l_open) < BLINK_ABSOLUTE
        if closed:
            return S.GazeSample(status=S.BLINK, faces=faces, message="eyes closed", timestamp=timestamp, overlay=overlay)
        self._signals.append(signal)

        r_u, r_v = _relative(r_iris, r_a, r_b, r_w)
        l_u, l_v = _relative(l_iris, l_a, l_b, l_w)
        r_c, l_c = 0.5 * (r_a + r_b), 0.5 * (l_a + l_b)
        mid = 0.5 * (r_c + l_c)
        iod = float(np.linalg.norm(l_c - r_c))
        feats = np.array(
            [
                r_u, r_v, l_u, l_v,
                yaw, pitch, roll,
                mid[0] / w - 0.5, mid[1] / h - 0.5, iod / w,
                r_open, l_open,
                r_c[0] / w - 0.5, r_c[1] / h - 0.5, l_c[0] / w - 0.5, l_c[1] / h - 0.5,
            ],
            np.float32,
        )
        return S.GazeSample(
            status=S.OK, right_eye=r_crop, left_eye=l_crop, features=feats, faces=faces,
            message=message, timestamp=timestamp, overlay=overlay,
        )


def _low(message: str, faces: int, timestamp: float, overlay: dict) -> S.GazeSample:
    return S.GazeSample(status=S.LOW_CONFIDENCE, faces=faces, message=message, timestamp=timestamp, overlay=overlay)


def _darkness(crop: np.ndarray) -> float:
    """How much darker the darkest bit of the eye (the iris) is than the eye's median grey."""
    region = crop[11:22, 5:27]
    return float(np.median(region) - np.percentile(region, 5))


def _landmarks_px(face: object, w: int, h: int) -> np.ndarray:
    lm = face.landmark  # type: ignore[attr-defined]
    # z is in roughly the same scale as x (normalised by the image width).
    return np.array([(p.x * w, p.y * h, p.z * w) for p in lm], np.float64)


def _relative(iris: np.ndarray, a: np.ndarray, b: np.ndarray, width: float) -> tuple[float, float]:
    """Iris centre in the eye's own frame: along the corner axis and across it, in eye widths."""
    axis = (b - a) / max(width, 1e-6)
    d = iris - 0.5 * (a + b)
    return float(d @ axis) / width, float(axis[0] * d[1] - axis[1] * d[0]) / width


def head_pose(p: np.ndarray) -> tuple[float, float, float]:
    """(yaw, pitch, roll) in radians from the 3-D landmarks: a face frame from cheeks and forehead-chin."""
    x = p[CHEEKS[1]] - p[CHEEKS[0]]
    y = p[FOREHEAD_CHIN[1]] - p[FOREHEAD_CHIN[0]]
    x = x / max(np.linalg.norm(x), 1e-9)
    y = y - (y @ x) * x
    y = y / max(np.linalg.norm(y), 1e-9)
    z = np.cross(x, y)  # points away from the camera when the face looks at it; the face looks along -z
    yaw = float(np.arctan2(-z[0], z[2]))
    pitch = float(np.arctan2(-z[1], z[2]))
    roll = float(np.arctan2(x[1], x[0]))
    return yaw, pitch, roll
