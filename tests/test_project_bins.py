"""A project's classes carry bins ("same as material X", or one of their own): stored with the project,
written into the taught model's sidecar, and shown with its answers (CLI and Waste tab lookups)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("onnx")

from alyesdesk.inference.waste.class_bins import PROJECT_REGION, clean_bins, with_class_bins  # noqa: E402
from test_teach import _class_folder, bundled  # noqa: E402,F401 - the tiny base model fixture


class _Spec:
    def __init__(self, bins: object) -> None:
        self.raw = {"bins": bins}

    def get(self, key: str, default: object = None) -> object:
        return self.raw.get(key, default)


def _region(label: str) -> str:
    return f"region bin for {label}"


def test_class_bins_are_checked_and_looked_up_before_the_region() -> None:
    bins = {"cup": {"material": "plastic"}, "dirty": {"container": "Ordures", "color": "#123456"},
            "odd": {"container": "Bad colour", "color": "red"}, "bad": {"container": ""}, 7: {"material": "x"},
            "gone": {"material": "metal"}}
    cleaned = clean_bins(bins, ["cup", "dirty", "odd", "bad"])
    assert cleaned == {"cup": {"material": "plastic"}, "dirty": {"container": "Ordures", "color": "#123456"},
                       "odd": {"container": "Bad colour", "color": "#7f8c8d"}}
    lookup = with_class_bins(_Spec(bins), _region)
    assert lookup("cup") == "region bin for plastic"  # follows the region
    own = lookup("dirty")
    assert (own.region, own.container, own.color) == (PROJECT_REGION, "Ordures", "#123456")
    assert lookup("lid") == "region bin for lid"  # no bin given: the region's by label
    assert with_class_bins(_Spec(None), _region) is _region  # the material model: unchanged
    assert with_class_bins(_Spec("not an object"), None) is None


def test_bins_survive_restart_rename_and_reach_the_model_and_its_answers(tmp_path: Path, bundled: Path) -> None:  # noqa: F811
    from alyesdesk.inference import catalog
    from alyesdesk.inference.waste import bins as waste_bins
    from alyesdesk.inference.waste import projects
    from alyesdesk.inference.waste.classify import classify_paths
    from alyesdesk.storage import open_database

    folder = _class_folder(tmp_path / "photos", per_class=3)
    db = open_database()
    pid = db.create_project("Triof", ["red_thing", "green_thing", "blue_thing"])
    for label in ("red_thing", "green_thing", "blue_thing"):
        projects.add_files(db, pid, label, [folder / label])
    db.set_project_bins(pid, {"red_thing": {"material": "glass"},
                              "green_thing": {"container": "Compost", "color": "#228b22"}})
    db.rename_project_class(pid, "green_thing", "leafy")
    db.close()
    db = open_database()  # "restart"
    assert db.project(pid)["bins"] == {"red_thing": {"material": "glass"},
                                       "leafy": {"container": "Compost", "color": "#228b22"}}
    result = projects.teach_project(db, pid)
    db.close()
    sidecar = json.loads(result.onnx_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["bins"] == {"red_thing": {"material": "glass"}, "leafy": {"container": "Compost", "color": "#228b22"}}

    classifier = catalog.load_model(result.onnx_path)
    lookup = with_class_bins(classifier.spec, waste_bins.resolve("fr-national").advice)
    found = {r.path.parent.name: r for r in classify_paths(classifier, [folder / "red_thing" / "0.png",
                                                                        folder / "green_thing" / "0.png"],
                                                           bin_for=lookup)}
    assert found["red_thing"].prediction.label == "red_thing"
    assert found["red_thing"].bin.container == waste_bins.resolve("fr-national").advice("glass").container
    assert found["green_thing"].prediction.label == "leafy" and found["green_thing"].bin.container == "Compost"
    assert found["green_thing"].to_dict()["bin"] == "Compost"


def test_teach_page_sets_a_class_bin(qtbot, tmp_path: Path, db, bundled: Path) -> None:  # noqa: ANN001, F811
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.waste.projects import ProjectsPanel

    panel = ProjectsPanel(AppContext(db))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.projects_changed, timeout=10_000):
        panel.create_project("Cups", ["cup", "lid"])
    panel.class_list.setCurrentRow(0)
    with qtbot.waitSignal(panel.projects_changed, timeout=10_000):
        panel.set_class_bin("cup", {"material": "plastic"})
    assert panel.current["bins"] == {"cup": {"material": "plastic"}}
    assert panel.class_list.item(0).text() == "cup (0) → same bin as plastic"
    with qtbot.waitSignal(panel.projects_changed, timeout=10_000):
        panel.set_class_bin("cup", None)
    assert panel.current["bins"] == {} and "→" not in panel.class_list.item(0).text()
    panel.shutdown()
