"""Every third-party module the app imports is a declared dependency (or belongs to a named extra).

Why: Teach wrote taught models with `onnx`, which only the test and train extras installed. The tests always
had it, so nothing failed, but a user installed with the README's command could not teach.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

REPO = Path(__file__).resolve().parents[1]
# Modules whose distribution has another name.
DISTRIBUTION = {"cv2": "mediapipe",  # opencv-contrib-python comes with mediapipe (pinned in constraints.txt)
                "google": "protobuf", "shiboken6": "pyside6", "sqlalchemy": "sqlalchemy", "PySide6": "pyside6"}
# Modules only optional features import, and the extra that installs them.
OPTIONAL = {"fastapi": "serve", "uvicorn": "serve", "multipart": "serve", "starlette": "serve", "pydantic": "serve",
            "ray": "scale", "pyarrow": "scale", "pynput": "pointer"}
# Training is its own extra: its scripts are never imported by the app.
NOT_THE_APP = ("training",)


def _imported_modules() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (REPO / "alyesdesk").rglob("*.py"):
        if any(part in NOT_THE_APP for part in path.relative_to(REPO / "alyesdesk").parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                     else [])
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(REPO)))
    return {m: f for m, f in found.items() if m not in sys.stdlib_module_names and m != "alyesdesk"}


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].strip().lower() for r in requirements}


def test_every_module_the_app_imports_is_installed_by_the_readme_command() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = _names(project["dependencies"])
    extras = {k: _names(v) for k, v in project["optional-dependencies"].items()}
    missing = {}
    for module, files in _imported_modules().items():
        if module in OPTIONAL:
            assert OPTIONAL[module] in extras, f"{module}: extra '{OPTIONAL[module]}' is not declared"
            continue
        if DISTRIBUTION.get(module, module).lower() not in core:
            missing[module] = sorted(files)
    assert not missing, f"imported by the app but not a core dependency in pyproject.toml: {missing}"


def test_teaching_needs_onnx_and_it_is_a_core_dependency() -> None:
    assert "onnx" in _imported_modules()  # if teach stops needing it, this test and the dependency can go
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "onnx" in _names(project["dependencies"])
