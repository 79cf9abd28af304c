"""The actions a player (or a facilitator) can take, as typed immutable values.

Actions are frozen dataclasses so that bots can build thousands cheaply; a
pydantic TypeAdapter gives them a validated JSON form for saves, the room
protocol and history files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import Field, TypeAdapter, ValidationError


class IllegalAction(ValueError):
    """An action the rules do not allow now; the message is written for the player."""


@dataclass(frozen=True, slots=True)
class MakeSense:
    """Analysis and listening: reveals evidence about a problem's true domain."""

    problem: str
    kind: Literal["make_sense"] = "make_sense"


@dataclass(frozen=True, slots=True)
class Classify:
    """Place a problem on the Cynefin map (free: it is a judgement, not work)."""

    problem: str
    domain: Literal["disorder", "clear", "complicated", "complex", "chaotic"]
    kind: Literal["classify"] = "classify"


@dataclass(frozen=True, slots=True)
class Commission:
    """Award a contract. `value` is £m a year; None funds it to today's need at the provider's price."""

    problem: str
    approach: str
    provider: str
    value: float | None = None
    length: int | None = None
    kind: Literal["commission"] = "commission"


@dataclass(frozen=True, slots=True)
class EndContract:
    contract: str
    kind: Literal["end_contract"] = "end_contract"


@dataclass(frozen=True, slots=True)
class VaryContract:
    """Change a running contract's value (£m a year): the budget lever per service."""

    contract: str
    value: float
    kind: Literal["vary_contract"] = "vary_contract"


@dataclass(frozen=True, slots=True)
class PlanContingency:
    provider: str
    kind: Literal["plan_contingency"] = "plan_contingency"


@dataclass(frozen=True, slots=True)
class Establish:
    """Set up a council-owned company (or other provider the pack holds back)."""

    provider: str
    kind: Literal["establish"] = "establish"


@dataclass(frozen=True, slots=True)
class SetCouncilTax:
    """Declare next year's council tax rise in per cent; it applies from April."""

    rise: float
    kind: Literal["set_council_tax"] = "set_council_tax"


@dataclass(frozen=True, slots=True)
class Choose:
    event: str
    choice: str
    kind: Literal["choose"] = "choose"


@dataclass(frozen=True, slots=True)
class EndTurn:
    kind: Literal["end_turn"] = "end_turn"


@dataclass(frozen=True, slots=True)
class InjectEvent:
    """A facilitator drops an event from the pack into a game; never offered to players."""

    event: str
    kind: Literal["inject_event"] = "inject_event"


Action = Union[
    MakeSense, Classify, Commission, EndContract, VaryContract, PlanContingency, Establish,
    SetCouncilTax, Choose, EndTurn, InjectEvent,
]
PLAYER_KINDS = frozenset(
    {"make_sense", "classify", "commission", "end_contract", "vary_contract", "plan_contingency",
     "establish", "set_council_tax", "choose", "end_turn"}
)

@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter[Action]:
    """Built on first use, not at import: `validate` of a pack without history never parses an action,
    and building the parser is a tenth of that whole command."""
    return TypeAdapter(Annotated[Action, Field(discriminator="kind")])


def action_to_dict(action: Action) -> dict[str, Any]:
    out = {}
    for name in action.__slots__:  # type: ignore[union-attr]  # a loop: on Python 3.11 a comprehension is a call
        out[name] = getattr(action, name)
    return out


def action_from_dict(data: Any) -> Action:
    """Validate untrusted data into an action; raises IllegalAction with a readable reason."""
    try:
        return _adapter().validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "action"
        raise IllegalAction(f"not a valid action ({where}: {first['msg']})") from None


def action_to_json(action: Action) -> str:
    return json.dumps(action_to_dict(action), sort_keys=True)


def action_from_json(text: str | bytes) -> Action:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise IllegalAction(f"not a valid action (bad JSON: {exc})") from None
    return action_from_dict(data)
