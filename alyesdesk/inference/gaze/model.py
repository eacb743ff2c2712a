"""The "gaze" model backend: calibrated (per user) and deep models share one input signature.

Inputs: `right_eye` and `left_eye` (N, 1, 32, 32) float32 grey crops scaled 0..1, `features` (N, 16)
float32 from the front end named in the sidecar (`gaze.frontend`). Output: `gaze` (N, 2), the normalised
screen point (x / width, y / height).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TYPE_CHECKING

import numpy as np

from alyesdesk.inference.backend import ModelBackend, require
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.registry import register_backend
from alyesdesk.inference.sidecar import SidecarError, validate_sidecar
from alyesdesk.inference.sidecar_checks import number_in
from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.frontends import FRONTENDS

if TYPE_CHECKING:
    from collections.abc import Sequence

    import onnxruntime as ort

INPUT_NAMES = ("right_eye", "left_eye", "features")
MAX_OFFSET = 10.0  # gaze.offset, in screen widths/heights
MAX_SCREEN_PX = 100_000  # gaze.screen sizes in pixels
MAX_SCREEN_MM = 100_000.0  # gaze.screen sizes in mm and the distance in cm


@register_backend("gaze")
class GazeModel(ModelBackend):
    """A gaze model from a file or from bytes (stored calibrations): eye crops and features in, normalised
    screen points out (see the module doc), plus the sidecar's `gaze.offset` drift correction.
    """

    required_keys = ("gaze.frontend", "gaze.features")
    _bytes: bytes | None = None  # the ONNX file held in memory (from_bytes), instead of a path

    def check_spec(self) -> None:
        super().check_spec()
        names = [t.name for t in self.spec.inputs]
        if sorted(names) != sorted(INPUT_NAMES):
            raise ModelError(f"a gaze model needs inputs {list(INPUT_NAMES)}, its sidecar declares {names[:10]}")
        features = self.spec.names("gaze.features")
        if len(features) != S.FEATURE_COUNT:
            raise ModelError(f"gaze.features must name {S.FEATURE_COUNT} features, the sidecar names {len(features)}")
        self.spec.text("gaze.frontend", choices=FRONTENDS)
        self.spec.text("gaze.kind")
        _ = self.offset
        self._check_screen()

    def _check_screen(self) -> None:
        # Read by recentred_sidecar() and the live tracker (ScreenGeometry.from_dict).
        if self.spec.get("gaze.screen") is None:
            return
        if not isinstance(self.spec.get("gaze.screen"), dict):
            raise SidecarError("gaze.screen", "expected an object of screen sizes")
        for key in ("width_px", "height_px", "screen_w_px", "screen_h_px"):
            self.spec.integer(f"gaze.screen.{key}", 1, low=1, high=MAX_SCREEN_PX)
        for key in ("width_mm", "height_mm", "screen_w_mm", "screen_h_mm", "distance_cm"):
            self.spec.number(f"gaze.screen.{key}", 1.0, low=0.0, high=MAX_SCREEN_MM, low_open=True)

    def _check_io(self, session: ort.InferenceSession) -> None:
        # The base class calls check_outputs() before it caches the session (and holds its lock).
        self._checking = session
        super()._check_io(session)

    def check_outputs(self) -> None:
        outputs = self._checking.get_outputs()
        require(len(outputs) == 1, f"a gaze model has one output, this one has {len(outputs)}")
        shape = outputs[0].shape
        require(
            len(shape) == 2 and (shape[1] == 2 or not isinstance(shape[1], int)),
            f"the gaze output must be (N, 2), got {shape}",
        )

    @property
    def frontend(self) -> str:
        return str(self.spec.text("gaze.frontend", choices=FRONTENDS))

    @property
    def kind(self) -> str:
        return str(self.spec.text("gaze.kind", "calibrated"))

    @classmethod
    def from_bytes(cls, onnx_bytes: bytes, sidecar: dict) -> GazeModel:
        """A model kept in memory or in the database (calibrations are stored there, not in files)."""
        model = cls(validate_sidecar(sidecar, source="calibration"), Path("<memory>"))
        model._bytes = bytes(onnx_bytes)
        return model

    def _open_session(self) -> Any:
        data = getattr(self, "_bytes", None)
        if data is None:
            return super()._open_session()
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3
        try:
            session = ort.InferenceSession(data, sess_options=options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises several unrelated types for a bad model
            raise ModelError(f"the stored gaze model is not usable: {exc}") from None
        self._check_io(session)
        return session

    @property
    def offset(self) -> np.ndarray:
        """A drift correction added to the output (normalised units), from `gaze.offset` in the sidecar."""
        value = self.spec.get("gaze.offset")
        if value is None:
            return np.zeros(2, np.float64)
        if not isinstance(value, list) or len(value) != 2:
            raise SidecarError("gaze.offset", "expected [x, y], two numbers")
        return np.array([number_in(f"gaze.offset[{i}]", v, -MAX_OFFSET, MAX_OFFSET) for i, v in enumerate(value)])

    def predict(self, right: np.ndarray, left: np.ndarray, features: np.ndarray) -> np.ndarray:
        """Normalised screen points (N, 2)."""
        out = self.run({"right_eye": right, "left_eye": left, "features": features})
        return np.asarray(out[0], np.float64) + self.offset

    def recentred_sidecar(self, samples: Sequence[S.GazeSample], target_px: tuple[float, float]) -> dict:
        """The sidecar with `gaze.offset` updated so `samples` (looking at `target_px`) hit the target."""
        usable = [s for s in samples if s.ok]
        if not usable:
            raise ModelError("no usable samples for the drift correction: keep the face in view, eyes open")
        screen = self.spec.get("gaze.screen") or {}
        size = np.array([screen.get("width_px", 1920), screen.get("height_px", 1080)], np.float64)
        pred = np.median(self.predict(*S.stack(usable)), axis=0)
        offset = self.offset + (np.asarray(target_px, np.float64) / size - pred)
        raw = json.loads(json.dumps(self.spec.raw))
        raw.setdefault("gaze", {})["offset"] = [float(offset[0]), float(offset[1])]
        return raw

    def predict_samples(self, samples: Sequence[S.GazeSample]) -> np.ndarray:
        """Normalised points for the usable samples, NaN rows for the others (same order)."""
        out = np.full((len(samples), 2), np.nan)
        idx = [i for i, s in enumerate(samples) if s.ok]
        if idx:
            out[idx] = self.predict(*S.stack([samples[i] for i in idx]))
        return out

    def check_frontend(self, frontend_name: str) -> None:
        """Raise ModelError if this model was fitted on another front end's features."""
        if frontend_name != self.frontend:
            raise ModelError(
                f"model '{self.spec.name}' was fitted on the {self.frontend} front end, not {frontend_name}: "
                "recalibrate or switch the front end"
            )
