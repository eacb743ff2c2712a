"""Importing a user's model: untrusted input, checked in a separate process before the app loads it.

A crafted or broken ONNX file could crash onnxruntime; doing the first load in a child process with a
timeout keeps the app alive. Nothing but onnxruntime ever executes a model; nothing is unpickled.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from alyesdesk import paths
from alyesdesk.inference.catalog import load_model
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.sidecar import ModelSpec, load_sidecar, validate_sidecar
from alyesdesk.inference.documents.verify import linked_verifier_path

CHECK_TIMEOUT_S = 60
MAX_MODEL_BYTES = 500 * 1024 * 1024
_SAFE_STEM = re.compile(r"[^A-Za-z0-9_.-]+")


def check_command(onnx_path: Path, sidecar_path: Path) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "check-model", str(onnx_path), str(sidecar_path)]
    return [sys.executable, "-m", "alyesdesk", "check-model", str(onnx_path), str(sidecar_path)]


def _run_checker(command: list[str], name: str, timeout: float) -> dict:
    """Run the child checker and return its one-line JSON verdict; ModelError for anything else."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ModelError(f"checking {name} took longer than {timeout:.0f} s; not imported") from None
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    try:
        verdict = json.loads(lines[-1])
    except (IndexError, ValueError):
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ModelError(f"{name} crashed the model checker (exit {proc.returncode}): {tail[0]}") from None
    if not verdict.get("ok"):
        raise ModelError(verdict.get("error") or f"{name} was refused")
    return verdict


def check_in_subprocess(onnx_path: Path, sidecar_path: Path, timeout: float = CHECK_TIMEOUT_S) -> None:
    """Load and verify the model in a child process; ModelError with the child's reason on failure."""
    _run_checker(check_command(onnx_path, sidecar_path), onnx_path.name, timeout)


def check_here(onnx_path: Path, sidecar_path: Path) -> dict:
    """What the child process runs: full validation, plus one inference on zeros."""
    import numpy as np

    if onnx_path.stat().st_size > MAX_MODEL_BYTES:
        raise ModelError(f"{onnx_path.name} is larger than {MAX_MODEL_BYTES // (1024 * 1024)} MB")
    backend = load_model(onnx_path, sidecar_path)
    feeds = {}
    for spec in backend.spec.inputs:
        shape = [d if isinstance(d, int) else 1 for d in spec.shape]
        feeds[spec.name] = np.zeros(shape, dtype=spec.dtype)
    outputs = backend.run(feeds)
    return {"ok": True, "task": backend.spec.task, "outputs": [list(o.shape) for o in outputs]}


def import_model(onnx_path: str | Path, sidecar: str | Path | dict | None = None) -> Path:
    """Validate and copy a model into the user's models folder; returns the installed ONNX path.

    `sidecar` is a path, a dict (written by the import dialog), or None (the `.json` beside the ONNX).
    """
    onnx_path = Path(onnx_path)
    if not onnx_path.is_file():
        raise ModelError(f"no such model file: {onnx_path}")
    if isinstance(sidecar, dict):
        spec = validate_sidecar(sidecar, source="sidecar")
        sidecar_data = sidecar
    else:
        sidecar_path = Path(sidecar) if sidecar else onnx_path.with_suffix(".json")
        if not sidecar_path.is_file():
            raise ModelError(
                f"{onnx_path.name} has no sidecar ({sidecar_path.name}); describe the model in the import "
                "dialog so AlyesDesk knows its input, labels and thresholds"
            )
        spec = load_sidecar(sidecar_path)
        sidecar_data = json.loads(sidecar_path.read_text(encoding="utf-8-sig"))
    target_dir = paths.user_models_dir()
    stem = _target_stem(spec, target_dir)
    companion = linked_verifier_path(onnx_path, spec)
    staging = target_dir / f".{stem}.importing"
    staging.mkdir(exist_ok=True)
    try:
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
        shutil.rmtree(staging, ignore_errors=True)
    return target_dir / f"{stem}.onnx"


def _target_stem(spec: ModelSpec, folder: Path) -> str:
    # The name comes from an untrusted file: keep it a plain file name inside the models folder.
    base = _SAFE_STEM.sub("_", f"{spec.task}-{spec.name}-{spec.version}").strip("._") or "model"
    stem, n = base, 2
    while (folder / f"{stem}.onnx").exists():
        stem, n = f"{base}-{n}", n + 1
    return stem


def describe_here(onnx_path: Path) -> dict:
    """Input and output names, shapes and types of an ONNX file (run in the child process)."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    kinds = {"tensor(float)": "float32", "tensor(uint8)": "uint8", "tensor(int64)": "int64"}

    def tensors(items: list) -> list[dict]:
        return [
            {"name": t.name, "shape": [d if isinstance(d, int) else None for d in t.shape],
             "dtype": kinds.get(t.type, t.type)}
            for t in items
        ]

    return {"ok": True, "inputs": tensors(session.get_inputs()), "outputs": tensors(session.get_outputs())}


def describe_in_subprocess(onnx_path: Path, timeout: float = CHECK_TIMEOUT_S) -> dict:
    """`describe_here` in a child process, so an unknown file cannot take the app down."""
    command = check_command(onnx_path, onnx_path)[:-1] + ["--describe"]
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
