"""The offline user guide (F1): bundled HTML pages, one per tab plus an overview and the keyboard shortcuts, in
French and English, shown in a QTextBrowser. Nothing is fetched: links between pages stay inside the guide, and
a link to anything else is refused with a note.

The pages live in `alyesdesk/help/<language>/` (package data, and in the PyInstaller bundle through
build_installer.spec); `<page>.html` is named after the tab key (ui/tabs.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from alyesdesk.ui import i18n

HELP_DIR = Path(__file__).resolve().parent.parent / "help"
INDEX, SHORTCUTS = "index", "shortcuts"


def guide_dir(language: str | None = None) -> Path:
    """The folder of the guide in `language` (default: the interface's), English when it has no guide."""
    folder = HELP_DIR / (language or i18n.current_language())
    return folder if (folder / f"{INDEX}.html").is_file() else HELP_DIR / i18n.SOURCE_LANGUAGE


def page_path(page: str, language: str | None = None) -> Path:
    """The file of `page` (a tab key, "index" or "shortcuts"); the overview when there is no such page."""
    folder = guide_dir(language)
    path = folder / f"{page}.html"
    return path if path.is_file() else folder / f"{INDEX}.html"


class UserGuideDialog(QDialog):
    """The guide: contents links at the top of every page, Back/Home, and Close."""

    def __init__(self, page: str = INDEX, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.setWindowTitle(self.tr("AlyesDesk user guide"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("user_guide_browser")
        self.browser.setOpenLinks(False)  # links are followed in _on_anchor_clicked: only pages of the guide
        self.browser.setSearchPaths([str(guide_dir())])
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setToolTip(self.tr("The page shown before this one"))
        self.home_button = QPushButton(self.tr("Contents"))
        self.home_button.setToolTip(self.tr("The overview of the guide"))
        self.back_button.clicked.connect(self.browser.backward)
        self.home_button.clicked.connect(lambda: self.show_page(INDEX))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(self.tr("Close the guide (Esc)"))
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.home_button)
        nav.addStretch(1)
        nav.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note)
        layout.addLayout(nav)
        self.note.hide()
        self.resize(760, 560)
        self.show_page(page)

    def show_page(self, page: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(page_path(page))))

    def page(self) -> str:
        """The name of the page shown ("waste", "shortcuts"...)."""
        return Path(self.browser.source().toLocalFile()).stem

    def _on_anchor_clicked(self, url: QUrl) -> None:
        # Pages of the guide open here; anything else (a web address) would need the network or another
        # program, which the guide never uses.
        if url.scheme() not in ("", "file"):
            self.note.setText(self.tr("This guide works offline: {link} is not opened.").format(link=url.toString()))
            self.note.show()
            return
        self.note.hide()
        if not url.path() and url.fragment():
            self.browser.scrollToAnchor(url.fragment())
            return
        self.browser.setSource(self.browser.source().resolved(url))


def show_user_guide(parent: QWidget, page: str = INDEX) -> UserGuideDialog:
    """Open the guide on `page` (non-modal: the window stays usable beside it)."""
    dialog = UserGuideDialog(page, parent)
    dialog.show()
    dialog.raise_()
    return dialog
