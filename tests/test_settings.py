"""Settings: validated fields, change callbacks, only non-defaults saved, migration with a backup, one owner."""

from __future__ import annotations

import json
import logging

import pytest

from alyesdesk import settings as S
from alyesdesk.settings import RULES, SETTINGS_VERSION, Settings


def test_every_field_has_a_rule_and_a_description() -> None:
    assert set(S.field_names()) == set(RULES)
    assert all(S.describe(name) for name in RULES)
    assert "documents_expected_signatures" not in RULES and "streets_opacity" not in RULES


def test_assignment_is_validated_and_announced() -> None:
    settings = Settings()
    seen: list[tuple[str, object]] = []
    settings.changed.append(lambda name, value: seen.append((name, value)))
    settings.gaze_cursor_size = 40
    settings.gaze_cursor_size = 40  # same value: no second call
    settings.viewing_distance_cm = 70  # an int for a float field is accepted as float
    assert seen == [("gaze_cursor_size", 40), ("viewing_distance_cm", 70.0)]
    with pytest.raises(ValueError, match="minimum"):
        settings.idle_lock_minutes = -1
    with pytest.raises(ValueError, match="maximum"):
        settings.gaze_cursor_size = 10_000
    with pytest.raises(ValueError, match="does not match"):
        settings.gaze_cursor_color = "red"
    with pytest.raises(TypeError):
        settings.idle_lock_minutes = "ten"
    with pytest.raises(KeyError, match="known"):
        settings.update(no_such_setting=1)
    assert settings.idle_lock_minutes == 10 and settings.gaze_cursor_size == 40


def test_a_failing_listener_does_not_stop_the_others(caplog) -> None:
    settings = Settings()
    seen: list[str] = []
    settings.changed.append(lambda *_: 1 / 0)
    settings.changed.append(lambda name, _value: seen.append(name))
    with caplog.at_level(logging.ERROR):
        settings.idle_lock_minutes = 5
    assert seen == ["idle_lock_minutes"] and settings.idle_lock_minutes == 5


def test_only_non_defaults_are_saved_and_read_back() -> None:
    settings = Settings()
    settings.update(idle_lock_minutes=0, waste_region="fr-paris")
    settings.save()
    data = json.loads(Settings.path().read_text())
    assert data == {"schema_version": SETTINGS_VERSION, "idle_lock_minutes": 0, "waste_region": "fr-paris"}
    again = Settings.load()
    assert again == settings and again.gaze_cursor_size == Settings().gaze_cursor_size


def test_bad_values_are_dropped_not_fatal(caplog) -> None:
    S.Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_text(json.dumps({"schema_version": SETTINGS_VERSION, "gaze_cursor_size": -4,
                                           "idle_lock_minutes": "x", "gaze_cursor_color": "#00ff00"}))
    with caplog.at_level(logging.WARNING):
        loaded = Settings.load()
    assert loaded.gaze_cursor_size == 28 and loaded.idle_lock_minutes == 10 and loaded.gaze_cursor_color == "#00ff00"
    assert "dropped gaze_cursor_size" in caplog.text
    Settings.path().write_text("{not json")
    assert Settings.load() == Settings()


def test_version_1_is_migrated_after_a_backup() -> None:
    old = {"schema_version": 1, "viewing_distance_cm": 55.0, "documents_expected_signatures": 2,
           "streets_opacity": 0.3, "gaze_frontend": "haar"}
    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_text(json.dumps(old))
    loaded = Settings.load()
    assert loaded.viewing_distance_cm == 55.0 and loaded.gaze_frontend == "haar"
    backup = Settings.path().with_name("settings.json.v1.bak")
    assert json.loads(backup.read_text()) == old
    loaded.save()
    saved = json.loads(Settings.path().read_text())
    assert saved["schema_version"] == SETTINGS_VERSION and "streets_opacity" not in saved


def test_headless_writers_go_through_the_owner() -> None:
    from alyesdesk.inference.waste import bins

    owner = Settings()
    seen: list[tuple[str, object]] = []
    owner.changed.append(lambda name, value: seen.append((name, value)))
    S.set_owner(owner)
    try:
        bins.set_active_region("fr-lyon")
        assert owner.waste_region == "fr-lyon" and seen == [("waste_region", "fr-lyon")]
        assert bins.active_region() == "fr-lyon"
        assert json.loads(Settings.path().read_text())["waste_region"] == "fr-lyon"
    finally:
        S.set_owner(None)
    # Without an owner, the file is read and written directly.
    bins.set_active_region("fr-paris")
    assert Settings.load().waste_region == "fr-paris"


def test_the_owner_is_only_the_owner_of_its_own_data_folder(tmp_path, monkeypatch) -> None:
    owner = Settings()
    owner.waste_region = "fr-lyon"
    S.set_owner(owner)
    try:
        assert S.current() is owner
        monkeypatch.setenv("ALYESDESK_HOME", str(tmp_path / "elsewhere"))
        assert S.current() is not owner and S.current().waste_region == Settings().waste_region
    finally:
        S.set_owner(None)

