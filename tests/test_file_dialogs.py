"""Files like a desktop app (issue 22, item 4): remembered folders per kind of file, File > Open Recent,
"Show in folder" after exports, save dialogs that suggest a full path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from alyesdesk.settings import Settings
from alyesdesk.ui import file_dialogs
from alyesdesk.ui.context import AppContext


@pytest.fixture
def opened_urls(monkeypatch) -> list[str]:  # noqa: ANN001
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toLocalFile()) or True))
    return urls


def _files(tmp_path: Path, folder: str, *names: str) -> list[str]:
    where = tmp_path / folder
    where.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        (where / name).write_bytes(b"x")
        out.append(str(where / name))
    return out


def test_each_kind_of_file_remembers_its_folder_across_sessions(qtbot, tmp_path, monkeypatch) -> None:
    photos = _files(tmp_path, "photos", "a.jpg", "b.jpg")
    started_in: list[str] = []

    def fake_open(_parent, _title, folder, _filters):  # noqa: ANN001, ANN202
        started_in.append(folder)
        return photos, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    assert file_dialogs.open_files(None, file_dialogs.IMAGES, "Add") == photos
    assert file_dialogs.open_files(None, file_dialogs.IMAGES, "Add") == photos
    assert file_dialogs.open_files(None, file_dialogs.DOCUMENTS, "Add") == photos
    assert started_in[0] == str(Path.home())
    assert started_in[1] == str(tmp_path / "photos")  # images: where the last photos came from
    assert started_in[2] == str(Path.home())  # documents have their own folder, not used yet
    saved = json.loads(Settings.path().read_text())
    assert saved["last_folders"]["images"] == str(tmp_path / "photos")  # kept for the next start
    assert Settings.load().last_folders["documents"] == str(tmp_path / "photos")


def test_a_remembered_folder_that_is_gone_falls_back_to_home(tmp_path) -> None:
    file_dialogs.remember_folder(file_dialogs.VIDEOS, tmp_path / "gone" / "clip.mp4")
    assert file_dialogs.last_folder(file_dialogs.VIDEOS) == str(Path.home())


def test_save_dialogs_offer_a_full_path_in_the_remembered_folder(tmp_path, monkeypatch) -> None:
    offered: list[str] = []
    target = tmp_path / "reports" / "mine.csv"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, suggested, _f: (offered.append(suggested), (str(target), ""))[1]))
    assert file_dialogs.save_file(None, file_dialogs.DATA, "Save", "aois.json") == str(target)
    file_dialogs.save_file(None, file_dialogs.DATA, "Save", "other.json")
    assert Path(offered[0]) == Path.home() / "aois.json"
    assert Path(offered[1]) == tmp_path / "reports" / "other.json"


def test_recent_files_are_newest_first_without_repeats_and_capped(tmp_path) -> None:
    paths = _files(tmp_path, "p", *(f"{i}.jpg" for i in range(14)))
    file_dialogs.add_recent("waste", paths[:12])
    assert len(file_dialogs.recent_files()) == file_dialogs.RECENT_LIMIT
    file_dialogs.add_recent("streets", [paths[3]])
    recent = file_dialogs.recent_files()
    assert recent[0] == ("streets", paths[3]) and [p for _, p in recent].count(paths[3]) == 1
    assert len(recent) == file_dialogs.RECENT_LIMIT
    file_dialogs.clear_recent()
    assert file_dialogs.recent_files() == []


def test_open_recent_opens_each_file_in_its_tab(window, tmp_path, monkeypatch) -> None:
    doc, photo = _files(tmp_path, "in", "contract.pdf", "bottle.jpg")
    file_dialogs.add_recent("documents", [doc])
    file_dialogs.add_recent("waste", [photo])
    opened: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(window.tab_widgets["waste"], "add_paths", lambda p: opened.append(("waste", p)))
    monkeypatch.setattr(window.tab_widgets["documents"], "check_paths", lambda p: opened.append(("documents", p)))
    menu = window.recent_menu
    menu.rebuild()
    entries = [a for a in menu.actions() if a.toolTip() in (doc, photo)]
    assert [a.toolTip() for a in entries] == [photo, doc] and all(a.isEnabled() for a in entries)
    assert "bottle.jpg" in entries[0].text() and "Waste sorting" in entries[0].text()
    entries[1].trigger()
    assert opened == [("documents", [doc])] and window.current_tab_key() == "documents"


def test_missing_recent_files_are_greyed_out_and_can_be_removed(window, tmp_path) -> None:
    kept, gone = _files(tmp_path, "in", "kept.jpg", "gone.jpg")
    file_dialogs.add_recent("waste", [kept, gone])
    Path(gone).unlink()
    menu = window.recent_menu
    menu.rebuild()
    by_path = {a.toolTip(): a for a in menu.actions() if a.toolTip()}
    assert by_path[kept].isEnabled() and not by_path[gone].isEnabled() and "(missing)" in by_path[gone].text()
    remove = next(a for a in menu.actions() if a.text() == "Remove missing files")
    remove.trigger()
    assert [p for _, p in file_dialogs.recent_files()] == [kept]
    assert "1 missing file(s) removed" in window.ctx.notifications.records[-1].text()
    next(a for a in menu.actions() if a.text() == "Clear list").trigger()
    assert file_dialogs.recent_files() == []
    assert [a.text() for a in menu.actions() if a.text()][0] == "No recent files"


def test_files_chosen_in_a_tab_become_recent(window, tmp_path, monkeypatch) -> None:
    images = _files(tmp_path, "streets", "a.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a: (images, "")))
    tab = window.tab_widgets["streets"]
    monkeypatch.setattr(tab, "open_paths", lambda _p: None)
    tab._on_open_clicked()
    assert file_dialogs.recent_files()[0] == ("streets", images[0])


def test_show_in_folder_opens_the_parent_folder(tmp_path, opened_urls) -> None:
    (written,) = _files(tmp_path, "out", "report.csv")
    assert file_dialogs.show_in_folder(written)
    assert opened_urls == [str(tmp_path / "out")]
    assert not file_dialogs.show_in_folder(tmp_path / "nowhere" / "x.csv")  # said, not a broken window


def test_every_export_message_offers_show_in_folder(window, db, tmp_path, opened_urls, qtbot) -> None:
    from alyesdesk.ui.widgets import exporting

    (written,) = _files(tmp_path, "out", "report.csv")
    record = None
    with qtbot.waitSignal(window.ctx.notification_added) as added:
        exporting.report_exported(window.ctx, written, QLabel())
    record = added.args[0]
    assert [label for label, _ in record.actions] == ["Show in folder"]
    buttons = window.notice_actions.buttons
    assert [b.text() for b in buttons] == ["Show in folder"] and window.notice_actions.isVisibleTo(window)
    buttons[0].click()
    assert opened_urls == [str(tmp_path / "out")] and not window.notice_actions.isVisibleTo(window)


def test_export_folders_are_the_remembered_settings(tmp_path, qtbot, db, monkeypatch) -> None:
    from alyesdesk.ui.widgets import exporting

    ctx = AppContext(db)
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "exports" / "out.csv"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    exporting.ask_save_path(parent, "Export", "out.csv", "CSV (*.csv)")
    assert ctx.settings.last_folders["export"] == str(target.parent)  # the running app's settings object
    assert Settings.load().last_folders["export"] == str(target.parent)


@pytest.mark.parametrize("where, method", [
    ("waste", "_on_add_files_clicked"), ("waste", "_on_add_folder_clicked"), ("waste", "regions._on_import_clicked"),
    ("waste", "projects._on_add_photos"), ("waste", "projects._on_add_folder"),
    ("documents", "_on_choose_files_clicked"), ("documents", "_on_choose_folder_clicked"),
    ("streets", "_on_open_clicked"), ("gaze", "studies._ask_stimulus"), ("gaze", "studies._ask_load"),
    ("gaze", "studies._ask_save"),
])
def test_every_open_dialog_starts_in_the_remembered_folder(window, tmp_path, monkeypatch, where, method) -> None:
    # Each tab's own dialogs go through file_dialogs: they start where that kind of file was last taken from.
    for kind in file_dialogs.KINDS:
        file_dialogs.remember_folder(kind, tmp_path)
    started: list[str] = []

    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda _p, _t, folder="", *_r: (started.append(folder),
                                                                                          ("", ""))[1]))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda _p, _t, folder="", *_r: (started.append(folder), "")[1]))
    target = window.tab_widgets[where]
    for part in method.split("."):
        target = getattr(target, part)
    target()
    assert started and tmp_path in (Path(started[0]), Path(started[0]).parent)  # a folder, or a name in it


def test_folder_and_recent_settings_hold_text_only_and_are_copies() -> None:
    settings = Settings()
    folders = {"images": "/photos"}
    settings.last_folders = folders
    folders["images"] = "/elsewhere"  # the caller's dict is not the setting
    assert settings.last_folders == {"images": "/photos"}
    with pytest.raises(TypeError):
        settings.last_folders = {"images": 3}
    with pytest.raises(TypeError):
        settings.recent_files = ["not a pair"]
    with pytest.raises(ValueError):
        settings.recheck_policy = "sometimes"
    Settings.path().write_text(json.dumps({"schema_version": 2, "last_folders": {"a": 1}, "recent_files": [["waste", "/x.jpg"]]}))
    loaded = Settings.load()  # a bad value is dropped, the good ones kept
    assert loaded.last_folders == {} and loaded.recent_files == [["waste", "/x.jpg"]]
