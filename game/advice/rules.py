"""The advisor: hints from the real state, using only what the player can know.

What a player knows: where they placed each problem, the evidence their
sense-making found, every provider's public warning signal, trust levels, the
money. What they do not: a problem's true domain and a provider's financial
health. No rule here reads those, and the tests hold the hints unchanged when
only hidden numbers change.
"""

from __future__ import annotations

from typing import Iterable

from ..content.wording import approach_label, domain_label
from ..engine import State
from ..engine.calendar import fy_label, quarter_of
from ..engine.defaults import DOMAINS
from .model import SEVERITY_ORDER, Hint
from .tuning import ADVICE


def hints(state: State) -> list[Hint]:
    """Every hint that applies now, most urgent first."""
    if state.is_over:
        return []
    found: list[Hint] = []
    for rule in (_reserves, _strategic_signals, _classification, _fit, _trust_gates):
        found.extend(rule(state))
    weight = {pid: -p.weight for pid, p in state.game.problem.items()}
    return sorted(found, key=lambda h: (SEVERITY_ORDER[h.severity], weight.get(h.subject.partition(":")[2], 0.0)))


# ------------------------------------------------------------------------------------ what is known


def known_domains(state: State, pid: str) -> tuple[str, ...]:
    """The domains the player has grounds for: what the evidence leaves open, else their own placing."""
    p = state.problems[pid]
    settled = [e[3:] for e in p.evidence if e.startswith("is:")]
    if settled:
        return (settled[-1],)
    ruled_out = {e[4:] for e in p.evidence if e.startswith("not:")}
    if ruled_out:
        return tuple(d for d in DOMAINS if d not in ruled_out)
    return (p.perceived,) if p.perceived in DOMAINS else ()


def _names(labels: Iterable[str], last: str = "or") -> str:
    items = list(labels)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def _domains_text(domains: Iterable[str]) -> str:
    return _names(domain_label(d).lower() for d in domains)


def suited(state: State, pid: str, domains: tuple[str, ...]) -> list[str]:
    """Approaches allowed on the problem that fit well whichever of `domains` is true."""
    fit = state.game.cfg.fit
    allowed = state.game.problem[pid].approaches
    return sorted((a for a in allowed if min(fit[a][d] for d in domains) >= ADVICE["good_fit"]),
                  key=lambda a: -min(fit[a][d] for d in domains))


def partner_trust(state: State, approach: str) -> float:
    partners = state.game.cfg.approach[approach].trust_with
    return sum(state.trust.get(s, 50.0) for s in partners) / len(partners) if partners else 100.0


# ------------------------------------------------------------------------------------ the rules


def _classification(state: State) -> list[Hint]:
    out = []
    unplaced = []
    for pid, p in sorted(state.problems.items(), key=lambda kv: -state.game.problem[kv[0]].weight):
        name = state.game.problem[pid].name
        known = known_domains(state, pid)
        if p.perceived == "disorder":
            if len(known) == 1 and any(e.startswith("is:") for e in p.evidence):
                out.append(Hint(
                    f"classify:{pid}",
                    f"The evidence on {name} now points one way: {_domains_text(known)}. Place it on the "
                    "Cynefin map so that what you commission matches it.", "advice", f"problem:{pid}"))
            else:
                unplaced.append(name)
        elif any(e.startswith(("is:", "not:")) for e in p.evidence) and p.perceived not in known:
            out.append(Hint(
                f"reclassify:{pid}",
                f"You placed {name} in {domain_label(p.perceived).lower()}, but the evidence you have gathered "
                f"since rules that out. Look again at where it belongs ({_domains_text(known)}).",
                "advice", f"problem:{pid}"))
    if unplaced:
        shown = int(ADVICE["names_max"])
        names = unplaced[:shown] + ([f"{len(unplaced) - shown} more"] if len(unplaced) > shown else [])
        which = f"{unplaced[0]} is" if len(unplaced) == 1 else f"{_names(names, 'and')} are"
        out.append(Hint(
            "classify", f"{which} not yet on the Cynefin map. Make sense of what you are unsure about, then place "
            "each problem before you commission for it: buying before understanding weakens whatever you buy.",
            "advice", "cynefin"))
    return out


def _fit(state: State) -> list[Hint]:
    out = []
    fit = state.game.cfg.fit
    seen: set[tuple[str, str]] = set()
    for c in state.contracts.values():
        if not c.live or (c.problem, c.approach) in seen:
            continue
        seen.add((c.problem, c.approach))
        known = known_domains(state, c.problem)
        if not known or max(fit[c.approach][d] for d in known) >= ADVICE["poor_fit"]:
            continue
        name = state.game.problem[c.problem].name
        from_evidence = bool(state.problems[c.problem].evidence)
        basis = "The evidence suggests" if from_evidence else "You have placed"
        where = f"{name} is {_domains_text(known)}" if from_evidence else f"{name} in {_domains_text(known)}"
        better = [approach_label(a).lower() for a in suited(state, c.problem, known)[:int(ADVICE["suggest_max"])]]
        then = f" Consider {_names(better)} when you can change it." if better else ""
        out.append(Hint(
            f"fit:{c.problem}:{c.approach}",
            f"{basis} {where}, and {approach_label(c.approach).lower()} rarely works there: it can look fine "
            f"for a year before costs and outcomes slip.{then}",
            "warning" if from_evidence else "advice", f"problem:{c.problem}"))
    return out


def _strategic_signals(state: State) -> list[Hint]:
    out = []
    held: dict[str, int] = {}
    for c in state.contracts.values():
        if c.live:
            held[c.provider] = held.get(c.provider, 0) + 1
    for vid, v in state.providers.items():
        spec = state.game.provider[vid]
        if v.collapsed or v.contingency or not v.signal or not held.get(vid):
            continue
        if not spec.strategic and v.signal != "warning":
            continue
        n = held[vid]
        contracts = f"{n} of your contract{'s' if n != 1 else ''}"
        if v.signal == "warning":
            text = (f"{spec.name} is showing serious warning signs and holds {contracts}. Plan for its failure "
                    "now, and think twice before giving it more work.")
            severity = "warning" if spec.strategic else "advice"
        else:
            text = (f"There are some concerns about {spec.name}'s finances, and it holds {contracts}. A "
                    "contingency plan would soften the blow if it failed.")
            severity = "advice"
        out.append(Hint(f"signal:{vid}", text, severity, f"provider:{vid}"))  # type: ignore[arg-type]
    return out


def _trust_gates(state: State) -> list[Hint]:
    out = []
    game = state.game
    fit = game.cfg.fit
    for pid in state.problems:
        known = known_domains(state, pid)
        if not known:
            continue
        if any(min(fit[c.approach][d] for d in known) >= ADVICE["good_fit"] for c in state.live_contracts(pid)):
            continue
        gated = [a for a in suited(state, pid, known) if game.cfg.approach[a].trust_gate > 0]
        if not gated or any(partner_trust(state, a) >= game.cfg.approach[a].trust_gate for a in gated):
            continue
        first = gated[0]
        partners = _names((game.stakeholder[s].name for s in game.cfg.approach[first].trust_with
                           if s in game.stakeholder), "and")
        out.append(Hint(
            f"trust_gate:{pid}",
            f"{approach_label(first)} would suit {game.problem[pid].name} as you understand it, but the trust "
            f"is not there yet with {partners}. Build it first: listen, work with them as partners, keep "
            "promises.", "advice", f"problem:{pid}"))
    return out


def _reserves(state: State) -> list[Hint]:
    """Project reserves a year ahead from today's income, running costs and contracts."""
    game = state.game
    info = game.pack.info
    per_turn_income = sum(round(v / 4) for v in state.income.values()) - round(info.budget.fixed_costs * 250)
    variations = sum(e[3] for e in state.ledger if e[0] == state.turn - 1 and e[5] == "explain.variations")
    reserves = state.reserves
    for turn in range(state.turn, min(game.turns, state.turn + int(ADVICE["projection_turns"]) - 1) + 1):
        contracts = sum(c.value for c in state.contracts.values() if c.live and c.start <= turn <= c.end)
        reserves += per_turn_income - contracts - variations
        year, quarter = quarter_of(info.start.year, info.start.quarter, turn)
        if quarter == 1 and reserves < 0:
            return [Hint(
                "reserves:section_114",
                f"At today's rate of spending, reserves would be below zero when the {fy_label(year, quarter)} "
                "accounts close, and the council would have to issue a section 114 notice. Cut or renegotiate "
                "contracts, or raise council tax, before the year ends.", "warning", "reserves")]
    if reserves < 0:
        return [Hint(
            "reserves:falling",
            "Reserves are heading below zero within the year at today's rate of spending. Plan the savings now: "
            "prevention takes time to pay back.", "advice", "reserves")]
    return []
