"""Shared fixtures: every test runs headless, in a throwaway data folder, with an in-memory keyring.

When ALYESDESK_BLOCK_QT=1 (the Qt-free CI step), PySide6 cannot be imported at all and test files that
use Qt are not collected: what remains proves `alyesdesk.inference` and `alyesdesk.storage` work without it.
"""

from __future__ import annotations

import ast
import os
import sys
import threading
import traceback
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
def window(qtbot, db):  # noqa: ANN001, ANN201
    """The main window on the test's database, shut down (workers stopped) after the test."""
    from alyesdesk.ui.app import build_window

    win = build_window(db)
    qtbot.addWidget(win)
    yield win
    win.shutdown()


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


# --- guards: nothing a test starts may outlive it ------------------------------------------------------
_real_thread_start = threading.Thread.start


def _start_and_remember_where(self: threading.Thread) -> None:
    # Remember who started each thread, so a leak names the line to fix, not just "Thread-12".
    self._alyesdesk_started_at = "".join(traceback.format_stack(limit=8)[:-1])
    _real_thread_start(self)


threading.Thread.start = _start_and_remember_where  # type: ignore[method-assign]

# Long-lived threads that belong to libraries, not to a test (their pools live for the process).
_LIBRARY_THREAD_PREFIXES = ("ray_", "ray::", "Ray", "asyncio_", "AnyIO", "anyio", "QThreadPool", "hypothesis")
THREAD_GRACE_S = 5.0


@pytest.fixture(autouse=True)
def no_thread_outlives_its_test() -> None:
    """Every thread a test starts has ended (joined within a grace period) when the test ends."""
    before = set(threading.enumerate())
    yield
    leaked = []
    for thread in threading.enumerate():
        if thread in before or isinstance(thread, threading._DummyThread) or not thread.is_alive():
            continue
        if thread.name.startswith(_LIBRARY_THREAD_PREFIXES) or thread.daemon and not hasattr(thread, "_alyesdesk_started_at"):
            continue
        thread.join(THREAD_GRACE_S)
        if thread.is_alive():
            leaked.append(thread)
    if leaked:
        where = "\n".join(f"{t.name} started at:\n{getattr(t, '_alyesdesk_started_at', '?')}" for t in leaked)
        pytest.fail(f"{len(leaked)} thread(s) outlived the test:\n{where}", pytrace=False)


@pytest.fixture(autouse=True)
def no_window_outlives_its_test(request: pytest.FixtureRequest) -> None:
    """No top-level widget a test shows stays open after it (as pymmcore-gui's check_leaks)."""
    if QT_BLOCKED or "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = set(id(w) for w in app.topLevelWidgets()) if app else set()
    yield
    if app is None:
        return
    # Widgets registered with qtbot are closed by pytest-qt after this fixture's teardown runs, and
    # dialogs with a parent go with it: only visible windows that nobody owns are leaks.
    registered = {id(ref()) for ref, _close in getattr(request.node, "qt_widgets", []) if ref() is not None}
    leaked = [w for w in app.topLevelWidgets()
              if id(w) not in before and w.isVisible() and id(w) not in registered and w.parentWidget() is None]
    for w in leaked:
        w.close()
    if leaked:
        names = ", ".join(f"{type(w).__name__}({w.windowTitle()!r})" for w in leaked)
        pytest.fail(f"top-level window(s) left open by the test: {names}", pytrace=False)
