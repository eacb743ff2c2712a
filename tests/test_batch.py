"""`alyesdesk batch`: the same JSON lines as the commands, stored at the driver, whatever the engine.

The Ray test skips without the `scale` extra (ray[data])."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from alyesdesk.cli import run
from documents_samples import page, write_png
from waste_testkit import BLUE, GREEN, RED, solid


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    solid(folder / "a_red.jpg", RED)
    solid(folder / "b_green.png", GREEN)
    solid(folder / "sub" / "c_blue.png", BLUE)
    (folder / "sub" / "d_again.png").write_bytes((folder / "sub" / "c_blue.png").read_bytes())
    (folder / "e_broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return folder


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(4):
        write_png(folder / f"page{i}.png", page(signed=i % 2 == 0, w=480 + 40 * i, h=640))
    (folder / "torn.png").write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    return folder


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _batch(*argv: str) -> int:
    return run(["batch", *argv, "-q"])


def close(a: object, b: object, tol: float = 1e-4, where: str = "") -> None:
    """Equal records, floats within `tol` (result ids aside: each run stores its own rows)."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert set(a) == set(b), where
        for key in a:
            if key not in ("result_id", "previous_result_id"):
                close(a[key], b[key], tol, f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            close(x, y, tol, f"{where}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert a == pytest.approx(b, abs=tol), where
    else:
        assert a == b, where


def test_batch_classify_writes_the_lines_classify_prints(photos: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "results.jsonl"
    assert _batch("classify", str(photos), "--out", str(out), "--no-store", "--region", "fr-national") == 1
    capsys.readouterr()
    assert run(["classify", str(photos), "--json", "--no-store", "--region", "fr-national"]) == 1
    expected = json.loads(capsys.readouterr().out)
    assert _lines(out) == expected  # the very same objects, in the same order
    by_name = {Path(r["path"]).name: r for r in expected}
    assert by_name["e_broken.jpg"]["status"] == "error"
    assert by_name["d_again.png"]["duplicate_of"].endswith("c_blue.png")


def test_batch_check_docs_stores_at_the_driver_unless_no_store(pages: Path, tmp_path: Path, db) -> None:  # noqa: ANN001
    db.close()
    out = tmp_path / "docs.jsonl"
    assert _batch("check-docs", str(pages), "--out", str(out)) == 3  # not every page is signed
    lines = _lines(out)
    assert [Path(r["path"]).name for r in lines] == [f"page{i}.png" for i in range(4)] + ["torn.png"]
    assert all(r["stored"] for r in lines[:4]) and not lines[4]["stored"] and lines[4]["status"] == "error"
    from alyesdesk.storage import open_database

    database = open_database()
    try:
        assert len(database.history(capability="documents")) == 4
        assert _batch("check-docs", str(pages), "--out", str(out), "--no-store") == 3
        assert len(database.history(capability="documents")) == 4
    finally:
        database.close()
    assert all(r["store_error"] == "not asked" for r in _lines(out) if r["status"] == "ok")


def test_local_process_pool_gives_the_same_lines(pages: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    _batch("segment", str(pages), "--out", str(one), "--no-store")
    _batch("segment", str(pages), "--out", str(two), "--no-store", "--workers", "2")
    assert _lines(one) == _lines(two)
    ok = [r for r in _lines(one) if r["status"] == "ok"]
    assert len(ok) == 4 and all(abs(sum(r["areas"].values()) - 1) < 1e-3 for r in ok)


def test_usage_errors(pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "x.jsonl"
    assert _batch("classify", str(pages), "--out", str(out), "--region", "atlantis", "--no-store") == 2
    assert "unknown region" in capsys.readouterr().err
    assert _batch("classify", str(pages), "--out", str(tmp_path / "no" / "such" / "x.jsonl")) == 2
    assert _batch("classify", str(pages), "--out", str(out), "--address", "auto") == 2
    monkeypatch.setitem(sys.modules, "ray", None)  # as if the scale extra were missing
    assert _batch("check-docs", str(pages), "--out", str(out), "--engine", "ray", "--no-store") == 2
    assert 'pip install -c constraints.txt -e ".[scale]"' in capsys.readouterr().err


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray Data's own, about its settings
def test_ray_and_local_engines_agree(pages: Path, photos: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray.data")
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        for task, inputs in (("check-docs", pages), ("classify", photos)):
            local, remote = tmp_path / f"{task}-local.jsonl", tmp_path / f"{task}-ray.jsonl"
            assert _batch(task, str(inputs), "--out", str(local), "--engine", "local") in (0, 1, 3)
            assert _batch(task, str(inputs), "--out", str(remote), "--engine", "ray", "--workers", "2") in (0, 1, 3)
            a, b = _lines(local), _lines(remote)
            assert len(a) == len(b) == len(list(inputs.rglob("*.*")))
            close(a, b, where=task)
    finally:
        ray.shutdown()
