"""The layering is a checked contract (import-linter, configured in pyproject.toml), and files stay small.

`lint-imports` must pass on the real code, and must fail when a contract is broken: the second test runs
the linter on a throwaway package laid out like ours whose inference layer imports the UI.
"""

from __future__ import annotations

import subprocess
import sys
import os
import textwrap
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "alyesdesk"
CAPABILITIES = ("gaze", "waste", "documents", "streets")
MAX_LINES = 500
MAX_TAB_LINES = 400


def _lint_imports(cwd: Path, config: Path) -> subprocess.CompletedProcess[str]:
    # The linter's own entry point, run as a module so it is the one installed with this interpreter.
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run(
        [sys.executable, "-c", code, "--config", str(config), "--no-cache"],
        cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(cwd)},
    )


def _contracts() -> list[dict]:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_the_layering_contracts_are_declared() -> None:
    by_id = {c["id"]: c for c in _contracts()}
    core = by_id["core-qt-free"]
    assert set(core["source_modules"]) == {"alyesdesk.inference", "alyesdesk.storage"}
    assert {"alyesdesk.ui", "alyesdesk.commands", "alyesdesk.training", "PySide6"} <= set(core["forbidden_modules"])
    assert "alyesdesk.ui" in by_id["training-no-ui"]["forbidden_modules"]
    independent = set(by_id["inference-capabilities"]["modules"])
    assert independent == {f"alyesdesk.inference.{c}" for c in CAPABILITIES}


def test_the_code_keeps_every_contract() -> None:
    proc = _lint_imports(REPO, REPO / "pyproject.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_a_broken_contract_fails_the_linter(tmp_path: Path) -> None:
    """Same contracts, on a copy of the real package where one inference module imports the UI."""
    copy = tmp_path / "alyesdesk"
    subprocess.run(["cp", "-r", str(PACKAGE), str(copy)], check=True)
    offender = copy / "inference" / "waste" / "classify.py"
    offender.write_text(offender.read_text() + "\nfrom alyesdesk.ui.waste import tab  # a layering breach\n")
    proc = _lint_imports(tmp_path, REPO / "pyproject.toml")
    assert proc.returncode != 0
    assert "BROKEN" in proc.stdout
    assert "alyesdesk.inference.waste.classify -> alyesdesk.ui.waste.tab" in proc.stdout


def test_each_capability_has_its_folder_in_every_layer() -> None:
    for layer, names in (("inference", CAPABILITIES), ("ui", CAPABILITIES + ("history",)),
                         ("training", ("gaze", "waste", "signatures", "streets"))):
        for name in names:
            assert (PACKAGE / layer / name / "__init__.py").is_file(), f"{layer}/{name}/ is missing"
    for cap in CAPABILITIES + ("history",):
        assert (PACKAGE / "ui" / cap / "tab.py").is_file()


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_too_long() -> None:
    long = {str(p.relative_to(REPO)): n for p in PACKAGE.rglob("*.py") if (n := _line_count(p)) > MAX_LINES}
    assert not long, f"files over {MAX_LINES} lines: {long}"


@pytest.mark.parametrize("cap", CAPABILITIES + ("history",))
def test_tab_modules_stay_small(cap: str) -> None:
    n = _line_count(PACKAGE / "ui" / cap / "tab.py")
    assert n < MAX_TAB_LINES, textwrap.shorten(f"ui/{cap}/tab.py has {n} lines (limit {MAX_TAB_LINES})", 200)
