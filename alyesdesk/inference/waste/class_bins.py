"""Bins for a project's own classes: each class may say which bin it goes in, either "the same as material X"
(then the region's bin for X is advised, so it follows the region) or a named bin of its own.

Stored as the project's `bins` (database) and in its model's sidecar (`"bins"`), so a taught model gives
bin advice wherever it is used (the Waste tab, `alyesdesk classify --model NAME`), e.g.
`{"cup": {"material": "plastic"}, "dirty": {"container": "Ordures ménagères", "color": "#555555"}}`.
A sidecar comes from anywhere (an imported model): entries are checked, a bad one is ignored, never raised.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from alyesdesk.inference.waste.bins import BinAdvice

PROJECT_REGION = "project"  # the `region` of a class's own bin (not one of a nomenclature)
DEFAULT_COLOUR = "#7f8c8d"
MAX_TEXT = 120
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

Lookup = Callable[[str], Any]


def clean_entry(value: Any) -> dict[str, str] | None:
    """A valid entry ({"material": X} or {"container": NAME, "color": #RRGGBB}) or None."""
    if not isinstance(value, dict):
        return None
    material = value.get("material")
    if isinstance(material, str) and 0 < len(material.strip()) <= MAX_TEXT:
        return {"material": material.strip()}
    container = value.get("container")
    if not isinstance(container, str) or not 0 < len(container.strip()) <= MAX_TEXT:
        return None
    colour = value.get("color")
    return {"container": container.strip(), "color": colour if isinstance(colour, str) and _COLOUR.match(colour)
            else DEFAULT_COLOUR}


def clean_bins(value: Any, classes: list[str] | None = None) -> dict[str, dict[str, str]]:
    """The valid entries of a bins object (of `classes` only, when given)."""
    if not isinstance(value, dict):
        return {}
    out = {}
    for label, entry in value.items():
        cleaned = clean_entry(entry)
        if isinstance(label, str) and cleaned is not None and (classes is None or label in classes):
            out[label] = cleaned
    return out


def describe(entry: dict[str, str] | None) -> str:
    """Short English text for a class's bin (the UI translates its own wording around it)."""
    if not entry:
        return ""
    return f"= {entry['material']}" if "material" in entry else entry["container"]


def with_class_bins(spec: Any, advice: Lookup | None) -> Lookup | None:
    """The bin lookup for a model: its sidecar's class bins first, then the region's `advice` by label.

    Without class bins this is `advice` itself (the material model)."""
    bins = clean_bins(spec.get("bins") if spec is not None else None)
    if not bins:
        return advice

    def lookup(label: str) -> Any:
        entry = bins.get(label)
        if entry is None:
            return advice(label) if advice is not None else None
        if "material" in entry:
            return advice(entry["material"]) if advice is not None else None
        return BinAdvice(PROJECT_REGION, entry["container"], entry["color"])

    return lookup
