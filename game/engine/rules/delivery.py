"""How contracts turn money into outcomes, and how demand grows or bends.

Effectiveness = fit × provider quality × trust factor × funding ratio × ramp
(DESIGN §3.4). Two mechanisms carry the game's lesson:
- a rigid contract's *apparent* fit hides its true fit for a honeymoon, then
  decays toward it, so a tender on a complex problem looks fine for a year;
- preventive approaches bend demand only after their ramp, so prevention
  costs money before it pays (dual running).
Outcome and demand changes are split by cause: each contract's pull, the
natural drift, failure demand, prevention; the trace adds up exactly.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ..state import Contract, State
from ..tx import Tx


class Delivery(NamedTuple):
    contract: Contract
    quality_fit: float
    """fit × quality × trust factor × ramp × classification penalty"""
    coverage: float
    """money given ÷ money needed at the provider's price"""
    ripe: bool
    """past its ramp: preventive effects have begun"""


def effective_fit(state: State, c: Contract, domain: str | None = None) -> float:
    """The fit the contract delivers this turn, including a rigid contract's honeymoon."""
    cfg = state.game.cfg
    r = cfg.r
    true_fit = cfg.fit[c.approach][domain or state.problems[c.problem].domain]
    rigidity = cfg.approach[c.approach].rigidity
    if rigidity <= 0 or true_fit >= r.apparent_fit:
        return true_fit
    hidden = rigidity * (r.apparent_fit - true_fit)
    age = state.turn - c.start
    if age >= r.honeymoon_turns:
        hidden *= math.exp(-r.misfit_decay * (age - r.honeymoon_turns))
    return true_fit + hidden


def trust_factor(state: State, approach: str) -> float:
    cfg = state.game.cfg
    partners = cfg.approach[approach].trust_with
    if not partners:
        return 1.0
    return cfg.r.trust_factor_base + cfg.r.trust_factor_span * _mean_trust(state.trust, partners) / 100.0


def _mean_trust(trust: dict[str, float], partners: tuple[str, ...]) -> float:
    """Mean trust of `partners` (50 for one the pack lacks). Summed with `sum`, whose rounding
    differs from a plain loop's on Python 3.12+, so results stay what they were on every version."""
    return sum([trust.get(sid, 50.0) for sid in partners]) / len(partners)


def partner_trust(state: State, approach: str) -> float:
    partners = state.game.cfg.approach[approach].trust_with
    if not partners:
        return 100.0
    return _mean_trust(state.trust, partners)


def active_by_problem(state: State) -> dict[str, list[Contract]]:
    out: dict[str, list[Contract]] = {}
    for c in state.contracts.values():
        if c.status == "active":
            out.setdefault(c.problem, []).append(c)
    return out


def deliveries(state: State, problem: str, active: list[Contract] | None = None) -> list[Delivery]:
    """Active contracts on a problem with their funding scaled to the cap."""
    if active is None:
        active = active_by_problem(state).get(problem, [])
    if not active:
        return []
    game = state.game
    cfg = game.cfg
    r = cfg.r
    turn = state.turn
    p = state.problems[problem]
    domain = p.domain
    need = game.need(problem, p.demand)
    out = []
    for c in active:
        params = cfg.approach[c.approach]
        provider = game.provider[c.provider]
        age = turn - c.start
        ramp = params.ramp
        floor = params.floor
        ramped = 1.0 if age >= ramp else floor + (1.0 - floor) * age / ramp
        qf = effective_fit(state, c, domain) * provider.quality * trust_factor(state, c.approach) * ramped
        if c.perceived == "disorder":
            qf *= r.disorder_penalty
        coverage = c.value / (need * provider.price * params.premium) if need > 0 else 0.0
        out.append(Delivery(c, qf, coverage, age >= ramp))
    total = sum(d.coverage for d in out)
    cap = r.funding_cap
    if total > cap:
        scale = cap / total
        out = [Delivery(d.contract, d.quality_fit, d.coverage * scale, d.ripe) for d in out]
    return out


def cause_of(c: Contract) -> str:
    return f"contract:{c.id}"


def resolve_problem(tx: Tx, problem: str, active: list[Contract]) -> None:
    s = tx.s
    game = s.game
    r = game.cfg.r
    p = tx.problem(problem)
    spec = game.problem[problem]
    ds = deliveries(s, problem, active) if active else []
    before = p.outcome
    outcome = tx.outcome

    # Outcome moves toward a target set by effectiveness.
    if ds:
        scale = r.target_scale
        pulls = [scale * d.quality_fit * d.coverage for d in ds]
        target = sum(pulls)
        if target > 100.0:
            pulls = [v * 100.0 / target for v in pulls]
        rate = r.outcome_rate
        for d, v in zip(ds, pulls):
            outcome(problem, rate * v, cause_of(d.contract), "explain.contract_delivery")
        outcome(problem, -rate * before, "rule:outcome_drift", "explain.outcome_drift")
    else:
        outcome(problem, r.outcome_rate * (spec.unserved_outcome - before), "rule:unserved", "explain.unserved")
        if spec.statutory:
            tx.trust("regulator", r.unserved_statutory_regulator, f"unserved:{problem}", "explain.unserved_statutory")
    if p.domain == "chaotic" and not any(d.contract.approach in ("step_in", "in_house") for d in ds):
        outcome(problem, -r.chaos_outcome_drop, "rule:chaos", "explain.chaos_unmanaged")

    # Demand grows by its trend and failure demand, and bends down with ripe prevention.
    failure = r.failure_demand * max(0.0, r.failure_threshold - p.outcome)
    prevention: list[tuple[Contract, float]] = []
    if spec.preventable:
        approach = game.cfg.approach
        for d in ds:
            strength = approach[d.contract.approach].prevention
            if d.ripe and strength > 0:
                prevention.append((d.contract, r.prevention_strength * strength * d.quality_fit * d.coverage))
    upstream = prevention
    if prevention:
        total = sum(v for _, v in prevention)
        if p.trend + failure - total < r.min_growth:
            room = p.trend + failure - r.min_growth
            prevention = [(c, v * room / total) for c, v in prevention]
    demand = p.demand
    tx.demand(problem, demand * p.trend, "rule:demand_trend", "explain.demand_trend")
    if failure:
        tx.demand(problem, demand * failure, "rule:failure_demand", "explain.failure_demand")
    for c, v in prevention:
        tx.demand(problem, -demand * v, cause_of(c), "explain.prevention")
    # Prevention upstream eases demand downstream (the Wigan Deal: community groups keep people
    # out of formal care). The bend is a share of growth, so it scales with the target's demand.
    if upstream:
        for target, share in spec.bends.items():
            t = tx.problem(target)
            for c, v in upstream:
                tx.demand(target, -t.demand * v * share, cause_of(c), "explain.prevention_spillover")

    # Learning on a complex problem can make parts of it complicated.
    if p.domain == "complex":
        for d in ds:
            if d.contract.approach in ("pilots", "alliance"):
                tx.learning(problem, d.quality_fit * d.coverage, cause_of(d.contract), "explain.learning")
        if p.learning >= r.learning_threshold and p.base_domain == "complex" and p.domain_turns == 0:
            p.domain = p.base_domain = "complicated"
            tx.feed("domain", "feed.domain_learned", problem=problem, to="complicated")


def contract_costs(tx: Tx) -> None:
    """Pay every active contract, plus variations where a rigid specification misfits."""
    s = tx.s
    cfg = s.game.cfg
    r = cfg.r
    accounts = s.game.spend_accounts
    post = tx.post
    for c in s.contracts.values():
        if c.status != "active":
            continue
        cause = cause_of(c)
        account = accounts[c.problem]
        post(c.value, account, "reserves", cause, "explain.contract_payment")
        rigidity = cfg.approach[c.approach].rigidity
        if rigidity > 0:
            true_fit = cfg.fit[c.approach][s.problems[c.problem].domain]
            if true_fit < r.apparent_fit and s.turn - c.start >= r.honeymoon_turns:
                misfit = (r.apparent_fit - true_fit) / r.apparent_fit
                tx.spend(round(c.value * r.variation_rate * rigidity * misfit), account, cause, "explain.variations")
