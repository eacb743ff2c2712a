"""`alyesdesk classify`: JSON and CSV output, per-file status, duplicates, storage in the database."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from alyesdesk.cli import run
from waste_testkit import BLUE, GREEN, RED, solid, tiny_classifier

JSON_KEYS = {"path", "status", "error", "label", "confidence", "top", "bin"}


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    solid(folder / "box.jpg", RED)
    solid(folder / "sub" / "bottle.png", GREEN)
    solid(folder / "sub" / "can.png", BLUE)
    (folder / "sub" / "again.png").write_bytes((folder / "sub" / "can.png").read_bytes())
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return folder


def _classify(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, list[dict]]:
    code = run(["classify", *argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_json_lists_one_object_per_file(tmp_path: Path, photos: Path, capsys: pytest.CaptureFixture) -> None:
    model = tiny_classifier(tmp_path / "model")
    code, rows = _classify(capsys, str(photos), "--model", str(model), "--region", "fr-national")
    assert code == 1  # one file failed, the others still ran
    by_name = {Path(r["path"]).name: r for r in rows}
    assert set(by_name) == {"box.jpg", "bottle.png", "can.png", "again.png", "broken.jpg"}
    for row in rows:
        assert JSON_KEYS <= set(row)
    assert by_name["box.jpg"]["label"] == "cardboard"
    assert by_name["box.jpg"]["bin"].startswith("Bac jaune")
    assert by_name["bottle.png"]["label"] == "glass"
    assert by_name["bottle.png"]["bin"] == "Conteneur à verre"
    assert [t["label"] for t in by_name["can.png"]["top"]][0] == "metal"
    assert len(by_name["can.png"]["top"]) == 3
    assert by_name["broken.jpg"]["status"] == "error" and "corrupt" in by_name["broken.jpg"]["error"]
    assert by_name["broken.jpg"]["label"] is None
    assert by_name["can.png"]["duplicate_of"].endswith("again.png")  # same bytes, listed later
    assert by_name["can.png"]["label"] == by_name["again.png"]["label"] == "metal"


def test_results_are_stored_once_per_content(tmp_path: Path, photos: Path, capsys: pytest.CaptureFixture) -> None:
    from alyesdesk.storage import open_database

    model = tiny_classifier(tmp_path / "model")
    _, first = _classify(capsys, str(photos / "box.jpg"), str(photos / "sub"), "--model", str(model))
    stored = [r for r in first if r["result_id"]]
    assert len(stored) == 3  # box, again, bottle; can.png has the same bytes as again.png
    _, second = _classify(capsys, str(photos / "box.jpg"), "--model", str(model))
    assert second[0]["result_id"] is None
    assert second[0]["previous_result_id"] == first[0]["result_id"]
    db = open_database()
    try:
        rows = db.history("waste")
        assert len(rows) == 3
        detail = db.result(first[0]["result_id"])
        assert detail["label"] == "cardboard"
        assert detail["input_sha256"] == first[0]["sha256"]
    finally:
        db.close()


def test_csv_and_no_store(tmp_path: Path, photos: Path, capsys: pytest.CaptureFixture) -> None:
    model = tiny_classifier(tmp_path / "model")
    out = tmp_path / "out.csv"
    code = run(["classify", str(photos / "sub"), "--model", str(model), "--csv", str(out), "--no-store",
                "--region", "fr-paris"])
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [Path(r["path"]).name for r in rows] == ["again.png", "bottle.png", "can.png"]
    assert rows[1]["bin"] == "Bac blanc (verre)" and rows[1]["region"] == "fr-paris"
    assert all(r["result_id"] == "" for r in rows)
    text = capsys.readouterr().out
    assert "bottle.png: glass" in text


def test_unknown_region_and_missing_model_are_clear_errors(tmp_path: Path, photos: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    model = tiny_classifier(tmp_path / "model")
    assert run(["classify", str(photos), "--model", str(model), "--region", "atlantis"]) == 2
    assert "unknown region 'atlantis'" in capsys.readouterr().err
    assert run(["classify", str(photos), "--model", str(tmp_path / "none.onnx")]) == 2
    assert "error:" in capsys.readouterr().err
