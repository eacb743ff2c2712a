"""Gaze stored in stimulus coordinates (schema 6): the mapping over a letterboxed stimulus, old sessions
(screen = stimulus), AOI metrics on the stored stimulus points, and the fullscreen presenter's timing
(first frame before the first sample, monotonic timestamps, a video's frame times)."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from alyesdesk.inference.gaze.aoi import AOI, Placement
from alyesdesk.inference.gaze.aoi_metrics import SessionInput, compute
from alyesdesk.inference.gaze.presentation import StimulusMapping
from alyesdesk.storage.samples import SampleWriter

DT = 0.125
# A 500x1000 portrait image shown fullscreen on 1920x1080: scaled 1.08, centred, black bars left and right.
LETTERBOX = Placement.fit(500, 1000, 1920, 1080)
KNOWN = [  # screen px -> stimulus px, by hand: sx = (x - 690) / 1.08, sy = y / 1.08
    ((690.0, 0.0), (0.0, 0.0)),
    ((960.0, 540.0), (250.0, 500.0)),
    ((1230.0, 1080.0), (500.0, 1000.0)),
    ((744.0, 270.0), (50.0, 250.0)),
    ((0.0, 540.0), (-638.8888888888889, 500.0)),  # on the black bar: outside the stimulus, kept as is
]


def _stimulus_session(db, placement: Placement | None, stimulus: str | None = "poster.png") -> int:  # noqa: ANN001
    return db.create_session("s", "screen", {"width_px": 1920, "height_px": 1080}, None, None, study="letterbox",
                             stimulus=stimulus, stimulus_geometry=placement.to_dict() if placement else None,
                             started_at=1000.0)


def test_a_letterboxed_stimulus_maps_known_screen_points_to_its_pixels(db) -> None:  # noqa: ANN001
    assert LETTERBOX.rect == pytest.approx((690.0, 0.0, 540.0, 1080.0))
    sid = _stimulus_session(db, LETTERBOX)
    mapping = StimulusMapping(LETTERBOX, onset=1000.0)
    writer = SampleWriter(db, sid, to_stimulus=mapping)
    writer.add(999.9, 960.0, 540.0, 1.0)  # before the stimulus was shown: not a sample of this session
    for i, ((x, y), _) in enumerate(KNOWN):
        writer.add(1000.0 + DT * i, x, y, 1.0)
    assert writer.close() == len(KNOWN) and writer.skipped == 1
    rows = db.session_stimulus_samples(sid)
    np.testing.assert_allclose([r[1:3] for r in rows], [s for _, s in KNOWN], atol=1e-9)
    assert [r[5] for r in rows] == [None] * len(KNOWN)  # not a video: no video time
    assert [r[1:3] for r in db.session_samples(sid)] == [xy for xy, _ in KNOWN]  # screen px kept beside


def test_old_sessions_are_mapped_from_their_placement_and_the_screen_is_the_identity(db) -> None:  # noqa: ANN001
    old = _stimulus_session(db, LETTERBOX)
    db.add_samples(old, [(1000.0 + DT * i, x, y, 1.0, "ok") for i, ((x, y), _) in enumerate(KNOWN)])  # no sx, sy
    np.testing.assert_allclose([r[1:3] for r in db.session_stimulus_samples(old)], [s for _, s in KNOWN], atol=1e-9)
    screen = _stimulus_session(db, None, stimulus=None)
    db.add_samples(screen, [(1000.0, 12.5, 40.0, 1.0, "ok")])
    assert db.session_stimulus_samples(screen) == [(1000.0, 12.5, 40.0, 1.0, "ok", None)]
    assert db.session_stimulus_samples(12345) == []


def _letterbox_rows() -> list[tuple]:
    """8 Hz: 8 samples on the top half of the poster, then 16 on its bottom half (screen px)."""
    top, bottom = (960.0, 270.0), (960.0, 810.0)  # stimulus (250, 250) and (250, 750)
    return [(1000.0 + DT * i, *(top if i < 8 else bottom), 1.0, "ok") for i in range(24)]


def test_aoi_metrics_on_stored_stimulus_points_equal_hand_values(db) -> None:  # noqa: ANN001
    sid = _stimulus_session(db, LETTERBOX)
    writer = SampleWriter(db, sid, to_stimulus=StimulusMapping(LETTERBOX, onset=1000.0))
    for row in _letterbox_rows():
        writer.add(*row)
    writer.close()
    aois = [AOI("top", stimulus="poster.png", rect=(0, 0, 500, 500)),
            AOI("bottom", stimulus="poster.png", rect=(0, 500, 500, 500)),
            AOI("bar", stimulus="poster.png", rect=(-600, 0, 500, 1000))]  # the black bar: never looked at
    session = SessionInput.from_record(db.session(sid), db.session_samples(sid), db.session_stimulus_samples(sid))
    per_session, summary = compute([session], aois)
    m = {x.aoi: x for x in per_session}
    # By hand: each sample stands for 0.125 s, the last one too; 24 samples = 3 s of looking.
    assert (m["top"].dwell_s, m["bottom"].dwell_s, m["bar"].dwell_s) == (1.0, 2.0, 0.0)
    assert (m["top"].dwell_share, m["bottom"].dwell_share) == pytest.approx((1 / 3, 2 / 3))
    assert (m["top"].ttff_s, m["bottom"].ttff_s, m["bar"].ttff_s) == (0.0, 1.0, None)
    assert (m["top"].first_fixation_s, m["bottom"].first_fixation_s) == (0.875, 1.875)  # first to last point
    assert (m["top"].fixations, m["bottom"].fixations, m["top"].revisits) == (1, 1, 0)
    assert (m["top"].first_fixation_sx, m["top"].first_fixation_sy) == pytest.approx((250.0, 250.0))
    assert (m["bottom"].first_fixation_sx, m["bottom"].first_fixation_sy) == pytest.approx((250.0, 750.0))
    assert (m["bar"].first_fixation_sx, m["top"].first_fixation_st) == (None, None)  # a still: no video time
    assert [s["participants_looked_share"] for s in summary] == [1.0, 1.0, 0.0]


def test_metrics_use_the_stored_stimulus_points_not_the_placement(db) -> None:  # noqa: ANN001
    # A video stimulus whose stored points (what the presenter mapped) differ from a later placement
    # guess: the stored ones count, so AOIs apply to what was shown.
    sid = _stimulus_session(db, LETTERBOX, stimulus="clip.mp4")
    rows = _letterbox_rows()
    db.add_samples(sid, [(*r, 10.0, 10.0, r[0] - 1000.0) for r in rows])  # all stored at (10, 10)
    stim = db.session_stimulus_samples(sid)
    assert stim[3][5] == pytest.approx(3 * DT)  # the video time is stored and read back
    session = SessionInput.from_record(db.session(sid), db.session_samples(sid), stim)
    (m,) = compute([session], [AOI("corner", stimulus="clip.mp4", rect=(0, 0, 20, 20))])[0]
    # Two fixations on the screen (top, then bottom), both on the stored corner: one visit.
    assert (m.dwell_s, m.fixations, m.revisits) == (3.0, 2, 0)
    # The first fixation started with the first sample: video time 0, at the stored point.
    assert (m.first_fixation_sx, m.first_fixation_sy, m.first_fixation_st) == (10.0, 10.0, 0.0)
    video = SessionInput.from_record(db.session(sid), db.session_samples(sid),
                                     [(*r[:5], r[5] + 2.5) for r in stim])  # the clip started 2.5 s in
    assert compute([video], [AOI("corner", stimulus="clip.mp4", rect=(0, 0, 20, 20))])[0][0].first_fixation_st == 2.5


def test_the_mapping_reports_video_time_and_waits_for_the_first_frame() -> None:
    mapping = StimulusMapping(Placement.identity(640, 480), video=True)
    assert mapping(5.0, 1.0, 2.0) is None  # nothing shown yet
    mapping.frame_shown(10.0, 0.0)
    assert mapping(9.99, 1.0, 2.0) is None and mapping(10.0, 1.0, 2.0) == (1.0, 2.0, 0.0)
    mapping.frame_shown(10.5, 0.5)
    assert mapping(10.6, 3.0, 4.0) == (3.0, 4.0, 0.5) and mapping.onset == 10.0 and mapping.frames_shown == 2
    headless = StimulusMapping(Placement.identity(640, 480), video=True, onset=100.0, drop_before_onset=False)
    assert headless(99.0, 0.0, 0.0) == (0.0, 0.0, 0.0) and headless(101.5, 0.0, 0.0) == (0.0, 0.0, 1.5)


# --- the presenter ---------------------------------------------------------------------------------------


def test_the_first_frame_comes_before_the_first_sample_and_timestamps_are_monotonic(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    import cv2

    from alyesdesk.storage.schema import gaze_samples
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.gaze.tab import GazeTab
    from alyesdesk.ui.gaze.worker import SourceChoice

    from gaze_testkit import store_calibration

    tab = GazeTab(AppContext(db))
    qtbot.addWidget(tab)
    try:
        store_calibration(db, tab)
        image = tmp_path / "poster.png"
        cv2.imwrite(str(image), np.full((1000, 500, 3), 90, np.uint8))
        tab.studies.add_stimulus_file(str(image))
        with qtbot.waitSignal(tab.tracking_started, timeout=30_000):
            tab.start_tracking(SourceChoice("simulated", realtime=False))
        qtbot.waitUntil(lambda: tab.live_worker.stats.points >= 3, timeout=60_000)  # points before Record
        shown: list[float] = []
        with qtbot.waitSignal(tab.studies.stimulus_shown, timeout=30_000) as stim:
            assert tab.start_recording("presented")
        window = stim.args[0]
        window.first_frame_shown.connect(shown.append)
        with qtbot.waitSignal(tab.recording_started, timeout=30_000):
            pass
        qtbot.waitUntil(lambda: bool(shown or window.onset), timeout=10_000)
        onset = window.onset
        qtbot.waitUntil(lambda: tab.live_worker.stats.recorded >= 10, timeout=60_000)
        with qtbot.waitSignal(tab.sessions.session_loaded, timeout=30_000):
            with qtbot.waitSignal(tab.recording_finished, timeout=30_000) as done:
                tab.stop_recording()
        sid = done.args[0]
        with db.engine.connect() as conn:  # in the order they were written
            stored = conn.execute(select(gaze_samples.c.t, gaze_samples.c.x, gaze_samples.c.y, gaze_samples.c.sx,
                                         gaze_samples.c.sy).where(gaze_samples.c.session_id == sid)
                                  .order_by(gaze_samples.c.id)).all()
        times = [r[0] for r in stored]
        assert len(times) >= 5 and onset is not None
        assert onset <= times[0]  # the stimulus was on screen before the first sample
        assert all(b >= a for a, b in zip(times, times[1:]))  # monotonic
        g = tab.current_geometry()
        placement = Placement.fit(500, 1000, g.width_px, g.height_px)
        expected = placement.to_stimulus([(r[1], r[2]) for r in stored])
        np.testing.assert_allclose([(r[3], r[4]) for r in stored], expected, atol=1e-6)
        qtbot.waitUntil(lambda: db.session(sid)["started_at"] == pytest.approx(onset), timeout=10_000)
        assert tab.studies.window is None
    finally:
        tab.shutdown()


def test_a_video_stimulus_plays_with_monotonic_frame_times(qtbot, tmp_path) -> None:  # noqa: ANN001
    import cv2

    from alyesdesk.ui.gaze.presenter import StimulusWindow
    from alyesdesk.ui.gaze.stimuli import load_stimulus

    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, (320, 240))
    for i in range(12):
        writer.write(np.full((240, 320, 3), i * 20, np.uint8))
    writer.release()
    stim = load_stimulus(path)
    assert stim.is_video and stim.fps == 30.0 and (stim.image.width(), stim.image.height()) == (320, 240)
    mapping = StimulusMapping(Placement.fit(320, 240, 800, 600), video=True)
    seen: list[tuple[float, float]] = []
    original = mapping.frame_shown
    mapping.frame_shown = lambda t, v=None: (seen.append((t, v)), original(t, v))  # type: ignore[method-assign]
    window = StimulusWindow(stim, None, mapping)
    window.resize(800, 600)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_frame_shown, timeout=10_000):
        window.show()
    with qtbot.waitSignal(window.video_ended, timeout=10_000):
        pass
    assert seen[0][1] == 0.0 and len(seen) >= 2
    assert all(b[0] >= a[0] and b[1] >= a[1] for a, b in zip(seen, seen[1:]))  # wall and video time monotonic
    assert seen[-1][1] <= 11 / 30 + 1e-9


def test_a_session_over_a_video_stops_by_itself_when_the_video_ends(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    import cv2

    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.gaze.tab import GazeTab
    from alyesdesk.ui.gaze.worker import SourceChoice

    from gaze_testkit import store_calibration

    path = tmp_path / "clip.avi"  # 0.6 s: 18 frames at 30 fps
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, (320, 240))
    for i in range(18):
        writer.write(np.full((240, 320, 3), i * 12, np.uint8))
    writer.release()
    tab = GazeTab(AppContext(db))
    qtbot.addWidget(tab)
    try:
        store_calibration(db, tab)
        tab.studies.add_stimulus_file(str(path))
        assert tab.studies.stimulus.is_video
        with qtbot.waitSignal(tab.tracking_started, timeout=30_000):
            tab.start_tracking(SourceChoice("simulated", realtime=False))
        ended: list[bool] = []
        with qtbot.waitSignal(tab.studies.stimulus_shown, timeout=30_000) as stim:
            assert tab.start_recording("over a video")
        stim.args[0].video_ended.connect(lambda: ended.append(True))
        # Nobody presses Stop: the end of the video finishes the session.
        with qtbot.waitSignal(tab.recording_finished, timeout=30_000) as done:
            pass
        assert ended == [True] and not tab.recorder.recording
        assert tab.studies.window is None
        sid = done.args[0]
        video_times = [r[5] for r in db.session_stimulus_samples(sid)]
        assert video_times and all(v is not None and 0.0 <= v <= 17 / 30 + 1e-9 for v in video_times)
        assert db.session(sid)["stimulus"] == "clip.avi"
    finally:
        tab.shutdown()
