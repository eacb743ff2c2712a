"""Command-line options without a test of their own (issue 23, item 9): `check-docs --report-json` (the
file's content), `classify --top N`, `history --search` through the command.

Synthetic images and tiny hand-made models only. `test_waste_cli.py` covers classify's JSON/CSV shapes
(with the default --top 3), `test_documents_cli.py` check-docs' stdout and CSV, `test_results_are_stored.py`
`Database.history(text=...)` and unwritable report paths.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from alyesdesk.cli import run as cli
from documents_samples import page
from waste_testkit import WASTE_LABELS, tiny_classifier


def _png(path: Path, image: np.ndarray) -> Path:
    ok, data = cv2.imencode(".png", image)
    assert ok
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.tobytes())
    return path


# --- check-docs --report-json -----------------------------------------------------------------------------


@pytest.fixture
def detector(tmp_path: Path) -> Path:
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    return write_tiny_detector(tmp_path / "model")


def test_report_json_holds_every_document_as_printed(tmp_path: Path, detector: Path, capsys) -> None:
    docs = tmp_path / "docs"
    signed = _png(docs / "reçu signé.png", page(True))
    blank = _png(docs / "blank.png", page(False))
    broken = docs / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really a png")
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("old content that must go", encoding="utf-8")
    code = cli(["check-docs", str(signed), str(blank), str(broken), "--model", str(detector), "--json",
                "--no-store", "--report-json", str(report)])
    printed = json.loads(capsys.readouterr().out)
    assert code == 3  # one unsigned (and one unreadable) document
    raw = report.read_bytes()
    assert "reçu signé.png".encode("utf-8") in raw  # UTF-8 as is, not \u escapes
    written = json.loads(raw.decode("utf-8"))
    assert written == printed
    assert [Path(d["path"]).name for d in written] == ["reçu signé.png", "blank.png", "broken.png"]
    assert [(d["status"], d["verdict"], d["count"]) for d in written] == [
        ("ok", "signed", 1), ("ok", "unsigned", 0), ("error", None, 0)]
    assert written[2]["error"] and written[2]["pages"] == []
    assert [(p["page"], p["width"], p["height"]) for p in written[0]["pages"]] == [(1, 600, 800)]
    assert [d["stored"] for d in written] == [False, False, False]
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]  # no temporary file left


def test_report_json_names_the_stored_results(tmp_path: Path, detector: Path, capsys, isolated_home) -> None:
    from alyesdesk.storage import open_database

    signed = _png(tmp_path / "signed.png", page(True))
    report = tmp_path / "report.json"
    assert cli(["check-docs", str(signed), "--model", str(detector), "--report-json", str(report)]) == 0
    capsys.readouterr()
    written = json.loads(report.read_text(encoding="utf-8"))
    assert len(written) == 1 and written[0]["stored"] is True
    db = open_database()
    try:
        stored = db.history("documents")
        assert [r["id"] for r in stored] == [written[0]["result_id"]]
        assert db.result(written[0]["result_id"])["input_sha256"] == written[0]["sha256"]
    finally:
        db.close()


# --- classify --top N ------------------------------------------------------------------------------------

# A solid BGR colour: the tiny classifier's logits are 12 x the mean R, G and B (cardboard, glass, metal) and
# 0 for the six other labels, so its probabilities are known in closed form.
COLOUR_BGR = (100, 120, 140)


def _expected_ranking() -> list[tuple[str, float]]:
    b, g, r = (c / 255 for c in COLOUR_BGR)
    logits = np.array([12 * r, 12 * g, 12 * b] + [0.0] * 6)
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    return sorted(zip(WASTE_LABELS, probs.tolist()), key=lambda lp: -lp[1])


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    image = np.zeros((40, 56, 3), np.uint8)
    image[:] = COLOUR_BGR
    return _png(tmp_path / "photo.png", image)


@pytest.mark.parametrize(("top", "count"), [("1", 1), ("2", 2), ("5", 5), ("9", 9), ("50", 9), ("0", 1)])
def test_classify_top_lists_exactly_n_sorted_labels(tmp_path: Path, photo: Path, capsys, top: str,
                                                    count: int) -> None:
    model = tiny_classifier(tmp_path / "model")
    code = cli(["classify", str(photo), "--model", str(model), "--top", top, "--json", "--no-store"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0 and len(rows) == 1
    entries = rows[0]["top"]
    assert len(entries) == count
    confidences = [e["confidence"] for e in entries]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) <= 1.0 + 0.00005 * count  # each is rounded to 4 decimals
    assert len({e["label"] for e in entries}) == count
    expected = _expected_ranking()
    shown = min(count, 3)  # the six other labels tie: their order among themselves is not part of the contract
    assert [e["label"] for e in entries[:shown]] == [label for label, _ in expected[:shown]]
    for entry, (_, probability) in zip(entries, expected):
        assert entry["confidence"] == pytest.approx(probability, abs=1e-4)
    assert (rows[0]["label"], rows[0]["confidence"]) == (entries[0]["label"], entries[0]["confidence"])
    if count == 9:
        assert sum(confidences) == pytest.approx(1.0, abs=5e-4)
        assert {e["label"] for e in entries} == set(WASTE_LABELS)


def test_classify_top_is_also_what_the_csv_lists(tmp_path: Path, photo: Path, capsys) -> None:
    model = tiny_classifier(tmp_path / "model")
    out = tmp_path / "out.csv"
    assert cli(["classify", str(photo), "--model", str(model), "--top", "2", "--csv", str(out), "--no-store"]) == 0
    capsys.readouterr()
    import csv

    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    labels = [part.split(":")[0] for part in row["top"].split("; ")]
    assert labels == [label for label, _ in _expected_ranking()[:2]]


# --- history --search --------------------------------------------------------------------------------------

INPUTS = ["/d/100%_Done.png", "/d/1000XDONE.png", "/d/plain.png", "/d/under_score.png"]


@pytest.fixture
def stored(db) -> dict[str, int]:  # noqa: ANN001
    ids = {}
    for i, name in enumerate(INPUTS):
        ids[name] = db.save_classification(name, f"sha{i}", "paper", 0.5, {"paper": 0.5}, None)
    ids["seg"] = db.save_segmentation("/d/street.png", "sha-seg", 4, 4, {"road": 0.75, "sky": 0.25}, None)
    db.close()
    return ids


def _search(capsys, *args: str) -> list[str]:
    assert cli(["history", "--json", *args]) == 0
    return sorted(r["input"] for r in json.loads(capsys.readouterr().out))


def test_history_search_percent_and_underscore_are_literal(stored, capsys) -> None:
    # LIKE wildcards would make "0%_d" match "1000XDONE" ("%" any run, "_" any one character).
    assert _search(capsys, "--search", "0%_d") == ["/d/100%_Done.png"]
    assert _search(capsys, "--search", "_") == ["/d/100%_Done.png", "/d/under_score.png"]
    # Every classification's outcome holds "50%", the segmentation's "75%": one "%" matches those.
    assert _search(capsys, "--search", "%") == sorted(INPUTS + ["/d/street.png"])
    assert _search(capsys, "--search", "%%") == []
    assert _search(capsys, "--search", "0%") == sorted(INPUTS)  # "(50%)", not the street's "75%, 25%"


def test_history_search_ignores_case(stored, capsys) -> None:
    assert _search(capsys, "--search", "done") == ["/d/100%_Done.png", "/d/1000XDONE.png"]
    assert _search(capsys, "--search", "DONE") == ["/d/100%_Done.png", "/d/1000XDONE.png"]
    assert _search(capsys, "--search", "ROAD") == ["/d/street.png"]  # the outcome is searched too


def test_history_search_without_a_match(stored, capsys) -> None:
    assert _search(capsys, "--search", "no such text") == []
    assert cli(["history", "--search", "no such text"]) == 0
    assert capsys.readouterr().out == ""


def test_history_search_with_capability(stored, capsys) -> None:
    assert _search(capsys, "--search", "png", "--capability", "streets") == ["/d/street.png"]
    assert _search(capsys, "--search", "street", "--capability", "waste") == []
    assert _search(capsys, "--search", "plain", "--capability", "waste") == ["/d/plain.png"]
