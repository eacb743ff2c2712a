"""The Gaze tab's "publish on the local API" switch (issue 21.2): points out, clear messages otherwise."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject

from alyesdesk.ui.context import AppContext


def _frame(point, status: str = "ok", held: bool = False, fixations=()) -> SimpleNamespace:  # noqa: ANN001
    return SimpleNamespace(point=point, held=held, sample=SimpleNamespace(status=status), fixations=list(fixations))


class FakeServer:
    url = "ws://127.0.0.1:1/v1/gaze"

    def __init__(self) -> None:
        from alyesdesk.api.gaze_stream import GazePublisher

        self.publisher = GazePublisher()
        self.sent: list = []
        self.publisher.publish = lambda *a, **k: self.sent.append((a, k))  # type: ignore[method-assign]
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


def test_points_go_out_with_their_status(qtbot, db, monkeypatch) -> None:
    pytest.importorskip("fastapi")
    from alyesdesk.ui.gaze import stream as module

    server = FakeServer()
    monkeypatch.setattr("alyesdesk.api.gaze_stream.GazeStreamServer.start", lambda self: server)
    owner = QObject()  # kept: the switch is its child
    switch = module.GazeStream(AppContext(db), parent=owner)
    with qtbot.waitSignal(switch.started, timeout=5000) as started:
        switch.check.setChecked(True)
    assert started.args == [server.url]
    fixation = SimpleNamespace(start=12.5)
    switch.publish(_frame((100.0, 200.0), fixations=[fixation]))
    switch.publish(_frame((100.0, 200.0), status="blink", held=True))
    switch.publish(_frame(None, status="no_face"))
    assert server.sent == [
        ((100.0, 200.0), {"status": "tracking", "fixation_id": 12500}),
        ((None, None), {"status": "blink", "fixation_id": None}),
        ((None, None), {"status": "lost", "fixation_id": None}),
    ]
    with qtbot.waitSignal(switch.stopped, timeout=5000):
        switch.check.setChecked(False)
    assert server.stopped
    switch.publish(_frame((1.0, 2.0)))  # stopped: nothing more goes out
    assert len(server.sent) == 3


def test_without_a_database_it_says_why_and_stays_off(qtbot) -> None:
    from alyesdesk.ui.gaze.stream import GazeStream

    ctx = AppContext(None)
    owner = QObject()  # kept: the switch is its child
    switch = GazeStream(ctx, parent=owner)
    with qtbot.waitSignal(ctx.notified, timeout=5000) as said:
        switch.check.setChecked(True)
    assert not switch.check.isChecked() and switch.server is None
    assert said.args[1] == "warning"


def test_without_the_serve_extra_it_says_how_to_install_it(qtbot, db, monkeypatch) -> None:
    import importlib.util

    from alyesdesk.ui.gaze.stream import GazeStream

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "fastapi" else real(name, *a))
    ctx = AppContext(db)
    owner = QObject()  # kept: the switch is its child
    switch = GazeStream(ctx, parent=owner)
    with qtbot.waitSignal(ctx.notified, timeout=5000) as said:
        switch.check.setChecked(True)
    assert not switch.check.isChecked()
    assert "[serve]" in said.args[0]
