"""French and English (issue 22): with the French translator installed, no visible text of the main window is
still English; the `.ts` is complete; placeholders survive translation; raw values become words."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QTabWidget, QTableView, QTextEdit, QWidget)

from alyesdesk.ui import i18n

REPO = Path(__file__).resolve().parent.parent
TS = REPO / "alyesdesk" / "i18n" / "alyesdesk_fr.ts"

# Words that are English and never French (a French sentence with one of them was missed). Words that are the
# same in both languages (image, photo, source, documents, sessions, version, pause, note...) are not here.
ENGLISH = set("""
the and of to is are with for your you this that from not no none drop open start stop choose file files select
show hide save load camera result results settings folder model models tracking calibrate record play delete rename
clear copy details filter review next previous find add remove new run check waste bin bins street streets gaze
history signed unsigned needs all yes cancel close teach project projects batch live video legend area
frame frames export region unknown loading waiting ready running done error errors warning help view quit here
when what which will can could cannot be has have was were it its by at any every each only still
left right back take paste drag click press pick use used using people sky road building buildings vehicle
opacity overlay playback speed seconds hours today yesterday count counts average mean
""".split())

# Deliberate exceptions: brand and product names, formats, units, keys. Compared word by word.
ALLOWED = set("""
AlyesDesk ONNX CSV PNG PDF PDFs JSON HTML MediaPipe Haar Ctrl Shift Alt Esc F1 px cm fps ms MB GB s min OK Qt
CamVid Cityscapes Tobacco800 TrashNet Citeo Refashion AGEC IoU mIoU
""".split())

# English still visible in the French window at start: none. `test_no_english_visible_in_french` fails on any
# new one, and on a listed gap that was fixed (so the list only shrinks). Not covered by this walk, and still
# English (see the README "French and English"): error messages written by the Qt-free layers (inference,
# storage, the PDF renderer's child process `ui/documents/pdf_process.py`/`pdf_render.py`, `ui/documents/
# export.py`), the stimulus and AOI errors of `ui/gaze/stimuli.py` and `aoi_canvas.py`, and the text of
# installed models (licences, data sources) and of user bin files without translations.
KNOWN_GAPS: set[str] = set()


@functools.lru_cache(maxsize=1)
def _model_texts() -> tuple[str, ...]:
    from alyesdesk.inference import catalog

    found = []
    for model in catalog.scan()[0]:
        found += [model.spec.licence, *model.spec.data_licences]
    return tuple(sorted((t for t in found if t), key=len, reverse=True))


def _words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # rich text
    text = re.sub(r"\S+://\S+|--[\w-]+|\balyesdesk \w+", " ", text)  # URLs, command lines
    text = re.sub(r"\{[^{}]*\}", " ", text)  # placeholders
    text = re.sub(r"&(?=\w)", "", text)   # mnemonics
    text = re.sub(r"\S+\.(onnx|json|png|jpe?g|pdf|csv|mp4|db)\b", " ", text, flags=re.I)  # file names
    text = re.sub(r"\b\w+_\w+\b", " ", text)  # identifiers (model names, labels)
    for words in _model_texts():  # licences and data sources come from the model files, in their language
        text = text.replace(words, " ")
    return re.findall(r"[A-Za-zÀ-ÿœŒ']+", text)


def english_words(text: str) -> list[str]:
    return [w for w in _words(text) if w not in ALLOWED and w.lower().strip("'") in ENGLISH]


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can see in `root`: labels, buttons, group boxes, placeholders,
    tooltips, combo items, tab titles, table headers."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w is not root and not w.isVisibleTo(root):
            continue
        name = f"{type(w).__name__}#{w.objectName()}" if w.objectName() else type(w).__name__
        if isinstance(w, QLabel):
            found.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            found.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            found.append((name, w.title()))
        elif isinstance(w, QLineEdit):
            found.append((name + ".placeholder", w.placeholderText()))
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            found.append((name + ".placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox):
            found += [(f"{name}[{i}]", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractSpinBox):
            found += [(name + ".special", w.specialValueText()), (name + ".suffix", w.suffix())]
        elif isinstance(w, QDockWidget):
            found.append((name, w.windowTitle()))
        if isinstance(w, QTabWidget):
            found += [(f"{name}.tab[{i}]", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            from PySide6.QtCore import Qt

            found += [(f"{name}.header[{c}]", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount())]
        if w.toolTip():
            found.append((name + ".tooltip", w.toolTip()))
    return [(where, text) for where, text in found if text and text.strip()]


@pytest.fixture
def french(qapp):  # noqa: ANN001, ANN201
    assert i18n.install("fr") == "fr"
    yield
    i18n.uninstall()


@pytest.fixture
def french_window(french, qtbot, db):  # noqa: ANN001, ANN201
    from alyesdesk.ui.app import build_window

    window = build_window(db)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    yield window
    window.shutdown()


def window_english(window) -> dict[str, set[str]]:  # noqa: ANN001 - MainWindow
    """English texts per place in the window, every tab shown in turn."""
    report: dict[str, set[str]] = {}

    def check(where: str, text: str) -> None:
        if english_words(text):
            report.setdefault(text, set()).add(where)

    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QCoreApplication.processEvents()
        key = window.current_tab_key()
        check("tab title", window.tabs.tabText(i))
        for where, text in visible_texts(window.tabs.widget(i)):
            check(f"{key}: {where}", text)
    for action in window.menuBar().actions():
        check("menu", action.text())
        for item in action.menu().actions():
            check("menu item", item.text())
            check("status tip", item.statusTip())
            check("tooltip", item.toolTip() if item.toolTip() != item.text().replace("&", "") else "")
    for where, text in visible_texts(window.statusBar()):
        check(f"status bar: {where}", text)
    check("messages dock", window.messages_dock.windowTitle())
    return report


def test_no_english_visible_in_french(french_window) -> None:
    report = window_english(french_window)
    new = {text: sorted(where) for text, where in report.items() if text not in KNOWN_GAPS}
    fixed = sorted(KNOWN_GAPS - set(report))
    lines = [f"{text!r}  <- {', '.join(where[:3])}" for text, where in sorted(new.items())]
    assert not new, f"{len(new)} English text(s) visible in French:\n" + "\n".join(lines)
    assert not fixed, f"translated now, remove from KNOWN_GAPS: {fixed}"


def test_tab_titles_and_menus_in_french(french_window) -> None:
    titles = [french_window.tabs.tabText(i) for i in range(french_window.tabs.count())]
    assert titles == ["Regard", "Tri des déchets", "Documents", "Segmentation de rue", "Historique"]
    menus = [a.text().replace("&", "") for a in french_window.menuBar().actions()]
    assert menus == ["Fichier", "Édition", "Affichage", "Aide"]


def test_english_stays_english(qtbot, db) -> None:
    from alyesdesk.ui.app import build_window

    assert i18n.install("en") == "en"
    window = build_window(db)
    qtbot.addWidget(window)
    try:
        assert window.tabs.tabText(1) == "Waste sorting"
        assert i18n.status_text("needs_review") == "needs review"
    finally:
        window.shutdown()
        i18n.uninstall()


# --- the .ts file ----------------------------------------------------------------------------------

def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(c.findtext("name", ""), m.findtext("source", ""), m.find("translation"))
            for c in root.iter("context") for m in c.iter("message")]


def test_every_string_is_translated() -> None:
    missing = [(ctx, src) for ctx, src, tr in _messages()
               if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip()]
    assert not missing, f"{len(missing)} unfinished in {TS.name}: {missing[:20]}"


def test_placeholders_and_mnemonics_survive() -> None:
    placeholder = re.compile(r"\{[^{}]*\}")
    for ctx, src, tr in _messages():
        text = tr.text or ""
        assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(src)), (ctx, src, text)
        assert src.count("&") == text.count("&"), (ctx, src, text)
        assert text.count("\n") >= src.count("\n") or "<" in src, (ctx, src, text)


def test_french_has_no_english_left_in_translations() -> None:
    leftovers = [(ctx, src, tr.text) for ctx, src, tr in _messages() if english_words(tr.text or "")]
    assert not leftovers, leftovers[:20]


def test_ts_covers_the_code(tmp_path) -> None:
    """Every tr() and QT_TRANSLATE_NOOP() of the sources is in the committed .ts (run scripts/build_translations.py)."""
    here = Path(sys.executable).parent
    lupdate = next((str(p) for p in (here / "pyside6-lupdate", here / "pyside6-lupdate.exe") if p.is_file()),
                   shutil.which("pyside6-lupdate"))
    if lupdate is None:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    import importlib.util  # the build script's own list: the ui and the Qt-free modules that mark messages

    spec = importlib.util.spec_from_file_location("build_translations", REPO / "scripts" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    files = [str(p) for p in build.sources()]
    subprocess.run([lupdate, *files, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    wanted = {(c.findtext("name"), m.findtext("source")) for c in ET.parse(fresh).getroot().iter("context")
              for m in c.iter("message")}
    have = {(ctx, src) for ctx, src, _ in _messages()}
    assert not wanted - have, f"not in {TS.name} (run scripts/build_translations.py): {sorted(wanted - have)[:20]}"


def test_qm_is_bundled() -> None:
    assert i18n.qm_path("fr").is_file()
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "i18n/*.qm" in text
    assert "i18n" in (REPO / "build_installer.spec").read_text(encoding="utf-8")


# --- language choice and raw values ----------------------------------------------------------------

def test_language_follows_the_system_locale() -> None:
    assert i18n.resolve("system", QLocale(QLocale.Language.French, QLocale.Country.Canada)) == "fr"
    assert i18n.resolve("system", QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    assert i18n.resolve("en", QLocale(QLocale.Language.French, QLocale.Country.France)) == "en"
    assert i18n.resolve("fr", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "fr"


def test_language_setting_is_validated(tmp_path) -> None:
    from alyesdesk.settings import Settings

    settings = Settings()
    assert settings.language == "system"
    settings.language = "fr"
    with pytest.raises(ValueError):
        settings.language = "de"
    with pytest.raises(TypeError):
        settings.language = 1


def test_raw_values_become_words(french) -> None:
    assert i18n.status_text("needs_review") == "à vérifier"
    assert i18n.status_text("signed") == "signé"
    assert i18n.status_text("unsigned") == "non signé"
    assert i18n.keyring_text("keyring.backends.SecretService.Keyring").startswith("le trousseau")
    assert "Keyring" not in i18n.keyring_text("keyring.backends.Windows.WinVaultKeyring")
    assert i18n.model_error_text("[ONNXRuntimeError] : 7 : INVALID_PROTOBUF : Load model from x failed") \
        == "le fichier n'est pas un modèle valide (voir les détails)"
    assert i18n.model_error_text("disk full") == "disk full"
    asked = i18n.passphrase_message("No usable system keyring was found to keep the database key (backend: "
                                    "keyring.backends.fail.Keyring). Choose a passphrase ...")
    assert "keyring.backends" not in asked and "aucun trousseau" in asked
    assert i18n.outcome_text("documents", "needs_review: 1 signature(s) on 2 page(s), 1 expected") \
        == "à vérifier : 1 signature(s) sur 2 page(s), 1 attendue(s)"
    assert i18n.outcome_text("waste", "plastic (93%)") == "plastique (93 %)"
    stamp = i18n.format_time(1_767_225_600)  # 2026-01-01 00:00 UTC
    assert re.search(r"\d{2}/\d{2}/\d{4}", stamp) and "1767" not in stamp


def test_settings_dialog_sets_the_language(french, qtbot) -> None:
    from alyesdesk.settings import Settings
    from alyesdesk.ui.dialogs.settings_dialog import SettingsDialog

    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Paramètres"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.apply() is True
    assert settings.language == "en"


def test_screenshot_takes_a_language(tmp_path) -> None:
    out = tmp_path / "fr.png"
    proc = subprocess.run([sys.executable, "-m", "alyesdesk", "--screenshot", str(out), "--tab", "history",
                           "--lang", "fr", "--size", "1280x720"], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    # The window never shrinks below its layouts' minimum height (the gaze side panel): at least 720.
    assert image.width() == 1280 and 720 <= image.height() <= 820


def test_bin_names_and_advice_follow_the_language() -> None:
    from alyesdesk.inference.waste import bins

    national = bins.resolve("fr-national")
    assert national.advice("plastic", "fr").container.startswith("Bac jaune")
    assert national.advice("plastic", "fr").advice.startswith("Tous les emballages")
    assert national.advice("plastic", "en").container == "Yellow bin (packaging and paper)"
    assert national.advice("plastic", "en").advice.startswith("All plastic packaging")
    assert national.display_name("fr").startswith("France : consignes")
    for nomenclature in bins.load_all()[0].values():  # every bundled bin has both languages
        for entry in [*nomenclature.materials.values(), nomenclature.default or {}]:
            if entry:
                assert {"en", "fr"} <= set(entry.get("translations", {})), (nomenclature.region, entry)
    bins.set_display_language("en")
    try:
        assert national.advice("glass").container == "Glass bank"
    finally:
        bins.set_display_language(None)
    with pytest.raises(bins.NomenclatureError):
        bins.validate({"schema_version": 1, "region": "x", "name": "X", "materials": {
            "glass": {"container": "C", "color": "#000000", "translations": {"en": {"colour": "red"}}}}})
