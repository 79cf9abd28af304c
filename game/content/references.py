"""Checks that need the whole pack: ids that refer across files, conditions, and a game that can start.

Each finding names the file and the location inside it of the *referring* key,
so the loader can point at the line the author has to change.
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from .error_text import suggest
from .expr import check_expr
from .models import CORE_STAKEHOLDERS, Event, Pack, Problem, Provider

PROBLEM_SELECTORS = ("*", "@statutory", "@inspected")
PROVIDER_SELECTORS = ("@strategic",)


class Finding(NamedTuple):
    file: str
    loc: tuple
    message: str
    offset: int | None = None
    """for an expression: the character inside the string where the problem is"""


def _unknown(kind: str, value: str, known: Iterable[str], extra: str = "") -> str:
    options = sorted(known)
    return f"expected the id of a {kind} in this pack{extra}, found '{value}'{suggest(value, options)}"


def _duplicates(file: str, loc: tuple, ids: list[str], what: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            yield Finding(file, loc + (i, "id"), f"the {what} id '{ident}' is used twice; ids must be unique")
        seen.add(ident)


def check_references(pack: Pack) -> list[Finding]:
    return list(_check(pack))


def _check(pack: Pack) -> Iterator[Finding]:
    yield from _duplicates("problems.toml", ("problem",), [p.id for p in pack.problems], "problem")
    yield from _duplicates("providers.toml", ("provider",), [v.id for v in pack.providers], "provider")
    yield from _duplicates("stakeholders.toml", ("stakeholder",), [s.id for s in pack.stakeholders], "stakeholder")
    yield from _duplicates("events.toml", ("event",), [e.id for e in pack.events], "event")
    yield from _duplicates("pack.toml", ("goals",), [g.id for g in pack.info.goals], "goal")
    stakeholders = {s.id for s in pack.stakeholders}
    missing = [s for s in CORE_STAKEHOLDERS if s not in stakeholders]
    if missing:
        yield Finding("stakeholders.toml", ("stakeholder",),
                      f"expected the seven core stakeholders ({', '.join(CORE_STAKEHOLDERS)}), missing: "
                      f"{', '.join(missing)}")
    yield from _problems(pack)
    yield from _contracts(pack)
    yield from _events(pack)
    yield from _conditions(pack)
    yield from _tuning(pack)
    if pack.history is not None:
        yield from _history(pack)


# ---------------------------------------------------------------------------- problems


def _problems(pack: Pack) -> Iterator[Finding]:
    problems = {p.id for p in pack.problems}
    stakeholders = {s.id for s in pack.stakeholders}
    for i, p in enumerate(pack.problems):
        loc = ("problem", i)
        for j, sid in enumerate(p.stakeholders):
            if sid not in stakeholders:
                yield Finding("problems.toml", loc + ("stakeholders", j), _unknown("stakeholder", sid, stakeholders))
        for target in p.bends:
            if target == p.id:
                yield Finding("problems.toml", loc + ("bends", target),
                              "a problem's prevention already bends its own demand; list other problems here")
            elif target not in problems:
                yield Finding("problems.toml", loc + ("bends", target), _unknown("problem", target, problems))
        for j, a in enumerate(p.approaches):
            if a in p.approaches[:j]:
                yield Finding("problems.toml", loc + ("approaches", j), f"'{a}' is listed twice; list each approach once")
        if not p.approaches:
            yield Finding("problems.toml", loc + ("approaches",), "expected at least one approach, found none")
        elif not any(_can_deliver(pack, a, v) for a in p.approaches for v in pack.providers if _obtainable(pack, v)):
            yield Finding("problems.toml", loc + ("approaches",), _unservable(pack, p))


def _can_deliver(pack: Pack, approach: str, provider: Provider) -> bool:
    """The provider's type can deliver the approach at a price the funding ceiling allows."""
    from ..engine.defaults import RULES

    params = _approach(pack, approach)
    ceiling = pack.info.tuning.rules.get("max_funding_multiple", RULES["max_funding_multiple"])
    return provider.type in params["types"] and provider.price * params["premium"] <= ceiling  # type: ignore[operator]


def _approach(pack: Pack, approach: str) -> dict:
    """The engine's parameters for an approach with this pack's tuning applied."""
    from ..engine.defaults import APPROACHES

    params = dict(APPROACHES[approach])
    over = pack.info.tuning.approaches.get(approach)  # type: ignore[call-overload]
    if over is not None:
        params.update({k: v for k, v in over.model_dump(exclude={"fit"}).items() if v is not None})
    return params


def _obtainable(pack: Pack, provider: Provider) -> bool:
    """Available from the start, or can become so (a council company set up, or an event enables it)."""
    if provider.available or provider.type == "council_company":
        return True
    return any(getattr(eff, "type", "") == "enable_provider" and eff.provider == provider.id
               for e in pack.events for eff in [*e.effects, *(x for c in e.choices for x in c.effects)])


def _unservable(pack: Pack, p: Problem) -> str:
    from ..engine.defaults import APPROACHES

    wanted = sorted({t for a in p.approaches for t in APPROACHES[a]["types"]})  # type: ignore[attr-defined]
    return (f"no provider in providers.toml can deliver any of these approaches ({', '.join(p.approaches)}), so "
            f"'{p.id}' can never be served; add a provider of one of these types: {', '.join(wanted)}, or allow "
            "another approach")


# ---------------------------------------------------------------------------- starting contracts


def _contracts(pack: Pack) -> Iterator[Finding]:
    from ..engine.defaults import RULES

    problems = {p.id: p for p in pack.problems}
    providers = {v.id: v for v in pack.providers}
    held: dict[str, int] = {}
    per_problem: dict[str, int] = {}
    limit = int(pack.info.tuning.rules.get("max_contracts_per_problem", RULES["max_contracts_per_problem"]))
    for i, c in enumerate(pack.contracts):
        loc = ("contract", i)
        provider = providers.get(c.provider)
        if provider is None:
            yield Finding("providers.toml", loc + ("provider",), _unknown("provider", c.provider, providers))
        elif not provider.available:
            yield Finding("providers.toml", loc + ("provider",),
                          f"'{c.provider}' is not available at the start (available = false), so it cannot hold "
                          "a starting contract")
        else:
            held[c.provider] = held.get(c.provider, 0) + 1
            if held[c.provider] == provider.capacity + 1:
                yield Finding("providers.toml", loc + ("provider",),
                              f"'{c.provider}' can hold {provider.capacity} contract"
                              f"{'s' if provider.capacity != 1 else ''} at once (its capacity); this is one more")
        spec = problems.get(c.problem)
        if spec is None:
            yield Finding("providers.toml", loc + ("problem",), _unknown("problem", c.problem, problems))
            continue
        per_problem[c.problem] = per_problem.get(c.problem, 0) + 1
        if per_problem[c.problem] == limit + 1:
            yield Finding("providers.toml", loc + ("problem",),
                          f"at most {limit} contracts may run on one problem; this is one more on '{c.problem}'")
        if c.approach not in spec.approaches:
            yield Finding("providers.toml", loc + ("approach",),
                          f"expected an approach that '{spec.id}' allows ({', '.join(spec.approaches)}), "
                          f"found '{c.approach}'")
        types = _approach(pack, c.approach)["types"]
        if provider is not None and provider.type not in types:
            yield Finding("providers.toml", loc + ("provider",),
                          f"a provider of type {provider.type} cannot deliver the approach {c.approach}; it takes "
                          f"one of: {', '.join(types)}")


# ---------------------------------------------------------------------------- events


def _events(pack: Pack) -> Iterator[Finding]:
    from ..engine.calendar import turn_of

    info = pack.info
    for i, e in enumerate(pack.events):
        loc = ("event", i)
        if e.date is not None:
            turn = turn_of(info.start.year, info.start.quarter, int(e.date[:4]), int(e.date[-1]))
            if not 1 <= turn <= info.turns:
                last = _quarter_label(info.start.year, info.start.quarter, info.turns)
                yield Finding("events.toml", loc + ("date",),
                              f"expected a quarter inside the game ({info.start.year}Q{info.start.quarter} to "
                              f"{last}), found {e.date}")
        elif e.turn is not None and e.turn > info.turns:
            yield Finding("events.toml", loc + ("turn",), f"expected a turn from 1 to {info.turns}, found {e.turn}")
        if e.turn is None and e.date is None and e.trigger is None and not e.injectable:
            yield Finding("events.toml", loc,
                          f"the event '{e.id}' can never happen: it has no turn, date or trigger and cannot be "
                          "injected (injectable = false)")
        yield from _duplicates("events.toml", loc + ("choices",), [c.id for c in e.choices], "choice")
        yield from _effects(pack, loc + ("effects",), e.effects)
        for j, choice in enumerate(e.choices):
            yield from _effects(pack, loc + ("choices", j, "effects"), choice.effects)


def _quarter_label(year: int, quarter: int, turns: int) -> str:
    from ..engine.calendar import quarter_of

    y, q = quarter_of(year, quarter, turns)
    return f"{y}Q{q}"


def _effects(pack: Pack, loc: tuple, effects: list) -> Iterator[Finding]:
    problems = {p.id for p in pack.problems}
    providers = {v.id for v in pack.providers}
    stakeholders = {s.id for s in pack.stakeholders}
    for k, eff in enumerate(effects):
        where = loc + (k,)
        problem = getattr(eff, "problem", None)
        if problem is not None and problem not in problems and problem not in PROBLEM_SELECTORS:
            yield Finding("events.toml", where + ("problem",),
                          _unknown("problem", problem, problems, " (or *, @statutory, @inspected)"))
        provider = getattr(eff, "provider", None)
        if provider is not None and provider not in providers and provider not in PROVIDER_SELECTORS:
            extra = "" if eff.type == "enable_provider" else " (or @strategic)"
            yield Finding("events.toml", where + ("provider",), _unknown("provider", provider, providers, extra))
        stake = getattr(eff, "stakeholder", None)
        if stake is not None and stake not in stakeholders and stake != "*":
            yield Finding("events.toml", where + ("stakeholder",),
                          _unknown("stakeholder", stake, stakeholders, " (or * for all)"))


# ---------------------------------------------------------------------------- conditions and tuning


def _conditions(pack: Pack) -> Iterator[Finding]:
    from ..engine.observe import value_names

    names = value_names(pack)
    sources: list[tuple[str, tuple, str]] = [
        ("events.toml", ("event", i, "trigger"), e.trigger) for i, e in enumerate(pack.events) if e.trigger
    ]
    if pack.info.loss:
        sources.append(("pack.toml", ("loss",), pack.info.loss))
    sources.extend(("pack.toml", ("goals", i, "condition"), g.condition) for i, g in enumerate(pack.info.goals))
    for i, x in enumerate(pack.history.expect if pack.history else ()):
        if x.condition is not None:
            sources.append(("history.toml", ("expect", i, "condition"), x.condition))
        if x.metric is not None:
            sources.append(("history.toml", ("expect", i, "metric"), x.metric))
    for file, loc, text in sources:
        want = "number" if loc[-1] == "metric" else "bool"
        for err in check_expr(text, names, want=want):
            leading = len(text) - len(text.lstrip())
            yield Finding(file, loc, err.message, err.offset + leading)


def _tuning(pack: Pack) -> Iterator[Finding]:
    from ..engine.defaults import RULES

    for name in pack.info.tuning.rules:
        if name not in RULES:
            yield Finding("pack.toml", ("tuning", "rules", name),
                          f"expected the name of an engine rule coefficient, found '{name}'{suggest(name, list(RULES))}")


# ---------------------------------------------------------------------------- history


def _history(pack: Pack) -> Iterator[Finding]:
    from ..engine.actions import PLAYER_KINDS, IllegalAction, action_from_dict

    assert pack.history is not None
    known = {
        "problem": {p.id for p in pack.problems},
        "provider": {v.id for v in pack.providers},
        "event": {e.id for e in pack.events},
    }
    allowed = {p.id: p.approaches for p in pack.problems}
    events: dict[str, Event] = {e.id: e for e in pack.events}
    for i, s in enumerate(pack.history.step):
        loc = ("step", i)
        if s.turn > pack.info.turns:
            yield Finding("history.toml", loc + ("turn",), f"expected a turn from 1 to {pack.info.turns}, found {s.turn}")
        kind = s.action.get("kind")
        if kind not in PLAYER_KINDS:  # the engine's own refusal lists pydantic's 'tags'; say it plainly, at the kind
            kinds = sorted(PLAYER_KINDS)
            found = f"'{kind}'{suggest(kind, kinds)}" if isinstance(kind, str) else "no kind"
            yield Finding("history.toml", loc + ("action", "kind") if "kind" in s.action else loc + ("action",),
                          f"expected an action kind ({', '.join(kinds)}), found {found}")
            continue
        try:
            action_from_dict(s.action)
        except IllegalAction as exc:
            yield Finding("history.toml", loc + ("action",), str(exc))
            continue
        for key, ids in known.items():
            value = s.action.get(key)
            if isinstance(value, str) and value not in ids:
                yield Finding("history.toml", loc + ("action", key), _unknown(key, value, ids))
        problem, approach = s.action.get("problem"), s.action.get("approach")
        if isinstance(approach, str) and problem in allowed and approach not in allowed[problem]:  # type: ignore[operator]
            yield Finding("history.toml", loc + ("action", "approach"),
                          f"expected an approach that '{problem}' allows ({', '.join(allowed[problem])}), "  # type: ignore[index]
                          f"found '{approach}'")
        choice, event = s.action.get("choice"), events.get(s.action.get("event"))  # type: ignore[arg-type]
        if isinstance(choice, str) and event is not None and choice not in {c.id for c in event.choices}:
            yield Finding("history.toml", loc + ("action", "choice"),
                          _unknown(f"choice of the event '{event.id}'", choice, [c.id for c in event.choices]))
