"""Finds models (bundled and user-imported), opens them through the registry, and caches them."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alyesdesk import paths
from alyesdesk.fileio import atomic_write_text
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.registry import backend_class
from alyesdesk.inference.safejson import display_path
from alyesdesk.inference.sidecar import ModelSpec, SidecarError, load_sidecar

if TYPE_CHECKING:
    from alyesdesk.inference.backend import ModelBackend
    from alyesdesk.storage import ModelRef

ACTIVE_MODELS_FILE = "active_models.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelInfo:
    """A model found on disk: its validated sidecar and where it lives."""

    spec: ModelSpec
    onnx_path: Path
    sidecar_path: Path
    bundled: bool

    @property
    def key(self) -> str:
        return f"{self.spec.name}@{self.spec.version}"

    def sha256(self) -> str:
        return file_sha256(self.onnx_path)


@dataclass(frozen=True)
class BrokenModel:
    """A sidecar that failed validation, kept so the UI and selftest can say why."""

    sidecar_path: Path
    error: str

    @property
    def display_name(self) -> str:
        r"""The sidecar's path as printable text (undecodable bytes of the name as \\xNN)."""
        return display_path(self.sidecar_path)


_cache: dict[tuple[str, float], ModelBackend] = {}
_cache_lock = threading.Lock()
_sha_cache: dict[tuple[str, float], str] = {}


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file as hex, cached per resolved path and modification time (models are large)."""
    path = Path(path)
    key = (str(path.resolve()), path.stat().st_mtime)
    if key not in _sha_cache:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        _sha_cache[key] = digest.hexdigest()
    return _sha_cache[key]


def model_dirs() -> list[tuple[Path, bool]]:
    """The folders scanned for models, each with whether it holds bundled ones (bundled first, then the user's)."""
    return [(paths.bundled_models_dir(), True), (paths.user_models_dir(), False)]


def scan() -> tuple[list[ModelInfo], list[BrokenModel]]:
    """Every model with a valid sidecar and an ONNX file beside it, plus the broken ones.

    The user's folder holds untrusted files: one broken model is listed with its reason and skipped; it
    never stops the others from loading (every command and tab starts with this scan).
    """
    found: list[ModelInfo] = []
    broken: list[BrokenModel] = []
    for folder, bundled in model_dirs():
        try:
            sidecars = sorted(folder.glob("*.json")) if folder.is_dir() else []
        except OSError as exc:
            log.warning("cannot list models in %s: %s", display_path(folder), exc)
            continue
        for sidecar in sidecars:
            onnx_path = sidecar.with_suffix(".onnx")
            if not onnx_path.is_file():
                continue  # metrics or split files also end in .json; a model needs its ONNX twin
            try:
                spec = check_model_files(sidecar, onnx_path)
            except (SidecarError, ModelError) as exc:
                broken.append(BrokenModel(sidecar, str(exc)))
                continue
            except Exception as exc:  # a bug in a check must not take every command down: say so, go on
                log.exception("unexpected error while checking %s", display_path(sidecar))
                broken.append(BrokenModel(sidecar, f"{display_path(sidecar)}: cannot be checked ({type(exc).__name__})"))
                continue
            found.append(ModelInfo(spec, onnx_path, sidecar, bundled))
    return found, broken


def check_model_files(sidecar: Path, onnx_path: Path) -> ModelSpec:
    """The validated sidecar of a model pair, also checked by its backend (without opening the ONNX)."""
    if display_path(sidecar.name) != sidecar.name:
        # Such a name cannot be printed, stored or shown by Qt without errors: refuse it, say how to fix it.
        raise ModelError(f"{display_path(sidecar)}: the file name is not valid UTF-8; rename the model's files")
    spec = load_sidecar(sidecar)
    try:
        backend_class(spec.task)(spec, onnx_path)  # runs the backend's check_spec; the session opens lazily
    except SidecarError as exc:
        raise SidecarError(exc.field, exc.problem, exc.source or display_path(sidecar)) from None
    except ModelError as exc:
        raise ModelError(f"{display_path(sidecar)}: {exc}") from None
    return spec


def models_for(task: str) -> list[ModelInfo]:
    """The valid models for `task` (bundled first, each folder in name order); broken ones are left out."""
    return [m for m in scan()[0] if m.spec.task == task]


def _active_file() -> Path:
    return paths.data_dir() / ACTIVE_MODELS_FILE


def _read_active() -> dict[str, str]:
    try:
        data = json.loads(_active_file().read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}  # a missing or damaged choice falls back to the bundled default


def set_active(task: str, info: ModelInfo) -> None:
    """Remember the user's model for `task` (the bundled one stays the fallback)."""
    active = _read_active()
    active[task] = str(info.onnx_path)
    atomic_write_text(_active_file(), json.dumps(active, indent=2))


def active_model(task: str) -> ModelInfo:
    """The model the user chose for `task`, else the bundled one; ModelError if there is none."""
    candidates = models_for(task)
    if not candidates:
        raise ModelError(
            f"no '{task}' model is installed. Bundled models live in {paths.bundled_models_dir()}; "
            "use File > Import model to add one."
        )
    chosen = _read_active().get(task)
    for info in candidates:
        if chosen and str(info.onnx_path) == chosen:
            return info
    bundled = [m for m in candidates if m.bundled]
    return (bundled or candidates)[0]


def open_model(info: ModelInfo) -> ModelBackend:
    """The backend for `info`, cached per file and modification time; the session opens lazily."""
    key = (str(info.onnx_path.resolve()), info.onnx_path.stat().st_mtime)
    with _cache_lock:
        backend = _cache.get(key)
        if backend is None:
            backend = backend_class(info.spec.task)(info.spec, info.onnx_path)
            _cache[key] = backend
        return backend


def load_model(onnx_path: str | Path, sidecar_path: str | Path | None = None) -> ModelBackend:
    """Open one model file pair and check it fully (sidecar, then ONNX inputs and outputs)."""
    onnx_path = Path(onnx_path)
    sidecar = Path(sidecar_path) if sidecar_path else onnx_path.with_suffix(".json")
    spec = load_sidecar(sidecar)
    backend = backend_class(spec.task)(spec, onnx_path)
    backend.verify()
    return backend


def clear_cache() -> None:
    """Forget every opened backend (`open_model` opens them again); file hashes stay cached."""
    with _cache_lock:
        _cache.clear()


def model_ref(info: ModelInfo) -> ModelRef:
    """How results refer to the model that produced them."""
    from alyesdesk.storage import ModelRef

    return ModelRef(info.spec.name, info.spec.version, info.sha256())


def open_for_task(
    task: str, model_path: str | Path | None = None, info: ModelInfo | None = None
) -> tuple[ModelBackend, ModelInfo]:
    """The model to use for `task`: an explicit file (a `--model` option), a given ModelInfo, or the
    active one. Opened, checked against its sidecar, and refused when it was made for another task.
    """
    if model_path is not None:
        onnx_path = Path(model_path)
        sidecar_path = onnx_path.with_suffix(".json")
        info = ModelInfo(load_sidecar(sidecar_path), onnx_path, sidecar_path, bundled=False)
    elif info is None:
        info = active_model(task)
    if info.spec.task != task:
        raise ModelError(f"{info.onnx_path.name} is a '{info.spec.task}' model, not a '{task}' model")
    backend = open_model(info)
    backend.verify()
    return backend, info
