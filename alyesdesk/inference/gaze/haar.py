"""OpenCV Haar-cascade front ends: the original prototype's recipe, and a fast version of it.

The original: full-frame face detection on every frame, eyes searched in the upper half of the face,
each eye resized to 32x32 (INTER_AREA), 7 features per eye (face centre x/y, face size, eye centre x/y,
eye size, side 0 / 0.5). Its 0.28 s per prediction was nearly all the full-frame face search.

The fast version keeps the same outputs but (1) searches for a face on a 4x downscaled frame, (2) once a
face is found, searches only a window around it, at a scale where the face is ~80 px wide, with the size
range bounded by the previous face, and (3) searches each half of the upper face for its own eye, on a
copy scaled up so that the eyes are well above the cascade's 20 px minimum. A full (downscaled) search
runs again only when tracking loses the face.
"""

from __future__ import annotations

import cv2
import numpy as np

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.frames import DARK_MEAN, to_grey

_CASCADES: dict[str, cv2.CascadeClassifier] = {}


def _cascade(name: str) -> cv2.CascadeClassifier:
    if name not in _CASCADES:
        path = cv2.data.haarcascades + name  # type: ignore[attr-defined]  # cv2.data is not in OpenCV's stubs
        cascade = cv2.CascadeClassifier(path)
        if cascade.empty():
            raise RuntimeError(f"OpenCV cascade {name} is missing from {cv2.data.haarcascades}")  # type: ignore[attr-defined]
        _CASCADES[name] = cascade
    return _CASCADES[name]


def _features(face: tuple, eye: tuple, side: float, w: int, h: int) -> list[float]:
    fx, fy, fw, fh = face
    ex, ey, ew, eh = eye
    return [
        (fx + fw / 2) / w, (fy + fh / 2) / h, fw / w,
        (ex + ew / 2) / w, (ey + eh / 2) / h, ew / w, side,
    ]


def _sample_from(grey: np.ndarray, face: tuple, eyes: list[tuple], faces: int, message: str, t: float) -> S.GazeSample:
    h, w = grey.shape
    overlay = {"face_box": [float(face[0]), float(face[1]), float(face[0] + face[2]), float(face[1] + face[3])],
               "eye_boxes": [[float(v) for v in e] for e in eyes]}
    if not eyes:
        # The eye cascade does not fire on closed eyes: with a face and no eye, call it a blink.
        return S.GazeSample(status=S.BLINK, faces=faces, message="no open eye found", timestamp=t, overlay=overlay)
    if len(eyes) < 2:
        return S.GazeSample(status=S.LOW_CONFIDENCE, faces=faces, message="only one eye found", timestamp=t, overlay=overlay)
    # Keep the two largest boxes, ordered left to right in the image: subject's right eye first.
    eyes = sorted(sorted(eyes, key=lambda e: -e[2] * e[3])[:2], key=lambda e: e[0])
    crops = []
    for ex, ey, ew, eh in eyes:
        crop = grey[ey:ey + eh, ex:ex + ew]
        crops.append(cv2.resize(crop, (S.CROP_SIZE, S.CROP_SIZE), interpolation=cv2.INTER_AREA))
    feats = _features(face, eyes[0], 0.0, w, h) + _features(face, eyes[1], 0.5, w, h) + [0.0, 0.0]
    return S.GazeSample(
        status=S.OK, right_eye=crops[0], left_eye=crops[1], features=np.array(feats, np.float32),
        faces=faces, message=message, timestamp=t, overlay=overlay,
    )


def _check(frame: np.ndarray, t: float) -> tuple[np.ndarray | None, S.GazeSample | None]:
    grey, reason = to_grey(frame)
    if grey is None:
        return None, S.failed(S.NO_FACE, reason, timestamp=t)
    if float(grey.mean()) < DARK_MEAN:
        return None, S.failed(S.NO_FACE, "frame too dark: add light in front of the face", timestamp=t)
    return grey, None


class OriginalHaarFrontend:
    """The prototype's recipe unchanged (the speed baseline): full-frame search on every frame.

    The prototype's detectMultiScale parameters are not known. (1.3, 5) is the common tutorial choice and
    the cheaper one; OpenCV's own defaults (1.1, 3) search four times as many scales and cost 2-3x more.
    The benchmark times both, so the speed-up is never quoted against the slower baseline alone.
    """

    name = "haar"
    feature_names = S.HAAR_FEATURES

    def __init__(self, scale_factor: float = 1.3, min_neighbors: int = 5) -> None:
        self.face_cascade = _cascade("haarcascade_frontalface_default.xml")
        self.eye_cascade = _cascade("haarcascade_eye.xml")
        self.scale_factor = scale_factor
        self.min_neighbors = min_neighbors

    def process(self, frame: np.ndarray, timestamp: float = 0.0) -> S.GazeSample:
        grey, failure = _check(frame, timestamp)
        if grey is None:
            return failure  # type: ignore[return-value]
        faces = self.face_cascade.detectMultiScale(grey, self.scale_factor, self.min_neighbors)
        if len(faces) == 0:
            return S.failed(S.NO_FACE, "no face found", timestamp=timestamp)
        face = tuple(int(v) for v in max(faces, key=lambda f: f[2] * f[3]))
        fx, fy, fw, fh = face
        roi = grey[fy:fy + fh // 2, fx:fx + fw]
        eyes = [(int(ex + fx), int(ey + fy), int(ew), int(eh)) for ex, ey, ew, eh in self.eye_cascade.detectMultiScale(roi)]
        message = f"{len(faces)} faces: using the largest" if len(faces) > 1 else ""
        return _sample_from(grey, face, eyes, len(faces), message, timestamp)

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> OriginalHaarFrontend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FastHaarFrontend:
    """Same recipe and outputs, made fast: downscaled detection and tracking of the face window."""

    name = "haar"
    feature_names = S.HAAR_FEATURES

    def __init__(self, detect_width: int = 160, track_face_px: int = 80, eye_face_px: int = 200,
                 track: bool = True) -> None:
        self.face_cascade = _cascade("haarcascade_frontalface_default.xml")
        self.eye_cascade = _cascade("haarcascade_eye.xml")
        self.detect_width = detect_width
        self.track_face_px = track_face_px
        self.eye_face_px = eye_face_px
        self.track = track  # False for unrelated photos: every frame gets a fresh (downscaled) search
        self._face: tuple[int, int, int, int] | None = None
        self._faces_seen = 1

    def reset(self) -> None:
        self._face = None

    def close(self) -> None:
        pass

    def __enter__(self) -> FastHaarFrontend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _detect(self, grey: np.ndarray) -> tuple[tuple[int, int, int, int] | None, int]:
        h, w = grey.shape
        scale = min(1.0, self.detect_width / w)
        small = cv2.resize(grey, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
        faces = self.face_cascade.detectMultiScale(small, 1.15, 4, minSize=(20, 20))
        if len(faces) == 0:
            return None, 0
        fx, fy, fw, fh = max(faces, key=lambda f: f[2] * f[3])
        return (int(fx / scale), int(fy / scale), int(fw / scale), int(fh / scale)), len(faces)

    def _track(self, grey: np.ndarray, prev: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
        h, w = grey.shape
        px, py, pw, ph = prev
        pad = int(0.35 * pw)
        x0, y0 = max(0, px - pad), max(0, py - pad)
        x1, y1 = min(w, px + pw + pad), min(h, py + ph + pad)
        scale = min(1.0, self.track_face_px / pw)
        window = cv2.resize(grey[y0:y1, x0:x1], None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        size = pw * scale
        found = self.face_cascade.detectMultiScale(
            window, 1.15, 3, minSize=(int(size * 0.75), int(size * 0.75)), maxSize=(int(size * 1.3), int(size * 1.3))
        )
        if len(found) == 0:
            return None
        fx, fy, fw, fh = max(found, key=lambda f: f[2] * f[3])
        return (int(x0 + fx / scale), int(y0 + fy / scale), int(fw / scale), int(fh / scale))

    def _eyes(self, top: np.ndarray, fx: int, fy: int, fw: int) -> list[tuple[int, int, int, int]]:
        """One eye per half of the upper face, searched on a copy scaled to `eye_face_px` wide.

        At webcam distance an eye is ~25-30 px wide, at the eye cascade's 20 px minimum: the original
        recipe often finds one eye or none. Scaling the face up and searching each half for its own eye
        (the box nearest where an eye should be) finds both far more often.
        """
        scale = self.eye_face_px / fw
        small = cv2.resize(top, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR if scale > 1 else cv2.INTER_AREA)
        h, w = small.shape
        out: list[tuple[int, int, int, int] | None] = []
        for x0, x1, expect_x in ((0, w // 2, 0.3 * w), (w // 2, w, 0.7 * w)):
            band = small[int(0.25 * h):, x0:x1]  # eyes sit in the lower part of the upper half (not the brows)
            found = self.eye_cascade.detectMultiScale(band, 1.15, 3, minSize=(int(w * 0.14), int(w * 0.14)),
                                                      maxSize=(int(w * 0.4), int(w * 0.4)))
            if len(found) == 0:
                out.append(None)
                continue
            ex, ey, ew, eh = min(found, key=lambda b: abs(x0 + b[0] + b[2] / 2 - expect_x) + abs(b[1] + b[3] / 2 - 0.35 * h))
            ey += int(0.25 * h)
            out.append((int(fx + (x0 + ex) / scale), int(fy + ey / scale), int(ew / scale), int(eh / scale)))
        if out.count(None) == 1:
            # One eye found: the other is its mirror image about the face's vertical centre line
            # (a squinting or shadowed eye often escapes the cascade while the face is plainly frontal).
            ex, ey, ew, eh = next(b for b in out if b is not None)
            mirrored = (int(2 * fx + fw - ex - ew), ey, ew, eh)
            out = [b if b is not None else mirrored for b in out]
        return [b for b in out if b is not None]

    def process(self, frame: np.ndarray, timestamp: float = 0.0) -> S.GazeSample:
        grey, failure = _check(frame, timestamp)
        if grey is None:
            self._face = None
            return failure  # type: ignore[return-value]
        face = self._track(grey, self._face) if self._face is not None and self.track else None
        if face is None:
            face, self._faces_seen = self._detect(grey)
        self._face = face
        if face is None:
            return S.failed(S.NO_FACE, "no face found", timestamp=timestamp)
        fx, fy, fw, fh = face
        top = grey[fy:fy + fh // 2, fx:fx + fw]
        if top.size == 0:
            self._face = None
            return S.failed(S.NO_FACE, "face at the edge of the picture", timestamp=timestamp)
        eyes = self._eyes(top, fx, fy, fw)
        message = f"{self._faces_seen} faces: using the largest" if self._faces_seen > 1 else ""
        return _sample_from(grey, face, eyes, max(1, self._faces_seen), message, timestamp)
