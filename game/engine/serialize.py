"""States as plain JSON-ready data, and `digest`, a stable hash of a whole state.

The digest covers every field (the logs included) in a canonical form: sorted
keys, no sets, floats by their exact repr. Two processes agree on it exactly
when they agree on the state, whatever PYTHONHASHSEED says.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from typing import Any

from .chain import Chain
from .game import Game
from .play import with_logs
from .rng import quarter_luck
from .state import RECORD_TYPES, Pending, State, record_to_dict
from .tx import Tx

SCALARS = ("seed", "turn", "reserves", "capacity", "capacity_max", "next_contract", "tax_rise", "tax_year",
           "tax_cause", "intervention_until", "elections_won", "elections_lost", "over")


def state_to_dict(state: State) -> dict[str, Any]:
    """The whole state, logs included (replayed for a game played without them: see `State.record`)."""
    state = with_logs(state)
    data: dict[str, Any] = {"pack": {"id": state.game.pack.info.id, "hash": state.game.pack.content_hash}}
    for name in SCALARS:
        data[name] = getattr(state, name)
    data["income"] = dict(state.income)
    data["trust"] = dict(state.trust)
    data["accounts"] = dict(state.accounts)
    data["fired"] = dict(state.fired)
    data["capacity_mods"] = [list(m) for m in state.capacity_mods]
    for name in RECORD_TYPES:
        data[name] = {k: record_to_dict(v) for k, v in getattr(state, name).items()}
    data["pending"] = [record_to_dict(p) for p in state.pending]
    data["trace"] = [list(e) for e in state.trace]
    data["ledger"] = [list(e) for e in state.ledger]
    data["feed"] = [[t, kind, key, [list(p) for p in params]] for t, kind, key, params in state.feed]
    data["actions"] = [[t, a] for t, a in state.actions]
    data["snapshots"] = [dict(s) for s in state.snapshots]
    return json.loads(json.dumps(data))  # normalise tuples to lists once, so round trips compare equal


def state_from_dict(game: Game, data: dict[str, Any]) -> State:
    """Rebuild a state for `game`; raises KeyError/TypeError/ValueError on malformed data."""
    records = {
        name: {k: cls(**{f.name: _tuple_fields(f.name, v[f.name]) for f in fields(cls)}) for k, v in data[name].items()}
        for name, cls in RECORD_TYPES.items()
    }
    state = State(
        game=game, seed=int(data["seed"]), turn=int(data["turn"]), reserves=int(data["reserves"]),
        income={k: int(v) for k, v in data["income"].items()}, capacity=int(data["capacity"]),
        capacity_max=int(data["capacity_max"]),
        capacity_mods=tuple((int(d), int(u), str(c)) for d, u, c in data["capacity_mods"]),
        trust={k: float(v) for k, v in data["trust"].items()}, problems=records["problems"],
        providers=records["providers"], contracts=records["contracts"],
        accounts={k: int(v) for k, v in data["accounts"].items()},
    )
    for name in SCALARS[5:]:
        setattr(state, name, data[name])
    state.fired = {k: int(v) for k, v in data["fired"].items()}
    state.pending = tuple(Pending(**p) for p in data["pending"])
    state.trace = Chain.of([tuple(e) for e in data["trace"]])  # type: ignore[misc]
    state.ledger = Chain.of([tuple(e) for e in data["ledger"]])  # type: ignore[misc]
    state.feed = Chain.of([(t, k, key, tuple(tuple(p) for p in params)) for t, k, key, params in data["feed"]])
    state.actions = Chain.of([(int(t), a) for t, a in data["actions"]])
    state.snapshots = tuple(dict(s) for s in data["snapshots"])
    Tx(state).recount()
    state.luck = quarter_luck(state.seed, game.turns, len(game.pack.providers), len(game.triggered))
    return state


def _tuple_fields(name: str, value: Any) -> Any:
    return tuple(value) if name in ("candidates", "evidence") else value


def digest(state: State) -> str:
    text = json.dumps(state_to_dict(state), sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()
