"""User settings: typed, versioned, tolerant. A bad settings file never blocks start-up.

QSettings keeps only window geometry and the last tab; everything else lives here as JSON in the data
folder so the headless CLI reads the same values.

Rules: to change a default, bump SETTINGS_VERSION and add a step in `_migrate`; never reuse a key
with a new meaning.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from alyesdesk import paths
from alyesdesk.fileio import atomic_write_text

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    viewing_distance_cm: float = 60.0
    gaze_frontend: str = "mediapipe"
    gaze_cursor_size: int = 28
    gaze_cursor_color: str = "#ff3b30"
    gaze_heatmap_decay: float = 0.0
    waste_region: str = "fr-national"
    documents_expected_signatures: int = 1
    streets_opacity: float = 0.55

    @classmethod
    def path(cls) -> Path:
        return paths.data_dir() / SETTINGS_FILE

    @classmethod
    def load(cls) -> "Settings":
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable, using defaults: %s", exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        return cls(**_good_values(_migrate(raw)))

    def save(self) -> None:
        data = {"schema_version": SETTINGS_VERSION, **asdict(self)}
        # Private: settings name the user's folders; exports get the usual mode (see fileio).
        atomic_write_text(self.path(), json.dumps(data, indent=2), private=True)


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    return raw  # version 1 is the first; future steps go here


def _good_values(raw: dict[str, Any]) -> dict[str, Any]:
    """Keep keys we know whose value has the right type; drop the rest with a warning."""
    defaults = Settings()
    good = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value, default = raw[f.name], getattr(defaults, f.name)
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is type(default):
            good[f.name] = value
        else:
            log.warning("settings: dropped %s=%r (expected %s)", f.name, value, type(default).__name__)
    return good
