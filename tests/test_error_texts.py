"""Messages of the Qt-free layers reach a French user in French (alyesdesk/texts.py, alyesdesk/ui/error_text.py).

`inference/` and `storage/` raise errors whose message is a `Text`: the English sentence everywhere (CLI, logs,
API, `str(exc)`), translated by `localized` wherever the interface shows it. A real QTranslator, compiled here
from a tiny .ts, proves the wiring without depending on the committed translations.
"""

from __future__ import annotations

import ast
import errno
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.images import decode_image
from alyesdesk.storage.engine import explain
from alyesdesk.storage.errors import StorageError
from alyesdesk.texts import QT_TRANSLATE_NOOP, Text, recognise
from alyesdesk.ui.error_text import localized

REPO = Path(__file__).resolve().parent.parent

# A few sources of the Qt-free layers and their French (as in /tmp/fr: the lead merges the real ones).
FRENCH = {
    "{name}: the file is empty (0 bytes)": "{name} : le fichier est vide (0 octet)",
    "{name}: {what} is {width}x{height} pixels, over the {limit} megapixel safety limit; scale it down first":
        "{name} : {what} fait {width}x{height} pixels, au-delà de la limite de sécurité de {limit} mégapixels ; "
        "réduisez-la d'abord",
    "image": "l'image",
    "page {page}": "la page {page}",
    "{name}: not a valid PDF (corrupt or truncated)": "{name} : PDF non valide (corrompu ou tronqué)",
    "page {page} {problem}": "la page {page} {problem}",
    "could not be rendered": "n'a pas pu être rendue",
    "the disk holding {folder} is full: free some space, then try again. Nothing already stored was lost.":
        "le disque qui contient {folder} est plein : libérez de l'espace, puis réessayez. Rien de ce qui était déjà "
        "enregistré n'a été perdu.",
    "no page could be read": "aucune page n'a pu être lue {oops}",  # a translator's placeholder typo
}


def _tool(name: str) -> str | None:
    here = Path(sys.executable).parent
    return next((str(p) for p in (here / name, here / f"{name}.exe") if p.is_file()), shutil.which(name))


@pytest.fixture
def french(qapp, tmp_path: Path):  # noqa: ANN001, ANN201
    """A French translator for the `Errors` context, compiled with pyside6-lrelease and installed."""
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not installed")
    messages = "".join(f"<message><source>{escape(s)}</source><translation>{escape(t)}</translation></message>"
                       for s, t in FRENCH.items())
    ts = tmp_path / "errors_fr.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="fr">'
                  f"<context><name>Errors</name>{messages}</context></TS>", encoding="utf-8")
    qm = tmp_path / "errors_fr.qm"
    subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def _raised(data: bytes, name: str) -> ImageError:
    with pytest.raises(ImageError) as info:
        decode_image(data, name)
    return info.value


def _huge_png() -> bytes:
    header = b"\x00\x00\x00\rIHDR" + (60000).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00" + b"\x00" * 4
    return b"\x89PNG\r\n\x1a\n" + header + b"\x00" * 64


# --- the English side: unchanged ----------------------------------------------------------------------
def test_a_converted_error_is_the_same_english_sentence() -> None:
    exc = _raised(b"", "empty.png")
    assert str(exc) == "empty.png: the file is empty (0 bytes)" and f"{exc}" == str(exc)
    message = str(exc)
    assert isinstance(message, Text) and message.context == "Errors"
    assert message.source == "{name}: the file is empty (0 bytes)" and message.params == {"name": "empty.png"}
    # a copy sent to another process keeps what it takes to translate it
    again = pickle.loads(pickle.dumps(exc))
    assert str(again) == str(exc) and str(again).params == {"name": "empty.png"}


def test_a_storage_error_is_the_same_english_sentence(tmp_path: Path) -> None:
    exc = explain(OSError(errno.ENOSPC, "No space left on device"), tmp_path / "alyesdesk.db")
    assert isinstance(exc, StorageError)
    assert str(exc) == (f"the disk holding {tmp_path} is full: free some space, then try again. "
                        "Nothing already stored was lost.")
    assert str(exc).params == {"folder": str(tmp_path)}


def test_a_template_takes_named_placeholders_only() -> None:
    template = QT_TRANSLATE_NOOP("Errors", "{name}: x")
    assert template.format(name="a") == "a: x" and isinstance(template, Text)
    with pytest.raises(TypeError):
        template.format("a")


def test_a_message_from_another_process_is_recognised_again() -> None:
    from alyesdesk.ui.documents import pdf_render

    text = recognise("page 3 could not be rendered", pdf_render.MESSAGES)
    assert isinstance(text, Text) and text.source == "page {page} {problem}"
    assert text.params["page"] == "3" and isinstance(text.params["problem"], Text)
    assert recognise("something else entirely", pdf_render.MESSAGES) == "something else entirely"


# --- the French side: localized ---------------------------------------------------------------------
def test_localized_is_french_with_a_french_translator(french) -> None:  # noqa: ANN001
    exc = _raised(b"", "empty.png")
    assert localized(exc) == "empty.png : le fichier est vide (0 octet)"
    assert localized(str(exc)) == localized(exc)  # the Text itself, or the exception
    assert str(exc) == "empty.png: the file is empty (0 bytes)"  # English everywhere else
    # a parameter that is itself a Text ("image") is translated too
    huge = _raised(_huge_png(), "huge.png")
    assert str(huge).startswith("huge.png: image is 60000x60000 pixels")
    assert localized(huge).startswith("huge.png : l'image fait 60000x60000 pixels, au-delà de la limite")


def test_localized_reads_a_worker_failure(french) -> None:  # noqa: ANN001
    from alyesdesk.ui.workers import WorkerFailure

    failure = WorkerFailure.from_exception(_raised(b"", "empty.png"))
    assert localized(failure) == "empty.png : le fichier est vide (0 octet)"
    # a failure with its own message keeps it
    assert localized(WorkerFailure(_raised(b"", "empty.png"), message="something else")) == "something else"


def test_localized_falls_back_to_english(french) -> None:  # noqa: ANN001
    assert localized("plain text") == "plain text"
    assert localized(ValueError("not ours")) == "not ours"
    untranslated = QT_TRANSLATE_NOOP("Errors", "{name}: the image has no pixels").format(name="a.png")
    assert localized(untranslated) == "a.png: the image has no pixels"
    # a translation whose placeholders do not match is not shown half-filled
    assert localized(QT_TRANSLATE_NOOP("Errors", "no page could be read")) == "no page could be read"


def test_the_not_stored_banner_and_notifications_are_localized(french, db) -> None:  # noqa: ANN001
    from alyesdesk.ui.context import ERROR, AppContext

    ctx = AppContext(db)
    full = explain(OSError(errno.ENOSPC, "No space left on device"), Path("/data/alyesdesk.db"))
    banner: list[str] = []
    ctx.store_failed.connect(lambda what, reason: banner.append(reason))  # a Signal(str, str): translated before
    ctx.report_unstored("a.png", str(full))
    assert banner == ["le disque qui contient /data est plein : libérez de l'espace, puis réessayez. Rien de ce "
                      "qui était déjà enregistré n'a été perdu."]
    record = ctx.notify(str(full), ERROR, exception=full)
    assert record.message == banner[0]


# --- end to end: a bad file in a tab, through the real path -------------------------------------------
def test_bad_files_are_listed_in_french_in_the_waste_tab(qtbot, db, french, tmp_path: Path) -> None:  # noqa: ANN001
    pytest.importorskip("onnx")
    from waste_testkit import tiny_classifier

    from alyesdesk import paths
    from alyesdesk.inference import catalog
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.waste.tab import WasteTab

    tiny_classifier(paths.user_models_dir(), stem="tiny_waste")
    catalog.set_active("classify", next(m for m in catalog.models_for("classify") if m.spec.name == "tiny_waste"))
    tab = WasteTab(AppContext(db))
    qtbot.addWidget(tab)
    try:
        (tmp_path / "empty.png").write_bytes(b"")
        (tmp_path / "huge.png").write_bytes(_huge_png())
        tab.add_paths([str(tmp_path / "empty.png"), str(tmp_path / "huge.png")])
        qtbot.waitUntil(lambda: len(tab.problems.lines) == 2, timeout=30_000)
        qtbot.waitUntil(lambda: tab.batches._handle is None, timeout=10_000)
        lines = sorted(tab.problems.lines)
        assert lines[0] == "empty.png: le fichier est vide (0 octet)", lines
        assert lines[1].startswith("huge.png: l'image fait 60000x60000 pixels"), lines
    finally:
        tab.shutdown()


def test_a_corrupt_pdf_is_listed_in_french_in_the_documents_tab(qtbot, db, french, tmp_path: Path) -> None:  # noqa: ANN001
    """The PDF is opened in a child process, which sends its message as plain text: it is still French."""
    from alyesdesk import paths
    from alyesdesk.inference import catalog
    from alyesdesk.training.signatures.tiny import write_tiny_detector
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.documents.tab import DocumentsTab

    onnx_path = write_tiny_detector(paths.user_models_dir(), "tiny_signatures")
    catalog.set_active("detect", next(m for m in catalog.models_for("detect") if m.onnx_path == onnx_path))
    tab = DocumentsTab(AppContext(db))
    qtbot.addWidget(tab)
    try:
        broken = tmp_path / "broken.pdf"
        broken.write_bytes(b"%PDF-1.4\n%%garbage")
        tab.check_paths([str(broken)])
        qtbot.waitUntil(lambda: len(tab.problems.lines) == 1, timeout=60_000)
        qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
        assert tab.problems.lines == ["broken.pdf: PDF non valide (corrompu ou tronqué)"]
    finally:
        tab.shutdown()


# --- lupdate can read every marked message ------------------------------------------------------------
def _marker_calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "QT_TRANSLATE_NOOP"]


def test_every_marker_has_a_literal_context_and_source() -> None:
    """pyside6-lupdate reads `QT_TRANSLATE_NOOP("Context", "source")` only: no f-string, variable or keyword."""
    found, wrong = 0, []
    for path in sorted((REPO / "alyesdesk").rglob("*.py")):
        for call in _marker_calls(ast.parse(path.read_text(encoding="utf-8"))):
            found += 1
            literal = (len(call.args) == 2 and not call.keywords
                       and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args))
            if not literal:
                wrong.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert found > 60 and not wrong, wrong


def test_the_translation_script_reads_every_marked_module() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_translations", REPO / "scripts" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    scanned = set(build.sources())
    for folder in ("inference", "storage"):
        for path in (REPO / "alyesdesk" / folder).rglob("*.py"):
            if _marker_calls(ast.parse(path.read_text(encoding="utf-8"))):
                assert path in scanned, path
