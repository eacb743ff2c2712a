"""Where the waste classifier's training images come from and how each source's classes map to materials.

Every waste source is a class-per-folder tree under ``../shared/data/waste/<source>/``. Its folder names are
the source's own classes; `SOURCE_MAPS` maps each to the set of materials it may be (one material for most,
two for a partial label such as web's `paper_and_cardboard`). Training uses -log of the summed probability of
the allowed set; scoring counts a prediction as correct when it falls in the set.

Non-waste ("background") images come from the street, document and face folders beside it; they are never
copied into the repo. The split is fixed and seeded: TrashNet + extra keep the split of the 1.x models
(`models/waste_classifier.split.json` of version 1.2.0) so in-domain numbers stay comparable and no image
the old weights were trained on reaches val/test; every other source is split 70/15/15 per folder with
`common.stratified_split` (seed 0).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from alyesdesk.training import common

MATERIALS = (
    "cardboard", "glass", "metal", "paper", "plastic", "trash", "wood", "textiles", "organic_waste",
)
BACKGROUND = "not_waste"  # training-only 10th class; never an exported label
WASTE_SOURCES = ("trashnet", "extra", "web", "restaurant")

# source -> its folder -> allowed materials (a set of more than one is a partial label)
SOURCE_MAPS: dict[str, dict[str, tuple[str, ...]]] = {
    "trashnet": {m: (m,) for m in MATERIALS[:6]},
    "extra": {m: (m,) for m in ("wood", "textiles", "organic_waste")},
    "web": {
        "aluminium": ("metal",),
        "glass": ("glass",),
        "other_plastics": ("plastic",),
        "plastic": ("plastic",),
        # Drink cartons are ~75% paperboard (plus PE and a foil layer) and look like printed board boxes;
        # the material they are mostly made of, and look like, is cardboard. Which bin takes them is a
        # regional rule (bins.py), not a material question.
        "carton": ("cardboard",),
        "paper_and_cardboard": ("paper", "cardboard"),  # the source mixes both: partial label
    },
    "restaurant": {
        "plastic_cup": ("plastic",), "plastic_lid": ("plastic",), "plastic_utensil": ("plastic",),
        "plastic_cover": ("plastic",), "straw": ("plastic",), "sauce_cup": ("plastic",),
        "chopsticks": ("wood",),
        "paper_bowl": ("paper",), "paper_bowl_small": ("paper",), "paper_bowl_square": ("paper",),
        "tissue_paper": ("paper",), "chopstick_covers": ("paper",),
        "brown_box": ("cardboard",),
        "foil": ("metal",),
        "food": ("organic_waste",),
        # Sauce sachets are flexible plastic or plastic/foil laminate: TrashNet files such wrappers under
        # "trash" (not recyclable), a material view says plastic; either answer is right.
        "sauce_packets": ("plastic", "trash"),
    },
}

MAPPING_NOTE = {
    src: {folder: list(allowed) for folder, allowed in mapping.items()} for src, mapping in SOURCE_MAPS.items()
}


@dataclass(frozen=True)
class Sample:
    source: str  # trashnet, extra, web, restaurant, or a negative source (streets_camvid, ...)
    path: str  # relative to the data root (../shared/data)
    folder: str  # the source's own class ("" for negatives)
    allowed: tuple[str, ...]  # materials; (BACKGROUND,) for negatives

    @property
    def label(self) -> str:
        return self.allowed[0] if len(self.allowed) == 1 else "|".join(self.allowed)


def data_root() -> Path:
    from alyesdesk import paths

    return paths.package_root().parent / "shared" / "data"


def allowed_mask(allowed: tuple[str, ...], labels: tuple[str, ...]) -> list[float]:
    unknown = [a for a in allowed if a not in labels]
    if unknown:
        raise ValueError(f"unknown labels {unknown}")
    return [1.0 if l in allowed else 0.0 for l in labels]


def map_folder(source: str, folder: str) -> tuple[str, ...]:
    try:
        return SOURCE_MAPS[source][folder]
    except KeyError:
        raise KeyError(f"{source}/{folder}: no material mapping; add it to SOURCE_MAPS") from None


def waste_samples(root: Path, source: str) -> list[Sample]:
    base = root / "waste" / source
    out = []
    for folder, files in sorted(common.find_class_folders([base]).items()):
        allowed = map_folder(source, folder)
        out += [Sample(source, f.relative_to(root).as_posix(), folder, allowed) for f in files]
    return out


def _images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in common.IMAGE_SUFFIXES)


def negative_groups(root: Path) -> dict[str, dict[str, list[str]]]:
    """Negative source -> split part -> relative paths. Face portraits and the French contracts are test-only."""
    rel = lambda ps: [p.relative_to(root).as_posix() for p in ps]  # noqa: E731
    st = root / "streets"
    sig = root / "signatures"
    camvid_val = rel(_images(st / "camvid" / "val"))
    idd_val = rel(_images(st / "idd_lite" / "val" / "images"))
    return {
        "streets": {
            "train": rel(_images(st / "camvid" / "train")) + rel(_images(st / "idd_lite" / "train" / "images")),
            # the sources' own val sets, halved by a seeded hash: one half chooses the threshold, one tests it
            "val": [p for p in camvid_val + idd_val if int(common.stable_key(p, 0), 16) % 2 == 0],
            "test": [p for p in camvid_val + idd_val if int(common.stable_key(p, 0), 16) % 2 == 1],
        },
        "documents": {
            "train": rel(_images(sig / "tobacco800" / "train")),
            "val": rel(_images(sig / "tobacco800" / "val")),
            "test": rel(_images(sig / "tobacco800" / "test")) + rel(_images(sig / "contracts_fr" / "images")),
        },
        # faces/dlib (12 VOC photos with people) trains; faces/people (37 portraits) only tests
        "faces": {"train": rel(_images(root / "faces" / "dlib")), "val": [],
                  "test": rel(_images(root / "faces" / "people"))},
    }


def build_split(root: Path, old_split: Path | None, sources: tuple[str, ...] = WASTE_SOURCES,
                seed: int = 0) -> dict:
    """The fixed split of every waste source (see the module doc) plus the negative groups."""
    parts: dict[str, list[Sample]] = {"train": [], "val": [], "test": []}
    old = json.loads(old_split.read_text(encoding="utf-8")) if old_split and old_split.is_file() else None
    for source in sources:
        samples = waste_samples(root, source)
        if not samples:
            continue
        by_path = {s.path: s for s in samples}
        if old is not None and source in ("trashnet", "extra"):
            for part in parts:
                for e in old[part]:
                    p = f"waste/{e['path']}"
                    if p.startswith(f"waste/{source}/") and p in by_path:
                        parts[part].append(by_path[p])
            continue
        by_folder: dict[str, list[str]] = {}
        for s in samples:
            by_folder.setdefault(s.folder, []).append(s.path)
        split = common.stratified_split(by_folder, seed=seed)
        for part in parts:
            parts[part] += [by_path[p] for p in split[part]]
    return {
        "seed": seed,
        "method": "trashnet+extra: the 1.x split (per class, sha1(seed:id) order, 70/15/15); web, restaurant: "
                  "per source folder, common.stratified_split seed 0, 70/15/15; negatives: sources' own "
                  "train/val/test, streets val halved by seeded hash into val/test; faces/dlib train, faces/people "
                  "and contracts_fr test only",
        "root": "../shared/data",
        "labels": list(MATERIALS),
        "mapping": MAPPING_NOTE,
        **{part: [{"path": s.path, "source": s.source, "folder": s.folder, "allowed": list(s.allowed)}
                  for s in items] for part, items in parts.items()},
        "negatives": negative_groups(root) if (root / "streets").is_dir() else {},
    }


def samples_of(split_doc: dict, part: str, sources: tuple[str, ...] | None = None) -> list[Sample]:
    return [Sample(e["source"], e["path"], e["folder"], tuple(e["allowed"])) for e in split_doc[part]
            if sources is None or e["source"] in sources]
