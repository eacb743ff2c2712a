"""AOIs (file format, validation, hit tests) and AOI metrics on a hand-made session (hand-computed values)."""

from __future__ import annotations

import json

import pytest

from alyesdesk.inference.gaze.aoi import AOI, AOIError, Placement, load_aois, save_aois
from alyesdesk.inference.gaze.aoi_metrics import SessionInput, compute, session_metrics
from alyesdesk.inference.gaze.screen import ScreenGeometry

DT = 0.125  # exact in binary: the hand-computed numbers below are exact


def _fixture_rows() -> list[tuple]:
    """8 Hz: 5 samples in A, 5 in B, 2 blink frames, 3 in A, 3 in D (18 rows from t = 1000)."""
    where = [(100, 100)] * 5 + [(1000, 500)] * 5 + [(1000, 500)] * 2 + [(100, 100)] * 3 + [(1500, 900)] * 3
    rows = []
    for i, (x, y) in enumerate(where):
        blink = i in (10, 11)
        rows.append((1000.0 + DT * i, float(x), float(y), 0.0 if blink else 1.0, "blink" if blink else "ok"))
    return rows


AOIS = [
    AOI("A", rect=(0, 0, 200, 200)),
    AOI("B", rect=(900, 400, 200, 200)),
    AOI("C", polygon=((1400, 50), (1600, 50), (1500, 150))),
    AOI("D", polygon=((1400, 800), (1700, 800), (1500, 1000))),
    AOI("other", stimulus="ad.png", rect=(0, 0, 10, 10)),
]


def test_metrics_of_a_hand_made_session_match_hand_computed_values() -> None:
    s = SessionInput(1, _fixture_rows(), ScreenGeometry(), started_at=999.5, participant="p1")
    m = {x.aoi: x for x in session_metrics(s, AOIS)}
    assert set(m) == {"A", "B", "C", "D"}  # "other" is on another stimulus
    # Looking: 16 samples x 0.125 s = 2.0 s. Fixations: A [1000.0, 0.5 s], B [1000.625, 0.5 s] (ended by
    # the blink gap), A [1001.5, 0.25 s], D [1001.875, 0.25 s].
    a = m["A"]
    assert (a.ttff_s, a.first_fixation_s, a.dwell_s, a.dwell_share, a.fixations, a.revisits, a.looked) == (
        0.5, 0.5, 1.0, 0.5, 2, 1, True)
    b = m["B"]
    assert (b.ttff_s, b.first_fixation_s, b.dwell_s, b.dwell_share, b.fixations, b.revisits) == (
        1.125, 0.5, 0.625, 0.3125, 1, 0)  # the two blink frames in B are not dwell
    c = m["C"]
    assert (c.ttff_s, c.first_fixation_s, c.dwell_s, c.fixations, c.looked) == (None, None, 0.0, 0, False)
    d = m["D"]
    assert (d.ttff_s, d.first_fixation_s, d.dwell_s, d.dwell_share, d.fixations) == (2.375, 0.25, 0.375, 0.1875, 1)


def test_summary_across_sessions_gives_mean_spread_and_share_of_participants() -> None:
    one = SessionInput(1, _fixture_rows(), started_at=999.5, participant="p1")
    two = SessionInput(2, [(2000.0 + DT * i, 100.0, 100.0, 1.0, "ok") for i in range(10)], started_at=2000.0,
                       participant="p2")
    per_session, summary = compute([one, two], AOIS)
    assert len(per_session) == 8
    by = {s["aoi"]: s for s in summary}
    a = by["A"]
    assert a["participants"] == 2 and a["participants_looked_share"] == 1.0
    assert a["dwell_s"]["mean"] == pytest.approx(1.125) and a["dwell_s"]["sd"] == pytest.approx(0.1767767, abs=1e-6)
    assert a["ttff_s"] == {"n": 2, "mean": 0.25, "sd": pytest.approx(0.3535534, abs=1e-6), "min": 0.0, "max": 0.5}
    assert a["first_fixation_s"]["max"] == 1.125  # session 2: one fixation of 10 samples
    b = by["B"]
    assert b["participants_looked_share"] == 0.5
    assert b["ttff_s"]["n"] == 1 and b["ttff_s"]["sd"] is None
    assert b["dwell_s"]["mean"] == pytest.approx(0.3125)


def test_placement_maps_screen_to_stimulus_pixels() -> None:
    p = Placement.fit(1000, 1000, 1920, 1080)  # scaled 1.08, centred: x from 420 to 1500
    assert p.rect == (420.0, 0.0, 1080.0, 1080.0)
    assert p.to_stimulus([[420.0, 0.0], [1500.0, 1080.0]]).tolist() == [[0.0, 0.0], [1000.0, 1000.0]]
    rows = [(float(i) / 8, 420.0 + 54.0, 54.0, 1.0, "ok") for i in range(4)]  # stimulus (50, 50)
    s = SessionInput(3, rows, stimulus="ad.png", placement=p, started_at=0.0)
    (m,) = session_metrics(s, AOIS)
    assert m.aoi == "other" and m.dwell_s == 0.0  # (50, 50) is outside the 10x10 AOI
    (m,) = session_metrics(s, [AOI("big", "ad.png", rect=(0, 0, 100, 100))])
    assert m.dwell_s == 0.5 and m.ttff_s == 0.0


def test_hit_tests_rectangles_half_open_and_polygons() -> None:
    r = AOI("r", rect=(0, 0, 10, 10))
    assert r.contains(0, 0) and r.contains(9.99, 9.99) and not r.contains(10, 5)
    tri = AOI("t", polygon=((0, 0), (10, 0), (0, 10)))
    assert tri.contains(2, 2) and not tri.contains(8, 8) and tri.area == 50.0


def test_aoi_files_round_trip_and_bad_files_are_refused(tmp_path) -> None:
    path = save_aois(tmp_path / "aois.json", AOIS)
    assert load_aois(path) == AOIS
    bad = {
        "dup": {"version": 1, "aois": [{"name": "A", "rect": [0, 0, 1, 1]}, {"name": "A", "rect": [0, 0, 2, 2]}]},
        "both": {"version": 1, "aois": [{"name": "A", "rect": [0, 0, 1, 1], "polygon": [[0, 0], [1, 0], [0, 1]]}]},
        "flat": {"version": 1, "aois": [{"name": "A", "polygon": [[0, 0], [1, 1], [2, 2]]}]},
        "size": {"version": 1, "aois": [{"name": "A", "rect": [0, 0, 0, 1]}]},
        "noname": {"version": 1, "aois": [{"name": " ", "rect": [0, 0, 1, 1]}]},
        "version": {"version": 9, "aois": []},
        "key": {"version": 1, "aois": [{"name": "A", "rect": [0, 0, 1, 1], "colour": "red"}]},
        "text": {"version": 1, "aois": [{"name": "A", "rect": [0, "0", 1, 1]}]},
    }
    for name, data in bad.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(data))
        with pytest.raises(AOIError):
            load_aois(tmp_path / f"{name}.json")
    (tmp_path / "nan.json").write_text('{"version": 1, "aois": [{"name": "A", "rect": [0, 0, NaN, 1]}]}')
    with pytest.raises(AOIError):
        load_aois(tmp_path / "nan.json")
    with pytest.raises(AOIError, match="cannot be read"):
        load_aois(tmp_path / "missing.json")
