"""Shared fixtures: every test runs headless, in a throwaway data folder, with an in-memory keyring.

When ALYESDESK_BLOCK_QT=1 (the Qt-free CI step), PySide6 cannot be imported at all and test files that
use Qt are not collected: what remains proves `alyesdesk.inference` and `alyesdesk.storage` work without it.
"""

from __future__ import annotations

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


def pytest_ignore_collect(collection_path: Path, config):  # noqa: ANN001
    if QT_BLOCKED and collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        text = collection_path.read_text(encoding="utf-8", errors="ignore")
        if any(word in text for word in ("PySide6", "qtbot", "qapp", "alyesdesk.ui")):
            return True
    return None


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
