"""The pure, deterministic simulation (DESIGN §3).

No pygame, no files, no clock, no global state. Everything outside the engine
— bots, screens, the room, tests — uses only these names.
"""

from .actions import (
    Action, Choose, Classify, Commission, EndContract, EndTurn, Establish, IllegalAction, InjectEvent,
    MakeSense, PlanContingency, SetCouncilTax, VaryContract, action_from_dict, action_from_json,
    action_to_dict, action_to_json,
)
from .explain import Contribution, Explanation, changed_metrics, explain
from .game import Game, prepare
from .legal import is_legal, legal_actions
from .observe import value_names, values
from .scoring import ScoreCard, score, total_score
from .serialize import digest, state_from_dict, state_to_dict
from .state import State
from .step import new_game, step

__all__ = [
    "Action", "Choose", "Classify", "Commission", "Contribution", "EndContract", "EndTurn", "Establish",
    "Explanation", "Game", "IllegalAction", "InjectEvent", "MakeSense", "PlanContingency", "ScoreCard",
    "SetCouncilTax", "State", "VaryContract", "action_from_dict", "action_from_json", "action_to_dict",
    "action_to_json", "changed_metrics", "digest", "explain", "is_legal", "legal_actions", "new_game",
    "prepare", "score", "total_score", "state_from_dict", "state_to_dict", "step", "value_names", "values",
]
