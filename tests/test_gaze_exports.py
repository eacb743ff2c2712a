"""Qt-free session exports (heatmap PNG, CSV) and the `sessions` / `export-session` commands."""

from __future__ import annotations

import csv
import json
import time

import cv2
import numpy as np
import pytest

from alyesdesk.cli import run
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.storage import gaze_exports as G

SCREEN = ScreenGeometry(1280, 800, 340.0, 212.0, 60.0)
SPOTS = ((300.0, 200.0), (900.0, 250.0), (640.0, 600.0))


def fake_rows(t0: float | None = None) -> list[tuple]:
    """Three fixations of 1 s at 30 Hz, a blink held in the middle of the second one."""
    t0 = time.time() if t0 is None else t0
    rng = np.random.default_rng(0)
    rows, t = [], t0
    for k, (x, y) in enumerate(SPOTS):
        for i in range(30):
            held = k == 1 and 10 <= i < 14
            rows.append((t, x + rng.normal(0, 6), y + rng.normal(0, 6), 0.0 if held else 1.0,
                         "blink" if held else "ok"))
            t += 1 / 30
    return rows


def screenshot() -> bytes:
    shot = np.full((SCREEN.height_px, SCREEN.width_px, 3), 235, np.uint8)
    cv2.putText(shot, "A page of text", (80, 420), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (20, 20, 20), 3)
    return G.encode_png(shot)


@pytest.fixture
def session(db):  # noqa: ANN001, ANN201
    sid = db.create_session("reading", "screen 1280x800", SCREEN.to_dict(), screenshot())
    rows = fake_rows()
    db.add_samples(sid, rows)
    db.end_session(sid)
    return sid, rows


def test_fixations_get_ids_and_blinks_none() -> None:
    rows = fake_rows()
    fixations = G.session_fixations(rows, SCREEN)
    assert len(fixations) == 3
    ids = G.fixation_ids(rows, fixations)
    assert ids[0] == 1 and ids[-1] == 3
    assert all(ids[i] is None for i, r in enumerate(rows) if r[4] != "ok")


def test_heatmap_is_hot_where_the_user_looked_and_has_a_legend() -> None:
    rows = fake_rows()
    image = G.heatmap_image(rows, SCREEN, screenshot(), "reading")
    assert image.shape == (SCREEN.height_px + G.HEADER_H, SCREEN.width_px + G.PANEL_W, 3)
    body = image[G.HEADER_H:, : SCREEN.width_px].astype(int)
    looked = body[200, 300]
    away = body[700, 1200]
    # Where the user looked the screenshot's grey is replaced by colour; far away it stays grey.
    assert np.ptp(looked) > 60 and np.ptp(away) < 10
    panel = image[:, SCREEN.width_px:]
    assert np.ptp(panel.reshape(-1, 3), axis=0).max() > 100  # the colour bar is there


def test_heatmap_without_screenshot_or_samples_still_renders() -> None:
    image = G.heatmap_image([], SCREEN, None, "empty")
    assert image.shape[0] == SCREEN.height_px + G.HEADER_H
    assert G.session_csv([], SCREEN).splitlines() == [",".join(G.CSV_COLUMNS)]


def test_export_session_writes_png_and_csv_matching_the_database(db, session, tmp_path) -> None:  # noqa: ANN001
    sid, rows = session
    result = G.export_session(db, sid, tmp_path / "out" / "heat.png", tmp_path / "out" / "rows.csv")
    assert result.rows == len(rows) and result.fixations == 3
    assert cv2.imread(str(result.png)) is not None
    with result.csv.open(newline="") as handle:
        table = list(csv.DictReader(handle))
    stored = db.session_samples(sid)
    assert len(table) == len(stored)
    for line, row in zip(table, stored):
        assert float(line["timestamp"]) == pytest.approx(row[0], abs=1e-3)
        assert float(line["x"]) == pytest.approx(row[1], abs=0.06)
        assert float(line["confidence"]) == pytest.approx(row[3])
    assert {line["fixation_id"] for line in table} == {"1", "2", "3", ""}
    assert not list((tmp_path / "out").glob("*.part"))
    with pytest.raises(KeyError):
        G.export_session(db, sid + 100, tmp_path / "x.png")


def test_the_session_csv_carries_the_stored_stimulus_points_and_video_time(db, session, tmp_path) -> None:  # noqa: ANN001
    # Over a video: each row stored with its stimulus point and the video time of the frame on screen.
    sid = db.create_session("clip", "screen 1280x800", SCREEN.to_dict(), None, stimulus="clip.mp4",
                            stimulus_geometry={"width": 640, "height": 400, "rect": [0, 0, 1280, 800]})
    stored = [(100.0 + i / 30, 10.0 * i, 20.0 * i, 1.0, "ok", 5.0 * i, 10.0 * i, i / 30) for i in range(6)]
    db.add_samples(sid, stored[:3])
    db.add_samples(sid, [r[:5] for r in stored[3:]])  # rows without stored points: mapped from the placement
    out = G.export_session(db, sid, csv=tmp_path / "clip.csv").csv
    with out.open(newline="") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == list(G.CSV_COLUMNS)
    assert [(float(r["sx"]), float(r["sy"])) for r in table] == [(5.0 * i, 10.0 * i) for i in range(6)]
    assert [r["st"] for r in table[:3]] == [f"{i / 30:.4f}" for i in range(3)]
    assert [r["st"] for r in table[3:]] == ["", "", ""]  # never stored: no video time is made up
    # The screen itself: stimulus px are screen px, and a still has no video time.
    screen_sid, rows = session
    with G.export_session(db, screen_sid, csv=tmp_path / "screen.csv").csv.open(newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [(r["sx"], r["sy"]) for r in lines] == [(r["x"], r["y"]) for r in lines]
    assert {r["st"] for r in lines} == {""}
    assert G.session_csv(rows, SCREEN).splitlines()[1].endswith(",,,")  # without stimulus rows: blank cells
    with pytest.raises(ValueError):
        G.session_csv(rows, SCREEN, rows[:1])


def test_sessions_command_lists_sessions_as_json(db, session, capsys) -> None:  # noqa: ANN001
    sid, rows = session
    assert run(["sessions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["id"] == sid and listed[0]["sample_count"] == len(rows)
    assert listed[0]["duration_s"] == pytest.approx(rows[-1][0] - listed[0]["started_at"], abs=1e-3)
    assert run(["sessions"]) == 0
    assert "reading" in capsys.readouterr().out


def test_export_session_command(db, session, tmp_path, capsys) -> None:  # noqa: ANN001
    sid, rows = session
    png, out_csv = tmp_path / "h.png", tmp_path / "s.csv"
    assert run(["export-session", str(sid), "--png", str(png), "--csv", str(out_csv)]) == 0
    assert png.is_file() and len(out_csv.read_text().splitlines()) == len(rows) + 1
    assert run(["export-session", str(sid + 50), "--csv", str(out_csv)]) == 1
    assert "no gaze session" in capsys.readouterr().err
    assert run(["export-session", str(sid)]) == 2
