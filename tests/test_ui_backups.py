"""File > Restore from backup… and the start-up choice when the database file is missing (issue 14)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from alyesdesk import paths
from alyesdesk.storage.backup import make_backup


def test_restore_from_the_menu_swaps_the_open_database(qtbot, db, monkeypatch) -> None:
    from alyesdesk.ui import main_window as mw
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.dialogs import backups

    db.save_segmentation("kept.png", None, 1, 1, {"sky": 1.0}, None)
    make_backup(db, "manual")
    db.save_segmentation("later.png", None, 1, 1, {"sky": 1.0}, None)
    ctx = AppContext(db)
    window = mw.MainWindow(ctx)
    qtbot.addWidget(window)

    def choose_newest(dialog: backups.BackupsDialog) -> int:
        assert dialog.list.count() == 1
        dialog._on_restore_clicked()
        return 1

    monkeypatch.setattr(backups.BackupsDialog, "exec", choose_newest)
    window.restore_action.trigger()
    assert ctx.db is not None and ctx.db is not db
    assert [r["input"] for r in ctx.db.history()] == ["kept.png"]
    window.shutdown()
    ctx.db.close()


@pytest.mark.parametrize("choice", ["new", "continue"])
def test_a_missing_database_asks_before_starting_over(qtbot, db, memory_keyring, monkeypatch, choice: str) -> None:
    from alyesdesk.ui import app

    db.close()
    paths.database_path().unlink()
    before = dict(memory_keyring.store)

    def click(box: QMessageBox) -> int:
        wanted = "Start a new" if choice == "new" else "Continue without"
        box._clicked = next(b for b in box.buttons() if b.text().startswith(wanted))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._clicked)
    opened = app.unlock_database(interactive=True)
    assert all(memory_keyring.store[k] == v for k, v in before.items())  # the old key is never replaced
    if choice == "new":
        assert opened is not None and opened.history() == []
        opened.close()
    else:
        assert opened is None
        assert not paths.database_path().exists()


def test_a_result_that_was_not_stored_raises_a_banner_that_stays(qtbot, db) -> None:
    from alyesdesk.ui import main_window as mw
    from alyesdesk.ui.context import AppContext

    ctx = AppContext(db)
    window = mw.MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert not window.banner.isVisible()
    ctx.report_unstored("a.jpg", "the disk is full")
    ctx.notify("an unrelated message")  # a later status line does not hide it
    ctx.report_unstored("b.jpg", "the disk is full")
    assert window.banner.isVisible()
    assert "2 results were NOT stored" in window.banner.label.text()
    assert "b.jpg" in window.banner.label.text()
    window.banner.dismiss_button.click()
    assert not window.banner.isVisible()
    window.shutdown()


def test_without_a_database_the_banner_says_so_from_the_start(qtbot) -> None:
    from alyesdesk.ui import main_window as mw
    from alyesdesk.ui.context import AppContext

    window = mw.MainWindow(AppContext(None))
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible()
    assert "not being stored" in window.banner.label.text()
    assert not window.banner.dismiss_button.isVisible()  # it cannot be waved away while true
    window.shutdown()
