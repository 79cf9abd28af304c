"""Plain-English wording for everything the engine records by key.

The engine writes keys (`explain.variations`, `feed.collapse`) and cause ids
(`contract:c3`, `event:grant_cut`) so it stays free of prose; every screen, the
debrief and the room read them through this one table, so a learner sees the
same words for the same cause everywhere. A test checks that every key the
engine can emit has wording here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine.state import FeedItem, State

DOMAIN_LABELS = {
    "disorder": "Disorder (not yet understood)",
    "clear": "Clear",
    "complicated": "Complicated",
    "complex": "Complex",
    "chaotic": "Chaotic",
}
APPROACH_LABELS = {
    "tender": "Specify and tender",
    "specialist": "Specialist service",
    "outcomes": "Outcomes-based contract",
    "alliance": "Alliance / partnership",
    "community": "Community investment",
    "pilots": "Safe-to-fail pilots",
    "in_house": "In-house / council company",
    "step_in": "Emergency step-in",
}
APPROACH_BLURBS = {
    "tender": "Write a specification and let the market compete on price. Works when the task is well understood.",
    "specialist": "Bring in experts to design and deliver. Works when the answer exists but needs expertise.",
    "outcomes": "Pay for results, not activity. Needs outcomes you can measure and attribute.",
    "alliance": "Share goals and risks with partners and design the service together. Slow to start; needs trust.",
    "community": "Grants and assets for local groups so demand falls before it arrives. Slow to bite; needs trust.",
    "pilots": "Several small experiments; keep what works, stop what does not. Builds learning.",
    "in_house": "Deliver it yourself (or through a council-owned company): control, at a price.",
    "step_in": "Command and control to stabilise a crisis. Immediate and dear; staff tire if it lasts.",
}
PROVIDER_TYPE_LABELS = {
    "in_house": "In-house",
    "outsourcer": "Outsourcer",
    "sme": "Small business",
    "vcse": "Voluntary sector",
    "community": "Community group",
    "council_company": "Council-owned company",
    "nhs": "NHS partner",
}
GRADE_LABELS = {
    "inadequate": "Inadequate",
    "requires_improvement": "Requires improvement",
    "good": "Good",
    "outstanding": "Outstanding",
}
SIGNAL_LABELS = {"": "No concerns", "watch": "Some concerns", "warning": "Serious concerns"}

EXPLAIN: dict[str, str] = {
    "explain.opening_reserves": "reserves at the start",
    "explain.capacity_base": "a new quarter's leadership capacity",
    "explain.capacity_chaos": "a crisis absorbing leaders' attention",
    "explain.capacity_event": "an event changing capacity",
    "explain.capacity_floor": "capacity never falls below the minimum",
    "explain.capacity_partnerships": "strong partnerships sharing the load",
    "explain.capacity_staff_high": "trusted, engaged staff taking on more",
    "explain.capacity_staff_low": "low staff trust slowing everything down",
    "explain.chaos_unmanaged": "a crisis with nobody in command",
    "explain.collapse": "the provider collapsed",
    "explain.collapse_cost": "emergency cover after a provider's collapse",
    "explain.collapse_service": "services lost when a provider collapsed",
    "explain.collapse_trust": "public anger at a collapsed service",
    "explain.contingency": "paying for a contingency plan",
    "explain.contract_delivery": "what the contract delivered",
    "explain.contract_payment": "payments under the contract",
    "explain.council_tax_rise": "the council tax rise taking effect",
    "explain.council_tax_trust": "reaction to a council tax rise",
    "explain.demand_trend": "the underlying growth in need",
    "explain.election_won": "an election won",
    "explain.end_contract_market": "the market watching a contract ended early",
    "explain.end_contract_staff": "staff unsettled by an in-house service ended",
    "explain.end_contract_vcse": "the voluntary sector losing a contract",
    "explain.establish": "setting up a council-owned company",
    "explain.failure_demand": "failure demand: poor outcomes creating more need",
    "explain.fixed_costs": "running the rest of the council",
    "explain.health_trend": "the provider's underlying finances",
    "explain.inspection_good": "a good inspection",
    "explain.inspection_inadequate": "an inadequate inspection",
    "explain.learning": "learning from experiments and partnership",
    "explain.listening": "listening to staff and residents",
    "explain.market_noise": "ups and downs in the market",
    "explain.outcome_drift": "outcomes slipping back without enough effective service",
    "explain.prevention": "prevention reducing demand",
    "explain.prevention_spillover": "prevention elsewhere easing demand here",
    "explain.relational_award": "working with the voluntary sector as a partner",
    "explain.step_in_fatigue": "staff worn down by prolonged emergency measures",
    "explain.strategic_load": "a contractor stretched thin across many contracts",
    "explain.termination_penalty": "the penalty for ending a contract early",
    "explain.trust_follows_outcome": "people judging the council by results",
    "explain.unserved": "no service in place: drifting to where it settles unaided",
    "explain.unserved_statutory": "a legal duty left unmet",
    "explain.variations": "contract variations: paying extra for what the specification missed",
    "explain.vary_down": "providers unhappy at a cut in contract value",
    "explain.income_grant": "government grant",
    "explain.income_council_tax": "council tax",
    "explain.income_other_income": "fees, charges and other income",
    "explain.cost_make_sense": "time spent making sense of a problem",
    "explain.cost_commission": "time spent commissioning",
    "explain.cost_end_contract": "time spent ending a contract",
    "explain.cost_vary_contract": "time spent renegotiating a contract",
    "explain.cost_plan_contingency": "time spent on contingency planning",
    "explain.cost_establish": "time spent setting up a company",
    "explain.cost_set_council_tax": "time spent setting council tax",
    "explain.effect_trust": "an event's effect on trust",
    "explain.effect_money": "an event's cost or windfall",
    "explain.effect_income": "an event changing income",
    "explain.effect_demand": "an event changing demand",
    "explain.effect_demand_trend": "an event changing how fast need grows",
    "explain.effect_outcome": "an event's effect on outcomes",
    "explain.effect_provider_health": "an event hitting a provider's finances",
    "explain.effect_capacity": "an event changing leadership capacity",
}

FEED: dict[str, str] = {
    "feed.choice": "{event_lead} {you} chose '{choice}'.",
    "feed.classified": "You placed {problem} in the {domain} domain.",
    "feed.collapse": "{provider} has collapsed; every contract it held has ended.",
    "feed.completed": "The game is complete.",
    "feed.contingency": "A contingency plan is in place for {provider}.",
    "feed.contract_awarded": "{approach} contract for {problem} awarded to {provider}, {start}.",
    "feed.contract_started": "{provider} has started delivering {problem}.",
    "feed.contract_expired": "The contract with {provider} for {problem} has expired.",
    "feed.contract_terminated": "The contract with {provider} for {problem} was ended early.",
    "feed.contract_collapsed": "The contract with {provider} for {problem} ended with the collapse.",
    "feed.contract_withdrawn": "{provider} withdrew from {problem}.",
    "feed.contract_varied": "The {contract} changed from {old} to {new} a year.",
    "feed.council_tax_applied": "Council tax change of {rise}% now applies.",
    "feed.council_tax_set": "Council tax change of {rise}% set for next April.",
    "feed.domain_learned": "Learning has made {problem} better understood: it is now {to}.",
    "feed.domain_settled": "{problem} has settled back into the {to} domain.",
    "feed.domain_shift": "{problem} has been thrown into the {to} domain.",
    "feed.election_lost": "The administration lost the election (support {support}).",
    "feed.election_won": "The administration won the election (support {support}).",
    "feed.established": "{provider} is set up and can take contracts.",
    "feed.event": "{event}",
    "feed.evidence": "New evidence on {problem}: it is not {ruled_out}.",
    "feed.inspection_inadequate": "Inspectors rated {problem} inadequate: intervention follows.",
    "feed.inspection_requires_improvement": "Inspectors rated {problem} as requiring improvement.",
    "feed.inspection_good": "Inspectors rated {problem} good.",
    "feed.inspection_outstanding": "Inspectors rated {problem} outstanding.",
    "feed.intervention_lifted": "Intervention has been lifted after the inspection of {problem}.",
    "feed.loss_condition": "The scenario's failure condition has been met: {condition}.",
    "feed.provider_available": "{provider} is now available.",
    "feed.section_114": "Reserves are exhausted at the year end: the council issues a section 114 notice.",
    "feed.signal_watch": "Some concerns about the finances of {provider}.",
    "feed.signal_warning": "Serious warning signs at {provider}: late payments, profit warnings.",
    "feed.withdraw": "{provider} has withdrawn from its partnership.",
    "feed.year_end": "The {year} financial year closed with reserves of {reserves}.",
}


def money(thousands: float) -> str:
    """£ thousands as the game shows money: £m with one decimal (or £k below £1m); a debt is −£m, never £-m."""
    sign = "−" if round(thousands, 0 if abs(thousands) < 1000 else -2) < 0 else ""
    if abs(thousands) < 1000:
        return f"{sign}£{abs(thousands):,.0f}k"
    return f"{sign}£{abs(thousands) / 1000:,.1f}m"


def domain_label(domain: str) -> str:
    return DOMAIN_LABELS.get(domain, domain)


def approach_label(approach: str) -> str:
    return APPROACH_LABELS.get(approach, approach)


def explain_text(key: str) -> str:
    return EXPLAIN.get(key, key.removeprefix("explain.").replace("_", " "))


def _name(state: "State", kind: str, ident: Any) -> str:
    game = state.game
    if kind == "problem" and ident in game.problem:
        return game.problem[ident].name
    if kind == "provider" and ident in game.provider:
        return game.provider[ident].name
    if kind == "event" and ident in game.event:
        return game.event[ident].title
    if kind in ("domain", "to", "ruled_out"):
        return DOMAIN_LABELS.get(ident, str(ident)).split(" (")[0].lower()
    if kind == "approach":
        return approach_label(ident)
    if kind in ("old", "new", "reserves"):
        return money(ident * 4 if kind in ("old", "new") else ident)
    if kind == "contract":
        return _contract_words(state, ident)
    if kind == "start":
        return f"delivering from quarter {ident}" if ident >= 1 else "delivering since before the game began"
    return str(ident)


def feed_text(state: "State", item: "FeedItem") -> str:
    _turn, _kind, key, params = item
    template = FEED.get(key, key)
    words = {k: _name(state, k, v) for k, v in params}
    words["condition"] = loss_text(state)
    if "event" in words:  # 'Close them or turn them round?: you chose' reads badly: a question keeps its own mark
        question = words["event"].endswith(("?", "!"))
        words["event_lead"], words["you"] = (words["event"], "You") if question else (words["event"] + ":", "you")
    given = dict(params)
    if "choice" in given and given.get("event") in state.game.event:
        words["choice"] = choice_label(state, given["event"], given["choice"])
    return template.format(**words)


COMPARISONS = {"<=": "at or below", ">=": "at or above", "==": "equal to", "!=": "not", "<": "below", ">": "above"}


def condition_text(state: "State", expression: str) -> str:
    """A pack's condition in words ('Adult social care: outcome below 20, or …'), so a learner can see what it asks."""
    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in ("and", "or", "not"):
            return word
        if word == "reserves":
            return "reserves (£m)"
        label = metric_label(state, word)
        return label if label != word else word.replace("_", " ").replace(".", " ")

    text = re.sub(r"[A-Za-z_][\w.]*", name, expression)
    text = re.sub(r"<=|>=|==|!=|<|>", lambda m: COMPARISONS[m.group(0)], text)
    return re.sub(r"\s+or\s+", ", or ", text)


def loss_text(state: "State") -> str:
    """What the scenario's failure condition asks, in words ('' when the pack has none)."""
    loss = state.game.pack.info.loss
    return condition_text(state, loss) if loss else ""


def choice_label(state: "State", event: str, choice: str) -> str:
    """The words of an event's answer as the player saw them on its button (the id when it is unknown)."""
    spec = state.game.event.get(event)
    return next((c.label for c in spec.choices if c.id == choice), choice) if spec is not None else choice


def cause_label(state: "State", cause: str) -> str:
    """Who or what a cause id stands for, in words a learner recognises."""
    kind, _, rest = cause.partition(":")
    game = state.game
    if kind == "contract" and rest in state.contracts:
        c = state.contracts[rest]
        origin = "already running at the start" if c.origin == "pack" else f"awarded in quarter {c.awarded}"
        return (f"{approach_label(c.approach).lower()} contract with {game.provider[c.provider].name} "
                f"on {game.problem[c.problem].name} ({origin})")
    if kind == "action":
        index = int(rest)
        for i, (turn, action) in enumerate(state.actions):
            if i == index:
                return action_label(state, action, turn)
        return f"your decision #{index + 1}"
    if kind == "event":
        return f"the event '{_name(state, 'event', rest)}'"
    if kind == "choice":
        event, _, choice = rest.partition(".")
        label = choice_label(state, event, choice)
        return f"your answer to '{_name(state, 'event', event)}': {label}"
    if kind == "outcome":
        return f"results on {_name(state, 'problem', rest)}"
    if kind == "unserved":
        return f"{_name(state, 'problem', rest)} left without a service"
    if kind == "cost":
        return f"the standard cost of meeting demand for {_name(state, 'problem', rest)}"
    if kind == "income":
        return explain_text(f"explain.income_{rest}")
    if kind == "rule":
        return RULE_LABELS.get(rest, rest.replace("_", " "))
    if cause == "pack":
        return "the starting position"
    return cause


RULE_LABELS = {
    "outcome_drift": "outcomes drifting without enough service",
    "unserved": "no service in place",
    "chaos": "unmanaged crisis",
    "demand_trend": "underlying growth in need",
    "failure_demand": "failure demand",
    "fixed_costs": "the rest of the council's running costs",
    "health_trend": "provider finances",
    "market": "market ups and downs",
    "strategic_load": "a contractor spread too thin",
    "insolvency": "insolvency",
    "new_quarter": "a new quarter",
    "staff_trust": "staff trust",
    "partnerships": "strong partnerships",
    "min_capacity": "the capacity floor",
    "intervention": "government intervention",
}


def action_label(state: "State", action: dict[str, Any], turn: int | None = None) -> str:
    """A logged action (its dict form) in words: 'quarter 3: commissioned an alliance for Homelessness…'."""
    kind = action.get("kind", "")
    p = lambda key: _name(state, key, action.get(key))  # noqa: E731
    text = {
        "make_sense": lambda: f"made sense of {p('problem')}",
        "classify": lambda: f"classified {p('problem')} as {p('domain')}",
        "commission": lambda: f"commissioned {approach_label(action['approach']).lower()} for {p('problem')} "
                              f"from {p('provider')}",
        "end_contract": lambda: f"ended the {_contract_words(state, action.get('contract'))}",
        "vary_contract": lambda: f"changed the {_contract_words(state, action.get('contract'))} "
                                 f"to £{action.get('value')}m a year",
        "plan_contingency": lambda: f"planned for {p('provider')} failing",
        "establish": lambda: f"set up {p('provider')}",
        "set_council_tax": lambda: f"set a council tax change of {action.get('rise')}%",
        "choose": lambda: f"answered '{p('event')}'",
        "end_turn": lambda: "ended the quarter",
        "inject_event": lambda: f"the facilitator injected '{p('event')}'",
    }.get(kind, lambda: kind)()
    return f"quarter {turn}: {text}" if turn is not None else text


def _contract_words(state: "State", cid: Any) -> str:
    c = state.contracts.get(cid)
    if c is None:
        return f"contract {cid}"
    return f"{approach_label(c.approach).lower()} contract with {_name(state, 'provider', c.provider)} " \
           f"on {_name(state, 'problem', c.problem)}"


def metric_label(state: "State", metric: str) -> str:
    parts = metric.split(".")
    if metric == "reserves":
        return "Reserves"
    if metric == "capacity":
        return "Leadership capacity"
    if parts[0] == "trust":
        s = state.game.stakeholder.get(parts[1])
        return f"Trust: {s.name if s else parts[1]}"
    if parts[0] == "income":
        return f"Income: {explain_text('explain.income_' + parts[1])}"
    if parts[0] == "problem":
        field = {"outcome": "outcome", "demand": "demand", "trend": "demand growth", "learning": "learning"}
        return f"{_name(state, 'problem', parts[1])}: {field.get(parts[2], parts[2])}"
    if parts[0] == "provider":
        return f"{_name(state, 'provider', parts[1])}: {parts[2]}"
    return metric
