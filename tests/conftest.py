"""Shared fixtures: every test runs headless, in a throwaway data folder, with an in-memory keyring.

When ALYESDESK_BLOCK_QT=1 (the Qt-free CI step), PySide6 cannot be imported at all and test files that
use Qt are not collected: what remains proves `alyesdesk.inference` and `alyesdesk.storage` work without it.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

QT_BLOCKED = os.environ.get("ALYESDESK_BLOCK_QT") == "1"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "pytestqt")
REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


class _QtBlocker:
    """Meta-path finder that makes every Qt import fail, as on a machine without PySide6."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - importlib protocol
        if name.split(".")[0] in QT_MODULES:
            raise ModuleNotFoundError(f"No module named '{name}' (blocked by ALYESDESK_BLOCK_QT)", name=name)
        return None


if QT_BLOCKED:
    sys.meta_path.insert(0, _QtBlocker())


def _imports_qt_at_module_level(path: Path) -> bool:
    """Whether importing the test module itself needs Qt (a top-level import of Qt or of the UI layer)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return False
    for node in tree.body:
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        if any(n.split(".")[0] in QT_MODULES or n.startswith("alyesdesk.ui") for n in names):
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config):  # noqa: ANN001
    # Only modules that cannot even be imported without Qt are left out; every other test is collected and
    # the Qt-needing ones are skipped one by one below, so the Qt-free paths they cover still run.
    if QT_BLOCKED and collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        if _imports_qt_at_module_level(collection_path):
            return True
    return None


def pytest_collection_modifyitems(config, items) -> None:  # noqa: ANN001
    if not QT_BLOCKED:
        return
    skip = pytest.mark.skip(reason="needs Qt (ALYESDESK_BLOCK_QT=1)")
    for item in items:
        if item.get_closest_marker("qt") or {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(skip)


class MemoryKeyring:
    """A dict-backed keyring backend: tests never touch the real OS keyring."""

    priority = 10

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError("not found")
        del self.store[(service, username)]

    def get_credential(self, service: str, username: str | None):  # noqa: ANN201
        return None


def _make_backend():  # noqa: ANN202
    from keyring.backend import KeyringBackend

    class _Backend(MemoryKeyring, KeyringBackend):
        pass

    return _Backend()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder and keyring per test; real settings and keyrings are never touched."""
    import keyring

    home = tmp_path / "alyesdesk-home"
    home.mkdir()
    monkeypatch.setenv("ALYESDESK_HOME", str(home))
    monkeypatch.delenv("ALYESDESK_PASSPHRASE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    previous = keyring.get_keyring()
    keyring.set_keyring(_make_backend())
    yield home
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    import keyring

    return keyring.get_keyring()


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate headless Linux: the fail backend, which cannot store anything."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def db(isolated_home: Path):  # noqa: ANN201
    from alyesdesk.storage import open_database

    database = open_database()
    yield database
    database.close()


@pytest.fixture
def shared_data() -> Path:
    """../shared/data beside the checkout, or a clean skip (a user's fresh clone has none)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present beside the checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def qapp_cls():  # noqa: ANN201
    from alyesdesk.ui.app import AlyesApplication

    return AlyesApplication
