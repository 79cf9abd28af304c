"""Who moved the score: every traced change credited to the decision (or force) at its root.

The causal trace says which cause made each change (DESIGN §3.9). The
debrief needs more than the sum of those changes by cause, because some
numbers are levels that later rules pull back or build on:

- an outcome served by contracts drifts back each turn in proportion to its
  level, so a contract's early gains fade; the drift is shared among
  everything that holds part of the level, and each cause is credited with
  what is left of its part at the end (the parts add up to the final outcome
  exactly). With no service at all the slide toward the unserved level is
  credited whole to "no service in place", the clearest story for a learner;
- income arrives each quarter as a quarter of the annual level, so a grant
  cut or a council tax rise is credited with the money it moved, not just
  the change in the annual figure;
- trust follows outcomes in proportion to their distance from 50, so that
  drift is credited to whatever holds the outcome level;
- a contract whose value the player varied pays (and delivers) in proportion
  to its value, so the variation is credited with its share.

A contract's effects belong to the decision that awarded it (its `origin`);
a contract running from the start is a force, not a decision. Amounts are
converted to score-card points the way `game.engine.scoring` weighs them, so
a change in outcomes, money and trust can be compared on one scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

from ..engine import ScoreCard, State
from ..engine.floats import add_up
from ..engine.scoring import unclipped_finance

START = "start"
"""holder of the starting level of an outcome or income; what is left of an outcome's start, less the start
itself, is credited to `start:<problem>` (the starting position fading)"""
OPENING = "pack"
"""cause of the entries that set up the starting position (not changes)"""
DELIVERY, DRIFT, PAYMENT = "explain.contract_delivery", "explain.outcome_drift", "explain.contract_payment"
AVOIDED = "avoided_payments"
"""key of the payments a contract ended early no longer made (not a trace key: see `_avoided_payments`)"""
STANDARD_COST = "cost:"
"""root prefix of the standard cost of meeting a problem's starting demand (see `_against_standard_cost`)"""
BY_VALUE = frozenset({PAYMENT, DELIVERY, "explain.variations", "explain.prevention",
                      "explain.prevention_spillover", "explain.learning"})
"""contract effects proportional to its value, split between its award and any variations"""


def is_decision(root: str) -> bool:
    return root.startswith(("action:", "choice:"))


def is_scored(metric: str) -> bool:
    return metric == "reserves" or metric.startswith("trust.") or (
        metric.startswith("problem.") and metric.endswith(".outcome"))


@dataclass(frozen=True, slots=True)
class Attribution:
    amounts: dict[str, dict[str, float]]
    """root → metric → change credited to it, in the metric's own units (£k for money)"""
    factors: dict[str, float]
    """score-card points per unit of each scored metric"""
    priced: frozenset[str] = frozenset()
    """decisions whose money is told against the standard cost of the services they bought"""

    def points(self, root: str) -> float:
        return math.fsum(self.metric_points(root).values())

    def metric_points(self, root: str) -> dict[str, float]:
        return {m: v * self.factors[m] for m, v in self.amounts.get(root, {}).items() if m in self.factors}

    def ranked(self, decisions: bool = True) -> list[tuple[str, float]]:
        """Roots (decisions, or else the forces) by the size of their effect on the score, largest first."""
        rows = [(root, self.points(root)) for root in self.amounts if is_decision(root) == decisions]
        return sorted(rows, key=lambda r: (-abs(r[1]), r[0]))


def attribute(state: State, card: ScoreCard) -> Attribution:
    priced: set[str] = set()
    return Attribution(_amounts(state, priced), score_factors(state, card), frozenset(priced))


def score_factors(state: State, card: ScoreCard) -> dict[str, float]:
    """Score points per outcome point, per £k of reserves and per trust point, as the score card weighs them."""
    game = state.game
    wt = game.score_weights
    w = wt.components
    total = add_up(w[k] for k in card.components) or 1.0
    pw, sw = wt.problem_total, wt.stakeholder_total
    factors = {f"problem.{pid}.outcome": v / pw * w["outcomes"] / total for pid, v in wt.problems}
    factors.update({f"trust.{sid}": v / sw * w["trust"] / total for sid, v in wt.stakeholders})
    per_k = game.cfg.r.finance_span / max(1, game.annual_income) * w["finance"] / total
    factors["reserves"] = per_k * money_counted(state, card)
    return factors


def money_counted(state: State, card: ScoreCard) -> float:
    """The share of the reserves' movement the score card counts (1 inside 0–100 points, less at a limit).

    The finance component is held between 0 and 100, so a council that ends far above its
    ceiling (or a section 114 at zero) scored less from money than the pounds moved; crediting
    each decision with the full amount would make every spending decision look worse than it
    was. Scaling all money effects alike keeps the credits adding up to the card.
    """
    raw = unclipped_finance(state)
    counted = 0.0 if card.failed == "section_114" else min(100.0, max(0.0, raw))
    if counted == raw or abs(raw - 50.0) < 1e-9:
        return 1.0
    return max(0.0, (counted - 50.0) / (raw - 50.0))


# ------------------------------------------------------------------------------------ roots


def variation_parts(state: State) -> dict[str, list[tuple[int, dict[str, float]]]]:
    """Per varied contract: (from turn, {root: share of the value}) — its award's part and each variation's."""
    actions = [(i, t, a) for i, (t, a) in enumerate(state.actions) if a.get("kind") == "vary_contract"]
    changes = [item for item in state.feed if item[2] == "feed.contract_varied"]
    out: dict[str, list[tuple[int, dict[str, float]]]] = {}
    for (index, turn, action), (_, _, _, params) in zip(actions, changes):
        p = dict(params)
        cid = p["contract"]
        parts = dict(out[cid][-1][1]) if cid in out else {contract_root(state, cid): float(p["old"])}
        parts[f"action:{index}"] = parts.get(f"action:{index}", 0.0) + float(p["new"]) - float(p["old"])
        out.setdefault(cid, []).append((turn, parts))
    return out


def contract_root(state: State, cid: str) -> str:
    c = state.contracts.get(cid)
    return c.origin if c is not None and is_decision(c.origin) else f"contract:{cid}"


def _contract_parts(state: State, varied: dict[str, list[tuple[int, dict[str, float]]]], cid: str, turn: int,
                    key: str, delta: float) -> list[tuple[str, float]]:
    """A contract's change in `turn` split among the roots that hold its value then (its award, any variations)."""
    history = varied.get(cid)
    if history and key in BY_VALUE:
        live = [parts for since, parts in history if since <= turn]
        if live:
            total = math.fsum(live[-1].values())
            if total:
                return [(r, delta * v / total) for r, v in live[-1].items()]
    return [(contract_root(state, cid), delta)]


def _roots(state: State, varied: dict[str, list[tuple[int, dict[str, float]]]]
           ) -> Iterator[tuple[int, str, str, str, list[tuple[str, float]]]]:
    """The trace as (turn, metric, key, cause, [(root, delta part)…]), opening entries left out."""
    for turn, metric, delta, cause, key in state.trace:
        if cause == OPENING:
            continue
        if cause.startswith("contract:"):
            yield turn, metric, key, cause, _contract_parts(state, varied, cause[9:], turn, key, delta)
        else:
            yield turn, metric, key, cause, [(cause, delta)]


def _avoided_payments(state: State, varied: dict[str, list[tuple[int, dict[str, float]]]]
                      ) -> Iterator[tuple[int, str, str, list[tuple[str, float]]]]:
    """Ending a contract early stops its payments: the decision is credited with what it no longer paid.

    The trace records the penalty but not the payments that never came, so a contract ended to save
    money showed only as a loss (Wigan's £110m-a-year management contract: "reserves −£275m" for a
    decision that saved £275m more than it cost). The payments the contract would have made in the
    quarters played are moved from whoever holds the contract (the inherited contract, or its award)
    to the decision that ended it, so the credits still add up to what happened.
    """
    played = len(state.snapshots) - 1
    for index, (turn, action) in enumerate(state.actions):
        c = state.contracts.get(action.get("contract", "")) if action.get("kind") == "end_contract" else None
        if c is None or c.ended != turn:
            continue
        quarters = min(c.end, played) - max(turn, c.start) + 1
        if quarters <= 0:
            continue
        avoided = float(c.value * quarters)
        held = _contract_parts(state, varied, c.id, turn, PAYMENT, -avoided)
        yield turn, "reserves", AVOIDED, [(f"action:{index}", avoided), *held]


def _against_standard_cost(state: State, entries: Iterator[tuple[int, str, str, str, list[tuple[str, float]]]],
                           priced: set[str]) -> Iterator[tuple[int, str, str, list[tuple[str, float]]]]:
    """Charge a decision's contract payments only beyond the standard cost of meeting the service's starting demand.

    Buying a service is how outcomes are bought, so charging each award its whole price made
    every commission look like a loss beside a grant cut. The standard cost of a problem (what
    fully meeting its starting demand costs at a standard price each quarter) is shared among
    that quarter's payments on it by size; a decision's share of it goes to `cost:<problem>`,
    and the decision keeps only what it paid above that (or the saving, when the service was
    bought for less). Failure demand, premiums and variations therefore stay with the decision.
    """
    game = state.game
    paid: dict[tuple[int, str], float] = {}
    for turn, _metric, delta, cause, key in state.trace:
        if key == PAYMENT and cause.startswith("contract:"):
            at = (turn, state.contracts[cause[9:]].problem)
            paid[at] = paid.get(at, 0.0) - delta
    for turn, metric, key, cause, parts in entries:
        if key != PAYMENT or not cause.startswith("contract:"):
            yield turn, metric, key, parts
            continue
        problem = state.contracts[cause[9:]].problem
        total = paid[(turn, problem)]
        standard = game.need(problem, game.problem[problem].demand)
        split: list[tuple[str, float]] = []
        for root, v in parts:
            if is_decision(root) and v < 0 and total > 0:
                share = standard * -v / total
                split += [(root, v + share), (f"{STANDARD_COST}{problem}", -share)]
                priced.add(root)
            else:
                split.append((root, v))
        yield turn, metric, key, split


# ------------------------------------------------------------------------------------ the walk


class _Levels:
    """Who holds how much of a level (an outcome or an income), so later changes can be shared out."""

    __slots__ = ("held", "fresh")

    def __init__(self, start: float) -> None:
        self.held: dict[str, float] = {START: start}
        self.fresh: dict[str, float] = {}

    def add(self, root: str, delta: float, fresh: bool = False) -> None:
        target = self.fresh if fresh else self.held
        target[root] = target.get(root, 0.0) + delta

    def settle(self) -> None:
        for root, v in self.fresh.items():
            self.held[root] = self.held.get(root, 0.0) + v
        self.fresh = {}

    def total(self) -> float:
        return math.fsum(self.held.values())

    def scale(self, factor: float) -> None:
        for root in self.held:
            self.held[root] *= 1.0 + factor


def _amounts(state: State, priced: set[str]) -> dict[str, dict[str, float]]:
    varied = variation_parts(state)
    entries = list(_against_standard_cost(state, _roots(state, varied), priced)) + list(_avoided_payments(state, varied))
    moved: dict[str, float] = {}
    for _, metric, _, parts in entries:
        moved[metric] = moved.get(metric, 0.0) + math.fsum(v for _, v in parts)
    outcomes = {pid: _Levels(p.outcome - moved.get(f"problem.{pid}.outcome", 0.0)) for pid, p in state.problems.items()}
    incomes = {src: _Levels(v - moved.get(f"income.{src}", 0.0)) for src, v in state.income.items()}
    out: dict[str, dict[str, float]] = {}

    def credit(root: str, metric: str, amount: float) -> None:
        row = out.setdefault(root, {})
        row[metric] = row.get(metric, 0.0) + amount

    for _, metric, key, parts in entries:
        head, _, rest = metric.partition(".")
        if head == "problem" and rest.endswith(".outcome"):
            level = outcomes[rest[:-8]]
            if key == DELIVERY:
                for root, v in parts:
                    level.add(root, v, fresh=True)
                continue
            before = level.total()
            if key == DRIFT and before:
                level.scale(add_up(v for _, v in parts) / before)
                level.settle()
                continue
            level.settle()
            for root, v in parts:
                level.add(root, v)
        elif head == "income":
            for root, v in parts:
                incomes[rest].add(root, v)
                credit(root, metric, v)
        elif metric == "reserves" and parts[0][0].startswith("income:") and parts[0][0][7:] in incomes:
            cause, delta = parts[0]
            _share(incomes[cause[7:]], delta, 0.0, cause, metric, credit)
        elif head == "trust" and parts[0][0].startswith("outcome:") and parts[0][0][8:] in outcomes:
            cause, delta = parts[0]
            _share(outcomes[cause[8:]], delta, state.game.cfg.r.trust_outcome_pivot, cause, metric, credit)
        else:
            for root, v in parts:
                credit(root, metric, v)
    for pid, level in outcomes.items():
        level.settle()
        start = state.problems[pid].outcome - moved.get(f"problem.{pid}.outcome", 0.0)
        for root, v in level.held.items():
            if root == START:
                credit(f"start:{pid}", f"problem.{pid}.outcome", v - start)
            else:
                credit(root, f"problem.{pid}.outcome", v)
    return out


def _share(level: _Levels, delta: float, pivot: float, cause: str, metric: str, credit) -> None:  # noqa: ANN001
    """Split `delta`, proportional to (level − pivot), among the level's holders; the start's part stays with `cause`."""
    level.settle()
    gap = level.total() - pivot
    if abs(gap) < 1e-6:
        credit(cause, metric, delta)
        return
    k = delta / gap
    for root, v in level.held.items():
        credit(cause if root == START else root, metric, k * (v - pivot if root == START else v))
