"""What the install is made of and whether it works: shared by `selftest`, `diagnostics` and Help menu.

Qt-free except the optional Qt check, which imports PySide6 lazily.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from alyesdesk import __version__, paths

OK, WARN, FAIL = "ok", "warning", "fail"
VERSIONED_MODULES = (
    ("numpy", "numpy"),
    ("opencv", "cv2"),
    ("mediapipe", "mediapipe"),
    ("onnxruntime", "onnxruntime"),
    ("onnx", "onnx"),  # Teach writes taught models with it
    ("SQLAlchemy", "sqlalchemy"),
    ("sqlcipher3", "sqlcipher3"),
    ("keyring", "keyring"),
    ("PySide6", "PySide6"),
    ("pyqtgraph", "pyqtgraph"),
)


@dataclass
class Check:
    name: str
    status: str
    detail: str
    seconds: float = 0.0
    data: dict = field(default_factory=dict)


def _version(module_name: str) -> str:
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # report, never crash diagnostics
        return f"not available ({type(exc).__name__}: {exc})"
    version = getattr(module, "__version__", None)
    if version is None and module_name == "keyring":
        from importlib.metadata import version as dist_version

        version = dist_version("keyring")
    return str(version or "unknown")


def versions() -> dict[str, str]:
    out = {
        "AlyesDesk": __version__,
        "Python": platform.python_version(),
        "platform": platform.platform(),
        "frozen": "yes" if getattr(sys, "frozen", False) else "no (source install)",
    }
    out.update({label: _version(module) for label, module in VERSIONED_MODULES})
    try:
        import onnxruntime

        out["onnxruntime providers"] = ", ".join(onnxruntime.get_available_providers())
    except Exception:
        pass
    return out


def list_cameras(max_index: int = 4) -> list[dict]:
    """Cameras the OS exposes. On Linux only existing /dev/video* nodes are opened (probing absent
    indices is slow and noisy); elsewhere the first few indices are tried."""
    import cv2

    if sys.platform.startswith("linux"):
        indices = sorted(int(p.name[5:]) for p in Path("/dev").glob("video*") if p.name[5:].isdigit())
    else:
        indices = list(range(max_index))
    found = []
    for index in indices[:max_index]:
        capture = cv2.VideoCapture(index)
        try:
            if capture.isOpened():
                found.append(
                    {
                        "index": index,
                        "width": int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
                        "height": int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
                    }
                )
        finally:
            capture.release()
    return found


def _timed(name: str, fn: Callable[[], Check]) -> Check:
    start = time.perf_counter()
    try:
        check = fn()
    except Exception as exc:  # a failing check is a result, not a crash
        check = Check(name, FAIL, f"{type(exc).__name__}: {exc}")
    check.seconds = round(time.perf_counter() - start, 3)
    return check


def check_imports() -> Check:
    missing = {}
    for label, module in VERSIONED_MODULES:
        if module in ("PySide6", "pyqtgraph"):
            continue  # checked by the Qt check: the headless core works without them
        try:
            importlib.import_module(module)
        except Exception as exc:
            missing[label] = str(exc)
    if missing:
        return Check("imports", FAIL, "; ".join(f"{k}: {v}" for k, v in missing.items()))
    return Check("imports", OK, "numpy, OpenCV, MediaPipe, onnxruntime, onnx, SQLAlchemy, sqlcipher3, keyring")


def check_models() -> Check:
    from alyesdesk.inference import catalog

    found, broken = catalog.scan()
    loaded, failed = [], []
    for info in found:
        try:
            catalog.open_model(info).verify()
            loaded.append(f"{info.spec.task}:{info.key}")
        except Exception as exc:
            failed.append(f"{info.onnx_path.name}: {exc}")
    failed += [f"{Path(b.display_name).name}: {b.error}" for b in broken]  # printable even if the name is not UTF-8
    data = {"loaded": loaded, "failed": failed}
    if failed:
        return Check("models", FAIL, f"{len(failed)} model(s) failed: " + " | ".join(failed), data=data)
    if not loaded:
        return Check("models", WARN, f"no models found in {paths.bundled_models_dir()}", data=data)
    return Check("models", OK, f"{len(loaded)} loaded: " + ", ".join(loaded), data=data)


def check_mediapipe() -> Check:
    import numpy as np
    from mediapipe.python.solutions import face_detection, face_mesh

    frame = np.zeros((480, 640, 3), np.uint8)
    with face_mesh.FaceMesh(static_image_mode=True, max_num_faces=2, refine_landmarks=True) as mesh:
        mesh.process(frame)
    with face_detection.FaceDetection(model_selection=0) as detector:
        detector.process(frame)
    return Check("mediapipe", OK, "FaceMesh (with iris) and face detection graphs load and run")


def check_keyring() -> Check:
    from alyesdesk.storage import keys

    name = keys.keyring_backend_name()
    if keys.keyring_usable():
        return Check("keyring", OK, name)
    return Check("keyring", WARN, f"{name}: no usable keyring; the database will ask for a passphrase")


def check_database() -> Check:
    from alyesdesk.storage.database import Database
    from alyesdesk.storage.keys import MODE_KEYRING, DatabaseKey, new_raw_key

    # A throwaway file with a throwaway key: proves SQLCipher works without touching the user's data.
    with tempfile.TemporaryDirectory(prefix="alyesdesk-selftest-") as folder:
        path = Path(folder) / "selftest.db"
        db = Database(path, DatabaseKey(new_raw_key(), MODE_KEYRING))
        try:
            rid = db.save_segmentation("selftest.png", None, 1, 1, {"sky": 1.0}, None)
            ok = db.result(rid)["areas"] == '{"sky":1.0}'
        finally:
            db.close()
        header = path.read_bytes()[:16]
    if not ok:
        return Check("database", FAIL, "round trip returned different data")
    if header.startswith(b"SQLite format 3"):
        return Check("database", FAIL, "the database file is NOT encrypted")
    return Check("database", OK, "encrypted SQLCipher round trip")


def check_cameras() -> Check:
    cameras = list_cameras()
    if not cameras:
        return Check("cameras", WARN, "no camera found (the simulated webcam and video files still work)")
    return Check("cameras", OK, ", ".join(f"#{c['index']} {c['width']}x{c['height']}" for c in cameras),
                 data={"cameras": cameras})


def check_qt() -> Check:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") if not _has_display() else None
    from PySide6 import QtCore, QtPdf  # noqa: F401 - QtPdf renders documents

    return Check("qt", OK, f"PySide6 {QtCore.qVersion()} with QtPdf")


def _has_display() -> bool:
    return sys.platform in ("win32", "darwin") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


SELFTEST_CHECKS: tuple[tuple[str, Callable[[], Check]], ...] = (
    ("imports", check_imports),
    ("qt", check_qt),
    ("models", check_models),
    ("mediapipe", check_mediapipe),
    ("keyring", check_keyring),
    ("database", check_database),
    ("cameras", check_cameras),
)


def run_selftest(skip: tuple[str, ...] = ()) -> list[Check]:
    return [_timed(name, fn) for name, fn in SELFTEST_CHECKS if name not in skip]


def report(cameras: bool = True) -> dict:
    """Everything Help > Diagnostics shows; meant to be copied into a bug report."""
    from alyesdesk.inference import catalog
    from alyesdesk.storage import keys

    found, broken = catalog.scan()
    return {
        "versions": versions(),
        "data_dir": str(paths.data_dir()),
        "database": str(paths.database_path()),
        "log_file": str(paths.log_dir()),
        "keyring_backend": keys.keyring_backend_name(),
        "keyring_usable": keys.keyring_usable(),
        "models": [
            {"task": m.spec.task, "name": m.spec.name, "version": m.spec.version,
             "file": str(m.onnx_path), "bundled": m.bundled, "licence": m.spec.licence}
            for m in found
        ],
        "broken_models": [{"file": b.display_name, "error": b.error} for b in broken],
        "cameras": list_cameras() if cameras else "not probed",
    }


def as_dicts(checks: list[Check]) -> list[dict]:
    return [asdict(c) for c in checks]
