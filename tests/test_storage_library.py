"""History as a library (issue 22, item 7), storage side: versions, date ranges, thumbnails, re-checks."""

from __future__ import annotations

import time

from sqlalchemy import update

from alyesdesk.storage import ModelRef, open_database
from alyesdesk.storage.migrations import LATEST
from alyesdesk.storage.schema import results

SEG = ModelRef("streets", "1.0", "ab" * 32)
SEG2 = ModelRef("streets", "2.0", "cd" * 32)


def _at(db, rid: int, when: float) -> None:  # noqa: ANN001
    with db.engine.begin() as conn:
        conn.execute(update(results).where(results.c.id == rid).values(created_at=when))


def test_rechecks_of_one_file_and_model_are_versions_of_one_entry(db) -> None:
    first = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    other_model = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG2)
    second = db.save_segmentation("/s/a.png", "x", 4, 4, {"road": 1.0}, SEG)
    other_file = db.save_segmentation("/s/b.png", "y", 4, 4, {"sky": 1.0}, SEG)
    entries = db.library()
    assert [e["id"] for e in entries] == [other_file, second, other_model]
    latest = entries[1]
    assert latest["version_count"] == 2 and [v["id"] for v in latest["versions"]] == [first]
    assert [v["id"] for v in db.versions_of(first)] == [second, first]
    assert [v["id"] for v in db.versions_of(other_model)] == [other_model]
    assert db.versions_of(99999) == []


def test_gaze_results_are_never_grouped(db) -> None:
    a = db.create_session("reading", "Screen 1", {"px": [10, 10]})
    b = db.create_session("reading", "Screen 1", {"px": [10, 10]})
    assert len(db.library(capability="gaze")) == 2 and a != b


def test_library_filters_by_date_range_text_and_hidden_ids(db) -> None:
    old = db.save_segmentation("/s/old.png", "x", 4, 4, {"sky": 1.0}, SEG)
    new = db.save_segmentation("/s/new.png", "y", 4, 4, {"sky": 1.0}, SEG)
    now = time.time()
    _at(db, old, now - 10 * 86400)
    assert [e["id"] for e in db.library(since=now - 86400)] == [new]
    assert [e["id"] for e in db.library(until=now - 86400)] == [old]
    assert [e["id"] for e in db.library(text="OLD")] == [old]
    assert [e["id"] for e in db.library(exclude=[new])] == [old]


def test_a_text_matching_an_older_version_still_shows_the_entry(db) -> None:
    first = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.set_note(first, "windy day")
    second = db.save_segmentation("/s/a.png", "x", 4, 4, {"road": 1.0}, SEG)
    found = db.library(text="windy")
    assert [e["id"] for e in found] == [second] and [v["id"] for v in found[0]["versions"]] == [first]


def test_rechecks_since_names_the_earlier_results(db) -> None:
    first = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    mark = db.last_result_id()
    assert db.rechecks_since(mark) == []
    second = db.save_segmentation("/s/a.png", "x", 4, 4, {"road": 1.0}, SEG)
    db.save_segmentation("/s/new.png", "x", 4, 4, {"road": 1.0}, SEG)
    found = db.rechecks_since(mark)
    assert found == [{"id": second, "input": "/s/a.png", "capability": "streets", "earlier": [first]}]
    # A window closed at `up_to` leaves later results for the next look (a worker may store during a look).
    assert db.rechecks_since(mark, up_to=second - 1) == []
    third = db.save_segmentation("/s/a.png", "x", 4, 4, {"road": 1.0}, SEG)
    assert [f["id"] for f in db.rechecks_since(mark, up_to=second)] == [second]
    assert [f["id"] for f in db.rechecks_since(second, up_to=third)] == [third]


def test_delete_results_removes_details_and_thumbnails(db) -> None:
    a = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    b = db.save_segmentation("/s/b.png", "x", 4, 4, {"sky": 1.0}, SEG)
    assert db.set_thumbnail(a, b"\xff\xd8jpeg", "jpeg")
    assert db.thumbnail(a) == (b"\xff\xd8jpeg", "jpeg")
    assert db.delete_results([a, b, 12345]) == 2
    assert db.history() == [] and db.thumbnail(a) is None
    assert not db.set_thumbnail(a, b"x", "png")  # the result is gone: nothing stored


def test_stored_pictures_are_found_for_thumbnails(db) -> None:
    rid = db.save_classification("/p/bottle.jpg", "s", "glass", 0.9, {"glass": 0.9}, None)
    assert db.stored_picture(rid) is None
    db.save_training_image(rid, b"\xff\xd8photo", "jpeg")
    assert db.stored_picture(rid) == (b"\xff\xd8photo", "jpeg")
    sid = db.create_session("reading", "Screen 1", {"px": [10, 10]}, screenshot_png=b"\x89PNGshot")
    session_result = db.session(sid)["result_id"]
    assert db.stored_picture(session_result) == (b"\x89PNGshot", "png")


def test_thumbnails_survive_reopening_the_encrypted_file(db) -> None:
    rid = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.set_thumbnail(rid, b"\x89PNGthumb", "png")
    db.close()
    again = open_database()
    try:
        assert again.schema_version == LATEST
        assert again.thumbnail(rid) == (b"\x89PNGthumb", "png")
        assert b"PNGthumb" not in again.path.read_bytes()  # stored encrypted, like everything else
    finally:
        again.close()


def test_versions_a_person_worked_on_are_never_offered_for_replacing(db) -> None:
    noted = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.set_note(noted, "the good one")
    plain = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    checked = db.save_document_check("/d/c.pdf", "d", [], 1, "signed", 1, None)
    db.save_document_review(checked, {"verdict": "unsigned", "note": "", "boxes": {}, "added": []})
    mark = db.last_result_id()
    newest = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.save_document_check("/d/c.pdf", "d", [], 1, "signed", 1, None)
    assert db.annotated([noted, plain, checked]) == {noted, checked}
    assert db.rechecks_since(mark) == [{"id": newest, "input": "/s/a.png", "capability": "streets",
                                        "earlier": [plain]}]
