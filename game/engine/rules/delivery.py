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

from ..floats import add_up
from ..game import ProblemTerms
from ..state import Contract, ProblemState, State
from ..tx import DEMAND, OUTCOME, Tx


Delivery = tuple[Contract, float, float, bool]
"""(contract, quality fit: fit × quality × trust factor × ramp × classification penalty,
coverage: money given ÷ money needed at the provider's price, ripe: past its ramp, so preventive
effects have begun). Plain tuples: the end of every quarter builds one per active contract."""


def trust_factor(state: State, approach: str) -> float:
    cfg = state.game.cfg
    partners = cfg.approach[approach].trust_with
    if not partners:
        return 1.0
    return cfg.r.trust_factor_base + cfg.r.trust_factor_span * mean_trust(state.trust, partners) / 100.0


def mean_trust(trust: dict[str, float], partners: tuple[str, ...]) -> float:
    """Mean trust of `partners` (50 for one the pack lacks), added left to right as `add_up` does, in
    a loop of its own: legal actions and delivery ask for it a dozen times a quarter."""
    total = 0.0
    for sid in partners:
        total += trust.get(sid, 50.0)
    return total / len(partners)


def partner_trust(state: State, approach: str) -> float:
    partners = state.game.cfg.approach[approach].trust_with
    if not partners:
        return 100.0
    return mean_trust(state.trust, partners)


def active_by_problem(state: State) -> dict[str, list[Contract]]:
    out: dict[str, list[Contract]] = {}
    for c in state.contracts.values():
        if c.status == "active":
            out.setdefault(c.problem, []).append(c)
    return out


def deliveries(state: State, p: ProblemState, spec: ProblemTerms, active: list[Contract],
               factors: dict[str, float]) -> list[Delivery]:
    """Problem `p`'s active contracts with their funding scaled to the cap. A rigid contract's fit
    includes its honeymoon: the hidden part of a misfit, fading after `honeymoon_turns`. `spec` is the
    problem's terms, which the caller has already read; `factors` remembers each approach's trust
    factor for the quarter (see `resolve_problems`)."""
    game = state.game
    r = game.cfg.r
    turn = state.turn
    domain = p.domain
    need = spec.need(p.demand)
    terms = game.delivery_terms
    apparent, honeymoon = r.apparent_fit, r.honeymoon_turns
    out = []
    total = 0  # the coverages added up as they come, left to right as `add_up` would
    for c in active:
        approach = c.approach
        fits, rigidity, ramp, floor, premium, quality, price = terms[approach][c.provider]
        age = turn - c.start
        ramped = 1.0 if age >= ramp else floor + (1.0 - floor) * age / ramp
        factor = factors.get(approach)
        if factor is None:
            factor = factors[approach] = trust_factor(state, approach)
        fit = fits[domain]
        if rigidity > 0 and fit < apparent:
            hidden = rigidity * (apparent - fit)
            if age >= honeymoon:
                hidden *= math.exp(-r.misfit_decay * (age - honeymoon))
            fit = fit + hidden
        qf = fit * quality * factor * ramped
        if c.perceived == "disorder":
            qf *= r.disorder_penalty
        coverage = c.value / (need * price * premium) if need > 0 else 0.0
        total += coverage
        out.append((c, qf, coverage, age >= ramp))
    cap = r.funding_cap
    if total > cap:
        scale = cap / total
        out = [(c, qf, coverage * scale, ripe) for c, qf, coverage, ripe in out]
    return out


def resolve_problems(tx: Tx) -> None:
    """Every problem's quarter, in pack order. Partners' trust stays put while they resolve (only the
    regulator's moves here, and no approach draws on it: a test holds the defaults to that), so each
    approach's trust factor is worked out once for all of them."""
    s = tx.s
    active = active_by_problem(s)
    factors: dict[str, float] = {}
    for pid, p in tx.problems().items():
        resolve_problem(tx, p, active.get(pid), factors)


def resolve_problem(tx: Tx, p: ProblemState, active: list[Contract] | None, factors: dict[str, float]) -> None:
    """Problem `p`'s quarter; `p` is the Tx's own record (see `Tx.problems`)."""
    s = tx.s
    game = s.game
    r = game.cfg.r
    problem = p.id
    spec = game.terms[problem]
    causes, keys = game.contract_causes, game.problem_keys[problem]
    ds = deliveries(s, p, spec, active, factors) if active else ()
    before = p.outcome

    # Outcome moves toward a target set by effectiveness, or toward where it settles unserved.
    rate = r.outcome_rate
    if ds:
        # loops, not comprehensions, for the one or two contracts of a problem: on Python 3.11 each
        # comprehension is a call (the rescaling below is rare)
        scale = r.target_scale
        pulls = []
        target = 0  # the pulls added up as they come, left to right as `add_up` would
        for _, qf, coverage, _ in ds:
            pull = scale * qf * coverage
            pulls.append(pull)
            target += pull
        if target > 100.0:
            pulls = [v * 100.0 / target for v in pulls]
        changes = []
        for d, v in zip(ds, pulls):
            changes.append((rate * v, causes[d[0].id], "explain.contract_delivery"))
        changes.append((-rate * before, "rule:outcome_drift", "explain.outcome_drift"))
    else:
        changes = [(rate * (spec.unserved_outcome - before), "rule:unserved", "explain.unserved")]
    p.outcome = tx.series(keys[OUTCOME], before, changes, 0.0, 100.0)
    if not ds and spec.statutory:
        tx.trust("regulator", r.unserved_statutory_regulator, f"unserved:{problem}", "explain.unserved_statutory")
    if p.domain == "chaotic" and not any(d[0].approach in ("step_in", "in_house") for d in ds):
        tx.outcome(problem, -r.chaos_outcome_drop, "rule:chaos", "explain.chaos_unmanaged")

    # Demand grows by its trend and failure demand, and bends down with ripe prevention.
    failure = r.failure_demand * max(0.0, r.failure_threshold - p.outcome)
    prevention: list[tuple[Contract, float]] = []
    if spec.preventable:
        approach = game.cfg.approach
        for c, qf, coverage, ripe in ds:
            strength = approach[c.approach].prevention
            if ripe and strength > 0:
                prevention.append((c, r.prevention_strength * strength * qf * coverage))
    upstream = prevention
    if prevention:
        total = add_up(v for _, v in prevention)
        if p.trend + failure - total < r.min_growth:
            room = p.trend + failure - r.min_growth
            prevention = [(c, v * room / total) for c, v in prevention]
    demand = p.demand
    changes = [(demand * p.trend, "rule:demand_trend", "explain.demand_trend")]
    if failure:
        changes.append((demand * failure, "rule:failure_demand", "explain.failure_demand"))
    for c, v in prevention:
        changes.append((-demand * v, causes[c.id], "explain.prevention"))
    p.demand = tx.series(keys[DEMAND], demand, changes, 0.0, math.inf)
    # Prevention upstream eases demand downstream (the Wigan Deal: community groups keep people
    # out of formal care). The bend is a share of growth, so it scales with the target's demand.
    if upstream:
        for target, share in spec.bends.items():
            t = tx.problem(target)
            for c, v in upstream:
                tx.demand(target, -t.demand * v * share, causes[c.id], "explain.prevention_spillover")

    # Learning on a complex problem can make parts of it complicated.
    if p.domain == "complex":
        for c, qf, coverage, _ in ds:
            if c.approach in ("pilots", "alliance"):
                tx.learning(problem, qf * coverage, causes[c.id], "explain.learning")
        if p.learning >= r.learning_threshold and p.base_domain == "complex" and p.domain_turns == 0:
            p.domain = p.base_domain = "complicated"
            tx.feed("domain", "feed.domain_learned", ("problem", problem), ("to", "complicated"))


def contract_costs(tx: Tx) -> None:
    """Pay every active contract, plus variations where a rigid specification misfits."""
    s = tx.s
    cfg = s.game.cfg
    r = cfg.r
    accounts = s.game.spend_accounts
    causes = s.game.contract_causes
    post = tx.post
    for c in s.contracts.values():
        if c.status != "active":
            continue
        cause = causes[c.id]
        account = accounts[c.problem]
        post(c.value, account, "reserves", cause, "explain.contract_payment")
        rigidity = cfg.approach[c.approach].rigidity
        if rigidity > 0:
            true_fit = cfg.fit[c.approach][s.problems[c.problem].domain]
            if true_fit < r.apparent_fit and s.turn - c.start >= r.honeymoon_turns:
                misfit = (r.apparent_fit - true_fit) / r.apparent_fit
                tx.spend(round(c.value * r.variation_rate * rigidity * misfit), account, cause, "explain.variations")
