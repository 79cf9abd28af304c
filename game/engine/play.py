"""`new_game` and `step`: the only two ways a state comes into being."""

from __future__ import annotations

from ..content.models import Pack
from . import events
from .actions import (
    Action, Choose, Classify, Commission, EndContract, Establish, InjectEvent, MakeSense, PlanContingency,
    SetCouncilTax, VaryContract, action_from_dict, action_to_dict,
)
from .game import Game, prepare
from .legal import check, commission_length, commission_value
from .observe import Snapshot
from .rng import quarter_luck, sense_draw
from .rules import contracts, money, people, providers
from .rules.delivery import contract_costs, resolve_problems
from .state import ProblemState, ProviderState, State
from .tx import Tx

DOMAIN_ORDER = ("clear", "complicated", "complex", "chaotic")


def new_game(pack: Pack | Game, seed: int | None = None, *, record: bool = True) -> State:
    """A fresh game at the start of turn 1. Pass a prepared `Game` to start many games cheaply.
    `record=False` plays it without the causal trace, ledger and feed (see `State.record`)."""
    game = prepare(pack)
    seed = game.pack.info.seed if seed is None else int(seed)
    opening = game.openings.get(record)
    if opening is None:
        opening = game.openings[record] = _opening(game, record)
    state = opening.clone()
    state.seed = seed
    state.luck = quarter_luck(seed, game.turns, len(game.pack.providers), len(game.triggered))
    tx = Tx(state)
    events.fire_turn_events(tx, state.luck[0][1])
    tx.commit()
    state.snapshots = (Snapshot(state),)
    return state


def _opening(game: Game, record: bool) -> State:
    """Turn 1 before its events: the opening reserves, the pack's running contracts and the first
    quarter's capacity. None of it depends on the seed, so a Game makes it once and every new game
    starts from a copy (records are copied on first write, like any state's)."""
    info = game.pack.info
    b = info.budget
    problems = {
        p.id: ProblemState(
            id=p.id, domain=p.domain, base_domain=p.domain, domain_turns=0, perceived=p.perceived,
            candidates=DOMAIN_ORDER, evidence=(), demand=p.demand, trend=p.demand_trend, outcome=p.outcome,
        )
        for p in game.pack.problems
    }
    provs = {v.id: ProviderState(v.id, v.health, v.health_trend, v.available) for v in game.pack.providers}
    state = State(
        game=game, seed=info.seed, turn=1, reserves=0,
        income={"grant": round(b.grant * 1000), "council_tax": round(b.council_tax * 1000),
                "other_income": round(b.other_income * 1000)},
        capacity=0, capacity_max=0, capacity_mods=(),
        trust={s.id: s.trust for s in game.pack.stakeholders},
        problems=problems, providers=provs, contracts={}, accounts={}, record=record,
    )
    tx = Tx(state)
    tx.recount()
    tx.post(round(b.reserves * 1000), "reserves", "equity:opening", "pack", "explain.opening_reserves")
    for sc in game.pack.contracts:
        contracts.award(tx, sc.problem, sc.approach, sc.provider, round(sc.value * 250), sc.length, "pack", age=sc.age)
    people.refresh_capacity(tx)
    return tx.commit()


def step(state: State, action: Action) -> State:
    """Apply one action to a copy of `state` and return the copy; `state` itself never changes.

    Raises IllegalAction (with a message for the player) if the action is not allowed now.
    """
    cost = check(state, action)
    s = state.clone()
    cause = f"action:{len(state.actions)}"
    s.actions = s.actions.extend(((state.turn, action_to_dict(action)),))
    tx = Tx(s)
    if cost:
        tx.capacity(-cost, cause, f"explain.cost_{action.kind}")
    _APPLY[action.kind](tx, action, cause)
    return tx.commit()


def with_logs(state: State) -> State:
    """`state` with its causal trace, ledger and feed: itself if its game kept them, else the same game
    replayed from its pack, seed and action log with them kept. The engine is deterministic, so the
    replay reaches exactly the same numbers."""
    if state.record:
        return state
    replay = new_game(state.game, state.seed)
    for _turn, action in state.actions:
        replay = step(replay, action_from_dict(action))
    return replay


# ---------------------------------------------------------------------- the player's actions


def _make_sense(tx: Tx, a: MakeSense, cause: str) -> None:
    s = tx.s
    r = s.game.cfg.r
    p = tx.problem(a.problem)
    wrong = [d for d in p.candidates if d != p.domain]
    index = list(s.game.problem).index(a.problem)
    ruled_out = wrong[sense_draw(s.seed, s.turn, index * 8 + len(wrong), len(wrong))]
    p.candidates = tuple(d for d in p.candidates if d != ruled_out)
    p.evidence = p.evidence + (f"not:{ruled_out}",)
    if len(p.candidates) == 1:
        p.evidence = p.evidence + (f"is:{p.domain}",)
    tx.trust("staff", r.make_sense_staff, cause, "explain.listening")
    tx.trust("residents", r.make_sense_residents, cause, "explain.listening")
    tx.feed("sense", "feed.evidence", ("left", len(p.candidates)), ("problem", a.problem), ("ruled_out", ruled_out))


def _classify(tx: Tx, a: Classify, cause: str) -> None:
    p = tx.problem(a.problem)
    p.perceived = a.domain
    p.classified_turn = tx.s.turn
    tx.feed("classify", "feed.classified", ("domain", a.domain), ("problem", a.problem))


def _commission(tx: Tx, a: Commission, cause: str) -> None:
    s = tx.s
    value = commission_value(s, a)
    contracts.award(tx, a.problem, a.approach, a.provider, value, commission_length(s, a), cause)
    if s.game.cfg.approach[a.approach].trust_with and "vcse" in s.trust:
        tx.trust("vcse", s.game.cfg.r.relational_award_vcse, cause, "explain.relational_award")


def _end_contract(tx: Tx, a: EndContract, cause: str) -> None:
    contracts.terminate(tx, tx.s.contracts[a.contract], cause)


def _vary_contract(tx: Tx, a: VaryContract, cause: str) -> None:
    c = tx.s.contracts[a.contract]
    value = round(a.value * 250)
    if value < c.value:
        tx.trust("providers", tx.s.game.cfg.r.vary_down_providers, cause, "explain.vary_down")
    tx.feed("contract", "feed.contract_varied", ("contract", c.id), ("new", value), ("old", c.value))
    tx.contract_value(c.id, value)


def _plan_contingency(tx: Tx, a: PlanContingency, cause: str) -> None:
    tx.provider(a.provider).contingency = True
    tx.spend(round(tx.s.game.cfg.r.contingency_cost * 1000), "spend:contingency", cause, "explain.contingency")
    tx.feed("provider", "feed.contingency", ("provider", a.provider))


def _establish(tx: Tx, a: Establish, cause: str) -> None:
    tx.availability(a.provider, True)
    tx.spend(round(tx.s.game.provider[a.provider].setup_cost * 1000), "spend:setup", cause, "explain.establish")
    tx.feed("provider", "feed.established", ("provider", a.provider))


def _set_council_tax(tx: Tx, a: SetCouncilTax, cause: str) -> None:
    s = tx.s
    r = s.game.cfg.r
    s.tax_rise, s.tax_year, s.tax_cause = a.rise, s.game.financial_year(s.turn), cause
    if a.rise > 0:
        tx.trust("residents", r.council_tax_residents * a.rise, cause, "explain.council_tax_trust")
        tx.trust("members", r.council_tax_members * a.rise, cause, "explain.council_tax_trust")
    tx.feed("budget", "feed.council_tax_set", ("rise", a.rise))


def _choose(tx: Tx, a: Choose, cause: str) -> None:
    s = tx.s
    s.pending = tuple(p for p in s.pending if p.event != a.event)
    tx.feed("choice", "feed.choice", ("choice", a.choice), ("event", a.event))
    events.apply_effects(tx, s.game.choices[a.event, a.choice], f"choice:{a.event}.{a.choice}")


def _inject(tx: Tx, a: InjectEvent, cause: str) -> None:
    events.fire(tx, tx.s.game.event_terms[a.event])


def _end_turn(tx: Tx, a: Action, cause: str) -> None:
    """Resolve the quarter, close the year if it is Q1, then open the next turn and fire its events."""
    s = tx.s
    # This quarter's market noise now, then the luck of next quarter's triggered events.
    noise, draws = s.luck[s.turn]
    money.collect_income(tx)
    contract_costs(tx)
    resolve_problems(tx)
    people.resolve_trust(tx)
    providers.resolve_providers(tx, noise)
    contracts.start_and_expire(tx, "expire")
    for p in tx.problems().values():  # already owned: resolve_problems took them all
        if p.domain_turns:
            p.domain_turns -= 1
            if p.domain_turns == 0 and p.domain != p.base_domain:
                p.domain = p.base_domain
                tx.feed("domain", "feed.domain_settled", ("problem", p.id), ("to", p.domain))
    money.close_year(tx)
    s.snapshots = s.snapshots + (Snapshot(s),)
    tx.share_records()
    if s.over is None and s.turn >= s.game.turns:
        s.over = "completed"
        tx.feed("end", "feed.completed")
    if s.over is not None:
        return
    s.turn += 1
    _year, quarter = s.game.quarter(s.turn)
    if quarter == 2:
        money.start_financial_year(tx)
    contracts.start_and_expire(tx, "start")
    people.refresh_capacity(tx)
    events.fire_turn_events(tx, draws)
    if s.game.loss is not None and s.game.loss.fn(s):
        s.over = "loss_condition"
        tx.feed("end", "feed.loss_condition")


_APPLY = {
    "make_sense": _make_sense,
    "classify": _classify,
    "commission": _commission,
    "end_contract": _end_contract,
    "vary_contract": _vary_contract,
    "plan_contingency": _plan_contingency,
    "establish": _establish,
    "set_council_tax": _set_council_tax,
    "choose": _choose,
    "inject_event": _inject,
    "end_turn": _end_turn,
}
