"""Video export: an overlaid MP4 from a tiny generated video, progress, cancel, unreadable files."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

from alyesdesk.inference.streets import video


@pytest.fixture
def clip(tmp_path):
    path = tmp_path / "clip.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 12, (64, 48))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write mp4v")
    for i in range(8):
        writer.write(np.full((48, 64, 3), 30 * i, np.uint8))
    writer.release()
    return path


def _render(frame):
    return 255 - frame, {"a": 0.25, "b": 0.75}


def test_export_writes_every_frame_with_progress(clip, tmp_path) -> None:
    seen = []
    result = video.export_overlay_video(clip, tmp_path / "out" / "o.mp4", _render, progress=lambda d, t: seen.append((d, t)))
    assert result.frames == 8 and result.path.is_file()
    assert seen[-1] == (8, 8) and [d for d, _ in seen] == list(range(1, 9))
    assert result.areas == pytest.approx({"a": 0.25, "b": 0.75})
    frames = video.read_frames(result.path)
    assert len(frames) == 8 and frames[0].shape == (48, 64, 3)
    assert frames[0].mean() > 200  # the rendered (inverted) frame was written, not the source
    assert not list((tmp_path / "out").glob(".*part*"))


def test_cancel_leaves_no_file(clip, tmp_path) -> None:
    cancel = threading.Event()

    def progress(done, total):
        if done == 3:
            cancel.set()

    with pytest.raises(video.Cancelled):
        video.export_overlay_video(clip, tmp_path / "o.mp4", _render, progress=progress, cancel=cancel)
    assert list(tmp_path.glob("o*.mp4")) == [] and list(tmp_path.glob(".o*")) == []


def test_unreadable_and_missing_videos(tmp_path) -> None:
    bad = tmp_path / "bad.avi"
    bad.write_bytes(b"RIFF\x00\x00\x00\x00AVI garbage")
    with pytest.raises(video.VideoError, match="bad.avi"):
        video.export_overlay_video(bad, tmp_path / "o.mp4", _render)
    with pytest.raises(video.VideoError, match="not found"):
        video.open_video(tmp_path / "nope.mp4")
    assert not (tmp_path / "o.mp4").exists()


def test_missing_codec_is_a_clear_error(clip, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(video, "MP4_CODECS", ("zzzz",))
    with pytest.raises(video.VideoError, match="no MP4 encoder"):
        video.export_overlay_video(clip, tmp_path / "o.mp4", _render)
    assert not (tmp_path / "o.mp4").exists()
