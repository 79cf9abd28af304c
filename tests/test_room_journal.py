"""The room state machine and its journal, without sockets: replay, lockstep, refusals, the files."""

from __future__ import annotations

import shutil
import sqlite3

import numpy as np
import pytest

from game.engine import digest, legal_actions
from game.room import credentials
from game.room.journal import Journal, JournalError
from game.room.room import Refused, ReplayMismatch, replay
from game.room.server import create_room, resume_room
from tests.conftest import FIXTURE_PACK


def commit(server, decision):  # noqa: ANN001 - the server's own path: journal, then apply
    server._commit(decision)


def play_some(server, rng, quarters: int) -> None:  # noqa: ANN001
    room = server.room
    for _ in range(quarters):
        for team in room.teams:
            if not team.in_play:
                continue
            for _ in range(int(rng.integers(0, 4))):
                actions = [a for a in legal_actions(team.state) if a.kind != "end_turn"]
                if not actions:
                    break
                action = actions[int(rng.integers(len(actions)))]
                commit(server, room.decide_action(team.index, team.state.turn, team.version,
                                                  {**_dict(action)}))
            if team.index != 1:  # team 2 never ends its own quarter: the room does it for them
                while team.state.pending:
                    choice = legal_actions(team.state)[-1]
                    commit(server, room.decide_action(team.index, team.state.turn, team.version, _dict(choice)))
                commit(server, room.decide_action(team.index, team.state.turn, team.version, {"kind": "end_turn"}))
        if room.phase == "playing" and not room.all_ready():
            commit(server, room.decide_advance("facilitator"))
        if rng.random() < 0.3 and room.phase == "playing":
            commit(server, room.decide_inject(["pandemic", "contractor_collapse", "grant_cut"][int(rng.integers(3))],
                                              None if rng.random() < 0.5 else int(rng.integers(3))))


def _dict(action):  # noqa: ANN001
    from game.engine import action_to_dict

    return action_to_dict(action)


def claim_all(server, names) -> None:  # noqa: ANN001
    for name in names:
        decision, _token = server.room.decide_claim(name)
        commit(server, decision)


@pytest.mark.parametrize("seed", [1, 2])
def test_resume_rebuilds_the_room_exactly(tmp_path, seed):
    hosted = create_room(FIXTURE_PACK, tmp_path / "room.sqlite", teams=3)
    server = hosted.server
    claim_all(server, ["Red", "Blue", "Green"])
    commit(server, server.room.decide_simple("start"))
    play_some(server, np.random.default_rng(seed), quarters=6)
    before = [(digest(t.state), t.ready, t.name, t.own, t.auto) for t in server.room.teams]
    assert any(t.auto for t in server.room.teams), "the room ended some quarters itself"
    server.journal.close()
    again = resume_room(FIXTURE_PACK, tmp_path / "room.sqlite").server.room
    assert [(digest(t.state), t.ready, t.name, t.own, t.auto) for t in again.teams] == before
    assert again.turn == server.room.turn and again.phase == server.room.phase


def test_a_replay_that_comes_out_differently_is_caught(tmp_path):
    hosted = create_room(FIXTURE_PACK, tmp_path / "room.sqlite", teams=2)
    server = hosted.server
    claim_all(server, ["Red", "Blue"])
    commit(server, server.room.decide_simple("start"))
    commit(server, server.room.decide_advance("facilitator"))
    server.journal.close()
    db = sqlite3.connect(tmp_path / "room.sqlite")
    body = db.execute("SELECT body FROM entries WHERE kind = 'advance'").fetchone()[0]
    db.execute("UPDATE entries SET body = ? WHERE kind = 'advance'", (body.replace('"checks":{"0":"', '"checks":{"0":"0'),))
    db.commit()
    db.close()
    with pytest.raises(ReplayMismatch, match="different game"):
        replay(server.room.game, Journal.open(tmp_path / "room.sqlite").entries())


def test_lockstep_ready_and_refusals(tmp_path):
    server = create_room(FIXTURE_PACK, tmp_path / "room.sqlite", teams=2).server
    room = server.room
    claim_all(server, ["Red", "Blue"])
    with pytest.raises(Refused, match="not started"):
        room.decide_action(0, 1, 0, {"kind": "end_turn"})
    commit(server, room.decide_simple("start"))
    v = room.teams[0].version
    commit(server, room.decide_action(0, 1, v, {"kind": "end_turn"}))
    assert room.teams[0].ready and room.turn == 1 and not room.should_advance()
    with pytest.raises(Refused, match="ended the quarter"):
        room.decide_action(0, 1, v, {"kind": "make_sense", "problem": "adult_care"})
    with pytest.raises(Refused) as stale:
        room.decide_action(1, 1, v + 5, {"kind": "make_sense", "problem": "adult_care"})
    assert stale.value.code == "stale" and stale.value.resync
    with pytest.raises(Refused) as bad:
        room.decide_action(1, 1, v, {"kind": "make_sense", "problem": "adult_care", "team": 0})
    assert bad.value.code == "bad_message"
    with pytest.raises(Refused, match="already joined"):
        room.decide_claim("red")
    commit(server, room.decide_action(1, 1, v, {"kind": "end_turn"}))
    assert room.turn == 2 and not any(t.ready for t in room.teams), "the last ready team moved the room on"


def test_journal_files_are_never_overwritten_and_bad_ones_explained(tmp_path):
    path = tmp_path / "room.sqlite"
    create_room(FIXTURE_PACK, path, teams=2).server.journal.close()
    with pytest.raises(JournalError, match="--resume"):
        create_room(FIXTURE_PACK, path, teams=2)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 50)
    with pytest.raises(JournalError, match="not a room journal"):
        resume_room(FIXTURE_PACK, junk)
    with pytest.raises(JournalError, match="no journal"):
        resume_room(FIXTURE_PACK, tmp_path / "missing.sqlite")


def test_resume_refuses_a_pack_that_changed_since(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE_PACK, pack)
    create_room(pack, tmp_path / "room.sqlite", teams=2).server.journal.close()
    (pack / "pack.toml").write_text((pack / "pack.toml").read_text().replace("turns = 16", "turns = 15"))
    with pytest.raises(JournalError, match="changed version"):
        resume_room(pack, tmp_path / "room.sqlite")


def test_resume_with_a_running_timer_comes_back_paused_with_the_time_left(tmp_path):
    path = tmp_path / "room.sqlite"
    server = create_room(FIXTURE_PACK, path, teams=1, timer=300).server
    commit(server, server.room.decide_simple("start"))
    server.journal.close()
    hosted = resume_room(FIXTURE_PACK, path)
    room = hosted.server.room
    assert room.paused and not room.clock.running
    assert 0 < room.clock.remaining(0.0) <= 300
    assert any("paused" in note for note in hosted.notes)
    assert credentials.matches(hosted.secret, room.facilitator_hash)


def test_a_room_still_running_cannot_be_resumed_a_second_time(tmp_path):
    # The second host used to write its own entries into the running room's journal, whose next entry then
    # clashed on its number: the running room could save nothing more.
    path = tmp_path / "room.sqlite"
    server = create_room(FIXTURE_PACK, path, teams=1).server
    commit(server, server.room.decide_simple("start"))
    entries = len(list(Journal.open(path).entries()))
    with pytest.raises(JournalError, match="this room is already running"):
        resume_room(FIXTURE_PACK, path)
    assert len(list(Journal.open(path).entries())) == entries, "the refused host wrote nothing"
    commit(server, server.room.decide_simple("pause"))  # the running room carries on saving
    server.journal.close()
    assert resume_room(FIXTURE_PACK, path).server.room.paused, "once it has stopped, it resumes"


def test_a_clean_stop_holds_the_quarters_clock_where_it_was(tmp_path):
    # A restart rebuilt the clock from the last entry: stopping a room 1.5 s after the quarter began gave the
    # teams those seconds back (a whole quarter's, had nobody acted in it).
    import asyncio
    import time

    from game.room.loopback import loopback_room

    async def play() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1, timer=300) as lb:
            fac = await lb.facilitator()
            await fac.start()
            await asyncio.sleep(1.5)
            await fac.close()

    asyncio.run(asyncio.wait_for(play(), 60))
    last = list(Journal.open(tmp_path / "room.sqlite").entries())[-1]
    assert last.kind == "pause"
    hosted = resume_room(FIXTURE_PACK, tmp_path / "room.sqlite")
    room = hosted.server.room
    assert room.paused and room.clock.remaining(time.time()) <= 300 - 1.4
    assert any("paused, as it was when it stopped" in note for note in hosted.notes)


def test_credentials_forgive_case_and_separators():
    token = credentials.new_token()
    digest_ = credentials.hashed(token)
    assert credentials.matches(token.lower().replace("-", " "), digest_)
    assert not credentials.matches(credentials.new_token(), digest_)
    code = credentials.new_join_code()
    assert credentials.same_code(code.lower(), code) and not credentials.same_code("ZZZZZZ", code)
    assert not set(code) & set("01OIL")
