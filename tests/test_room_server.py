"""The room over real sockets on loopback: full games, rejoining, and everything a client must not be able to do."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import numpy as np
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from game.engine import (
    Choose, EndTurn, IllegalAction, MakeSense, action_from_dict, digest, legal_actions, new_game, step,
)
from game.room import protocol as p
from game.room.client import RoomRefused
from game.room.journal import Journal
from game.room.loopback import loopback_room, wait_until as until
from game.room.network import NetworkError, bind
from tests.conftest import FIXTURE_PACK


def run(coro: Any, timeout: float = 60.0) -> Any:
    return asyncio.run(asyncio.wait_for(coro, timeout))


class Raw:
    """A bare websocket speaking JSON, for sending what a well-behaved client never would."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    async def send(self, data: Any) -> None:
        await self.ws.send(data if isinstance(data, (str, bytes)) else json.dumps(data))

    async def recv(self) -> dict[str, Any]:
        return json.loads(await asyncio.wait_for(self.ws.recv(), 5))

    async def ask(self, data: Any) -> dict[str, Any]:
        await self.send(data)
        return await self.recv()

    async def join(self, data: dict[str, Any]) -> dict[str, Any]:
        """Send a join and return the welcome (or the error), skipping the room status sent before it."""
        await self.send({"type": "join", **data})
        while True:
            message = await self.recv()
            if message["type"] in ("welcome", "error"):
                return message

    async def until_type(self, kind: str) -> dict[str, Any]:
        while True:
            message = await self.recv()
            if message["type"] == kind:
                return message


async def raw(address: str) -> Raw:
    return Raw(await connect(f"ws://{address}", max_size=p.CLIENT_MAX_SIZE))


def server_digests(lb: Any) -> list[str]:
    return [digest(t.state) for t in lb.server.room.teams]


def journal_length(lb: Any) -> int:
    return len(list(Journal.open(lb.server.journal.path).entries()))


# ---------------------------------------------------------------------- a whole game


def test_full_game_with_three_teams_in_lockstep(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=3) as lb:
            fac = await lb.facilitator()
            teams = [await lb.team(name) for name in ("Red", "Blue", "Green")]
            assert [t.team for t in teams] == [0, 1, 2]
            assert all(t.token for t in teams)
            await fac.start()
            rng = np.random.default_rng(5)
            turns_seen = []
            while fac.room.phase != "over":
                turn = fac.room.turn
                for i, team in enumerate(teams):
                    for _ in range(i + 1):  # each team plays differently
                        actions = [a for a in legal_actions(team.state) if a.kind != "end_turn"]
                        if actions:
                            await team.submit(actions[int(rng.integers(len(actions)))])
                    while team.state.pending:
                        await team.submit(legal_actions(team.state)[0])
                    assert fac.room.turn == turn, "nobody moves on until every team is ready"
                    await team.end_turn()
                await until(lambda: fac.room.turn > turn or fac.room.phase == "over")
                await until(lambda: all(t.state.turn == fac.room.turn or t.state.is_over for t in teams))
                turns_seen.append(fac.room.turn)
            assert turns_seen[-1] == 16 and fac.room.phase == "over"
            states = await fac.sync()
            for index, team in enumerate(teams):
                assert digest(team.state) == states[index].digest == server_digests(lb)[index]
                # the room's game is exactly the engine replaying the team's log
                replayed = new_game(lb.server.room.game, lb.server.room.settings["seed"])
                for _turn, action in lb.server.room.teams[index].state.actions:
                    replayed = step(replayed, action_from_dict(action))
                assert digest(replayed) == states[index].digest
            assert len({d for d in server_digests(lb)}) == 3, "different play, different games"
            rows = {r.name: r for r in fac.rows}
            assert set(rows) == {"Red", "Blue", "Green"} and all(r.grade in "ABCDE" for r in rows.values())
            debrief = await fac.debrief()
            assert [t["name"] for t in debrief["teams"]] == ["Red", "Blue", "Green"]
            for t in debrief["teams"]:
                state = lb.server.room.teams[t["index"]].state
                assert len(t["series"]["reserves"]) == len(state.snapshots) > 1
                assert t["series"]["reserves"][-1] == pytest.approx(state.reserves / 1000, abs=0.01)
            assert lb.server.exports is not None and lb.server.exports[1].is_file(), "results written at the end"

    run(scenario(), timeout=120)


def test_injected_events_reach_one_team_or_all_and_are_journalled(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            fac = await lb.facilitator()
            red, blue = await lb.team("Red"), await lb.team("Blue")
            assert {"contractor_collapse", "pandemic"} <= {e.id for e in fac.events}
            await fac.start()
            before = [red.version, blue.version]
            await fac.inject("contractor_collapse", team=1)
            await until(lambda: blue.version == before[1] + 1)
            assert red.version == before[0]
            assert any(v.collapsed for v in blue.state.providers.values())
            await fac.inject("pandemic")
            await until(lambda: red.version == before[0] + 1 and blue.version == before[1] + 2)
            assert digest(red.state) == server_digests(lb)[0] and digest(blue.state) == server_digests(lb)[1]
            with pytest.raises(RoomRefused, match="no event"):
                await fac.inject("no_such_event")
            kinds = [e.kind for e in Journal.open(lb.server.journal.path).entries()]
            assert kinds.count("inject") == 2

    run(scenario())


def test_timer_warns_then_ends_the_quarter_and_answers_waiting_choices(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2, warnings=(1,)) as lb:
            fac = await lb.facilitator()
            red, blue = await lb.team("Red"), await lb.team("Blue")
            await fac.start()
            await fac.inject("grant_cut", team=0)
            await until(lambda: bool(red.state.pending))
            await blue.end_turn()
            await fac.set_timer(2)
            await until(lambda: fac.room.turn == 2, timeout=10)
            warned = [n.text for n in red.notices]
            assert "1 second left in this quarter." in warned
            assert warned.index("1 second left in this quarter.") < warned.index(
                "Time is up: the room has moved on to the next quarter.")
            await until(lambda: red.state.turn == 2 and blue.state.turn == 2)
            logged = [a for _t, a in red.state.actions]
            assert {"kind": "choose", "event": "grant_cut", "choice": "reserves"} in logged, "first option"
            assert not red.state.pending
            advance = [e for e in Journal.open(lb.server.journal.path).entries() if e.kind == "advance"][-1]
            assert advance.body["reason"] == "timer"
            assert advance.body["auto"]["0"][0] == {"kind": "choose", "event": "grant_cut", "choice": "reserves"}
            assert "1" not in advance.body["auto"], "Blue had ended its quarter itself"
            assert any("Time is up" in n.text for n in red.notices)
            assert fac.room.timer.running and fac.room.timer.seconds == 2, "the next quarter's clock is running"

    run(scenario())


def test_pause_holds_every_team_and_resume_releases_them(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1) as lb:
            fac = await lb.facilitator()
            red = await lb.team("Red")
            with pytest.raises(RoomRefused) as lobby:
                await red.submit(MakeSense("adult_care"))
            assert lobby.value.code == "out_of_turn"
            await fac.start()
            await fac.pause()
            with pytest.raises(RoomRefused) as paused:
                await red.submit(MakeSense("adult_care"))
            assert paused.value.code == "paused"
            await fac.resume()
            await red.submit(MakeSense("adult_care"))
            await fac.broadcast("Five minutes to go")
            await until(lambda: any(n.text == "Five minutes to go" for n in red.notices))
            await fac.end_game()
            with pytest.raises(RoomRefused, match="ended"):
                await red.submit(MakeSense("homelessness"))

    run(scenario())


def test_facilitator_can_hold_the_room_until_they_advance(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            fac = await lb.facilitator()
            red, blue = await lb.team("Red"), await lb.team("Blue")
            await fac.start()
            await fac.auto_advance(False)
            await red.end_turn()
            await red.unready()
            await red.end_turn()
            await blue.end_turn()
            await until(lambda: fac.room.ready == [0, 1])
            assert fac.room.turn == 1, "held for the facilitator"
            await fac.advance()
            await until(lambda: red.state.turn == 2 and blue.state.turn == 2)

    run(scenario())


# ---------------------------------------------------------------------- leaving and coming back


def test_team_rejoins_with_its_token_from_another_laptop(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            fac = await lb.facilitator()
            red = await lb.team("Red")
            await fac.start()
            await red.submit(MakeSense("adult_care"))
            token, seen = red.token, digest(red.state)
            await red.close()  # the laptop dies
            with pytest.raises(RoomRefused) as taken:
                await lb.team("Red", tokens=None, token=None, cache=tmp_path / "other")  # no token: refused
            assert taken.value.code == "bad_token"
            with pytest.raises(RoomRefused) as wrong:
                await lb.team("Red", token="AAAAA-BBBBB")
            assert wrong.value.code == "bad_token"
            from game.room.client import TokenStore

            again = await lb.team("red", token=token, tokens=TokenStore(tmp_path / "laptop2.json"))
            assert again.team == 0 and again.name == "Red"
            assert digest(again.state) == seen
            await again.submit(MakeSense("homelessness"))
            assert digest(again.state) == server_digests(lb)[0]
            new_token = await fac.reissue_token(0)
            with pytest.raises(RoomRefused):
                await lb.team("Red", token=token)
            assert (await lb.team("Red", token=new_token)).team == 0

    run(scenario())


def test_client_follows_the_room_across_a_dropped_connection(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            fac = await lb.facilitator()
            red = await lb.team("Red", reconnect_for=10.0)
            await fac.start()
            for client in list(lb.server.clients):
                if client.team == 0:
                    await client.ws.close()  # the Wi-Fi blinks
            await fac.inject("pandemic", team=0)  # happens while Red is away
            await until(lambda: digest(red.state) == server_digests(lb)[0])
            await red.submit(MakeSense("adult_care"))
            assert digest(red.state) == server_digests(lb)[0]

    run(scenario())


# ---------------------------------------------------------------------- what must be refused


def test_garbage_oversized_and_unknown_messages_get_errors_and_change_nothing(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            fac = await lb.facilitator()
            await lb.team("Red")
            await fac.start()
            before, entries = server_digests(lb), journal_length(lb)
            ws = await raw(lb.address)
            assert (await ws.ask("not json {"))["code"] == "bad_message"
            assert (await ws.ask(b"\x00\x01binary"))["code"] == "bad_message"
            assert (await ws.ask({"type": "launch_missiles"}))["code"] == "unknown"
            forged = {"type": "applied", "team": 0, "version": 99, "action": {"kind": "end_turn"}, "origin": "auto",
                      "check": ""}
            assert (await ws.ask(forged))["code"] == "unknown", "server messages are not client messages"
            assert (await ws.join({"code": lb.code, "team": "Blue", "protocol": 99}))["code"] == "protocol"
            assert (await ws.ask({"no_type": 1}))["code"] == "unknown"
            assert (await ws.ask([1, 2, 3]))["code"] in ("bad_message", "unknown")
            assert (await ws.ask({"type": "act", "turn": 1, "at": 0, "action": {"kind": "end_turn"}}))["code"] \
                == "not_joined"
            big = {"type": "broadcast", "text": "x" * (p.MAX_CLIENT_TEXT + 10)}
            assert (await ws.ask(big))["code"] == "too_large"
            joined = await ws.join({"code": lb.code, "team": "Blue", "ref": 7})
            assert joined["type"] == "welcome" and joined["reply_to"] == 7, "still served after all that"
            await ws.until_type("state")
            oversized = "x" * (p.SERVER_MAX_SIZE + 1)
            await ws.send(oversized)
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    await ws.recv()
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
            assert server_digests(lb) == before
            assert journal_length(lb) == entries + 1, "only Blue's joining was recorded"

    run(scenario())


def test_wrong_join_code_is_refused_and_guessing_is_cut_off(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            ws = await raw(lb.address)
            for _ in range(5):
                reply = await ws.join({"code": "WRONG1", "team": "Red"})
                assert reply["code"] == "wrong_code"
            with pytest.raises(ConnectionClosed):
                await ws.recv()
            assert not any(t.claimed for t in lb.server.room.teams)
            bad = await raw(lb.address)
            assert (await bad.ask({"type": "facilitate", "secret": "guess"}))["code"] == "bad_token"

    run(scenario())


def test_a_team_cannot_act_for_another_team_or_the_facilitator(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            fac = await lb.facilitator()
            blue = await lb.team("Blue")
            red = await lb.team("Red")
            await fac.start()
            ws = await raw(lb.address)
            await ws.join({"code": lb.code, "team": "Red", "token": red.token})
            state = await ws.until_type("state")
            blue_before = digest(lb.server.room.teams[0].state)
            act = {"type": "act", "turn": 1, "at": state["version"],
                   "action": {"kind": "make_sense", "problem": "adult_care"}}
            assert (await ws.ask({**act, "team": 0}))["code"] == "bad_message", "no way to name another team"
            inject = {"type": "inject", "event": "pandemic", "team": 0}
            assert (await ws.ask(inject))["code"] == "forbidden"
            for command in ({"type": "advance"}, {"type": "end_game"}, {"type": "reissue_token", "team": 0},
                            {"type": "start"}, {"type": "get_debrief"}):
                assert (await ws.ask(command))["code"] == "forbidden"
            smuggled = {**act, "action": {"kind": "inject_event", "event": "pandemic"}}
            assert (await ws.ask(smuggled))["code"] == "forbidden"
            again = await ws.join({"code": lb.code, "team": "Blue"})
            assert again["code"] == "bad_message", "one connection, one team"
            other = await raw(lb.address)
            welcome = await other.join({"code": lb.code, "team": "Blue", "token": red.token})
            assert welcome["team"] == 1, "a token only ever opens its own team"
            assert digest(lb.server.room.teams[0].state) == blue_before == digest(blue.state)
            await fac.inject("pandemic", team=1)
            await until(lambda: red.version == state["version"] + 1)
            assert blue.version == state["version"]

    run(scenario())


def test_stale_and_out_of_turn_actions_are_refused_and_the_state_resent(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1) as lb:
            fac = await lb.facilitator()
            await lb.team("Red")
            await fac.start()
            ws = await raw(lb.address)
            token = lb.server.room.teams[0].token_hash
            assert token is not None
            red = await lb.team("Red", token=(await fac.reissue_token(0)))
            await ws.join({"code": lb.code, "team": "Red", "token": red.token})
            seen = (await ws.until_type("state"))["version"]
            await fac.inject("pandemic", team=0)  # the game moves on while this screen still shows `seen`
            await until(lambda: red.version == seen + 1)
            before = server_digests(lb)
            act = {"type": "act", "turn": 1, "at": seen, "action": {"kind": "make_sense", "problem": "adult_care"},
                   "ref": 3}
            await ws.send(act)
            reply = await ws.until_type("error")
            assert reply["code"] == "stale" and reply["reply_to"] == 3
            fresh = await ws.until_type("state")
            assert fresh["version"] == seen + 1 and fresh["digest"] == before[0]
            assert server_digests(lb) == before
            await ws.send({**act, "at": fresh["version"], "turn": 2})
            assert (await ws.until_type("error"))["code"] == "out_of_turn"
            await ws.send({**act, "at": fresh["version"], "action": {"kind": "make_sense", "problem": "nowhere"}})
            assert (await ws.until_type("error"))["code"] == "illegal"
            assert server_digests(lb) == before
            await ws.send({**act, "at": fresh["version"]})
            applied = await ws.until_type("applied")
            assert applied["version"] == seen + 2 and applied["reply_to"] == 3

    run(scenario())


def test_room_refuses_joiners_beyond_its_places(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1) as lb:
            await lb.team("Red")
            with pytest.raises(RoomRefused) as full:
                await lb.team("Blue")
            assert full.value.code == "room_full"

    run(scenario())


def test_a_port_in_use_is_reported_plainly():
    first = bind(0, "127.0.0.1")
    try:
        with pytest.raises(NetworkError, match="already in use"):
            bind(first.getsockname()[1], "127.0.0.1")
    finally:
        first.close()


def test_unanswered_choice_blocks_ready_until_answered(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1) as lb:
            fac = await lb.facilitator()
            red = await lb.team("Red")
            await fac.start()
            await fac.inject("grant_cut", team=0)
            await until(lambda: bool(red.state.pending))
            with pytest.raises(RoomRefused, match="Answer"):
                await red.end_turn()
            await red.submit(Choose("grant_cut", "cuts"))
            await red.end_turn()
            await until(lambda: red.state.turn == 2)
            with pytest.raises(IllegalAction):
                step(red.state, Choose("grant_cut", "cuts"))
            assert red.state.turn == lb.server.room.turn == 2
            assert [a for _t, a in red.state.actions][-1] == {"kind": "end_turn"}
            assert EndTurn() is not None

    run(scenario())


def test_a_client_whose_token_was_replaced_stops_trying_to_rejoin(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1) as lb:
            fac = await lb.facilitator()
            red = await lb.team("Red", reconnect_for=10.0)
            await fac.reissue_token(0)  # e.g. the team moved to another laptop
            for client in list(lb.server.clients):
                if client.team == 0:
                    await client.ws.close()
            await until(lambda: any(kind == "error" and m.code == "bad_token" for kind, m in list(red.updates.queue)))
            await asyncio.sleep(0.6)
            assert not any(c.team == 0 for c in lb.server.clients) and red._closing

    run(scenario())


def test_a_client_copy_that_drifts_is_caught_and_replaced(tmp_path):
    async def scenario() -> None:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1) as lb:
            fac = await lb.facilitator()
            red = await lb.team("Red")
            await fac.start()
            drifted = red.state.clone()
            drifted.reserves += 1  # as if this laptop's engine computed something else
            red._state = drifted
            assert digest(red.state) != server_digests(lb)[0]
            await fac.inject("good_news", team=0)  # the next change carries the room's fingerprint
            await until(lambda: digest(red.state) == server_digests(lb)[0])
            assert any(kind == "state" for kind, _ in list(red.updates.queue)), "a whole state was sent"

    run(scenario())
