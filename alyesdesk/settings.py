"""User settings: typed, validated, versioned, tolerant. A bad settings file never blocks start-up.

QSettings keeps only window geometry and the last tab; everything else lives here as JSON in the data
folder so the headless CLI reads the same values. Qt-free: the GUI bridges `changed` to a Qt signal
(`ui/context.py`).

One owner writes `settings.json`: the running app's `Settings` object (or, without the app, the
`update_settings` helper that the headless code calls). Only values that differ from the defaults are
saved, so a changed default reaches every user who never touched it.

Rules (as napari's settings): to change what a stored value *means*, bump SETTINGS_VERSION and add a step
in `_MIGRATIONS`; never reuse a key with a new meaning. The file is backed up before a migration.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import weakref
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

from alyesdesk import paths
from alyesdesk.fileio import atomic_write_text

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2
SETTINGS_FILE = "settings.json"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Rule:
    """What a field accepts and what it is for (shown in tooltips and the docs)."""

    description: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None

    def check(self, value: Any) -> str | None:
        """None when `value` is acceptable, else why not."""
        if self.minimum is not None and value < self.minimum:
            return f"below the minimum {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"above the maximum {self.maximum:g}"
        if self.choices and value not in self.choices:
            return f"not one of {list(self.choices)}"
        if self.pattern is not None and not self.pattern.fullmatch(value):
            return f"does not match {self.pattern.pattern}"
        return None


RULES: dict[str, Rule] = {
    "viewing_distance_cm": Rule("Distance from the eyes to the screen, for degrees of visual angle.", 20, 200),
    "gaze_frontend": Rule("Face and eye finder for gaze tracking (see inference/gaze/frontends.py).",
                          pattern=re.compile(r"[a-z][a-z0-9-]{0,40}")),
    "gaze_cursor_size": Rule("Diameter of the on-screen gaze cursor, in pixels.", 6, 200),
    "gaze_cursor_color": Rule("Colour of the gaze cursor and the heatmap's live point (#rrggbb).", pattern=_COLOUR),
    "gaze_heatmap_decay": Rule("Seconds over which the live heatmap fades (0 = never).", 0.0, 600.0),
    "waste_region": Rule("Sorting rules region (a file in assets/bins or the user's folder)."),
    "idle_lock_minutes": Rule("Lock the window after this many idle minutes when an app-lock passphrase is set "
                              "(0 = never).", 0, 24 * 60),
    "language": Rule("Language of the interface: system (follow the computer's language), fr or en; applies at "
                     "the next start.", choices=("system", "fr", "en")),
    "last_folders": Rule("The folder each kind of file (images, documents, videos, models, exports...) was last "
                         "opened from or saved to: the file dialogs start there."),
    "recent_files": Rule("File > Open Recent: the last files opened, newest first, as [tab, path] pairs."),
    "recheck_policy": Rule("When a file is checked again with the same model: ask, replace the stored result, or "
                           "keep both as versions.", choices=("ask", "replace", "keep")),
}


@dataclass
class Settings:
    """Typed user settings. Assigning a field validates it and tells the `changed` listeners.

    Attributes
    ----------
    changed : list of callables
        Each is called as `callback(name, value)` after a field took a new value (not saved yet).
    """

    viewing_distance_cm: float = 60.0
    gaze_frontend: str = "mediapipe"
    gaze_cursor_size: int = 28
    gaze_cursor_color: str = "#ff3b30"
    gaze_heatmap_decay: float = 0.0
    waste_region: str = "fr-national"
    idle_lock_minutes: int = 10
    language: str = "system"
    last_folders: dict = field(default_factory=dict)
    recent_files: list = field(default_factory=list)
    recheck_policy: str = "ask"
    changed: list[Callable[[str, Any], None]] = field(default_factory=list, repr=False, compare=False)

    def __setattr__(self, name: str, value: Any) -> None:
        rule = RULES.get(name)
        if rule is None:  # `changed` itself, or a field without rules while the dataclass builds itself
            object.__setattr__(self, name, value)
            return
        value = _coerce(name, value)
        problem = rule.check(value)
        if problem is not None:
            raise ValueError(f"setting {name}={value!r} is {problem}: {rule.description}")
        previous = self.__dict__.get(name, _UNSET)
        object.__setattr__(self, name, value)
        if previous is not _UNSET and previous != value:
            for callback in list(self.__dict__.get("changed", ())):
                try:
                    callback(name, value)
                except Exception:  # one bad listener must not stop the others (or the assignment)
                    log.exception("settings listener failed for %s", name)

    # --- reading and writing ---------------------------------------------------------------------
    @classmethod
    def path(cls) -> Path:
        return paths.data_dir() / SETTINGS_FILE

    @classmethod
    def load(cls) -> "Settings":
        # Never block the application from starting because of a settings file.
        path = cls.path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("settings file unreadable, using defaults: %s", exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        version = raw.get("schema_version", 1)
        if isinstance(version, int) and version < SETTINGS_VERSION:
            _backup(path, version)
        return cls(**_good_values(_migrate(raw)))

    def non_defaults(self) -> dict[str, Any]:
        defaults = Settings()
        return {n: getattr(self, n) for n in field_names() if getattr(self, n) != getattr(defaults, n)}

    def save(self) -> None:
        data = {"schema_version": SETTINGS_VERSION, **self.non_defaults()}
        # Private: settings name the user's folders; exports get the usual mode (see fileio).
        atomic_write_text(self.path(), json.dumps(data, indent=2), private=True)

    def update(self, **values: Any) -> None:
        """Set several fields (each validated, each announced)."""
        for name, value in values.items():
            if name not in RULES:
                raise KeyError(f"unknown setting {name!r}; known: {sorted(RULES)}")
            setattr(self, name, value)


_UNSET = object()


def field_names() -> list[str]:
    return [f.name for f in fields(Settings) if f.name in RULES]


def describe(name: str) -> str:
    return RULES[name].description


# The running app's settings, when there is one: headless helpers write through it (one owner). Held
# weakly and only for the data folder it was registered in (tests switch folders between apps).
_owner: "tuple[weakref.ref[Settings], Path] | None" = None


def set_owner(settings: Settings | None) -> None:
    """The GUI registers its `Settings` here so that code outside the GUI changes that object, not a file
    copy that the GUI's next save would overwrite."""
    global _owner
    _owner = None if settings is None else (weakref.ref(settings), paths.data_dir())


def owner() -> Settings | None:
    if _owner is None:
        return None
    settings, folder = _owner[0](), _owner[1]
    return settings if settings is not None and folder == paths.data_dir() else None


def current() -> Settings:
    """The owner's settings, else a fresh read of the file."""
    found = owner()
    return found if found is not None else Settings.load()


def update_settings(**values: Any) -> Settings:
    """Change settings through their owner and save them; returns the settings object."""
    settings = current()
    settings.update(**values)
    settings.save()
    return settings


def _coerce(name: str, value: Any) -> Any:
    default = _DEFAULT_TYPES[name]
    if default is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if type(value) is not default:
        raise TypeError(f"setting {name} expects {default.__name__}, got {type(value).__name__}")
    # Folders and recent files hold strings only; a copy, so the caller's object never changes a setting
    # behind its back (an assignment is what saves and announces it).
    if default is dict:
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise TypeError(f"setting {name} expects text keys and values")
        return dict(value)
    if default is list:
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value):
            raise TypeError(f"setting {name} expects lists of text")
        return [list(v) for v in value]
    return value


_DEFAULT_TYPES = {"viewing_distance_cm": float, "gaze_frontend": str, "gaze_cursor_size": int,
                  "gaze_cursor_color": str, "gaze_heatmap_decay": float, "waste_region": str,
                  "idle_lock_minutes": int, "language": str, "last_folders": dict, "recent_files": list,
                  "recheck_policy": str}


def _backup(path: Path, version: int) -> None:
    target = path.with_name(f"{path.name}.v{version}.bak")
    try:
        if not target.exists():
            shutil.copy2(path, target)
    except OSError as exc:
        log.warning("settings backup before migration not written: %s", exc)


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    # Two settings no widget ever read (the documents tab counts signatures per document; the streets
    # overlay opacity is a slider that is not persisted) are dropped rather than kept as dead keys.
    raw.pop("documents_expected_signatures", None)
    raw.pop("streets_opacity", None)
    return raw


_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    version = raw.get("schema_version", 1)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        log.warning("settings: unknown schema_version %r, reading known keys only", version)
        return raw
    raw = dict(raw)
    while version < SETTINGS_VERSION:
        raw = _MIGRATIONS[version](raw)
        version += 1
    return raw


def _good_values(raw: dict[str, Any]) -> dict[str, Any]:
    """Keep keys we know whose value has the right type and range; drop the rest with a warning."""
    good = {}
    for name in field_names():
        if name not in raw:
            continue
        value = raw[name]
        try:
            value = _coerce(name, value)
        except TypeError as exc:
            log.warning("settings: dropped %s=%r (%s)", name, value, exc)
            continue
        problem = RULES[name].check(value)
        if problem is not None:
            log.warning("settings: dropped %s=%r (%s)", name, value, problem)
            continue
        good[name] = value
    return good
