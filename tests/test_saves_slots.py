"""Saving and loading: round trips, slots, autosave rotation, the save list, the saves folder."""

from __future__ import annotations

import json
import struct
import zlib

import pytest

from game.advice import HintUse
from game.engine import digest, step, EndTurn
from game.saves import (
    SAVE_FORMAT, SaveWriteError, autosave, list_saves, load_game, read_header, save_game, saves_dir,
)
from tests.conftest import FIXTURE_PACK
from tests.saves_support import played


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def state(game):
    return played(game)


def test_round_trip_gives_the_identical_state(tmp_path, state):
    hints = [HintUse(turn=2, id="classify", subject="cynefin", severity="advice", text="Place your problems.")]
    path = save_game(tmp_path, state, name="Before the budget", hints_used=hints, pack_path=FIXTURE_PACK)
    loaded = load_game(path)
    assert digest(loaded.state) == digest(state)
    assert loaded.hints_used == tuple(hints)
    assert loaded.pack_path == FIXTURE_PACK.resolve()
    assert not loaded.replayed
    again = step(loaded.state, EndTurn())
    assert digest(again) == digest(step(state, EndTurn())), "a loaded game plays on exactly as the original"


def test_header_says_what_the_save_list_needs(tmp_path, state):
    png = tiny_png()
    path = save_game(tmp_path, state, name="My slot", thumbnail=png, pack_path=FIXTURE_PACK)
    assert path.name == "my-slot.json"
    header = read_header(path)
    assert (header.format, header.pack_id, header.turn, header.name) == (SAVE_FORMAT, "fixtureham", state.turn, "My slot")
    assert header.pack_hash == state.game.pack.content_hash
    assert header.date == "Jul–Sep 2018 (Q3)" and header.scenario == "Fixtureham (test fixture)"
    assert header.numpy_version and header.game_version
    assert header.thumbnail_png == png
    data = json.loads(path.read_text("utf-8"))
    assert list(data)[:2] == ["kind", "header"], "the header comes first so the list reads it fast"
    assert {"seed", "actions", "snapshot", "digest", "hints_used"} <= set(data)


def test_list_saves_shows_every_slot_newest_first_and_damaged_ones_too(tmp_path, state, game):
    first = save_game(tmp_path, played(game, turns=3), name="Early")
    second = save_game(tmp_path, state, name="Later", thumbnail=tiny_png())
    (tmp_path / "broken.json").write_text('{"kind":"common-ground-save","header":{"format":1', "utf-8")
    (tmp_path / ".later.json.abc.tmp").write_text("half a save", "utf-8")
    infos = list_saves(tmp_path)
    by_name = {i.path.name: i for i in infos}
    assert set(by_name) == {first.name, second.name, "broken.json"}, "temporary files are never listed"
    later = by_name[second.name]
    assert (later.name, later.scenario, later.turn, later.date) == ("Later", "Fixtureham (test fixture)", 6,
                                                                    "Jul–Sep 2018 (Q3)")
    assert later.thumbnail == tiny_png() and later.error is None and not later.autosave
    assert by_name["broken.json"].error and "cut off" in by_name["broken.json"].error
    assert [i.modified for i in infos] == sorted((i.modified for i in infos), reverse=True)


def test_list_of_a_missing_folder_is_empty(tmp_path):
    assert list_saves(tmp_path / "nowhere") == []


def test_autosave_keeps_the_last_three(tmp_path, game, state):
    written = [autosave(played(game, turns=t), folder=tmp_path) for t in (2, 3, 4, 5, 6)]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(p.name for p in written[-3:])
    infos = list_saves(tmp_path)
    assert all(i.autosave for i in infos) and infos[0].turn == 6
    assert digest(load_game(written[-1], pack=game).state) == digest(state)


def test_saving_over_a_slot_replaces_it(tmp_path, game, state):
    path = save_game(tmp_path, played(game, turns=3), name="Slot")
    assert save_game(tmp_path, state, name="Slot") == path
    assert read_header(path).turn == state.turn
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_file_that_is_not_a_save_is_never_overwritten(tmp_path, state):
    notes = tmp_path / "notes.json"
    notes.write_text('{"my": "notes"}', "utf-8")
    with pytest.raises(SaveWriteError, match="not a Common Ground save"):
        save_game(notes, state)
    assert notes.read_text("utf-8") == '{"my": "notes"}'


def test_a_damaged_save_in_the_slot_is_kept_aside(tmp_path, state):
    slot = tmp_path / "slot.json"
    slot.write_bytes(b'{"kind":"common-ground-save","header":{"form')
    save_game(slot, state)
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"kind":"common-ground-save","header":{"form'
    assert read_header(slot).turn == state.turn


def test_a_failed_write_leaves_the_old_save(tmp_path, state, game, monkeypatch):
    path = save_game(tmp_path, played(game, turns=3), name="Slot")
    before = path.read_bytes()

    def no_room(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("game.saves.atomic.os.replace", no_room)
    with pytest.raises(SaveWriteError, match="No space left on device.*untouched"):
        save_game(tmp_path, state, name="Slot")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "the temporary file is cleaned up"


def test_saves_folder_follows_common_ground_home(tmp_path, monkeypatch, state):
    monkeypatch.setenv("COMMON_GROUND_HOME", str(tmp_path))
    assert saves_dir() == tmp_path / "saves"
    path = save_game(None, state, name="Home")
    assert path.parent == tmp_path / "saves"
    assert [i.name for i in list_saves()] == ["Home"]


def test_saves_folder_defaults_to_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("COMMON_GROUND_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("game.saves.store.sys.platform", "linux")
    assert saves_dir() == tmp_path / "common-ground" / "saves"


def test_a_thumbnail_must_be_a_png(tmp_path, state):
    with pytest.raises(ValueError, match="PNG"):
        save_game(tmp_path, state, thumbnail=b"GIF89a....")
    assert list(tmp_path.iterdir()) == []


def test_the_screen_can_supply_the_scenario_itself(tmp_path, state, pack):
    path = save_game(tmp_path, state, name="No path")
    seen = []

    def from_library(header):
        seen.append(header.pack_id)
        return pack

    loaded = load_game(path, pack_loader=from_library)
    assert seen == ["fixtureham"] and digest(loaded.state) == digest(state) and loaded.pack_path is None
