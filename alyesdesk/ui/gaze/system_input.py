"""System-wide input for the gaze pointer: clicks in other applications and a global hotkey.

Qt moves the pointer anywhere (`QCursor.setPos`) but can neither click into another application nor see
a key pressed while another application has the focus. Both need an OS input library; AlyesDesk uses
pynput when it is installed (the optional `pointer` extra: `pip install alyesdesk[pointer]`) and never
requires it: without it, dwell clicks reach AlyesDesk's own windows and the hotkey works while AlyesDesk
has the focus. `available()` says which, with the reason.

pynput runs its keyboard listener on a thread of its own; the hotkey is handed to the GUI thread with a
queued signal. The listener runs only while the pointer is on (it sees every key press while it runs),
and is stopped and joined when the pointer is released.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

log = logging.getLogger(__name__)

EXTRA = "pip install alyesdesk[pointer]"


def _pynput() -> tuple[Any, str]:
    """(the pynput module, "") or (None, why not)."""
    try:
        import pynput  # noqa: F401
        from pynput import keyboard, mouse  # noqa: F401
    except ImportError as exc:
        if "pynput" not in str(exc):
            return None, str(exc)
        return None, QCoreApplication.translate("SystemInput", "pynput is not installed: {command}").format(command=EXTRA)
    except Exception as exc:  # pynput raises others when no display server answers (e.g. headless, Wayland)
        return None, QCoreApplication.translate("SystemInput", "pynput cannot reach the display: {error}").format(error=exc)
    return pynput, ""


def available() -> tuple[bool, str]:
    """Whether clicks in other applications and the global hotkey work, and if not, why."""
    module, why = _pynput()
    return module is not None, why


def click(x: int, y: int) -> bool:
    """A left click at global screen position (x, y) in whatever application is there; False without pynput."""
    module, _ = _pynput()
    if module is None:
        return False
    try:
        mouse = module.mouse.Controller()
        mouse.position = (int(x), int(y))
        mouse.click(module.mouse.Button.left, 1)
    except Exception:  # the display refused (permissions on macOS, Wayland): clicks stay in-app
        log.exception("system-wide click failed")
        return False
    return True


def pynput_hotkey(shortcut: str) -> str:
    """"Ctrl+Shift+P" -> "<ctrl>+<shift>+p" (pynput's hotkey syntax)."""
    parts = []
    for part in shortcut.split("+"):
        key = part.strip().lower()
        parts.append(f"<{key}>" if key in ("ctrl", "shift", "alt", "cmd", "meta") else key)
    return "+".join(p.replace("<meta>", "<cmd>") for p in parts)


class GlobalHotkey(QObject):
    """A hotkey seen in every application while started. Signal: `pressed()` (on the GUI thread)."""

    pressed = Signal()
    _heard = Signal()  # emitted on pynput's thread, delivered queued on the GUI thread

    def __init__(self, shortcut: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shortcut = shortcut
        self._listener: Any = None
        self._heard.connect(self.pressed, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._listener is not None

    def start(self) -> bool:
        """Start listening; False (and nothing started) without pynput or when the display refuses."""
        if self._listener is not None:
            return True
        module, _ = _pynput()
        if module is None:
            return False
        try:
            listener = module.keyboard.GlobalHotKeys({pynput_hotkey(self.shortcut): self._heard.emit})
            listener.start()
        except Exception:
            log.exception("the global hotkey could not start")
            return False
        self._listener = listener
        return True

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
            if hasattr(listener, "join"):
                listener.join(2.0)
