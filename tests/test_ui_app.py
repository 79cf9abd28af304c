"""Starting the game, settings, saves and the main loop's manners (no display, no audio, idle)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pygame

from tests.ui_driver import app, click_control, focus, home, key, playing, pump  # noqa: F401

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_no_display_gives_a_clear_message_not_a_traceback(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="no-such-driver", COMMON_GROUND_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "needs a screen" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_pack_argument_is_one_line(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", COMMON_GROUND_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "main.py", "play", str(tmp_path / "nowhere")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "nowhere" in done.stderr


def test_no_audio_device_means_no_sound(monkeypatch):
    from game.ui.sound import Sounds

    def refuse(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", refuse)
    sounds = Sounds(True)
    assert not sounds.available
    sounds.play("click")


def test_settings_persist_and_a_damaged_file_falls_back(home):
    from game.ui.settings import Settings, load_settings, save_settings

    assert save_settings(Settings(palette="colour_blind", text_size=1.3)) is None
    loaded, note = load_settings()
    assert loaded.palette == "colour_blind" and loaded.text_size == 1.3 and note is None
    (home / "settings.json").write_text("{not json")
    loaded, note = load_settings()
    assert loaded == Settings() and "damaged" in note
    (home / "settings.json").write_text(json.dumps({"palette": "neon", "sound": False}))
    loaded, note = load_settings()
    assert loaded.sound is False and loaded.palette == "standard" and "palette" in note


def test_settings_screen_by_keyboard_applies_and_saves(app, home):
    from game.ui.scenes.settings import SettingsScreen

    app.push(SettingsScreen(app))
    pump(app)
    focus(app, "palette")
    key(app, pygame.K_RIGHT)
    assert app.settings.palette == "colour_blind"
    assert app.theme.palette.good != (46, 125, 79)
    assert json.loads((home / "settings.json").read_text())["palette"] == "colour_blind"
    focus(app, "text_size")
    before = app.theme.font_px["body"]
    key(app, pygame.K_RIGHT)
    assert app.theme.font_px["body"] > before
    assert app.top.name == "settings", "the screen survives its own relayout"


def test_palettes_fill_every_role():
    from game.ui.theme import PALETTES, colour_fields

    for palette in PALETTES.values():
        for name in colour_fields():
            assert getattr(palette, name) is not None
        assert set(palette.domain_fill) == set(palette.domain_ink) == {"disorder", "clear", "complicated", "complex",
                                                                       "chaotic"}


def test_readable_from_720p_to_4k():
    from game.ui.settings import Settings
    from game.ui.theme import Theme

    small = Theme(Settings(), (1280, 720))
    big = Theme(Settings(), (3840, 2160))
    assert small.font_px["small"] >= 11 and small.font_px["body"] >= 13
    assert big.font_px["body"] == 2 * Theme(Settings(), (1920, 1080)).font_px["body"]


def test_idle_loop_sleeps_and_does_not_redraw(playing, monkeypatch):
    from game.ui.app import IDLE_WAIT_MS

    pump(playing)
    drawn = []
    monkeypatch.setattr(playing, "render", lambda: drawn.append(1))
    playing._tip = None
    playing._toast = None
    playing.frame([])
    assert drawn == []
    assert playing._wake_after() == IDLE_WAIT_MS


def test_title_to_a_new_game_by_keyboard(app):
    from game.ui.scenes.title import Title

    app.push(Title(app))
    pump(app)
    key(app, pygame.K_n, unicode="n")
    assert app.top.name == "scenarios"
    assert app.top.items, "at least the fixture pack is offered"
    key(app, pygame.K_RETURN)
    assert app.stack[0].name == "dashboard", "the game starts (an opening event may sit on top)"
    assert app.session.state.turn == 1


def test_save_then_load_from_the_menu(playing, home):
    from game.engine import MakeSense, digest

    playing.act(MakeSense("waste"))
    saved = digest(playing.session.state)
    key(playing, pygame.K_s, mod=pygame.KMOD_CTRL)
    assert playing.top.name == "saves" and playing.top.mode == "save"
    click_control(playing, "confirm")
    assert list((home / "saves").glob("*.json"))
    playing.act(MakeSense("parks"))
    key(playing, pygame.K_ESCAPE)
    assert playing.top.name == "pause"
    click_control(playing, "load")
    row = next(c.key for c in playing.top.ring.controls if c.key.startswith("save:"))
    click_control(playing, row)
    click_control(playing, "confirm")
    assert playing.top.name == "dashboard", playing._toast
    assert digest(playing.session.state) == saved


def test_saves_carry_a_picture_of_the_council_for_the_load_list(playing, home):
    import io

    from game.engine import EndTurn
    from game.saves import list_saves

    key(playing, pygame.K_s, mod=pygame.KMOD_CTRL)
    click_control(playing, "confirm")
    playing.act(EndTurn())
    pump(playing)
    saves = list_saves()
    assert {s.autosave for s in saves} == {True, False}
    for info in saves:
        picture = pygame.image.load(io.BytesIO(info.thumbnail), "t.png")
        assert picture.get_size() == (320, 180), "a small picture of the 1280×720 window"
    key(playing, pygame.K_RETURN)
    key(playing, pygame.K_ESCAPE)
    click_control(playing, "load")
    dialog = playing.top
    assert dialog.name == "saves" and all(dialog._thumbnail(info, 60) is not None for info, _ in dialog.rows)
