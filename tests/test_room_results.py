"""Comparing teams: the cohort debrief's data, and the CSV and HTML exports."""

from __future__ import annotations

import csv
import io
import re

import numpy as np

from game.engine import Commission, EndTurn, legal_actions, score, step
from game.room.results import debrief, decisive, results_csv, results_html
from game.room.server import create_room
from tests.conftest import FIXTURE_PACK
from tests.helpers import answer_pending


def played_room(tmp_path):  # noqa: ANN201
    server = create_room(FIXTURE_PACK, tmp_path / "room.sqlite", teams=3).server
    room = server.room
    for name in ("Red", "Blue <script>"):
        server._commit(room.decide_claim(name)[0])
    rng = np.random.default_rng(11)
    for team in room.teams[:2]:
        state = team.state
        for _ in range(6):
            actions = [a for a in legal_actions(state) if a.kind not in ("end_turn", "choose")]
            if actions:
                state = step(state, actions[int(rng.integers(len(actions)))])
            state = answer_pending(state)
            if state.is_over:
                break
            state = step(state, EndTurn())
        team.state = state
    return room


def test_decisive_decisions_are_the_teams_own_and_biggest_first(tmp_path, game):
    from game.engine import new_game

    state = new_game(game)
    combo = next(a for a in legal_actions(state) if isinstance(a, Commission))
    state = step(state, combo)
    for _ in range(6):
        state = step(answer_pending(state), EndTurn())
    decisions = decisive(state)
    assert decisions and decisions[0].cause == "action:0" and decisions[0].turn == 1
    assert decisions[0].text.startswith("Commissioned")
    assert all(d.cause.split(":")[0] in ("action", "choice") for d in decisions)
    assert [d.weight for d in decisions] == sorted((d.weight for d in decisions), reverse=True)


def test_csv_has_one_row_per_team_with_the_score_card(tmp_path):
    room = played_room(tmp_path)
    rows = list(csv.DictReader(io.StringIO(results_csv(room))))
    assert [r["name"] for r in rows] == ["Red", "Blue <script>"], "unclaimed places are left out"
    for row, team in zip(rows, room.teams):
        card = score(team.state)
        assert row["grade"] == card.grade and float(row["score"]) == card.total
        assert float(row["reserves_m"]) == card.reserves
        assert float(row["outcome_adult_care"]) == card.outcomes["adult_care"]
        assert row["decision_1"].startswith("quarter ")


def test_html_report_is_self_contained_and_escaped(tmp_path):
    room = played_room(tmp_path)
    page = results_html(room)
    assert "Blue &lt;script&gt;" in page and "<script>" not in page
    assert not re.search(r"(src|href)\s*=|https?://|@import|url\(", page), "nothing fetched from elsewhere"
    assert page.count("<svg") == 3 and page.count("<polyline") == 6, "three charts, a line per team"


def test_debrief_series_follow_the_snapshots(tmp_path):
    room = played_room(tmp_path)
    data = debrief(room)
    red = data["teams"][0]
    snaps = room.teams[0].state.snapshots
    assert len(red["series"]["reserves"]) == len(snaps)
    assert red["series"]["reserves"][-1] == round(snaps[-1]["reserves"], 2)


def test_a_room_ended_early_says_how_far_the_teams_got(tmp_path):
    # Once no team was in play the room's turn fell back to the game's last quarter: a room ended in
    # quarter 7 was reported as "quarter 16 of 16".
    server = create_room(FIXTURE_PACK, tmp_path / "room.sqlite", teams=2).server
    room = server.room
    server._commit(room.decide_claim("Red")[0])
    server._commit(room.decide_simple("start"))
    for _ in range(6):
        server._commit(room.decide_advance("facilitator"))
    server._commit(room.decide_simple("end"))
    data = debrief(room)
    assert data["phase"] == "over" and data["turns"] == 16
    assert data["turn"] == room.teams[0].state.turn == 7
    html = results_html(room)
    assert "quarter 7 of 16; game over." in html
    assert "<td>–</td>" in html, "a team that commissioned nothing shows no approach fit as –, not a blank"


def test_an_answer_in_the_cohort_debrief_is_the_teams_not_yours(game):
    # The facilitator's screen compares teams: "Your answer to 'Grant cut'" read as if addressed to them.
    from game.engine import Choose, new_game

    state = new_game(game)
    for _ in range(3):
        state = step(state, EndTurn())
    assert any(p.event == "grant_cut" for p in state.pending), "the fixture's grant cut arrives in turn 4"
    state = step(state, Choose("grant_cut", "cuts"))
    for _ in range(4):
        state = step(answer_pending(state), EndTurn())
    [answer] = [d for d in decisive(state, n=20) if d.cause == "choice:grant_cut.cuts"]
    assert answer.text == "Answered 'Grant cut': Cut every department by the same share"
