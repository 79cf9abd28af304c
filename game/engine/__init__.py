"""The pure, deterministic simulation (DESIGN §3).

No pygame, no files, no clock, no global state. Everything outside the engine
— bots, screens, the room, tests — uses only these names.

Each name's module is imported when the name is first used (PEP 562): checking
a pack needs only the engine's tables and the action parser, and `validate`
would otherwise import the rules, the trace and the scoring for nothing
(~40 ms of the command). No module shares a name it exports, so importing one
never rebinds a name the package gives.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .actions import (
        Action, Choose, Classify, Commission, EndContract, EndTurn, Establish, IllegalAction, InjectEvent,
        MakeSense, PlanContingency, SetCouncilTax, VaryContract, action_from_dict, action_from_json,
        action_to_dict, action_to_json,
    )
    from .causes import Contribution, Explanation, changed_metrics, explain
    from .game import Game, prepare
    from .legal import is_legal, legal_actions
    from .observe import value_names, values
    from .scoring import ScoreCard, score, total_score, weighted_outcome
    from .serialize import digest, state_from_dict, state_to_dict
    from .state import State
    from .play import new_game, step, with_logs

_EXPORTS = {
    "actions": (
        "Action", "Choose", "Classify", "Commission", "EndContract", "EndTurn", "Establish", "IllegalAction",
        "InjectEvent", "MakeSense", "PlanContingency", "SetCouncilTax", "VaryContract", "action_from_dict",
        "action_from_json", "action_to_dict", "action_to_json",
    ),
    "causes": ("Contribution", "Explanation", "changed_metrics", "explain"),
    "game": ("Game", "prepare"),
    "legal": ("is_legal", "legal_actions"),
    "observe": ("value_names", "values"),
    "scoring": ("ScoreCard", "score", "total_score", "weighted_outcome"),
    "serialize": ("digest", "state_from_dict", "state_to_dict"),
    "state": ("State",),
    "play": ("new_game", "step", "with_logs"),
}
"""each module and the names it gives the package"""
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    home = import_module(f".{module}", __name__)
    for exported in _EXPORTS[module]:
        globals()[exported] = getattr(home, exported)
    return globals()[name]

