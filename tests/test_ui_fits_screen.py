"""Fits the screen (issue 22): every tab at 1280x720 and 1366x768, in French and English, with no clipped text,
and a window that can be made as small as 1024x660 (a 1280x720 or 1366x768 screen less its taskbar).

The screenshots are written to $ALYESDESK_SHOTS when set (to look at them), else to the test's tmp folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from alyesdesk.ui import i18n
from screen_fit import clipped_texts

SIZES = ((1280, 720), (1366, 768))
MIN_SIZE = (1024, 660)  # 720 px less a taskbar and the title bar


@pytest.fixture(params=["en", "fr"])
def language_window(request, qtbot, db):  # noqa: ANN001, ANN201
    from alyesdesk.ui.app import build_window

    assert i18n.install(request.param) == request.param
    window = build_window(db)
    qtbot.addWidget(window)
    window.show()
    yield request.param, window
    window.shutdown()
    i18n.uninstall()


def _settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def test_window_minimum_fits_a_small_screen(language_window) -> None:  # noqa: ANN001
    language, window = language_window
    hint = window.minimumSizeHint()
    assert hint.width() <= MIN_SIZE[0] and hint.height() <= MIN_SIZE[1], (
        f"{language}: the window cannot be smaller than {hint.width()}x{hint.height()}; per tab: "
        + ", ".join(f"{k} {w.minimumSizeHint().width()}x{w.minimumSizeHint().height()}"
                    for k, w in window.tab_widgets.items()))


def test_every_tab_fits_without_clipped_text(language_window, tmp_path: Path) -> None:  # noqa: ANN001
    language, window = language_window
    shots = Path(os.environ.get("ALYESDESK_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for width, height in (*SIZES, MIN_SIZE):
        for key in window.tab_widgets:
            window.resize(width, height)
            window.select_tab(key)
            _settle()
            if (window.width(), window.height()) != (width, height):
                problems.append(f"{language} {key}: asked {width}x{height}, the window stayed "
                                f"{window.width()}x{window.height()}")
            window.grab().save(str(shots / f"fit-{key}-{language}-{width}x{height}.png"), "PNG")
            problems += [f"{language} {width}x{height} {key}: {p}" for p in clipped_texts(window)]
    assert not problems, "clipped text:\n" + "\n".join(problems)
