"""Importing a user's model: untrusted input, checked in a separate process before the app loads it.

A crafted or broken ONNX file could crash onnxruntime, hang it, or make it allocate gigabytes; doing the
first load and one real inference in a child process, under a memory limit (POSIX) and a time limit,
keeps the app alive. Nothing but onnxruntime ever executes a model; nothing is unpickled.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, TYPE_CHECKING

import numpy as np

from alyesdesk import paths
from alyesdesk.inference.catalog import load_model
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import to_tensor
from alyesdesk.inference.sidecar import ModelSpec, TensorSpec, read_sidecar_json, validate_sidecar
from alyesdesk.inference.documents.verify import linked_verifier_path

if TYPE_CHECKING:
    from alyesdesk.inference.backend import ModelBackend

CHECK_TIMEOUT_S = 60
MAX_MODEL_BYTES = 500 * 1024 * 1024
# Address space the checker may add for loading the model and one inference, on top of what the child
# used before loading it, plus MODEL_MEMORY_FACTOR times the file (weights are read, copied and
# pre-packed). A model that needs more cannot run beside the app's others on a desktop.
CHECK_MEMORY_BYTES = 1024 * 1024 * 1024
MODEL_MEMORY_FACTOR = 3
STAGING_SUFFIX = ".importing"
STALE_STAGING_S = 3600  # a staging folder this old was left by an import that was killed outright
MAX_STEM_CHARS = 120  # file names stay well under the 255-byte limit of common file systems
_SAFE_STEM = re.compile(r"[^A-Za-z0-9_.-]+")


def check_command(onnx_path: Path, sidecar_path: Path, timeout: float = CHECK_TIMEOUT_S) -> list[str]:
    """The command line of the `check-model` child for this pair (the frozen app runs its own executable).

    `timeout` is passed as `--time-limit`: the child ends itself then, or once its parent is gone.
    """
    limit = ["--time-limit", f"{timeout:g}"]
    if getattr(sys, "frozen", False):
        return [sys.executable, "check-model", str(onnx_path), str(sidecar_path), *limit]
    return [sys.executable, "-m", "alyesdesk", "check-model", str(onnx_path), str(sidecar_path), *limit]


def _child_env() -> dict[str, str]:
    # glibc reserves 64 MB of address space per malloc arena (one per thread, up to 8 per core): with
    # RLIMIT_AS that reservation, not the model, would hit the limit on a many-core machine.
    return {**os.environ, "MALLOC_ARENA_MAX": "2"}


def _own_process_group() -> dict[str, Any]:
    # The child leads its own process group, so killing the group also ends anything it started (the
    # frozen app's bootloader runs the real program as a grandchild).
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _kill(proc: subprocess.Popen) -> None:
    """End the child and its process group (harmless when they already exited), then reap the child."""
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the group is gone already
    elif proc.poll() is None:
        proc.kill()
    proc.wait()


def _run_checker(command: list[str], name: str, timeout: float) -> dict:
    """Run the child checker and return its one-line JSON verdict; ModelError for anything else.

    The child is killed on every way out of here: timeout, Ctrl+C (KeyboardInterrupt) or any error.
    """
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            errors="replace", env=_child_env(), **_own_process_group())
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ModelError(f"checking {name} took longer than {timeout:.0f} s; not imported") from None
    finally:
        _kill(proc)
    return _verdict(stdout, stderr, proc.returncode, name)


def _verdict(stdout: str, stderr: str, returncode: int, name: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    try:
        verdict = json.loads(lines[-1])
        ok = verdict.get("ok")
    except (IndexError, ValueError, AttributeError):
        tail = (stderr or stdout).strip().splitlines()[-1:] or ["no output"]
        raise ModelError(f"{name} crashed the model checker (exit {returncode}): {tail[0][:500]}") from None
    if not ok:
        raise ModelError(str(verdict.get("error") or f"{name} was refused"))
    return verdict


def check_in_subprocess(onnx_path: Path, sidecar_path: Path, timeout: float | None = None) -> None:
    """Load, verify and run the model once in a child process; ModelError with the child's reason."""
    timeout = timeout or CHECK_TIMEOUT_S
    _run_checker(check_command(onnx_path, sidecar_path, timeout), onnx_path.name, timeout)


# --- what the child process runs -----------------------------------------------------------------------


def start_watchdog(seconds: float) -> None:
    """End this (child) process after `seconds`, or as soon as its parent is gone.

    The parent kills the child on timeout; this covers a parent that was itself killed outright (no
    orphan keeps running a hostile model).
    """
    parent, deadline, wake = os.getppid(), time.monotonic() + seconds, threading.Event()

    def watch() -> None:
        while time.monotonic() < deadline:
            if os.getppid() != parent:
                os._exit(3)
            wake.wait(0.5)
        os._exit(124)

    threading.Thread(target=watch, name="check-watchdog", daemon=True).start()


def limit_memory(extra_bytes: int) -> bool:
    """Cap this process's address space at what it uses now plus `extra_bytes` (Linux: RLIMIT_AS).

    Returns False where that is not possible (Windows has no `resource`; macOS does not enforce
    RLIMIT_AS): there only the time limit applies.
    """
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + extra_bytes
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        return False
    return True


def memory_budget(onnx_path: Path) -> int:
    """Bytes the checker may add to load and run this model: CHECK_MEMORY_BYTES + MODEL_MEMORY_FACTOR x the file."""
    return CHECK_MEMORY_BYTES + MODEL_MEMORY_FACTOR * onnx_path.stat().st_size


def check_here(onnx_path: Path, sidecar_path: Path, *, memory_limit: bool = False) -> dict:
    """What the child process runs: full validation, then one inference on a synthetic input of the
    declared size, whose outputs must have the declared shapes and be finite.

    `memory_limit` caps this process's memory first (only ever in the child process).
    """
    if onnx_path.stat().st_size > MAX_MODEL_BYTES:
        raise ModelError(f"{onnx_path.name} is larger than {MAX_MODEL_BYTES // (1024 * 1024)} MB")
    budget = memory_budget(onnx_path)
    if memory_limit:
        import onnxruntime  # noqa: F401 - loaded before the limit: the budget is for the model alone

        limit_memory(budget)
    try:
        backend = load_model(onnx_path, sidecar_path)
        outputs = run_synthetic(backend)
    except (MemoryError, ModelError) as exc:
        if _out_of_memory(exc):
            raise ModelError(_too_big(onnx_path.name, budget)) from None
        raise
    check_synthetic_outputs(backend, outputs)
    return {"ok": True, "task": backend.spec.task, "outputs": {k: list(v.shape) for k, v in outputs.items()}}


def _out_of_memory(exc: BaseException) -> bool:
    # onnxruntime reports a failed allocation as MemoryError (std::bad_alloc) or as its own error
    # ("Failed to allocate memory"), which the backend wraps in a ModelError.
    return isinstance(exc, MemoryError) or "alloc" in str(exc).lower()


def _too_big(name: str, budget: int) -> str:
    return (f"{name} needs more than {budget // (1024 * 1024)} MB of memory to load and run once on an "
            "input of its declared size; not imported")


def synthetic_image(height: int = 97, width: int = 131) -> np.ndarray:
    """A deterministic 8-bit BGR test picture (gradients and noise), deliberately of an odd size so that
    the sidecar's resize runs as it does for a real photo.
    """
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x * 255 // max(1, width - 1), y * 255 // max(1, height - 1), (x + y) % 256], axis=-1)
    noise = rng.integers(0, 32, size=(height, width, 3))
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def synthetic_feeds(inputs: tuple[TensorSpec, ...]) -> dict[str, np.ndarray]:
    """One sample for every input, at its declared size: image inputs go through the app's own
    pre-processing (`images.to_tensor`), others get small values (named axes set to 1).
    """
    rng = np.random.default_rng(1)
    feeds = {}
    for tensor in inputs:
        if tensor.layout in ("NCHW", "NHWC"):
            feeds[tensor.name], _ = to_tensor(synthetic_image(), tensor)
            continue
        shape = [d if isinstance(d, int) else 1 for d in tensor.shape]
        if tensor.dtype == "float32":
            feeds[tensor.name] = rng.random(shape, dtype=np.float32)
        else:
            feeds[tensor.name] = np.zeros(shape, dtype=tensor.dtype)
    return feeds


def run_synthetic(backend: ModelBackend) -> dict[str, np.ndarray]:
    """The model's outputs, by name, for `synthetic_feeds`; ModelError when the run fails."""
    feeds = synthetic_feeds(backend.spec.inputs)
    try:
        values = backend.run(feeds)
    except MemoryError:
        raise
    except Exception as exc:  # onnxruntime raises several unrelated types
        raise ModelError(f"{backend.onnx_path.name} failed on a synthetic input of its declared size: "
                         f"{str(exc)[:500]}") from None
    names = [o.name for o in backend.session.get_outputs()]
    return {name: np.asarray(value) for name, value in zip(names, values, strict=True)}


def check_synthetic_outputs(backend: ModelBackend, outputs: dict[str, np.ndarray]) -> None:
    """Refuse outputs the app could not use: another shape than declared, NaN or infinity."""
    for declared in backend.spec.outputs:
        value = outputs[declared.name]
        fixed = [(axis, want) for axis, want in enumerate(declared.shape) if isinstance(want, int)]
        if value.ndim != len(declared.shape) or any(value.shape[axis] != want for axis, want in fixed):
            raise ModelError(f"output '{declared.name}' has shape {list(value.shape)} for one input; the sidecar "
                             f"declares {list(declared.shape)}")
        if value.dtype.kind not in "fiub":
            raise ModelError(f"output '{declared.name}' is of type {value.dtype}, not numbers")
        if value.dtype.kind == "f" and not np.isfinite(value).all():
            raise ModelError(f"output '{declared.name}' holds NaN or infinite values for a synthetic input; "
                             "the app could not use its results")
    backend.check_sample_outputs(outputs)


# --- installing ----------------------------------------------------------------------------------------


def _read_sidecar(onnx_path: Path, sidecar: str | Path | dict | None) -> tuple[ModelSpec, Any]:
    """The validated spec and the JSON to install, from a dict (the import dialog) or a file."""
    if isinstance(sidecar, dict):
        return validate_sidecar(sidecar, source="sidecar"), sidecar
    sidecar_path = Path(sidecar) if sidecar else onnx_path.with_suffix(".json")
    if not sidecar_path.is_file():
        raise ModelError(
            f"{onnx_path.name} has no sidecar ({sidecar_path.name}); describe the model in the import "
            "dialog so AlyesDesk knows its input, labels and thresholds"
        )
    data = read_sidecar_json(sidecar_path)  # read once, within the size and depth limits
    return validate_sidecar(data, source=sidecar_path.name), data


def import_model(onnx_path: str | Path, sidecar: str | Path | dict | None = None) -> Path:
    """Validate and copy a model into the user's models folder; returns the installed ONNX path.

    `sidecar` is a path, a dict (written by the import dialog), or None (the `.json` beside the ONNX).
    Nothing is left behind when it fails or is interrupted: no staging folder, no checker process.
    """
    onnx_path = Path(onnx_path)
    if not onnx_path.is_file():
        raise ModelError(f"no such model file: {onnx_path}")
    if onnx_path.stat().st_size > MAX_MODEL_BYTES:
        raise ModelError(f"{onnx_path.name} is larger than {MAX_MODEL_BYTES // (1024 * 1024)} MB")
    spec, sidecar_data = _read_sidecar(onnx_path, sidecar)
    target_dir = paths.user_models_dir()
    _remove_stale_staging(target_dir)
    stem = _target_stem(spec, target_dir)
    companion = linked_verifier_path(onnx_path, spec)
    staging: Path | None = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{stem}.", suffix=STAGING_SUFFIX, dir=target_dir))
        files = [f"{stem}.onnx", f"{stem}.json"]
        if companion is not None:
            # The detector's verifier travels with it under a name tied to the detector's.
            sidecar_data = json.loads(json.dumps(sidecar_data))
            sidecar_data["documents"]["verifier"] = f"{stem}.verifier.onnx"
            shutil.copyfile(companion, staging / f"{stem}.verifier.onnx")
            shutil.copyfile(companion.with_suffix(".json"), staging / f"{stem}.verifier.json")
            check_in_subprocess(staging / f"{stem}.verifier.onnx", staging / f"{stem}.verifier.json")
            files += [f"{stem}.verifier.onnx", f"{stem}.verifier.json"]
        shutil.copyfile(onnx_path, staging / f"{stem}.onnx")
        (staging / f"{stem}.json").write_text(json.dumps(sidecar_data, indent=2), encoding="utf-8")
        check_in_subprocess(staging / f"{stem}.onnx", staging / f"{stem}.json")
        # The verifier first, so a detector is never installed without the verifier it names.
        for name in reversed(files):
            (staging / name).replace(target_dir / name)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return target_dir / f"{stem}.onnx"


def _remove_stale_staging(folder: Path) -> None:
    """Remove staging folders of imports that were killed outright (no `finally` ran for them)."""
    cutoff = time.time() - STALE_STAGING_S
    for path in folder.glob(f".*{STAGING_SUFFIX}"):
        try:
            if path.is_dir() and path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue


def _target_stem(spec: ModelSpec, folder: Path) -> str:
    # The name comes from an untrusted file: keep it a short plain file name inside the models folder.
    base = _SAFE_STEM.sub("_", f"{spec.task}-{spec.name}-{spec.version}")[:MAX_STEM_CHARS].strip("._") or "model"
    stem, n = base, 2
    while (folder / f"{stem}.onnx").exists():
        stem, n = f"{base}-{n}", n + 1
    return stem


def describe_here(onnx_path: Path, *, memory_limit: bool = False) -> dict:
    """Input and output names, shapes and types of an ONNX file (run in the child process)."""
    import onnxruntime as ort

    budget = memory_budget(onnx_path)
    if memory_limit:
        limit_memory(budget)
    try:
        session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises several unrelated types for a bad file
        if _out_of_memory(exc):
            raise ModelError(_too_big(onnx_path.name, budget)) from None
        raise ModelError(f"{onnx_path.name} is not a usable ONNX model: {str(exc)[:500]}") from None
    kinds = {"tensor(float)": "float32", "tensor(uint8)": "uint8", "tensor(int64)": "int64"}

    def tensors(items: list) -> list[dict]:
        return [
            {"name": t.name, "shape": [d if isinstance(d, int) else None for d in t.shape],
             "dtype": kinds.get(t.type, t.type)}
            for t in items
        ]

    return {"ok": True, "inputs": tensors(session.get_inputs()), "outputs": tensors(session.get_outputs())}


def describe_in_subprocess(onnx_path: Path, timeout: float | None = None) -> dict:
    """`describe_here` in a child process, so an unknown file cannot take the app down."""
    timeout = timeout or CHECK_TIMEOUT_S
    command = check_command(onnx_path, onnx_path, timeout) + ["--describe"]
    return _run_checker(command, onnx_path.name, timeout)


def draft_sidecar(description: dict, task: str, name: str, version: str, licence: str,
                  labels: list[str], color_order: str, resize: str, scale: float,
                  mean: list[float], std: list[float]) -> dict:
    """A sidecar for a model without one, from the import dialog's answers and the ONNX description."""
    inputs = []
    for tensor in description["inputs"]:
        entry = dict(tensor)
        shape = entry["shape"]
        if len(shape) == 4:
            entry.update(
                layout="NHWC" if shape[-1] in (1, 3) and shape[1] not in (1, 3) else "NCHW",
                color_order=color_order,
                resize=resize,
                normalization={"scale": scale, "mean": mean, "std": std},
            )
        inputs.append(entry)
    data = {
        "schema_version": 1, "task": task, "name": name, "version": version, "licence": licence,
        "inputs": inputs, "outputs": description["outputs"],
        "description": "imported by the user; sidecar written by the import dialog",
    }
    if labels:
        data["labels"] = labels
    return data
