"""What really happened (DESIGN §3.10): the real council's decisions run in the engine, beside the player's."""

from __future__ import annotations

from typing import Iterable, Iterator, Mapping

from ..content.wording import action_label, choice_label
from ..engine import (
    Action, Choose, EndTurn, Game, IllegalAction, State, action_from_dict, action_to_dict, is_legal, legal_actions,
    new_game, step,
)
from ..engine.calendar import label, quarter_of
from .model import HistoryStep


NOT_ASKED = "on this seed the question did not come up at that point (triggered events vary from game to game)"


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
    reason and skipped; an event's question is answered as history.toml
    records it, whatever the turn, or else with its first option.
    """
    history = game.pack.history
    queue = sorted(history.step if history else [], key=lambda s: s.turn)
    plan = [action_from_dict(dict(item.action)) for item in queue]
    state = new_game(game, seed)
    while not state.is_over:
        done = []
        state = _answer_waiting(state, plan)
        while queue and queue[0].turn < state.turn:
            done.append(_step(game, state, queue.pop(0), False, "the game had already moved past that turn"))
        while queue and queue[0].turn == state.turn and not state.is_over:
            item = queue.pop(0)
            action = action_from_dict(dict(item.action))
            if isinstance(action, Choose) and any(a == action_to_dict(action) for _, a in state.actions):
                done.append(_step(game, state, item, True))   # answered when the question came up
                continue
            try:
                state = step(state, action)
                done.append(_step(game, state, item, True))
            except IllegalAction as exc:
                why = (NOT_ASKED if isinstance(action, Choose) and all(q.event != action.event for q in state.pending)
                       else str(exc))
                done.append(_step(game, state, item, False, why))
            state = _answer_waiting(state, plan)
        yield state, tuple(done)
        if not state.is_over:
            state = step(state, EndTurn())
    yield state, tuple(_step(game, state, item, False, "the game ended before that turn") for item in queue)


def _answer_waiting(state: State, plan: list[Action]) -> State:
    while state.pending and not state.is_over:
        state = step(state, answer_as_recorded(state, plan) or legal_actions(state)[0])
    return state


def answer_as_recorded(state: State, plan: Iterable[Action]) -> Action | None:
    """The real council's answer to the event now waiting, if the history records one.

    On another seed a triggered event can come a quarter early or late, so the answer is
    looked for across the whole history, not only on its recorded turn; the balance
    simulator's history bot and this replay answer alike, so the debrief shows the path
    `simulate --lessons` checked.
    """
    event = state.pending[0].event
    return next((a for a in plan if isinstance(a, Choose) and a.event == event and is_legal(state, a)), None)


def cite(source: str, titles: Mapping[str, str]) -> str:
    """A `source` as a learner reads it: the documents' titles in place of file names, line numbers and fact ids.

    A source no title covers is left as written, so a pack without `[sources]` shows what its author wrote.
    """
    named = [title for file, title in titles.items() if file in source]
    return "; ".join(dict.fromkeys(named)) if named else source


def _step(game: Game, state: State, item, ran: bool, why_not: str = "") -> HistoryStep:  # noqa: ANN001
    titles = game.pack.history.sources if game.pack.history else {}
    return HistoryStep(item.turn, turn_date(game, item.turn), item.note, cite(item.source, titles),
                       _said(state, dict(item.action)), ran, why_not)


def _said(state: State, action: dict) -> str:
    """A decision in words, with the answer given to an event (side by side, 'answered X' alone says too little)."""
    words = action_label(state, action)
    if action.get("kind") == "choose":
        words += f": {choice_label(state, action.get('event', ''), action.get('choice', ''))}"
    return words


def player_path(state: State) -> dict[int, tuple[str, ...]]:
    """The player's decisions by turn, in words (ending the quarter left out)."""
    out: dict[int, list[str]] = {}
    for turn, action in state.actions:
        if action.get("kind") != "end_turn":
            out.setdefault(turn, []).append(_said(state, action))
    return {t: tuple(v) for t, v in out.items()}
