"""The game state: plain records, cloned whole before every step.

A state is never changed once `step` has returned it. `step` clones the input
(cheap: a few dozen small records; the growing logs are shared `Chain`s) and
applies changes to the clone through a `Tx`, which records each change in the
causal trace. Money is held in integer £ thousands so the ledger balances
exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from .chain import Chain

if TYPE_CHECKING:
    from .game import Game

_new = object.__new__
"""The state and its hot records clone themselves slot by slot: calling a class with every field
goes through its generic call path and costs several times as much, and every step clones a state,
every quarter each problem and provider, and a contract whenever it starts, ends or changes (a test
checks each clone copies every field)."""

TraceEntry = tuple[int, str, float, str, str]
"""(turn, metric, delta, cause, explanation key)"""
LedgerEntry = tuple[int, str, str, int, str, str]
"""(turn, debit account, credit account, £k, cause, explanation key)"""
FeedItem = tuple[int, str, str, tuple[tuple[str, Any], ...]]
"""(turn, kind, explanation key, parameters) — what the player reads in the event feed"""
LoggedAction = tuple[int, dict[str, Any]]


@dataclass(slots=True)
class ProblemState:
    id: str
    domain: str
    base_domain: str
    domain_turns: int
    perceived: str
    candidates: tuple[str, ...]
    evidence: tuple[str, ...]
    demand: float
    trend: float
    outcome: float
    learning: float = 0.0
    grade: str | None = None
    classified_turn: int | None = None

    def clone(self) -> "ProblemState":
        p = _new(ProblemState)
        p.id, p.domain, p.base_domain, p.domain_turns = self.id, self.domain, self.base_domain, self.domain_turns
        p.perceived, p.candidates, p.evidence = self.perceived, self.candidates, self.evidence
        p.demand, p.trend, p.outcome, p.learning = self.demand, self.trend, self.outcome, self.learning
        p.grade, p.classified_turn = self.grade, self.classified_turn
        return p


@dataclass(slots=True)
class ProviderState:
    id: str
    health: float
    trend: float
    available: bool
    collapsed: bool = False
    contingency: bool = False
    signal: str = ""

    def clone(self) -> "ProviderState":
        v = _new(ProviderState)
        v.id, v.health, v.trend, v.available = self.id, self.health, self.trend, self.available
        v.collapsed, v.contingency, v.signal = self.collapsed, self.contingency, self.signal
        return v


@dataclass(slots=True)
class Contract:
    id: str
    provider: str
    problem: str
    approach: str
    value: int
    """£k per turn"""
    awarded: int
    start: int
    end: int
    """last turn it runs (inclusive)"""
    break_at: int
    perceived: str
    """the player's classification when it was awarded"""
    origin: str
    """cause id of the decision that created it (e.g. `action:7`, `pack`)"""
    status: str = "pending"
    ended: int | None = None
    reason: str = ""

    def clone(self) -> "Contract":
        c = _new(Contract)
        c.id, c.provider, c.problem, c.approach = self.id, self.provider, self.problem, self.approach
        c.value, c.awarded, c.start, c.end, c.break_at = self.value, self.awarded, self.start, self.end, self.break_at
        c.perceived, c.origin, c.status, c.ended = self.perceived, self.origin, self.status, self.ended
        c.reason = self.reason
        return c

    @property
    def live(self) -> bool:
        return self.status in ("pending", "active")


@dataclass(frozen=True, slots=True)
class Pending:
    """An event waiting for the player's choice (never changed: states share it)."""

    event: str
    turn: int
    cause: str


@dataclass(slots=True)
class State:
    game: "Game"
    seed: int
    turn: int
    reserves: int
    income: dict[str, int]
    """£k a year by source"""
    capacity: int
    capacity_max: int
    capacity_mods: tuple[tuple[int, int, str], ...]
    """(delta, last turn it applies, cause)"""
    trust: dict[str, float]
    problems: dict[str, ProblemState]
    providers: dict[str, ProviderState]
    contracts: dict[str, Contract]
    accounts: dict[str, int]
    next_contract: int = 1
    held: dict[str, int] = field(default_factory=dict)
    """live contracts each provider holds"""
    funded: dict[str, int] = field(default_factory=dict)
    """£k a turn of the active contracts on each problem"""
    placed: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """(approach, provider) of each live contract on each problem"""
    closed: frozenset[str] = frozenset()
    """the providers that can take no contract now: not available, collapsed or at capacity. These four
    are running totals kept by `Tx`, rebuilt on loading, never saved: conditions, the market, the list of
    legal actions (the only reader of `closed`) and a look-ahead ask for them far more often than
    contracts and providers change."""
    tax_rise: float | None = None
    """declared rise for next April, per cent"""
    tax_year: int | None = None
    """financial year in which the rise was declared"""
    tax_cause: str = ""
    pending: tuple[Pending, ...] = ()
    fired: dict[str, int] = field(default_factory=dict)
    intervention_until: int = 0
    elections_won: int = 0
    elections_lost: int = 0
    over: str | None = None
    """None while playing; else "completed", "section_114" or "loss_condition"."""
    trace: Chain[TraceEntry] = field(default_factory=Chain)
    ledger: Chain[LedgerEntry] = field(default_factory=Chain)
    feed: Chain[FeedItem] = field(default_factory=Chain)
    actions: Chain[LoggedAction] = field(default_factory=Chain)
    snapshots: tuple[Mapping[str, float], ...] = ()
    """values at the start and after each resolved turn, for charts (`observe.Snapshot`s, worked out when read)"""
    luck: tuple = ()
    """every quarter's random draws (rng.quarter_luck), rebuilt from the seed, never saved"""
    record: bool = True
    """whether this game keeps its causal trace, ledger and feed. A simulator playing thousands of games
    reads only their numbers, and keeping the logs is a fifth of the work of a quarter; `with_logs`
    gets any state's logs back by replaying its actions (the numbers are the same either way)."""

    @property
    def is_over(self) -> bool:
        return self.over is not None

    @property
    def pack(self):  # noqa: ANN201 - the pack model, typed in Game
        return self.game.pack

    def clone(self) -> "State":
        """A copy that shares its records; `Tx` copies a record the first time it changes it. Its tables
        are copied with `dict.copy`, which clones a table whole (`dict(...)` builds one entry by entry
        unless the table is dense, at twice the cost on these)."""
        s = _new(State)
        s.game, s.seed, s.turn, s.reserves, s.over = self.game, self.seed, self.turn, self.reserves, self.over
        s.income, s.trust, s.accounts = self.income.copy(), self.trust.copy(), self.accounts.copy()
        s.capacity, s.capacity_max, s.capacity_mods = self.capacity, self.capacity_max, self.capacity_mods
        s.problems, s.providers = self.problems.copy(), self.providers.copy()
        s.contracts, s.next_contract = self.contracts.copy(), self.next_contract
        s.held, s.funded, s.placed, s.closed = self.held.copy(), self.funded.copy(), self.placed.copy(), self.closed
        s.tax_rise, s.tax_year, s.tax_cause = self.tax_rise, self.tax_year, self.tax_cause
        s.pending, s.fired, s.intervention_until = self.pending, self.fired.copy(), self.intervention_until
        s.elections_won, s.elections_lost = self.elections_won, self.elections_lost
        s.trace, s.ledger, s.feed, s.actions = self.trace, self.ledger, self.feed, self.actions
        s.snapshots, s.luck, s.record = self.snapshots, self.luck, self.record
        return s

    def live_contracts(self, problem: str | None = None) -> list[Contract]:
        return [c for c in self.contracts.values() if c.live and (problem is None or c.problem == problem)]


RECORD_TYPES = {"problems": ProblemState, "providers": ProviderState, "contracts": Contract}


def record_to_dict(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record)}
