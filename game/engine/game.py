"""`Game`: a pack prepared once for play — merged tuning, compiled conditions, indexes.

Preparing is the slow part of starting a game (compiling expressions, merging
tables); bots and the room prepare a pack once and start many games from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Mapping, TypeVar

from ..content.expr import Expr, compile_expr
from ..content.models import Effect, Event, Goal, Pack
from . import defaults
from .actions import Choose, Classify, Commission, EndContract, Establish, MakeSense, PlanContingency, SetCouncilTax
from .calendar import financial_year, quarter_of, turn_of
from .observe import PROBLEM_FIELDS, PROVIDER_FIELDS, getter, value_names
from .scoring import Weights

if TYPE_CHECKING:
    from .state import State


Offer = tuple[str, Commission, tuple[str, str]]
"""(provider, the commission, its (approach, provider) pair: made once, as the key a menu finds it by)"""
Menu = tuple[tuple[str, tuple[Commission, ...], dict[tuple[str, str], int]], ...]
"""per problem: (problem, every commission offered, and the position of each (approach, provider) among
them, so the ones already placed can be cut out by position)"""


class Rules:
    """The rule coefficients (`defaults.RULES`, with a pack's overrides) as attributes. A slotted class:
    CPython 3.11 cannot specialise an attribute read on a SimpleNamespace, and the end of every quarter
    reads some hundred of these."""

    __slots__ = tuple(defaults.RULES)

    def __init__(self, values: Mapping[str, float]) -> None:
        for name, value in values.items():
            setattr(self, name, value)


class Config:
    """The engine defaults table with a pack's overrides applied."""

    __slots__ = ("fit", "approach", "rules", "r")

    def __init__(self, pack: Pack) -> None:
        tuning = pack.info.tuning
        fit = {a: dict(row) for a, row in defaults.FIT.items()}
        approach = {a: dict(params) for a, params in defaults.APPROACHES.items()}
        for a, over in tuning.approaches.items():
            if over.fit:
                fit[a].update(over.fit)
            for name in ("lead", "ramp", "cost", "trust_gate", "prevention"):
                value = getattr(over, name)
                if value is not None:
                    approach[a][name] = value
        unknown = set(tuning.rules) - set(defaults.RULES)
        if unknown:
            raise ValueError(f"unknown rule coefficient(s): {', '.join(sorted(unknown))}")
        rules = {**defaults.RULES, **tuning.rules}
        self.fit: Mapping[str, Mapping[str, float]] = MappingProxyType(fit)
        self.approach: Mapping[str, defaults.ApproachParams] = MappingProxyType(
            {a: defaults.ApproachParams(**params) for a, params in approach.items()}  # type: ignore[arg-type]
        )
        self.rules: Mapping[str, float] = MappingProxyType(rules)
        self.r: Any = Rules(rules)
        """the rules by name (typed Any: their names are data)"""


K = TypeVar("K")
V = TypeVar("V")


class Remembered(dict[K, V]):
    """Values of a pure function of one key, each made the first time it is wanted and shared after
    (contract ids come into being as games are played, so these tables cannot be built up front)."""

    def __init__(self, make: Callable[[K], V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: K) -> V:
        value = self[key] = self.make(key)
        return value


@dataclass(frozen=True, slots=True)
class ProblemTerms:
    """What the end of every quarter reads of a problem's pack entry."""

    cost_per_turn: float
    """£k a turn of meeting the starting demand in full (the annual cost × 250)"""
    demand: float
    """the starting demand"""
    unserved_outcome: float
    statutory: bool
    preventable: bool
    bends: Mapping[str, float]

    def need(self, demand: float) -> float:
        """£k a turn that fully meeting `demand` costs at a standard price (what `Game.need` asks; the
        end of a quarter, which holds the terms already, asks them itself)."""
        return self.cost_per_turn * demand / self.demand


@dataclass(frozen=True, slots=True)
class ProviderTerms:
    """What the end of a quarter and the commission check read of a provider's pack entry."""

    type: str
    price: float
    capacity: int
    """the most live contracts it takes"""
    strategic: bool


@dataclass(frozen=True, slots=True)
class EffectTerms:
    """One effect of an event or choice as a plain record, with the field names of the pack's effect
    models (each type fills its own; a test holds this to every model's fields)."""

    type: str
    stakeholder: str | None = None
    delta: float | None = None
    amount: float | None = None
    source: str | None = None
    problem: str | None = None
    pct: float | None = None
    provider: str | None = None
    to: str | None = None
    turns: int | None = None


@dataclass(frozen=True, slots=True)
class EventTerms:
    """What firing an event reads of its pack entry."""

    id: str
    effects: tuple[EffectTerms, ...]
    asks: bool
    """whether the player must choose before the quarter ends"""


def effect_terms(effects: list[Effect]) -> tuple[EffectTerms, ...]:
    return tuple(EffectTerms(**e.model_dump()) for e in effects)


class Game:
    """Everything about a game that never changes while it is played."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.cfg = Config(pack)
        info = pack.info
        self.turns = info.turns
        self.problem = {p.id: p for p in pack.problems}
        self.provider = {p.id: p for p in pack.providers}
        self.stakeholder = {s.id: s for s in pack.stakeholders}
        self.event: dict[str, Event] = {e.id: e for e in pack.events}
        self.names = value_names(pack)
        self.problem_keys = {p.id: tuple(f"problem.{p.id}.{f}" for f in PROBLEM_FIELDS) for p in pack.problems}
        """each problem's value names in PROBLEM_FIELDS order"""
        self.provider_keys = {v.id: tuple(f"provider.{v.id}.{f}" for f in PROVIDER_FIELDS) for v in pack.providers}
        self.trust_keys = {s.id: f"trust.{s.id}" for s in pack.stakeholders}
        # Names the end of every quarter would otherwise format again for each trace entry and posting.
        self.outcome_causes = {p.id: f"outcome:{p.id}" for p in pack.problems}
        self.spend_accounts = {p.id: f"spend:{p.id}" for p in pack.problems}
        caring: dict[str, list[str]] = {}
        for problem in pack.problems:
            for sid in problem.stakeholders:
                caring.setdefault(sid, []).append(problem.id)
        self.caring = {sid: tuple(pids) for sid, pids in caring.items() if sid in self.stakeholder}
        self.caring_causes = {sid: tuple(self.outcome_causes[pid] for pid in pids) for sid, pids in self.caring.items()}
        """the trace causes of each stakeholder's caring problems' pulls on its trust, in `caring` order"""
        # Pack models answer attribute reads through pydantic's hook, several times slower than a plain
        # record's; what the end of every quarter reads is copied out of them once, here.
        self.start = (info.start.year, info.start.quarter)
        self._quarters = [quarter_of(*self.start, turn) for turn in range(self.turns + 1)]
        self._years = [financial_year(*q) for q in self._quarters]
        """each turn's calendar quarter and financial year, which the list of legal actions and the
        end of every quarter ask for (index 0 unused: turns count from 1)"""
        self.base_capacity = info.capacity
        """the action points of a quarter before trust, partnerships, chaos and events move them"""
        self.fixed_costs = round(info.budget.fixed_costs * 250)
        """£k a quarter"""
        self.terms = {p.id: ProblemTerms(p.annual_cost * 250.0, p.demand, p.unserved_outcome, p.statutory,
                                         p.preventable, p.bends) for p in pack.problems}
        self.provider_terms = {v.id: ProviderTerms(v.type, v.price, v.capacity, v.strategic) for v in pack.providers}
        self.allowed = {p.id: frozenset(p.approaches) for p in pack.problems}
        """the approaches each problem allows"""
        self.commissioning = {a: f"commissioning {a.replace('_', ' ')}" for a in self.cfg.approach}
        """what a commission's capacity cost is called in the message refusing it"""
        self.event_terms = {e.id: EventTerms(e.id, effect_terms(e.effects), bool(e.choices)) for e in pack.events}
        self.scheduled: dict[int, list[EventTerms]] = {}
        self.triggered: list[tuple[EventTerms, Callable[[State], Any], bool, float]] = []
        """(event, its condition's compiled function, and the event's `once` and `probability`) of each
        triggered event"""
        for event in pack.events:
            turn = event.turn
            if event.date is not None:
                year, quarter = int(event.date[:4]), int(event.date[-1])
                turn = turn_of(*self.start, year, quarter)
            terms = self.event_terms[event.id]
            if turn is not None:
                self.scheduled.setdefault(turn, []).append(terms)
            elif event.trigger is not None:
                self.triggered.append((terms, self.condition(event.trigger).fn, event.once, event.probability))
        self.statutory = tuple(p.id for p in pack.problems if p.statutory)
        self.inspected = tuple(p.id for p in pack.problems if p.inspected)
        self.strategic = tuple(v.id for v in pack.providers if v.strategic)
        """the problems and providers an effect names as `@statutory`, `@inspected` and `@strategic`"""
        self.loss: Expr | None = self.condition(info.loss) if info.loss else None
        self.goals: list[tuple[Goal, Expr]] = [(g, self.condition(g.condition)) for g in info.goals]
        self.annual_income = round(1000 * (info.budget.grant + info.budget.council_tax + info.budget.other_income))
        # Every (problem, approach, provider) a player could ever pick, once each (validation refuses an
        # approach listed twice; a pack built in code is not validated); legality narrows it per state.
        self.combos: tuple[tuple[str, str, str], ...] = tuple(
            (p.id, a, v.id)
            for p in pack.problems
            for a in dict.fromkeys(p.approaches)
            for v in pack.providers
            if v.type in self.cfg.approach[a].types
            # fully funded at this provider's price must stay under the funding ceiling
            and v.price * self.cfg.approach[a].premium <= self.cfg.r.max_funding_multiple
        )
        # The actions `legal_actions` offers, built once: it filters these rather than constructing
        # hundreds of frozen dataclasses per call. Commissions are grouped by problem, then approach
        # (in `combos` order), so a whole group is skipped when its approach is out of reach.
        groups: dict[str, dict[str, list[Offer]]] = {p.id: {} for p in pack.problems}
        for pid, a, vid in self.combos:
            groups[pid].setdefault(a, []).append((vid, Commission(pid, a, vid), (a, vid)))
        self.commission_groups: dict[str, tuple[tuple[str, tuple[Offer, ...]], ...]] = {
            pid: tuple((a, tuple(options)) for a, options in by_approach.items()) for pid, by_approach in groups.items()
        }
        """per problem: (approach, its offers)"""
        offered = [(a, self.cfg.approach[a]) for a in sorted({a for _, a, _ in self.combos})]
        gated = {a for a, params in offered if params.trust_gate > 0 and params.trust_with}
        self.gated_approaches = tuple(
            (a, params.cost, params.trust_gate, params.trust_with) for a, params in offered if a in gated
        )
        """(approach, capacity cost, trust gate, partners) of every approach some problem allows that its
        partners' trust can hold back (trust never leaves 0–100 and the pack schema holds a gate to 0–100,
        so a gate of 0 or an approach without partners never holds back)"""
        dearest = max((params.cost for _, params in offered), default=0)
        self.affordable = tuple(
            frozenset(a for a, params in offered if params.cost <= cap and a not in gated) for cap in range(dearest + 1)
        )
        """the other approaches some problem allows, by the action points that afford them (the last entry
        for any number beyond)"""
        self.delivery_terms = {
            a: {
                v.id: (self.cfg.fit[a], params.rigidity, params.ramp, params.floor, params.premium, v.quality, v.price)
                for v in pack.providers
            }
            for a, params in self.cfg.approach.items()
        }
        """approach → provider → (fit by domain, rigidity, ramp, floor, premium, quality, price): what a
        contract's delivery reads each quarter, gathered in one place"""
        self._menus: dict[tuple[frozenset[str], frozenset[str]], Menu] = {}
        self.sense_actions = {p.id: MakeSense(p.id) for p in pack.problems}
        perceived = ("disorder", *defaults.DOMAINS)
        self.problem_options: dict[str, dict[str, tuple[tuple[Classify | MakeSense, ...], ...]]] = {}
        """each problem's Classify actions by the domain it is perceived in now (which is left out), alone
        and then with its MakeSense after them: `legal_actions` picks one of the two by whether making
        sense is open"""
        for p in pack.problems:
            rows = self.problem_options[p.id] = {}
            for now in perceived:
                classify = tuple(Classify(p.id, d) for d in perceived if d != now)  # type: ignore[arg-type]
                rows[now] = (classify, (*classify, self.sense_actions[p.id]))
        self.contingency_actions = {v.id: PlanContingency(v.id) for v in pack.providers}
        self.establish_actions = {v.id: Establish(v.id) for v in pack.providers if v.type == "council_company"}
        self.tax_actions = tuple(SetCouncilTax(x) for x in (0.0, info.budget.council_tax_cap))
        self.choice_actions = {e.id: tuple(Choose(e.id, c.id) for c in e.choices) for e in pack.events}
        self.choices = {(e.id, c.id): effect_terms(c.effects) for e in pack.events for c in e.choices}
        """each (event, choice id) pair's effects"""
        self.score_weights = Weights(self)
        self.end_contract_actions: Remembered[str, EndContract] = Remembered(EndContract)
        """the (immutable, so shared) action ending each contract id"""
        self.contract_causes: Remembered[str, str] = Remembered("contract:{}".format)
        """the trace cause of each contract id, which the end of every quarter names for each active
        contract several times"""
        self.openings: dict[bool, State] = {}
        """the state every game starts from before turn 1's events, with and without logs (made by
        `new_game` when first wanted; it never changes)"""

    def commission_menu(self, closed: frozenset[str], usable: frozenset[str]) -> Menu:
        """The commissions open when the `closed` providers can take no contract and only the `usable`
        approaches are affordable and trusted, in `combos` order. Few distinct (closed, usable) pairs
        occur in a game, so each menu is built once and remembered (a pure function of its key). Yet a game
        still meets a few new ones, so it is built in plain loops over prebuilt pairs: a generator and a
        comprehension per row made each menu cost half as much again (218k instructions against 139k)."""
        menu = self._menus.get((closed, usable))
        if menu is None:
            if len(self._menus) >= 1024:
                self._menus.clear()
            rows = []
            for pid, by_approach in self.commission_groups.items():
                actions: list[Commission] = []
                position: dict[tuple[str, str], int] = {}
                for approach, options in by_approach:
                    if approach in usable:
                        for vid, action, pair in options:
                            if vid not in closed:
                                position[pair] = len(actions)
                                actions.append(action)
                if actions:
                    rows.append((pid, tuple(actions), position))
            menu = self._menus[closed, usable] = tuple(rows)
        return menu

    def quarter(self, turn: int) -> tuple[int, int]:
        """The calendar (year, quarter) of a turn."""
        return self._quarters[turn] if 0 < turn <= self.turns else quarter_of(*self.start, turn)

    def financial_year(self, turn: int) -> int:
        """The financial year (the calendar year it began in) of a turn."""
        return self._years[turn] if 0 < turn <= self.turns else financial_year(*quarter_of(*self.start, turn))

    def condition(self, source: str) -> Expr:
        """A pack condition compiled to be called with a State (each name read straight from it)."""
        return compile_expr(source, self.names, want="bool", reader=getter)

    def need(self, problem: str, demand: float) -> float:
        """£k a turn that fully meeting this demand costs at a standard price."""
        return self.terms[problem].need(demand)


def prepare(pack: Pack | Game) -> Game:
    return pack if isinstance(pack, Game) else Game(pack)

