"""The debrief as data: what the in-game screen and the HTML report both show (DESIGN §2.1, §3.9, §3.10)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..advice.model import HintUse
from ..engine import ScoreCard


@dataclass(frozen=True, slots=True)
class Series:
    """Numbers over the game, one value per point: 0 is the start, i the end of turn i."""

    points: tuple[int, ...]
    labels: tuple[str, ...]
    """short dates, e.g. `2017 Q2`"""
    reserves: tuple[float, ...]
    """£m"""
    weighted_outcome: tuple[float, ...]
    outcomes: dict[str, tuple[float, ...]]
    trust: dict[str, tuple[float, ...]]
    demand: dict[str, tuple[float, ...]]
    """index: 100 = demand at the start (problems count demand in different units)"""
    names: dict[str, str]
    """problem and stakeholder ids to names"""


@dataclass(frozen=True, slots=True)
class Move:
    """One number a decision or event moved, by the end of the game."""

    metric: str
    amount: float
    """in the metric's own units (£k for money)"""
    points: float
    """effect on the overall score, in score-card points (0 for numbers the score does not count)"""
    text: str
    """e.g. 'Homelessness outcomes +18.2 points'"""


@dataclass(frozen=True, slots=True)
class Decision:
    """A root cause of changes: a decision of the player's, or a force (event, rule, inherited contract)."""

    cause: str
    turn: int | None
    title: str
    points: float
    moves: tuple[Move, ...]
    consequence: str
    """what happened because of it, in plain words ('Because of it, by the end: …')"""

    @property
    def summary(self) -> str:
        return f"{self.title[0].upper()}{self.title[1:]}. {self.consequence}"


@dataclass(frozen=True, slots=True)
class AwardFit:
    contract: str
    approach: str
    approach_label: str
    provider: str
    awarded: int
    inherited: bool
    perceived: str
    """the player's classification when it was awarded"""
    domain: str
    """the problem's true domain at the time"""
    fit: float
    verdict: str
    """'good', 'workable' or 'poor'"""


@dataclass(frozen=True, slots=True)
class CynefinEntry:
    problem: str
    name: str
    start_domain: str
    true_domain: str
    """at the end of the game"""
    perceived: str
    """where the player placed it last"""
    classified_turn: int | None
    domain_when_placed: str | None
    """its true domain when the player last placed it (it may have changed since)"""
    evidence: tuple[str, ...]
    awards: tuple[AwardFit, ...]

    @property
    def placed_right(self) -> bool:
        return self.perceived == self.true_domain

    @property
    def placed_right_then(self) -> bool:
        """right when placed, though the problem has moved domain since"""
        return not self.placed_right and self.perceived == self.domain_when_placed


@dataclass(frozen=True, slots=True)
class EventHit:
    """An event that hit (every time it fired), how the player answered, and what it did."""

    event: str
    title: str
    text: str
    turns: tuple[int, ...]
    answers: tuple[tuple[int, str], ...]
    """(turn, label of the option chosen) for each time it asked"""
    points: float
    """the event's traced effect on the score (answers included)"""
    moves: tuple[Move, ...]


@dataclass(frozen=True, slots=True)
class HistoryStep:
    turn: int
    date: str
    note: str
    source: str
    action: str
    """the step as the engine ran it, in words"""
    ran: bool
    why_not: str = ""


@dataclass(frozen=True, slots=True)
class HistoryView:
    """What the real council did, beside what the player did."""

    direction: str
    steps: tuple[HistoryStep, ...]
    outcomes: tuple[tuple[str, str, str], ...]
    """documented outcomes: (what happened, when, source)"""
    player: dict[int, tuple[str, ...]]
    """turn → the player's decisions that turn, in words"""
    card: ScoreCard | None
    """the score the historical decisions reach in the game, when the history has steps"""
    series: Series | None


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario: str
    place: str
    period: str
    turn: int
    turns: int
    over: str | None
    ending: str
    """how the game ended, in words"""
    card: ScoreCard
    series: Series
    decisions: tuple[Decision, ...]
    """the three decisions that mattered most"""
    other_decisions: tuple[Decision, ...]
    forces: tuple[Decision, ...]
    """shocks and rules beyond the player's decisions that moved the score most"""
    cynefin: tuple[CynefinEntry, ...]
    events: tuple[EventHit, ...]
    history: HistoryView | None
    hints_used: tuple[HintUse, ...] = field(default_factory=tuple)
    goals: tuple[tuple[str, bool], ...] = ()
    money_note: str = ""
    """set when the finance score ended at 0 or 100, where more or less money stops counting"""
