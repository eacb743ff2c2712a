"""Choosing a front end by name (the name is stored in each model's sidecar as `gaze.frontend`)."""

from __future__ import annotations

from typing import Protocol, TYPE_CHECKING



if TYPE_CHECKING:
    from alyesdesk.inference.gaze.sample import GazeSample
    import numpy as np

FRONTENDS = ("mediapipe", "haar", "haar-original", "haar-original-cvdefaults")


class Frontend(Protocol):
    """What every front end offers: a camera frame in, a GazeSample (eye crops and features) out.

    `reset` forgets any tracking between frames (a new scene); `close` frees the detector.
    """

    @property
    def name(self) -> str: ...

    @property
    def feature_names(self) -> tuple[str, ...]: ...

    def process(self, frame: np.ndarray, timestamp: float = 0.0) -> GazeSample: ...

    def reset(self) -> None: ...

    def close(self) -> None: ...


def make_frontend(name: str, static: bool = False) -> Frontend:
    """"mediapipe" (FaceMesh + iris), "haar" (fast Haar) or "haar-original" (the prototype's recipe;
    "haar-original-cvdefaults" is the same recipe with OpenCV's default detection parameters).

    `static=True` treats frames as unrelated photos (no tracking between them).
    """
    if name == "mediapipe":
        from alyesdesk.inference.gaze.mediapipe_frontend import MediaPipeFrontend

        return MediaPipeFrontend(static=static)
    if name == "haar":
        from alyesdesk.inference.gaze.haar import FastHaarFrontend

        # Tracking assumes consecutive frames; unrelated photos get a fresh search each time.
        return FastHaarFrontend(track=not static)
    if name == "haar-original":
        from alyesdesk.inference.gaze.haar import OriginalHaarFrontend

        return OriginalHaarFrontend()
    if name == "haar-original-cvdefaults":
        from alyesdesk.inference.gaze.haar import OriginalHaarFrontend

        return OriginalHaarFrontend(scale_factor=1.1, min_neighbors=3)
    raise ValueError(f"unknown front end {name!r}: use one of {', '.join(FRONTENDS)}")
