"""A plausible game in progress, played by rule, for screenshots, benchmarks and tests.

It classifies and makes sense, commissions what fits the player's judgement,
answers events, and ends quarters, so every panel of every screen has
something in it. It uses only legal actions from the engine.
"""

from __future__ import annotations

from ..engine import Classify, Commission, EndTurn, MakeSense, State, is_legal, legal_actions, new_game, step


def late_game(pack, turns: int = 10, seed: int | None = None) -> State:  # noqa: ANN001
    """The fixture (or any) pack played for `turns` quarters by a sensible, simple player."""
    state = new_game(pack, seed)
    for _ in range(turns):
        if state.is_over:
            break
        state = play_quarter(state)
        while state.pending and not state.is_over:
            state = step(state, legal_actions(state)[0])
        if not state.is_over:
            state = step(state, EndTurn())
    while state.pending and not state.is_over:
        state = step(state, legal_actions(state)[0])
    return state


GUESS_ORDER = ("complex", "complicated", "clear", "chaotic")
"""a player's habit when the evidence leaves several domains open (so some guesses are wrong)"""


def play_quarter(state: State) -> State:
    """Make sense of the least understood problem, place each problem by the evidence, commission one fit."""
    open_ = sorted((p for p in state.problems.values() if len(p.candidates) > 1), key=lambda p: -len(p.candidates))
    if open_ and is_legal(state, MakeSense(open_[0].id)):
        state = step(state, MakeSense(open_[0].id))
    for pid, p in state.problems.items():
        if not p.evidence:
            continue
        guess = next(d for d in GUESS_ORDER if d in p.candidates)
        if p.perceived != guess:
            state = step(state, Classify(pid, guess))  # type: ignore[arg-type]
    fit = state.game.cfg.fit
    for action in legal_actions(state):
        if isinstance(action, Commission):
            perceived = state.problems[action.problem].perceived
            served = state.live_contracts(action.problem)
            if perceived != "disorder" and not served and fit[action.approach][perceived] >= 1.0:
                return step(state, action)
    return state
