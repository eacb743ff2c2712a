"""The Waste tab says "Not a waste item" plainly, with no bin, when the model flags a photo."""

from __future__ import annotations

from pathlib import Path

from alyesdesk.inference.classifier import Prediction
from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.waste.cards import DetailPane
from alyesdesk.ui.waste.results_model import ResultsModel
from alyesdesk.ui.waste.results_view import ResultGrid


class _Bin:
    container, color, region, advice = "Yellow bin", "#ffd400", "x", "Rinse it."


def _result(in_domain: bool) -> FileResult:
    p = Prediction("wood", 0.78, (("wood", 0.78), ("paper", 0.1)), {"wood": 0.78, "paper": 0.1}, True,
                   in_domain=in_domain, in_domain_probability=0.9 if in_domain else 0.02)
    return FileResult(path=Path("face.jpg"), prediction=p, bin=_Bin() if in_domain else None)


def test_detail_pane_and_grid_say_not_a_waste_item(qtbot) -> None:  # noqa: ANN001
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_result(_result(False))
    assert pane.headline.text() == "Not a waste item"
    assert "does not look like a waste item" in pane.verdict.text()
    assert pane.bin_box.text() == ""
    pane.show_result(_result(True))
    assert pane.headline.text() == "Wood" and "Yellow bin" in pane.bin_box.text()

    grid, model = ResultGrid(), ResultsModel()
    grid.setModel(model)
    qtbot.addWidget(grid)
    model.add_result(_result(False))
    model.add_result(_result(True))
    model.apply_bins(lambda label: _Bin())
    flagged, waste = model.results()
    assert flagged.bin is None and waste.bin is not None  # a new region gives no bin to a non-waste photo
    assert flagged.to_dict()["looks_like_waste"] is False and flagged.to_dict()["bin"] is None
    grid.grab()  # paints every card (the not-waste one without a bin strip)
