"""The model and storage layers never import Qt (they run headless, in the CLI and in other apps)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
                raise ModuleNotFoundError("blocked: " + name, name=name)

    sys.meta_path.insert(0, Block())
    import alyesdesk.inference, alyesdesk.storage, alyesdesk.commands
    names = []
    for package in (alyesdesk.inference, alyesdesk.storage):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
            names.append(info.name)
    loaded = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")]
    print(len(names), "modules imported; Qt modules loaded:", loaded)
    assert not loaded
    """
)


def test_inference_and_storage_import_without_qt() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Qt modules loaded: []" in proc.stdout
