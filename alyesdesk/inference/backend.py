"""Base class of every model backend: a sidecar, an ONNX file, and a lazily created, checked session."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar, TYPE_CHECKING


from alyesdesk.inference.errors import ModelError, ModelMismatchError
from alyesdesk.inference.sidecar import ModelSpec, SidecarError, TensorSpec

if TYPE_CHECKING:
    import numpy as np

_ORT_TYPES = {"tensor(float)": "float32", "tensor(uint8)": "uint8", "tensor(int64)": "int64"}
MAX_THREADS = 256  # runtime.intra_op_threads


class ModelBackend:
    """Runs one ONNX model described by a validated sidecar.

    Attributes
    ----------
    task : str
        Set by `register_backend`.
    required_keys : tuple of str
        Dotted sidecar keys this backend cannot work without (checked before the ONNX file is opened).
    """

    task: ClassVar[str] = ""
    required_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(self, spec: ModelSpec, onnx_path: str | Path) -> None:
        self.spec = spec
        self.onnx_path = Path(onnx_path)
        self._session: Any = None
        self._lock = threading.Lock()
        self.check_spec()

    # --- sidecar checks (no ONNX needed) -------------------------------------------------------
    def check_spec(self) -> None:
        """Task-specific sidecar checks; raise only SidecarError or ModelError (the catalog lists the model
        as broken), whatever the sidecar holds.
        """
        for key in self.required_keys:
            if self.spec.get(key) is None:
                raise SidecarError(key, f"is required by the '{self.task}' backend but missing")
        self.spec.integer("runtime.intra_op_threads", 1, low=1, high=MAX_THREADS)

    def require_one_image_input(self) -> None:
        """For backends fed one image at a time (through `images.to_tensor`)."""
        if len(self.spec.inputs) != 1:
            raise ModelError(f"a '{self.task}' model takes one image input, its sidecar declares {len(self.spec.inputs)}")
        if self.input.layout not in ("NCHW", "NHWC"):
            raise ModelError(
                f"input '{self.input.name}' must be an image (layout NCHW or NHWC), got {self.input.layout}"
            )

    # --- session -------------------------------------------------------------------------------
    @property
    def session(self) -> Any:
        """The onnxruntime session, created on first use, checked against the sidecar, then cached."""
        with self._lock:
            if self._session is None:
                self._session = self._open_session()
            return self._session

    def _open_session(self) -> Any:
        import onnxruntime as ort

        if not self.onnx_path.is_file():
            raise ModelError(f"model file not found: {self.onnx_path}")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        threads = self.spec.get("runtime.intra_op_threads")  # checked by check_spec
        if threads is not None:
            # A small model on a busy 2-core machine ran ~2x faster on one thread than with
            # onnxruntime's default of one spinning thread per core (waste classifier: 6 ms vs 13 ms).
            options.intra_op_num_threads = threads
        try:
            session = ort.InferenceSession(
                str(self.onnx_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises several unrelated types for a bad file
            raise ModelError(f"{self.onnx_path.name} is not a usable ONNX model: {exc}") from None
        self._check_io(session)
        return session

    def _check_io(self, session: Any) -> None:
        problems: list[str] = []
        problems += _compare("input", self.spec.inputs, session.get_inputs())
        problems += _compare("output", self.spec.outputs, session.get_outputs())
        if problems:
            raise ModelMismatchError(
                f"{self.onnx_path.name} does not match its sidecar:\n- " + "\n- ".join(problems)
            )
        self.check_outputs()

    def check_outputs(self) -> None:
        """Task-specific checks once the session exists (e.g. one logit per label)."""

    def check_sample_outputs(self, outputs: dict[str, np.ndarray]) -> None:
        """Task-specific checks of real outputs (by name) for one synthetic input, run by the import
        checker; ModelError when the app could not use them. The declared shapes and finiteness are
        checked before this is called.
        """

    def verify(self) -> None:
        """Open the session now (loads and checks the model) instead of at first use."""
        _ = self.session

    def run(self, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        return self.session.run(None, feeds)

    @property
    def input(self) -> TensorSpec:
        return self.spec.inputs[0]


def _compare(kind: str, declared: tuple[TensorSpec, ...], actual: list[Any]) -> list[str]:
    problems = []
    actual_by_name = {a.name: a for a in actual}
    declared_names = [d.name for d in declared]
    if sorted(declared_names) != sorted(actual_by_name):
        problems.append(
            f"{kind} names: sidecar declares {declared_names}, model has {[a.name for a in actual]}"
        )
    for d in declared:
        a = actual_by_name.get(d.name)
        if a is None:
            continue
        if len(a.shape) != len(d.shape):
            problems.append(f"{kind} '{d.name}' rank: sidecar {list(d.shape)}, model {list(a.shape)}")
            continue
        for axis, (want, got) in enumerate(zip(d.shape, a.shape, strict=True)):
            if isinstance(want, int) and isinstance(got, int) and want != got:
                problems.append(
                    f"{kind} '{d.name}' axis {axis}: sidecar {list(d.shape)}, model {list(a.shape)}"
                )
                break
        got_type = _ORT_TYPES.get(a.type, a.type)
        if got_type != d.dtype:
            problems.append(f"{kind} '{d.name}' type: sidecar {d.dtype}, model {got_type}")
    return problems


def require(condition: bool, message: str) -> None:
    """Raise ModelMismatchError unless `condition` holds (for backends' check_outputs)."""
    if not condition:
        raise ModelMismatchError(message)
