"""Update the translation sources and compile them.

    python scripts/build_translations.py            # lupdate (ui sources -> .ts), then lrelease (.ts -> .qm)
    python scripts/build_translations.py --no-update # lrelease only (after editing the .ts)
    python scripts/build_translations.py --check     # fail when a string is unfinished (CI)
    python scripts/build_translations.py --fill fr.tsv  # also take translations from a spreadsheet

`pyside6-lupdate` reads every `tr()`, `QCoreApplication.translate()` and `QT_TRANSLATE_NOOP()` in
`alyesdesk/ui/` and in the Qt-free modules that mark their messages (see `alyesdesk/texts.py`) and merges the strings into `alyesdesk/i18n/alyesdesk_<lang>.ts` (translations already there
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


# The Qt-free layers cannot call tr(): their user-facing messages are `alyesdesk.texts.QT_TRANSLATE_NOOP`
# calls, which lupdate extracts like Qt's own; every module that uses the marker is a source too.
MARKED = (REPO / "alyesdesk" / "inference", REPO / "alyesdesk" / "storage")
MARKER = "QT_TRANSLATE_NOOP("


def sources() -> list[Path]:
    ui = [p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts]
    marked = [p for folder in MARKED for p in folder.rglob("*.py")
              if "__pycache__" not in p.parts and MARKER in p.read_text(encoding="utf-8")]
    return sorted(ui + marked)


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


def read_tsv(paths: list[Path]) -> dict[tuple[str, str], str]:
    """(context, source) -> translation from tab-separated files: context, English source, translation.

    A translator's spreadsheet is the easiest hand-over; `\\n` and `\\t` stand for a newline and a tab.
    """
    found: dict[tuple[str, str], str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{path}:{number}: expected context<TAB>source<TAB>translation")
            context, source, translation = (x.replace("\\n", "\n").replace("\\t", "\t") for x in parts)
            found[(context, source)] = translation
    return found


def fill(ts: Path, table: dict[tuple[str, str], str]) -> int:
    """Write the table's translations into the unfinished messages of `ts`; returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = table.get((name, message.findtext("source", "")))
            if text is None or translation is None:
                continue
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
    if filled:  # lupdate runs again after this and writes the file in its own layout
        with ts.open("wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)
    return filled


def update(ts: Path, language: str) -> None:
    """lupdate: merge the strings of the code into `ts` (translations kept, layout normalised)."""
    files = [str(p.relative_to(REPO)) for p in sources()]
    subprocess.run([tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "relative",
                    "-source-language", "en", "-target-language", language, "-ts", str(ts.relative_to(REPO))],
                   check=True, cwd=REPO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    parser.add_argument("--check", action="store_true", help="exit 1 when a string is not translated")
    parser.add_argument("--fill", type=Path, nargs="*", default=[],
                        help="tab-separated files of context, source, translation to fill unfinished strings from")
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    code = 0
    for language in LANGUAGES:
        ts = I18N / f"alyesdesk_{language}.ts"
        if not args.no_update:
            update(ts, language)
        if args.fill:
            print(f"{ts.name}: {fill(ts, read_tsv(args.fill))} string(s) filled from {len(args.fill)} file(s)")
            update(ts, language)
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
