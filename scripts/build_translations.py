"""Update the translation sources and compile them.

    python scripts/build_translations.py            # lupdate (ui sources -> .ts), then lrelease (.ts -> .qm)
    python scripts/build_translations.py --no-update # lrelease only (after editing the .ts)
    python scripts/build_translations.py --check     # fail when a string is unfinished (CI)

`pyside6-lupdate` reads every `tr()`, `QCoreApplication.translate()` and `QT_TRANSLATE_NOOP()` in
`alyesdesk/ui/` and merges the strings into `alyesdesk/i18n/alyesdesk_<lang>.ts` (translations already there
are kept; strings no longer in the code are dropped). Translate the `.ts` with Qt Linguist
(`pyside6-linguist`) or any editor, then run this again: `pyside6-lrelease` writes the `.qm` that the app
loads (committed, and bundled as package data and by `build_installer.spec`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "alyesdesk" / "ui"
I18N = REPO / "alyesdesk" / "i18n"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    """The Qt tool beside this Python (a venv's bin/ or Scripts/), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (it ships {name}) in this environment")
    return found


def sources() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    root = ET.parse(ts).getroot()
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished",) or not (translation.text or "").strip():
                if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                    continue
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    parser.add_argument("--check", action="store_true", help="exit 1 when a string is not translated")
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    code = 0
    for language in LANGUAGES:
        ts = I18N / f"alyesdesk_{language}.ts"
        if not args.no_update:
            files = [str(p.relative_to(REPO)) for p in sources()]
            subprocess.run([tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "relative",
                            "-source-language", "en", "-target-language", language, "-ts", str(ts.relative_to(REPO))],
                           check=True, cwd=REPO)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=REPO)
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} string(s) not translated yet")
            for context, text in missing[:40]:
                print(f"  [{context}] {text!r}")
            if args.check:
                code = 1
    return code


if __name__ == "__main__":
    sys.exit(main())
