"""Help (issue 22): F1 opens the offline user guide on the page of the tab shown, in the interface's language; the
guide has a page per tab and lists every registered shortcut; it is shipped as package data and in the bundle;
Ctrl+O, Ctrl+F and Ctrl+E do what the shown tab's own button or field does."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QKeySequence

from alyesdesk.ui import actions as A
from alyesdesk.ui import help as guide
from alyesdesk.ui import i18n
from alyesdesk.ui.tabs import tab_keys

REPO = Path(__file__).resolve().parent.parent
PORTABLE = QKeySequence.SequenceFormat.PortableText


def _window(qtbot, db):  # noqa: ANN001, ANN202
    from alyesdesk.ui.app import build_window

    window = build_window(db)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_tab_has_a_page_and_links_stay_in_the_guide(language: str) -> None:
    folder = guide.HELP_DIR / language
    pages = {p.stem for p in folder.glob("*.html")}
    assert set(tab_keys()) | {guide.INDEX, guide.SHORTCUTS} <= pages
    for page in folder.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert f'lang="{language}"' in html
        for link in re.findall(r'href="([^"]+)"', html):
            assert "://" not in link, f"{page.name} links outside the guide: {link}"
            assert (folder / link.split("#")[0]).is_file(), f"{page.name}: broken link {link}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_guide_lists_every_registered_shortcut(qapp, language: str) -> None:  # noqa: ANN001
    html = (guide.HELP_DIR / language / "shortcuts.html").read_text(encoding="utf-8")
    listed = {QKeySequence(k).toString(PORTABLE) for k in re.findall(r"<kbd>([^<]+)</kbd>", html)}
    # (a standard key with no binding on this platform, Quit offscreen, is an empty text)
    registered = {QKeySequence(keys).toString(PORTABLE) for keys, _what, _where in A.shortcut_table() if keys}
    assert registered <= listed, f"shortcuts missing from {language}/shortcuts.html: {sorted(registered - listed)}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_f1_opens_the_guide_on_the_tab_shown(qtbot, db, language: str) -> None:  # noqa: ANN001
    i18n.install(language)
    try:
        window = _window(qtbot, db)
        assert window.actions_registry["guide"].shortcut().toString(PORTABLE) == "F1"
        window.select_tab("documents")
        window.actions_registry["guide"].trigger()
        dialog = window.user_guide
        assert dialog.isVisible() and dialog.page() == "documents"
        assert Path(dialog.browser.source().toLocalFile()).parent.name == language
        assert "Alt+N" in dialog.browser.toPlainText()  # the Documents page, not the overview
        dialog.close()
        window.shutdown()
    finally:
        i18n.uninstall()


def test_guide_stays_offline(qtbot) -> None:  # noqa: ANN001
    dialog = guide.UserGuideDialog("waste")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert dialog.page() == "waste" and dialog.note.isVisible() and "example.org" in dialog.note.text()
    dialog.browser.anchorClicked.emit(QUrl("shortcuts.html"))
    assert dialog.page() == "shortcuts" and not dialog.note.isVisible()
    dialog.back_button.click()
    assert dialog.page() == "waste"
    dialog.home_button.click()
    assert dialog.page() == guide.INDEX


def test_guide_is_shipped_as_package_data_and_in_the_bundle() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data = pyproject["tool"]["setuptools"]["package-data"]["alyesdesk"]
    assert "help/*/*.html" in data
    spec = (REPO / "build_installer.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "alyesdesk" / "help"), "alyesdesk/help")' in spec


def test_standard_keys_do_what_the_tab_buttons_do(qtbot, db, monkeypatch) -> None:  # noqa: ANN001
    window = _window(qtbot, db)
    registry = window.actions_registry
    keys = {k: registry[k].shortcut().toString(PORTABLE) for k in ("open_files", "find", "export")}
    assert keys == {"open_files": "Ctrl+O", "find": "Ctrl+F", "export": "Ctrl+E"}

    window.select_tab("gaze")  # nothing to open or filter in Gaze: greyed out
    assert not registry["open_files"].isEnabled() and not registry["find"].isEnabled()

    window.select_tab("documents")
    assert registry["find"].isEnabled()
    search = window.tab_widgets["documents"].queue.search
    search.setText("contract")
    search.deselect()
    registry["find"].trigger()
    assert search.selectedText() == "contract"  # focused with its text selected, ready to type over

    clicked: list[str] = []
    streets = window.tab_widgets["streets"]
    streets.toolbar.open_button.clicked.disconnect()
    streets.toolbar.open_button.clicked.connect(lambda: clicked.append("open"))
    window.select_tab("streets")
    registry["open_files"].trigger()
    assert clicked == ["open"]
    QCoreApplication.processEvents()
    window.shutdown()
