"""What really happened (DESIGN §3.10): the real council's decisions run in the engine, beside the player's."""

from __future__ import annotations

from typing import Iterator

from ..content.wording import action_label
from ..engine import EndTurn, Game, IllegalAction, State, action_from_dict, legal_actions, new_game, step
from ..engine.calendar import label, quarter_of
from .model import HistoryStep


def turn_date(game: Game, turn: int) -> str:
    start = game.pack.info.start
    return label(*quarter_of(start.year, start.quarter, turn))


def run_history(game: Game, seed: int) -> tuple[State, tuple[HistoryStep, ...]]:
    """Play the pack's historical steps to the end with the player's seed (so the same shocks hit)."""
    done: list[HistoryStep] = []
    for state, steps in history_turns(game, seed):
        done.extend(steps)
    return state, tuple(done)  # history_turns always yields at least the finished game


def history_turns(game: Game, seed: int) -> Iterator[tuple[State, tuple[HistoryStep, ...]]]:
    """The historical path a turn at a time, for a screen that lets a learner watch it.

    Yields the state after each turn's historical decisions (before the
    quarter ends) with those steps; a final item holds the finished game and
    any steps it never reached. A step the rules refuse is recorded with the
    reason and skipped; an event's question the history does not answer takes
    its first option.
    """
    history = game.pack.history
    queue = sorted(history.step if history else [], key=lambda s: s.turn)
    state = new_game(game, seed)
    while not state.is_over:
        done = []
        while queue and queue[0].turn < state.turn:
            done.append(_step(game, state, queue.pop(0), False, "the game had already moved past that turn"))
        while queue and queue[0].turn == state.turn and not state.is_over:
            item = queue.pop(0)
            try:
                state = step(state, action_from_dict(dict(item.action)))
                done.append(_step(game, state, item, True))
            except IllegalAction as exc:
                done.append(_step(game, state, item, False, str(exc)))
        while state.pending and not state.is_over:
            state = step(state, legal_actions(state)[0])
        yield state, tuple(done)
        if not state.is_over:
            state = step(state, EndTurn())
    yield state, tuple(_step(game, state, item, False, "the game ended before that turn") for item in queue)


def _step(game: Game, state: State, item, ran: bool, why_not: str = "") -> HistoryStep:  # noqa: ANN001
    return HistoryStep(item.turn, turn_date(game, item.turn), item.note, item.source,
                       action_label(state, dict(item.action)), ran, why_not)


def player_path(state: State) -> dict[int, tuple[str, ...]]:
    """The player's decisions by turn, in words (ending the quarter left out)."""
    out: dict[int, list[str]] = {}
    for turn, action in state.actions:
        if action.get("kind") != "end_turn":
            out.setdefault(turn, []).append(action_label(state, action))
    return {t: tuple(v) for t, v in out.items()}
