"""How every tab reports a file it could not use (corrupt, truncated, wrong type, too large): inline, once.

A bad file is the user's everyday mistake, not an application error: it never opens a modal dialog and is
never repeated in several places. Each tab that takes files shows one `FileProblems` strip under its drop
zone; a batch's unreadable files are listed there, each file once, its name once ("truncated.jpg: not an
image, or the file is corrupt or truncated"). The inference layer's messages already start with the file
name, so `problem_reason` strips it before the strip (or a card that shows the name beside it) adds it back.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from alyesdesk.inference.errors import ImageError
from alyesdesk.ui.error_text import localized

log = logging.getLogger(__name__)

MAX_LINES = 4  # more than this and the strip would push the tab's content down: the rest are counted


def problem_reason(path: str | Path, message: object) -> str:
    """`message` in the interface's language, without the file's name or path in front (it is shown once,
    by whoever shows the reason). `message` may be a `Text`, an exception or a worker's `WorkerFailure`."""
    reason = localized(message).strip()
    for prefix in (str(path), Path(path).name):
        for separator in (":", " :", "\u00a0:"):  # French puts a (non-breaking) space before the colon
            while prefix and reason.startswith(prefix + separator):
                reason = reason[len(prefix) + len(separator):].strip()
    return reason or QCoreApplication.translate("FileProblems", "the file could not be read")


def problem_text(path: str | Path, message: object) -> str:
    """One line naming the file once: "name: reason"."""
    return QCoreApplication.translate("FileProblems", "{name}: {reason}").format(
        name=Path(path).name, reason=problem_reason(path, message))


def is_file_problem(failure: object) -> bool:
    """Whether a worker's failure is about the input file (reported inline) rather than the app (notified)."""
    exception = failure if isinstance(failure, BaseException) else getattr(failure, "exception", None)
    return isinstance(exception, (ImageError, OSError)) or type(exception).__name__ == "VideoError"


class FileProblems(QFrame):
    """The inline strip of files that could not be used; hidden while there are none.

    `report(path, message)` adds a file (a file already listed is not listed again); `clear()` empties it
    (each tab clears it when a new batch starts). Dismiss hides it until the next problem.

    Signals
    -------
    changed()
        The list changed (tests and screenshots wait on it).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileProblems")
        self.setStyleSheet("#fileProblems { background: #fbeaea; border: 1px solid #e3b4b4; border-radius: 4px; }"
                           "#fileProblems QLabel { color: #7a1f1f; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a file may be named "<b>.png"
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("×")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(self.tr("Hide this list"))
        self.dismiss_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self._lines: dict[str, str] = {}
        self.hide()

    @property
    def lines(self) -> list[str]:
        return list(self._lines.values())

    def report(self, path: str | Path, message: object) -> None:
        """List `path` as unusable because of `message` (its name is shown once)."""
        key = str(path)
        if key in self._lines:
            return
        self._lines[key] = problem_text(path, message)
        log.info("file not used: %s", self._lines[key])
        self._refresh()

    def clear(self) -> None:
        if self._lines:
            self._lines.clear()
            self._refresh()

    def _refresh(self) -> None:
        lines = self.lines
        if not lines:
            self.label.clear()
            self.hide()
            self.changed.emit()
            return
        head = (self.tr("This file could not be used:") if len(lines) == 1
                else self.tr("{count} files could not be used:").format(count=len(lines)))
        shown = lines[:MAX_LINES]
        if len(lines) > MAX_LINES:
            shown.append(self.tr("…and {count} more").format(count=len(lines) - MAX_LINES))
        self.label.setText(head + "\n" + "\n".join(shown))
        self.label.setToolTip("\n".join(lines))
        self.show()
        self.changed.emit()
