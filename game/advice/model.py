"""What the advisor says, and the record of hints a player asked for.

A `Hint` is computed afresh from a state whenever the player asks; a
`HintUse` is what the save keeps and the debrief lists, so it holds the words
the player actually read, not just an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Literal, Sequence

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from ..engine import State

Severity = Literal["info", "advice", "warning"]
SEVERITY_ORDER: dict[str, int] = {"warning": 0, "advice": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Hint:
    id: str
    """stable for the same situation (e.g. `classify:adult_care`), so repeats can be recognised"""
    text: str
    severity: Severity
    subject: str
    """what it is about: `problem:adult_care`, `provider:megaserve`, `reserves`…"""


class HintUse(BaseModel):
    """A hint the player was shown, kept in the save and listed in the debrief."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    turn: int = Field(ge=1, le=1000)
    id: str = Field(max_length=200)
    subject: str = Field(max_length=200)
    severity: Severity
    text: str = Field(max_length=2000)


def note_used(used: Sequence[HintUse], state: "State", shown: Iterable[Hint]) -> tuple[HintUse, ...]:
    """`used` plus the hints just shown, each situation counted once per turn however often asked."""
    seen = {(u.turn, u.id) for u in used}
    out = list(used)
    for hint in shown:
        if (state.turn, hint.id) not in seen:
            seen.add((state.turn, hint.id))
            out.append(HintUse(turn=state.turn, id=hint.id, subject=hint.subject, severity=hint.severity,
                               text=hint.text))
    return tuple(out)
