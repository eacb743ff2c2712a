"""Languages of the interface: French and English.

Every user-visible string goes through Qt's translation: `self.tr("...")` in QObject subclasses (the class
name is the context, base classes are tried too), `QCoreApplication.translate("Context", "...")` elsewhere
and `QT_TRANSLATE_NOOP("Context", "...")` for tables built at import time (translated where shown). The
source strings are English; `alyesdesk/i18n/alyesdesk_fr.ts` holds the French, compiled to `.qm` by
`scripts/build_translations.py` (bundled as package data and in the frozen build).

The language comes from the `language` setting ("system", "fr", "en"); "system" follows `QLocale.system()`:
French for any French locale, English otherwise. It is installed once at start (`install`), before any
window is built; a change in the Settings dialog applies at the next start.

Helpers here turn raw values into words: `format_time` (epoch seconds as a local date), `status_text`
("needs_review" -> "à vérifier"), `keyring_text` (a keyring backend class -> plain words).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLibraryInfo, QLocale, QTranslator, QT_TRANSLATE_NOOP

from alyesdesk.inference.waste import bins
from alyesdesk.ui.error_text import localized

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
SOURCE_LANGUAGE = "en"
I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def qm_path(language: str) -> Path:
    return I18N_DIR / f"alyesdesk_{language}.qm"


def ts_path(language: str) -> Path:
    return I18N_DIR / f"alyesdesk_{language}.ts"


def resolve(setting: str, system: QLocale | None = None) -> str:
    """The language to show for a `language` setting ("system", "fr" or "en")."""
    if setting in LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    return "fr" if locale.language() == QLocale.Language.French else SOURCE_LANGUAGE


def current_language() -> str:
    return _language


def install(language: str, app: QCoreApplication | None = None) -> str:
    """Install the translators for `language` ("system", "fr" or "en"); returns the language shown.

    Replaces translators installed by an earlier call (tests switch languages). A missing `.qm` leaves the
    English source strings, with a warning in the log.
    """
    global _language
    app = app or QCoreApplication.instance()
    chosen = resolve(language)
    uninstall(app)
    if chosen != SOURCE_LANGUAGE and app is not None:
        ours = QTranslator(app)
        if ours.load(str(qm_path(chosen))):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("translation %s not found: the interface stays in English", qm_path(chosen))
            chosen = SOURCE_LANGUAGE
        # Qt's own strings (standard buttons, file dialogs), when the Qt build ships them.
        qt = QTranslator(app)
        if chosen != SOURCE_LANGUAGE and qt.load(f"qtbase_{chosen}",
                                                  QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    _language = chosen
    bins.set_display_language(chosen)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France) if chosen == "fr"
                       else _english_locale())
    return chosen


def uninstall(app: QCoreApplication | None = None) -> None:
    global _language
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    _language = SOURCE_LANGUAGE
    bins.set_display_language(None)
    QLocale.setDefault(_english_locale())


def _english_locale() -> QLocale:
    system = QLocale.system()
    return system if system.language() == QLocale.Language.English else QLocale(QLocale.Language.English,
                                                                                  QLocale.Country.UnitedKingdom)


# --- raw values as words ---------------------------------------------------------------------------
def format_time(epoch: float | None, seconds: bool = False) -> str:
    """Epoch seconds as a local date and time in the interface's language ("" for None)."""
    if epoch is None:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(int(epoch))
    pattern = QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat)
    if seconds and ":ss" not in pattern:
        pattern = pattern.replace(":mm", ":mm:ss")
    return QLocale().toString(moment, pattern)


def format_clock(epoch: float) -> str:
    """Epoch seconds as a local time of day."""
    return time.strftime("%H:%M:%S", time.localtime(epoch))


_STATUS = {
    "signed": QT_TRANSLATE_NOOP("Status", "signed"),
    "unsigned": QT_TRANSLATE_NOOP("Status", "unsigned"),
    "needs_review": QT_TRANSLATE_NOOP("Status", "needs review"),
    "review": QT_TRANSLATE_NOOP("Status", "needs review"),
    "error": QT_TRANSLATE_NOOP("Status", "error"),
    "failed": QT_TRANSLATE_NOOP("Status", "failed"),
    "ok": QT_TRANSLATE_NOOP("Status", "ok"),
    "confirmed": QT_TRANSLATE_NOOP("Status", "confirmed"),
    "corrected": QT_TRANSLATE_NOOP("Status", "corrected"),
    "pending": QT_TRANSLATE_NOOP("Status", "pending"),
}


def status_text(value: str | None) -> str:
    """A stored status or verdict ("needs_review") as words in the interface's language."""
    if not value:
        return ""
    source = _STATUS.get(value)
    if source is None:
        return value
    return QCoreApplication.translate("Status", source)


_KEYRING = {
    "windows": QT_TRANSLATE_NOOP("Status", "Windows Credential Manager"),
    "macos": QT_TRANSLATE_NOOP("Status", "macOS Keychain"),
    "keychain": QT_TRANSLATE_NOOP("Status", "macOS Keychain"),
    "secretservice": QT_TRANSLATE_NOOP("Status", "the desktop's password store (Secret Service)"),
    "kwallet": QT_TRANSLATE_NOOP("Status", "KDE Wallet"),
    "libsecret": QT_TRANSLATE_NOOP("Status", "the desktop's password store (Secret Service)"),
    "fail": QT_TRANSLATE_NOOP("Status", "no password store available"),
    "null": QT_TRANSLATE_NOOP("Status", "no password store available"),
    "plaintext": QT_TRANSLATE_NOOP("Status", "a plain file (not protected)"),
    "file": QT_TRANSLATE_NOOP("Status", "a file in the data folder"),
}


def keyring_text(backend: str | None) -> str:
    """A keyring backend (a class name such as `keyring.backends.SecretService.Keyring`) in plain words."""
    if not backend:
        return QCoreApplication.translate("Status", "no password store available")
    lowered = backend.lower().replace("_", "").replace(" ", "")
    for key, source in _KEYRING.items():
        if key in lowered:
            return QCoreApplication.translate("Status", source)
    return QCoreApplication.translate("Status", "the system's password store")


_RUNTIME_MARKERS = ("onnxruntimeerror", "invalid_graph", "invalid_protobuf", "invalid_argument", "no_suchfile",
                    "protobuf parsing failed", "load model from", "fail :", "runtime_exception", "not_implemented",
                    "modelproto", "[onnx")


def model_error_text(raw: str) -> str:
    """A model-loading failure in plain words: ONNX Runtime's codes ("[ONNXRuntimeError] : 7 : INVALID_PROTOBUF")
    become "the file is not a valid model"; the raw text belongs in the details."""
    lowered = raw.lower()
    if any(marker in lowered for marker in _RUNTIME_MARKERS):
        return QCoreApplication.translate("Status", "the file is not a valid model (see the details)")
    return raw


def with_details(exc: BaseException, raw: str | None = None) -> BaseException:
    """`exc` carrying its raw text as `details` (shown behind "Show Details…" in the error dialog)."""
    try:
        if not getattr(exc, "details", ""):
            exc.details = raw if raw is not None else str(exc)  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return exc


# --- model labels and stored outcomes ----------------------------------------------------------------
_MATERIALS = {  # model label -> its words (the English source is the label itself, spaced)
    "cardboard": QT_TRANSLATE_NOOP("Labels", "cardboard"),
    "glass": QT_TRANSLATE_NOOP("Labels", "glass"),
    "metal": QT_TRANSLATE_NOOP("Labels", "metal"),
    "paper": QT_TRANSLATE_NOOP("Labels", "paper"),
    "plastic": QT_TRANSLATE_NOOP("Labels", "plastic"),
    "trash": QT_TRANSLATE_NOOP("Labels", "trash"),
    "wood": QT_TRANSLATE_NOOP("Labels", "wood"),
    "textiles": QT_TRANSLATE_NOOP("Labels", "textiles"),
    "organic_waste": QT_TRANSLATE_NOOP("Labels", "organic waste"),
    "biological": QT_TRANSLATE_NOOP("Labels", "biological"),
    "battery": QT_TRANSLATE_NOOP("Labels", "battery"),
    "signature": QT_TRANSLATE_NOOP("Labels", "signature"),
    # street categories
    "flat": QT_TRANSLATE_NOOP("Labels", "flat"),
    "human": QT_TRANSLATE_NOOP("Labels", "human"),
    "vehicle": QT_TRANSLATE_NOOP("Labels", "vehicle"),
    "construction": QT_TRANSLATE_NOOP("Labels", "construction"),
    "object": QT_TRANSLATE_NOOP("Labels", "object"),
    "nature": QT_TRANSLATE_NOOP("Labels", "nature"),
    "sky": QT_TRANSLATE_NOOP("Labels", "sky"),
    "void": QT_TRANSLATE_NOOP("Labels", "void"),
}


def label_text(label: str) -> str:
    """A model label (a waste material, a street category) as words; unknown labels (a user's own model)
    are shown as they are, underscores as spaces."""
    source = _MATERIALS.get(label)
    if source is None:
        return label.replace("_", " ")
    return QCoreApplication.translate("Labels", source)


def outcome_text(capability: str, outcome: str | None) -> str:
    """A stored outcome (English, written by `storage`) in the interface's language."""
    import re

    if not outcome:
        return ""
    if _language == SOURCE_LANGUAGE:
        return status_text(outcome) if outcome in _STATUS else outcome
    m = re.fullmatch(r"(\w+): (\d+) signature\(s\) on (\d+) page\(s\), (\d+) expected", outcome)
    if m:
        return QCoreApplication.translate("Outcome", "{verdict}: {count} signature(s) on {pages} page(s), {expected} expected").format(
            verdict=status_text(m[1]), count=m[2], pages=m[3], expected=m[4])
    m = re.fullmatch(r"(\S+) \(corrected from (\S+)\)", outcome)
    if m:
        return QCoreApplication.translate("Outcome", "{label} (corrected from {original})").format(label=label_text(m[1]), original=label_text(m[2]))
    m = re.fullmatch(r"(\S+) \((\d+)%\)", outcome)
    if m:
        return f"{label_text(m[1])} ({m[2]} %)"
    m = re.fullmatch(r"calibration on (.+): (.+)° mean, (.+) px", outcome)
    if m:
        return QCoreApplication.translate("Outcome", "calibration on {screen}: {degrees}° on average, {pixels} px").format(
            screen=m[1], degrees=m[2].replace(".", ","), pixels=m[3])
    m = re.fullmatch(r"(\d+) samples, (\d+) min (\d+) s", outcome)
    if m:
        return QCoreApplication.translate("Outcome", "{count} samples, {minutes} min {seconds} s").format(count=m[1], minutes=m[2], seconds=m[3])
    if outcome == "recording…":
        return QCoreApplication.translate("Outcome", "recording…")
    if capability == "streets" and re.fullmatch(r"(\S+ \d+%)(, \S+ \d+%)*", outcome):
        return ", ".join(f"{label_text(part.rsplit(' ', 1)[0])} {part.rsplit(' ', 1)[1][:-1]} %"
                         for part in outcome.split(", "))
    return status_text(outcome) if outcome in _STATUS else outcome


def input_text(text: str) -> str:
    """A stored input name: "calibration (mediapipe)" and the like in words; file names unchanged."""
    if _language == SOURCE_LANGUAGE or not text.startswith("calibration ("):
        return text
    return QCoreApplication.translate("Outcome", "calibration ({frontend})").format(frontend=text[len("calibration ("):-1])


def passphrase_message(message: str) -> str:
    """Why a passphrase is asked (a `PassphraseRequired` from storage) in the interface's language, with the
    keyring backend's class name in plain words."""
    import re

    if message.startswith("No usable system keyring"):
        found = re.search(r"\(backend: (.+?)\)", message)
        return QCoreApplication.translate(
            "Status", "No usable password store was found on this computer to keep the database key ({store}). "
            "Choose a passphrase to protect your data; you will type it at each start (or set ALYESDESK_PASSPHRASE "
            "for headless use).").format(store=keyring_text(found[1] if found else None))
    if message.startswith("This database is protected by a passphrase"):
        return QCoreApplication.translate("Status", "This database is protected by a passphrase.")
    if message.startswith("This backup is protected by a passphrase"):
        return QCoreApplication.translate("Status", "This backup is protected by a passphrase.")
    if message.startswith("The database key is not in the system keyring"):
        return QCoreApplication.translate(
            "Status", "The database key is not in the system's password store (was it reset, or the data folder "
            "copied from another computer?). Enter the database passphrase if it has one; otherwise the data "
            "cannot be decrypted. The file is left untouched.")
    return localized(message)
