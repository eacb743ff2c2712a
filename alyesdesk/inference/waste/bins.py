"""Bin advice: which container a material goes in, per region, from JSON nomenclature files.

Bundled sets live in `assets/bins/*.json` (a French national default plus a few local variants). A user
can edit a set or import their own; those are saved in `<data dir>/bins/` and win over a bundled set
with the same `region` id. Material keys are model labels, so a nomenclature can cover any classifier;
a label it does not list falls back to its `default` container.

File format (schema_version 1)::

    {"schema_version": 1, "region": "fr-national", "name": "France: national rules",
     "note": "...", "source": "...",
     "default": {"container": "...", "color": "#6b6b6b"},
     "materials": {"glass": {"container": "Colonne à verre", "color": "#2e8b57", "advice": "...",
                             "translations": {"en": {"container": "Glass bank"}, "fr": {"advice": "..."}}}}}

`translations` (optional, on an entry or at the top level for `name` and `note`) gives the text in another
language ("fr", "en"); the app shows them in its language (`set_display_language`, called by the UI at
start), and the plain fields otherwise (the CLI, an unknown language).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alyesdesk.fileio import atomic_write_text
from alyesdesk.inference import safejson
from alyesdesk import paths

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 2_000_000  # the bundled lists are about 10 kB; a bigger file is not a bin list
DEFAULT_REGION = "fr-national"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_REGION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_display_language: str | None = None


def set_display_language(language: str | None) -> None:
    """The language bin names and advice are shown in ("fr", "en"; None: the file's plain fields)."""
    global _display_language
    _display_language = language


def display_language() -> str | None:
    """The language set by `set_display_language` (None: the files' plain fields are shown)."""
    return _display_language


class NomenclatureError(ValueError):
    """A nomenclature file is unreadable or invalid; the message names the file and the field."""


@dataclass(frozen=True)
class BinAdvice:
    """The container a material goes in for one region, already in the display language, with its colour."""

    region: str
    container: str
    color: str
    advice: str = ""
    fallback: bool = False  # True when the material is not listed and `default` was used


@dataclass
class Nomenclature:
    """One region's validated nomenclature (see the module doc); `extra` keeps unknown top-level keys.

    `user` is True for a set in the user folder; `path` is the file it was read from or saved to.
    """

    region: str
    name: str
    materials: dict[str, dict[str, str]]
    default: dict[str, str] | None = None
    note: str = ""
    source: str = ""
    path: Path | None = None
    user: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def advice(self, label: str, language: str | None = None) -> BinAdvice | None:
        """The bin for `label` in `language` (default: the display language), else the default bin."""
        entry = self.materials.get(label)
        fallback = entry is None
        entry = entry or self.default
        if not entry:
            return None
        shown = _in_language(entry, language)
        return BinAdvice(self.region, shown["container"], entry["color"], shown.get("advice", ""), fallback)

    def display_name(self, language: str | None = None) -> str:
        return _in_language({"name": self.name, **self.extra}, language)["name"]

    def display_note(self, language: str | None = None) -> str:
        return _in_language({"note": self.note, **self.extra}, language).get("note", "")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {**self.extra, "schema_version": SCHEMA_VERSION, "region": self.region, "name": self.name}
        if self.note:
            data["note"] = self.note
        if self.source:
            data["source"] = self.source
        if self.default:
            data["default"] = dict(self.default)
        data["materials"] = {k: dict(v) for k, v in self.materials.items()}
        return data


def _in_language(entry: dict[str, Any], language: str | None) -> dict[str, Any]:
    """`entry` with the fields of its `translations[language]` over the plain ones."""
    language = language or _display_language
    translated = (entry.get("translations") or {}).get(language) if language else None
    return {**entry, **translated} if translated else entry


def _translations(where: str, value: Any, fields: tuple[str, ...]) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict):
        raise NomenclatureError(f"{where}.translations: expected an object like {{\"en\": {{\"container\": \"...\"}}}}")
    out: dict[str, dict[str, str]] = {}
    for language, texts in value.items():
        if not isinstance(language, str) or not _LANGUAGE.match(language) or not isinstance(texts, dict):
            raise NomenclatureError(f"{where}.translations.{language}: expected a two-letter language and an object")
        for key, text in texts.items():
            if key not in fields or not isinstance(text, str) or not text.strip():
                raise NomenclatureError(f"{where}.translations.{language}.{key}: expected one of {list(fields)} "
                                        "with a non-empty text")
        out[language] = {k: v.strip() for k, v in texts.items()}
    return out


def _entry(where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise NomenclatureError(f"{where}: expected an object with 'container' and 'color'")
    container, colour = value.get("container"), value.get("color")
    if not isinstance(container, str) or not container.strip():
        raise NomenclatureError(f"{where}.container: expected a non-empty name")
    if not isinstance(colour, str) or not _COLOUR.match(colour):
        raise NomenclatureError(f"{where}.color: expected a colour like '#f2c500', got {colour!r}")
    out = {"container": container.strip(), "color": colour}
    advice = value.get("advice")
    if advice is not None:
        if not isinstance(advice, str):
            raise NomenclatureError(f"{where}.advice: expected text")
        out["advice"] = advice
    if value.get("translations") is not None:
        out["translations"] = _translations(where, value["translations"], ("container", "advice"))  # type: ignore[assignment]
    return out


def validate(data: Any, source: str = "nomenclature") -> Nomenclature:
    """Check a parsed nomenclature; NomenclatureError names the first bad field."""
    if not isinstance(data, dict):
        raise NomenclatureError(f"{source}: expected a JSON object")
    version = data.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise NomenclatureError(f"{source}: 'schema_version' must be 1")
    if version > SCHEMA_VERSION:
        raise NomenclatureError(f"{source}: schema_version {version} is newer than this AlyesDesk reads; update it")
    region = data.get("region")
    if not isinstance(region, str) or not _REGION_ID.match(region):
        raise NomenclatureError(f"{source}: 'region' must be a short id like 'fr-paris' (lowercase, digits, '-', '_')")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise NomenclatureError(f"{source}: 'name' must be a non-empty display name")
    materials = data.get("materials")
    if not isinstance(materials, dict) or not materials:
        raise NomenclatureError(f"{source}: 'materials' must map at least one material to a container")
    checked = {str(k): _entry(f"{source}: materials.{k}", v) for k, v in materials.items()}
    default = _entry(f"{source}: default", data["default"]) if data.get("default") is not None else None
    if data.get("translations") is not None:
        _translations(source, data["translations"], ("name", "note"))
    known = {"schema_version", "region", "name", "note", "source", "default", "materials"}
    return Nomenclature(
        region=region, name=name.strip(), materials=checked, default=default,
        note=str(data.get("note", "")), source=str(data.get("source", "")),
        extra={k: v for k, v in data.items() if k not in known},
    )


def load_file(path: str | Path) -> Nomenclature:
    """The validated nomenclature in a JSON file (a BOM is allowed); NomenclatureError naming the file.

    Any unreadable file (too big, not a regular file, not UTF-8, nested too deeply, not JSON) is a
    NomenclatureError (`safejson` reads it): callers skip that one file and keep the others, so one bad file
    in the user's bins folder cannot stop every region from loading.
    """
    path = Path(path)
    try:
        data = safejson.loads(safejson.read_text(path, MAX_FILE_BYTES))
    except OSError as exc:
        raise NomenclatureError(f"{path.name}: cannot read ({exc.strerror or exc})") from None
    except safejson.UntrustedJsonError as exc:
        raise NomenclatureError(f"{path.name}: {exc}") from None
    nomenclature = validate(data, path.name)
    nomenclature.path = path
    return nomenclature


def bundled_dir() -> Path:
    """The folder of the bundled nomenclatures (`assets/bins`)."""
    return paths.assets_dir() / "bins"


def user_dir() -> Path:
    """The folder of the user's nomenclatures (`<data dir>/bins`), which win over bundled ones."""
    return paths.data_dir() / "bins"


def load_all() -> tuple[dict[str, Nomenclature], list[str]]:
    """Every region (user files override bundled ones with the same id) and readable error messages."""
    found: dict[str, Nomenclature] = {}
    errors: list[str] = []
    for folder, user in ((bundled_dir(), False), (user_dir(), True)):
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.json")):
            try:
                nomenclature = load_file(file)
            except NomenclatureError as exc:
                errors.append(str(exc))
                continue
            nomenclature.user = user
            found[nomenclature.region] = nomenclature
    return found, errors


def save_user(nomenclature: Nomenclature) -> Path:
    """Write (after validation) to the user folder as `<region>.json`; returns the path."""
    data = nomenclature.to_json()
    validate(data, nomenclature.region)
    folder = user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{nomenclature.region}.json"
    atomic_write_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    nomenclature.path, nomenclature.user = target, True
    return target


def import_file(path: str | Path) -> Nomenclature:
    """Validate a user's nomenclature file and keep a copy in the user folder."""
    nomenclature = load_file(path)
    save_user(nomenclature)
    return nomenclature


def active_region() -> str:
    """The region chosen in the app (settings.json `waste_region`), shared by the tab and the CLI."""
    from alyesdesk import settings

    return settings.current().waste_region or DEFAULT_REGION


def set_active_region(region: str) -> None:
    """Save `region` as the chosen one (settings.json `waste_region`); the id is not checked here."""
    # Through the settings' owner: writing a file copy here would be overwritten by the app's next save.
    from alyesdesk import settings

    settings.update_settings(waste_region=region)


def resolve(region: str | None = None) -> Nomenclature | None:
    """The nomenclature for `region` (default: the saved choice), else the French default, else any."""
    found, _ = load_all()
    wanted = region or active_region()
    return found.get(wanted) or found.get(DEFAULT_REGION) or next(iter(found.values()), None)
