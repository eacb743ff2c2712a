"""Starting the desktop app: application object, error hooks, unlocking the database, main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from alyesdesk import APP_NAME, __version__, paths
from alyesdesk.logs import setup_logging
from alyesdesk.storage import Database, PassphraseRequired, StorageError, open_database
from alyesdesk.storage.errors import DatabaseMissingError
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.style import apply_style

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from alyesdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# What a minimal Linux needs for Qt's xcb platform plugin (Debian/Ubuntu names; README "System packages").
LINUX_QT_PACKAGES = ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
                     "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxcb-xfixes0",
                     "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3")
PLATFORM_EXIT_CODE = 3


def clear_foreign_qt_paths(environ: "os._Environ[str] | dict[str, str]" = os.environ) -> list[str]:
    """Remove Qt plugin and font paths that OpenCV's `cv2` sets on import (they point at cv2's own Qt
    plugins, built for another Qt: ours then fails to load and Qt's message names cv2's folder).

    Returns the names removed. Only paths inside a `cv2` folder are removed: a user's own setting stays.
    """
    removed = []
    for name in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR", "QT_PLUGIN_PATH"):
        value = environ.get(name, "")
        if value and any(part == "cv2" for part in Path(value).parts):
            del environ[name]
            removed.append(name)
    return removed


def platform_problem() -> str | None:
    """A plain explanation when Qt's X11 (xcb) plugin cannot load on this Linux, else None.

    Qt aborts the process when no platform plugin loads (no Python exception to catch), so the plugin is
    tried first the way Qt loads it: a dlopen names the missing system library.
    """
    if not sys.platform.startswith("linux"):
        return None
    wanted = os.environ.get("QT_QPA_PLATFORM", "")
    if wanted and not wanted.startswith("xcb"):
        return None  # offscreen, wayland, vnc...: nothing of the X11 stack is needed
    if not wanted and (os.environ.get("WAYLAND_DISPLAY") or not os.environ.get("DISPLAY")):
        return None  # Qt picks wayland, or reports the missing display itself
    import ctypes

    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return platform_message(str(exc))
    return None


def platform_message(reason: str) -> str:
    return (
        "AlyesDesk cannot open a window: Qt's X11 display plugin (xcb) could not load.\n"
        f"Reason: {reason}\n\n"
        "Install the system libraries Qt needs, for example on Debian or Ubuntu:\n"
        f"    sudo apt-get install {' '.join(LINUX_QT_PACKAGES)}\n\n"
        "Or run without a window: `alyesdesk --help` lists the command-line tools, and "
        "QT_QPA_PLATFORM=offscreen works for screenshots."
    )


class AlyesApplication(QApplication):
    """The QApplication with AlyesDesk's identity (name, icon) set once."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.setApplicationName(APP_NAME)
        self.setOrganizationName(APP_NAME)
        self.setApplicationVersion(__version__)
        self.setWindowIcon(app_icon())
        apply_style(self)
        self.aboutToQuit.connect(_on_about_to_quit)


def _on_about_to_quit() -> None:
    from alyesdesk.ui.workers import stop_all_workers

    stop_all_workers()


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        path = paths.assets_dir() / "icons" / f"alyesdesk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def unlock_database(interactive: bool) -> Database | None:
    """Open the database; ask for a passphrase if needed; None when the user chooses not to store."""
    try:
        return open_database()
    except PassphraseRequired as exc:
        if not interactive:
            log.warning("database not opened (no passphrase in a non-interactive start): %s", exc)
            return None
        from alyesdesk.ui.dialogs.passphrase import PassphraseDialog
        from alyesdesk.ui.i18n import passphrase_message

        dialog = PassphraseDialog(passphrase_message(str(exc)), create=exc.first_run)
        dialog.exec()
        return dialog.database
    except DatabaseMissingError as exc:
        log.error("database missing: %s", exc)
        if not interactive:
            return None
        from alyesdesk.ui.dialogs.backups import ask_about_missing_database

        return ask_about_missing_database(localized(exc))
    except StorageError as exc:
        log.error("database not opened: %s", exc)
        if interactive:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(None, APP_NAME, QCoreApplication.translate(
                "App", "{reason}\n\nAlyesDesk will run without storing results.").format(reason=localized(exc)))
        return None


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--screenshot")
    parser.add_argument("--tab")
    parser.add_argument("--quit-after", type=float)
    parser.add_argument("--lang", choices=("system", "fr", "en"), help="language of this run (default: the setting)")
    parser.add_argument("--size", default="1280x820", help="screenshot size, WIDTHxHEIGHT")
    parser.add_argument("-v", "--verbose", action="store_true")
    args, _ = parser.parse_known_args(argv)
    return args


def install_language(choice: str | None = None) -> str:
    """Install the translators: `choice` ("system", "fr", "en"), else the `language` setting."""
    from alyesdesk import settings as settings_module
    from alyesdesk.ui import i18n

    if choice is None:
        try:
            choice = settings_module.current().language
        except Exception:  # a settings problem never blocks start-up
            choice = "system"
    language = i18n.install(choice)
    log.info("interface language: %s", language)
    return language


def build_window(db: Database | None) -> MainWindow:
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.errors import connect_error_dialog, error_bridge
    from alyesdesk.ui.main_window import MainWindow

    ctx = AppContext(db)
    window = MainWindow(ctx, app_icon())
    connect_error_dialog(error_bridge(), window)
    return window


def render_screenshot(window: QWidget, path: str, size: tuple[int, int] = (1280, 820)) -> bool:
    """Paint the window (a MainWindow) offscreen (or on screen) into a PNG."""
    window.resize(*size)
    window.show()
    for _ in range(5):
        QCoreApplication.processEvents()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    return window.grab().save(str(target), "PNG")


def run_gui(argv: list[str]) -> int:
    args = _parse(argv)
    setup_logging(verbose=args.verbose)
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM") and not (
        sys.platform in ("win32", "darwin") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no display
    if QApplication.instance() is None:
        for name in clear_foreign_qt_paths():
            log.info("ignored %s set by OpenCV (it points at cv2's own Qt plugins)", name)
        problem = platform_problem()
        if problem is not None:
            print(problem, file=sys.stderr)
            log.error("%s", problem)
            return PLATFORM_EXIT_CODE
    app = QApplication.instance() or AlyesApplication(sys.argv[:1])
    install_language(args.lang)
    db = unlock_database(interactive=not args.screenshot)
    window = build_window(db)
    if args.tab and not window.select_tab(args.tab):
        from alyesdesk.ui.tabs import tab_keys

        print(f"unknown tab {args.tab!r}; choose one of {tab_keys()}", file=sys.stderr)  # CLI: English
        window.shutdown()
        return 2
    if args.screenshot:
        width, _, height = args.size.partition("x")
        ok = render_screenshot(window, args.screenshot, (int(width), int(height)))
        window.close()
        if db is not None:
            db.close()
        print(f"wrote {args.screenshot}" if ok else f"could not write {args.screenshot}")
        return 0 if ok else 1
    window.show()
    if args.quit_after:
        QTimer.singleShot(int(args.quit_after * 1000), window.close)
    from alyesdesk.ui.errors import excepthooks_installed

    with excepthooks_installed():
        code = app.exec()
    if db is not None:
        db.close()
    return code
