"""Render every tab in French and in English (1280x720 asked; the window keeps its minimum height) into docs/.

    python scripts/screenshots.py [--out docs/screenshots] [--lang fr en] [--tab gaze waste ...]

Runs offscreen in a throwaway data folder with a new encrypted database (what a first start shows), so no
personal data ends up in the pictures. One process, one window per language (the translator is installed
before the window is built, as at start-up). Same as `alyesdesk --screenshot PATH --tab NAME --lang fr
--size 1280x720` per picture, without starting Python twenty times.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    from alyesdesk.ui.tabs import tab_keys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--lang", nargs="+", default=["fr", "en"], choices=("fr", "en"))
    parser.add_argument("--tab", nargs="+", default=tab_keys(), choices=tab_keys())
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="alyesdesk-shots-")
    os.environ["ALYESDESK_HOME"] = home
    os.environ["ALYESDESK_PASSPHRASE"] = "screenshots only, thrown away"

    from PySide6.QtWidgets import QApplication

    from alyesdesk.storage import open_database
    from alyesdesk.ui import i18n
    from alyesdesk.ui.app import AlyesApplication, build_window, render_screenshot

    app = QApplication.instance() or AlyesApplication(sys.argv[:1])
    width, _, height = args.size.partition("x")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = open_database(allow_new=True, auto_backup=False)
    for language in args.lang:
        i18n.install(language, app)
        window = build_window(db)
        for tab in args.tab:
            window.select_tab(tab)
            target = out / f"{tab}-{language}.png"
            if not render_screenshot(window, str(target), (int(width), int(height))):
                print(f"could not write {target}", file=sys.stderr)
                return 1
            print(f"wrote {target}")
        window.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()
    i18n.uninstall(app)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
