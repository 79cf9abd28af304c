"""Rebuilding a game from its pack, seed and decisions, and finding where a rebuild parts from a save.

The same pack, seed and actions give the same states on the same build
(DESIGN §3); a rebuild that differs from the snapshot means the pack changed,
numpy's random streams changed, or the engine changed. The first turn that
differs, and the first number that differs in it, point at which.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..content.wording import action_label, metric_label
from ..engine import Game, IllegalAction, State, action_from_dict, new_game, state_to_dict, step
from .errors import ReplayFailed


def rebuild(game: Game, seed: int, actions: Iterable[Sequence[Any]], *, to_turn: int | None = None,
            path: Path | None = None) -> State:
    """Play the logged actions again; stop once turn `to_turn` has ended (None: play them all)."""
    state = new_game(game, seed)
    for index, (turn, data) in enumerate(actions):
        if to_turn is not None and turn > to_turn:
            break
        if state.turn != turn:
            raise ReplayFailed(
                f"Decision {index + 1} was made in turn {turn}, but the rebuilt game is in turn {state.turn}: "
                "the scenario or the game has changed too much to replay it.", path, index, turn)
        try:
            state = step(state, action_from_dict(data))
        except IllegalAction as exc:
            raise ReplayFailed(
                f"Decision {index + 1} ({action_label(state, data, turn)}) can no longer be made: {exc}",
                path, index, turn) from None
    return state


@dataclass(frozen=True, slots=True)
class Divergence:
    turn: int
    what: str
    """the first difference in that turn, in words"""


def first_divergence(saved: dict[str, Any], state: State, to_turn: int | None = None) -> Divergence | None:
    """The first turn (up to `to_turn`) in which the rebuilt `state` differs from the `saved` snapshot."""
    rebuilt = state_to_dict(state)
    last = min(saved["turn"], rebuilt["turn"], to_turn if to_turn is not None else saved["turn"])
    by_turn = {name: (_group(saved[name]), _group(rebuilt[name])) for name in ("trace", "feed", "ledger")}
    snaps = saved["snapshots"], rebuilt["snapshots"]
    for turn in range(1, last + 1):
        for name, (old, new) in by_turn.items():
            a, b = old.get(turn, []), new.get(turn, [])
            if a != b:
                return Divergence(turn, _describe(state, name, a, b))
        for index in ((0, 1) if turn == 1 else (turn,)):
            a_vals = snaps[0][index] if index < len(snaps[0]) else None
            b_vals = snaps[1][index] if index < len(snaps[1]) else None
            if a_vals != b_vals:
                return Divergence(turn, _describe_values(state, a_vals, b_vals))
    if to_turn is None:
        for key in sorted(set(saved) | set(rebuilt)):
            if key not in ("trace", "feed", "ledger", "snapshots") and saved.get(key) != rebuilt.get(key):
                return Divergence(min(saved["turn"], rebuilt["turn"]), f"the saved {key.replace('_', ' ')} differs")
    return None


def _group(entries: list[Any]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    for e in entries:
        out.setdefault(int(e[0]), []).append(e)
    return out


def _describe(state: State, name: str, saved: list[Any], rebuilt: list[Any]) -> str:
    for a, b in zip(saved, rebuilt):
        if a != b:
            if name == "trace" and a[1] == b[1]:
                return f"{metric_label(state, a[1])} moved by {a[2]:.4g} in the save but {b[2]:.4g} on replay"
            if name == "trace":
                return f"the save changed {metric_label(state, a[1])} where the replay changed {metric_label(state, b[1])}"
            return f"the {name} differs ({a[2]} against {b[2]})" if name == "feed" else f"the {name} differs"
    more = "the save has more" if len(saved) > len(rebuilt) else "the replay has more"
    return f"{more} {name} entries that turn"


def _describe_values(state: State, saved: dict[str, float] | None, rebuilt: dict[str, float] | None) -> str:
    if saved is None or rebuilt is None:
        return "one of the two games ended earlier"
    for key in sorted(set(saved) | set(rebuilt)):
        if saved.get(key) != rebuilt.get(key):
            return f"{_value_label(state, key)}: {saved.get(key)} in the save, {rebuilt.get(key)} on replay"
    return "the end-of-turn figures differ"


def _value_label(state: State, key: str) -> str:
    try:
        return metric_label(state, key)
    except (KeyError, IndexError):
        return key
