"""Guards the PySide6 pin: some builds (6.12.0 on CPython 3.11) drop a reference to None or True on
every void Qt call or signal emission, and the interpreter aborts after a few thousand calls, which a
live camera view reaches in seconds. Run in a child process so a bad build fails instead of aborting."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label = QLabel()

    class Emitter(QObject):
        changed = Signal(int)

    emitter = Emitter()
    none0, true0 = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(20000):
        label.setText("x")
        emitter.changed.emit(i)
    print(sys.getrefcount(None) - none0, sys.getrefcount(True) - true0)
    """
)


def test_qt_calls_keep_none_and_true_refcounts() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ},
    )
    assert proc.returncode == 0, f"Qt calls crashed the interpreter:\n{proc.stderr[-2000:]}"
    none_delta, true_delta = (int(v) for v in proc.stdout.split())
    assert abs(none_delta) < 100 and abs(true_delta) < 100, (none_delta, true_delta)
