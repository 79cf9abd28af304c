"""What a player may do now, and why not when they may not.

`check` raises `IllegalAction` with a sentence a player can act on; the
screens show it as is. `legal_actions` offers every action that passes
`check`, with commissions at the fully funded value and default length (the
values a bot or a hint would start from).
"""

from __future__ import annotations

from .actions import (
    Action, Choose, Classify, Commission, EndContract, EndTurn, Establish, IllegalAction, InjectEvent,
    MakeSense, PlanContingency, SetCouncilTax, VaryContract,
)
from .rules.delivery import mean_trust, partner_trust
from .state import Contract, State

PERCEIVED = ("disorder", "clear", "complicated", "complex", "chaotic")


def _cost(state: State, points: float, what: str) -> int:
    """The capacity an action costs, or IllegalAction naming `what`."""
    points = int(points)
    if points > state.capacity:
        raise IllegalAction(
            f"Not enough leadership capacity: {what} needs {points} point{'s' if points != 1 else ''} "
            f"and {state.capacity} {'is' if state.capacity == 1 else 'are'} left this quarter."
        )
    return points


def _problem(state: State, pid: str) -> None:
    if pid not in state.problems:
        raise IllegalAction(f"There is no problem called '{pid}' in this scenario.")


def _contract(state: State, cid: str) -> Contract:
    c = state.contracts.get(cid)
    if c is None:
        raise IllegalAction(f"There is no contract '{cid}'.")
    if not c.live:
        raise IllegalAction(f"Contract {cid} has already ended.")
    return c


def _provider_name(state: State, vid: str) -> str:
    return state.game.provider[vid].name


def commission_value(state: State, a: Commission, need: float | None = None) -> int:
    """£k a turn: the player's figure, or fully funded at today's need and this provider's price."""
    if a.value is not None:
        return round(a.value * 250)
    game = state.game
    premium = game.cfg.approach[a.approach].premium
    if need is None:
        need = game.need(a.problem, state.problems[a.problem].demand)
    return max(1, round(need * game.provider_terms[a.provider].price * premium))


def commission_length(state: State, a: Commission) -> int:
    return a.length if a.length is not None else state.game.cfg.approach[a.approach].length


def check(state: State, action: Action) -> int:
    """Raise IllegalAction if `action` is not allowed now; return its capacity cost."""
    if state.over is not None:
        raise IllegalAction("The game is over; no more actions can be taken.")
    game = state.game
    r = game.cfg.r
    kind = action.kind
    if kind == "end_turn":
        if state.pending:
            title = game.event[state.pending[0].event].title
            raise IllegalAction(f"Answer '{title}' before ending the quarter.")
        return 0
    if kind == "choose":
        assert isinstance(action, Choose)
        pending = next((p for p in state.pending if p.event == action.event), None)
        if pending is None:
            raise IllegalAction(f"There is no decision waiting on '{action.event}'.")
        if (action.event, action.choice) not in game.choices:
            options = ", ".join(c.id for c in game.event[action.event].choices)
            raise IllegalAction(f"'{action.choice}' is not one of the options ({options}).")
        return 0
    if kind == "inject_event":
        assert isinstance(action, InjectEvent)
        event = game.event.get(action.event)
        if event is None:
            raise IllegalAction(f"There is no event '{action.event}' in this pack.")
        if not event.injectable:
            raise IllegalAction(f"The event '{event.title}' cannot be injected.")
        return 0
    if kind == "classify":
        assert isinstance(action, Classify)
        _problem(state, action.problem)
        if action.domain not in PERCEIVED:
            raise IllegalAction(f"'{action.domain}' is not a Cynefin domain.")
        if state.problems[action.problem].perceived == action.domain:
            raise IllegalAction("The problem is already placed there.")
        return 0
    if kind == "make_sense":
        assert isinstance(action, MakeSense)
        _problem(state, action.problem)
        if len(state.problems[action.problem].candidates) <= 1:
            raise IllegalAction("The evidence on this problem is already clear: there is nothing more to learn now.")
        return _cost(state, r.make_sense_cost, "making sense of a problem")
    if kind == "commission":
        assert isinstance(action, Commission)
        return _check_commission(state, action)
    if kind == "end_contract":
        assert isinstance(action, EndContract)
        _contract(state, action.contract)
        return _cost(state, r.end_contract_cost, "ending a contract")
    if kind == "vary_contract":
        assert isinstance(action, VaryContract)
        c = _contract(state, action.contract)
        value = round(action.value * 250)
        if value <= 0:
            raise IllegalAction("A contract's value must be above zero; end the contract instead.")
        if value == c.value:
            raise IllegalAction("That is the contract's value already.")
        _check_ceiling(state, c.problem, value)
        return _cost(state, r.vary_contract_cost, "renegotiating a contract")
    if kind == "plan_contingency":
        assert isinstance(action, PlanContingency)
        v = state.providers.get(action.provider)
        if v is None:
            raise IllegalAction(f"There is no provider '{action.provider}'.")
        if v.collapsed:
            raise IllegalAction(f"{_provider_name(state, action.provider)} has already failed.")
        if v.contingency:
            raise IllegalAction(f"There is already a contingency plan for {_provider_name(state, action.provider)}.")
        return _cost(state, r.contingency_capacity, "contingency planning")
    if kind == "establish":
        assert isinstance(action, Establish)
        v = state.providers.get(action.provider)
        if v is None:
            raise IllegalAction(f"There is no provider '{action.provider}'.")
        if v.available or v.collapsed:
            raise IllegalAction(f"{_provider_name(state, action.provider)} does not need establishing.")
        if game.provider[action.provider].type != "council_company":
            raise IllegalAction("Only a council-owned company can be established by the council.")
        return _cost(state, r.establish_cost, "setting up a company")
    if kind == "set_council_tax":
        assert isinstance(action, SetCouncilTax)
        cap = game.pack.info.budget.council_tax_cap
        if not r.council_tax_floor <= action.rise <= cap:
            raise IllegalAction(
                f"The council tax change must be between {r.council_tax_floor:g}% and the {cap:g}% cap "
                "(above the cap needs a referendum)."
            )
        if state.tax_year == game.financial_year(state.turn):
            raise IllegalAction("Council tax has already been set this financial year.")
        return _cost(state, r.council_tax_cost, "setting council tax")
    raise IllegalAction(f"Unknown action '{kind}'.")


def _check_ceiling(state: State, problem: str, value: int, need: float | None = None) -> None:
    if need is None:
        need = state.game.need(problem, state.problems[problem].demand)
    ceiling = state.game.cfg.r.max_funding_multiple * need
    if value > ceiling:
        raise IllegalAction(
            f"£{value * 4 / 1000:.1f}m a year is more than {state.game.cfg.r.max_funding_multiple:g} times what "
            "the service needs; no provider would take it seriously."
        )


def _check_commission(state: State, a: Commission) -> int:
    """Every way a commission can be refused, in the order a player would want to hear them. A
    look-ahead checks a dozen commissions per decision, so each record is fetched once and the pack's
    own models (slow to read) only for a message."""
    game = state.game
    cfg = game.cfg
    problem, approach, provider = a.problem, a.approach, a.provider
    p = state.problems.get(problem)
    if p is None:
        _problem(state, problem)
    params = cfg.approach.get(approach)
    if params is None:
        raise IllegalAction(f"'{approach}' is not a commissioning approach.")
    if approach not in game.allowed[problem]:
        raise IllegalAction(
            f"This scenario does not allow {approach.replace('_', ' ')} for {game.problem[problem].name}.")
    v = state.providers.get(provider)
    if v is None:
        raise IllegalAction(f"There is no provider '{provider}'.")
    if v.collapsed:
        raise IllegalAction(f"{_provider_name(state, provider)} has collapsed and can take no contracts.")
    if not v.available:
        raise IllegalAction(
            f"{_provider_name(state, provider)} is not available (it may need to be established first).")
    terms = game.provider_terms[provider]
    if terms.type not in params.types:
        raise IllegalAction(f"{_provider_name(state, provider)} ({terms.type.replace('_', ' ')}) "
                            f"cannot deliver {approach.replace('_', ' ')}.")
    held = state.held.get(provider, 0)
    if held >= terms.capacity:
        raise IllegalAction(f"{_provider_name(state, provider)} is at capacity ({held} contracts).")
    placed = state.placed.get(problem, ())
    if len(placed) >= cfg.r.max_contracts_per_problem:
        raise IllegalAction(f"{game.problem[problem].name} already has {len(placed)} contracts; end one first.")
    if (approach, provider) in placed:
        raise IllegalAction(
            f"{_provider_name(state, provider)} already delivers {game.problem[problem].name} this way.")
    trust = partner_trust(state, approach)
    if trust < params.trust_gate:
        raise IllegalAction(
            f"Not enough trust for {approach.replace('_', ' ')}: partners ({', '.join(params.trust_with)}) average "
            f"{trust:.0f}, and it needs {params.trust_gate:.0f}."
        )
    length = commission_length(state, a)
    if not 1 <= length <= 40:
        raise IllegalAction("A contract runs between 1 and 40 quarters.")
    need = game.need(problem, p.demand)
    value = commission_value(state, a, need)
    if value <= 0:
        raise IllegalAction("A contract's value must be above zero.")
    _check_ceiling(state, problem, value, need)
    return _cost(state, params.cost, game.commissioning[approach])


def is_legal(state: State, action: Action) -> bool:
    try:
        check(state, action)
    except IllegalAction:
        return False
    return True


def legal_actions(state: State) -> list[Action]:
    """Every player action allowed now (facilitator injections are not offered).

    This mirrors `check` with counts computed once per call rather than one
    `check` per candidate (a pack offers hundreds); a property test holds the
    two equal on random states. The actions themselves are prebuilt in `Game`.
    """
    if state.over is not None:
        return []
    game = state.game
    if state.pending:
        return list(game.choice_actions[state.pending[0].event])
    r = game.cfg.r
    cap = state.capacity
    out: list[Action] = [END_TURN]
    sense = cap >= r.make_sense_cost
    options = game.problem_options  # with or without MakeSense: one extend a problem, not an extend and an append
    for pid, p in state.problems.items():
        out.extend(options[pid][p.perceived][sense and len(p.candidates) > 1])
    if cap >= r.end_contract_cost:
        ends = game.end_contract_actions
        for c in state.contracts.values():  # a loop: on Python 3.11 a comprehension is a call
            if c.status != "ended":
                out.append(ends[c.id])
    contingency = cap >= r.contingency_capacity
    plans = game.contingency_actions
    establish = game.establish_actions if cap >= r.establish_cost else {}
    for vid, v in state.providers.items():
        if v.collapsed:
            continue
        if contingency and not v.contingency:
            out.append(plans[vid])
        if not v.available and vid in establish:
            out.append(establish[vid])
    if cap >= r.council_tax_cost and state.tax_year != game.financial_year(state.turn):
        out.extend(game.tax_actions)
    _add_commissions(state, out)
    return out


END_TURN = EndTurn()


def _add_commissions(state: State, out: list[Action]) -> None:
    """The open commissions come from a menu the Game remembers per (closed providers, usable
    approaches: `State.closed` is kept as contracts and providers change); a problem already served has
    what serves it cut out of its row by position: the row is copied whole and the served ones deleted
    from the end back, which builds no slices (6 % fewer instructions than extending slice by slice)."""
    game = state.game
    cap = state.capacity
    trust = state.trust
    affordable = game.affordable
    usable = affordable[cap] if cap < len(affordable) else affordable[-1]
    trusted = []
    for a, cost, gate, partners in game.gated_approaches:
        if cost <= cap and mean_trust(trust, partners) >= gate:
            trusted.append(a)
    if trusted:
        usable = usable.union(trusted)
    limit = game.cfg.r.max_contracts_per_problem
    placed = state.placed
    for pid, actions, position in game.commission_menu(state.closed, usable):
        pairs = placed.get(pid)
        if not pairs:
            out.extend(actions)
        elif len(pairs) < limit:
            start = len(out)
            out.extend(actions)
            cuts = []
            for pair in pairs:
                i = position.get(pair)
                if i is not None:
                    cuts.append(start + i)
            if len(cuts) > 1:
                cuts.sort(reverse=True)
            for i in cuts:
                del out[i]
