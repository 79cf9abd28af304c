"""Sums that give the same bits on every supported Python (game.engine.floats)."""

from __future__ import annotations

import ast
from pathlib import Path

from game.engine.floats import add_up
from tests.conftest import ROOT

GUARDED = [*sorted((ROOT / "game" / "engine").rglob("*.py")), *sorted((ROOT / "game" / "sim" / "bots").rglob("*.py")),
           *(ROOT / "game" / "debrief" / f"{name}.py" for name in ("attribution", "build", "history")),
           ROOT / "game" / "sim" / "runner.py", ROOT / "game" / "room" / "results.py"]
"""what decides a game's numbers, a simulation's results, a debrief's figures or a room's results table"""


def test_add_up_adds_left_to_right_as_python_3_11_does():
    # Python 3.12's compensated `sum` gives 1.0 here; 3.10 and 3.11 give 0.0 (so this tells the two
    # apart only when the suite runs on 3.12 or later; the guard below holds on every version)
    assert add_up([1e16, 1.0, -1e16]) == 0.0
    assert add_up(x for x in (0.1, 0.2, 0.3)) == (0.1 + 0.2) + 0.3
    assert add_up([]) == 0 and isinstance(add_up([2, 3]), int)


def _sum_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "sum"]


def test_nothing_that_decides_a_game_uses_the_built_in_sum():
    """The built-in changed its rounding in Python 3.12; one changed bit sent 15 of 198 regression
    games down another path there."""
    found = {str(p.relative_to(ROOT)): lines for p in GUARDED if (lines := _sum_calls(p))}
    assert not found, f"use game.engine.floats.add_up instead of sum(): {found}"


def test_weighted_outcome_weighs_each_problem_as_the_score_card_does(game):
    """One reading of a snapshot for the simulator's results, the room's table and the debrief chart."""
    from game.engine import EndTurn, new_game, step, weighted_outcome

    state = step(step(new_game(game, 4), EndTurn()), EndTurn())
    weights = {p.id: p.weight for p in game.pack.problems}
    for snap in state.snapshots:
        expected = sum(snap[f"problem.{k}.outcome"] * w for k, w in weights.items()) / sum(weights.values())
        assert abs(weighted_outcome(game, snap) - expected) < 1e-9
    assert weighted_outcome(game, state.snapshots[-1]) != weighted_outcome(game, state.snapshots[0])
