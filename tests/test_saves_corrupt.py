"""Every way a save can be wrong gets its own error and a sentence a player understands; the file is never touched."""

from __future__ import annotations

import hashlib
import json

import pytest

from game.content.loader import load_pack
from game.engine import digest
from game.saves import (
    CorruptSave, DigestMismatch, FutureSave, NotASave, PackChanged, PackNotFound, ReplayFailed, SaveError,
    SaveNotFound, TruncatedSave, load_game, save_game,
)
from tests.saves_support import copy_pack, edit, played


@pytest.fixture(scope="module")
def state(game):
    return played(game)


@pytest.fixture
def good(tmp_path, state):
    """A valid save made on a private copy of the fixture pack (which tests may then change)."""
    folder = copy_pack(tmp_path)
    return save_game(tmp_path / "saves", state, name="Good", pack_path=folder), folder


def rewrite(path, change) -> None:
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


def refused(path, error: type[SaveError], *words: str, **kwargs) -> SaveError:
    """Loading fails with exactly this error type, its message says `words`, and the file is unchanged."""
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(error) as caught:
        load_game(path, **kwargs)
    message = str(caught.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "Traceback" not in message and "\n" not in message.strip()
    assert (path.read_bytes() if path.is_file() else None) == before, "a failed load never writes"
    return caught.value


def test_missing(tmp_path):
    refused(tmp_path / "nope.json", SaveNotFound, "There is no save at")


def test_empty(tmp_path):
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    refused(path, TruncatedSave, "is empty")


def test_truncated(good):
    path, _ = good
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    refused(path, TruncatedSave, "cut off part-way", "not written completely")


def test_garbled_bytes(good):
    path, _ = good
    raw = bytearray(path.read_bytes())
    raw[500:520] = b"\xff\xfe\x00\x81" * 5
    path.write_bytes(bytes(raw))
    refused(path, CorruptSave, "is damaged", "unreadable bytes")


def test_broken_json_in_the_middle(good):
    path, _ = good
    path.write_bytes(path.read_bytes().replace(b'"seed":', b'"seed"', 1))
    refused(path, CorruptSave, "is damaged", "expecting ':' delimiter at line 1")


def test_other_json(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"resolution": [1280, 720]}', "utf-8")
    refused(path, NotASave, "not a Common Ground save", "other data")


def test_not_json_at_all(tmp_path):
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    refused(path, NotASave, "not a Common Ground save")
    text = tmp_path / "letter.json"
    text.write_text("Dear tutor, here is my game.", "utf-8")
    refused(text, NotASave, "not a Common Ground save")


def test_a_folder(tmp_path):
    (tmp_path / "folder.json").mkdir()
    refused(tmp_path / "folder.json", NotASave, "is a folder")


def test_future_version(good):
    path, _ = good

    def future(data):
        data["header"]["format"] = 99
        data["header"]["game_version"] = "9.0.0"

    rewrite(path, future)
    err = refused(path, FutureSave, "Common Ground 9.0.0", "format 99", "Update the game")
    assert err.found == 99 and 1 in err.readable


def test_unknown_old_version(good):
    path, _ = good
    rewrite(path, lambda d: d["header"].update(format=0))
    refused(path, CorruptSave, "format 0")


def test_edited_snapshot_fails_its_digest(good):
    path, _ = good
    rewrite(path, lambda d: d["snapshot"].update(reserves=d["snapshot"]["reserves"] + 1_000_000))
    refused(path, DigestMismatch, "changed or damaged", "cannot be trusted")


def test_missing_field(good):
    path, _ = good
    rewrite(path, lambda d: d.pop("seed"))
    refused(path, CorruptSave, "is damaged", "seed")


def test_header_that_disagrees_with_the_snapshot(good):
    path, _ = good
    rewrite(path, lambda d: d["header"].update(turn=1))
    refused(path, CorruptSave, "disagrees")


def test_log_that_disagrees_with_the_snapshot(good):
    path, _ = good
    rewrite(path, lambda d: d["actions"].pop())
    refused(path, CorruptSave, "disagrees")


def test_snapshot_that_does_not_fit_its_pack(good):
    path, _ = good

    def misfit(data):
        data["snapshot"]["problems"].pop("waste")
        text = json.dumps(data["snapshot"], sort_keys=True, separators=(",", ":"))
        data["digest"] = hashlib.sha256(text.encode()).hexdigest()

    rewrite(path, misfit)
    refused(path, CorruptSave, "does not fit its scenario")


def test_pack_gone(good, tmp_path):
    path, folder = good
    (folder / "pack.toml").rename(folder / "pack.toml.old")
    refused(path, PackNotFound, "Fixtureham (test fixture)", "cannot be found", "--pack")


def test_wrong_pack_given(good, tmp_path):
    path, _ = good
    other = copy_pack(tmp_path, "other")
    edit(other / "pack.toml", 'id = "fixtureham"', 'id = "elsewhere"')
    refused(path, PackNotFound, "not of", pack=load_pack(other))


def test_changed_pack_is_refused_then_replayed_on_request(good, state):
    path, folder = good
    edit(folder / "pack.toml", 'pitch = "A fictional borough', 'pitch = "An edited borough')
    err = refused(path, PackChanged, "has changed since", "replayed on the new version")
    assert err.saved_hash == state.game.pack.content_hash
    assert err.current_hash == load_pack(folder).content_hash != err.saved_hash
    loaded = load_game(path, replay=True)
    assert loaded.replayed
    assert loaded.state.game.pack.content_hash == err.current_hash
    assert [a for _, a in loaded.state.actions] == [a for _, a in state.actions]
    assert loaded.state.reserves == state.reserves, "a change of wording plays out the same"
    assert digest(loaded.state) != digest(state), "…but it is a game of the new version"


def test_replay_stops_with_a_reason_when_a_decision_is_no_longer_possible(good):
    path, folder = good
    edit(folder / "problems.toml", 'approaches = ["tender", "alliance", "community", "pilots", "in_house"]',
         'approaches = ["tender", "community", "pilots", "in_house"]')
    err = refused(path, ReplayFailed, "Decision 3", "can no longer be made", replay=True)
    assert (err.index, err.turn) == (2, 1)
