"""The debrief as plain text, for `debrief SAVE` on a terminal."""

from __future__ import annotations

import textwrap

from ..content.wording import domain_label
from .build import signed
from .model import Debrief

WIDTH = 88


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def text_report(d: Debrief) -> str:
    card = d.card
    lines = [f"{d.scenario} — debrief", f"{d.place}, {d.period}. {d.ending}", "",
             f"Score {card.total:.1f} — grade {card.grade}{' (won)' if card.won else ''}"]
    lines += [f"  {name:<12} {value:6.1f}" for name, value in card.components.items()]
    lines += [f"  goal: {label} — {'met' if met else 'not met'}" for label, met in d.goals]
    lines += ["", "The decisions that mattered most"] + ([_wrap(d.money_note)] if d.money_note else [])
    lines += [_wrap(f"{i}. {dec.summary}") for i, dec in enumerate(d.decisions, 1)] or ["  (no decisions moved the score)"]
    if d.forces:
        lines += ["", "Shocks and forces beyond your decisions"]
        lines += [_wrap(f"- {f.summary}") for f in d.forces]
    lines += ["", "Cynefin map: where you placed each problem, and where it really was"]
    for e in d.cynefin:
        mark = ("right" if e.placed_right else "right then, but it moved" if e.placed_right_then
                else "wrong" if e.perceived != "disorder" else "never placed")
        lines.append(f"  {e.name:<28} you: {domain_label(e.perceived).split(' (')[0]:<12} "
                     f"truly: {domain_label(e.true_domain):<12} ({mark})")
        for a in e.awards:
            who = "inherited" if a.inherited else f"quarter {a.awarded}"
            lines.append(f"      {a.approach_label} with {a.provider} ({who}): {a.verdict} fit "
                         f"for a {a.domain} problem")
    if d.events:
        lines += ["", "Events that hit"]
        for ev in d.events:
            answered = "; ".join(f"you chose '{label}' (quarter {t})" for t, label in ev.answers)
            when = ", ".join(str(t) for t in ev.turns)
            said = f"{ev.title} — {answered}" if answered else ev.title
            stop = "" if said.endswith((".", "?", "!")) else "."
            lines.append(_wrap(f"- quarter {when}: {said}{stop} Effect on your score {signed(ev.points)} points."))
    if d.history is not None:
        h = d.history
        lines += ["", "What really happened"]
        if h.direction:
            lines.append(_wrap(h.direction))
        lines += [_wrap(f"- quarter {s.turn}: {s.note or s.action} [{s.source}]") for s in h.steps]
        lines += [_wrap(f"- {label} ({date}) [{source}]") for label, date, source in h.outcomes]
        if h.card is not None:
            lines.append(_wrap(f"Played in the game, the real council's decisions score {h.card.total:.1f} "
                               f"(grade {h.card.grade}); yours {card.total:.1f} (grade {card.grade})."))
    if d.hints_used:
        lines += ["", f"Hints used: {len(d.hints_used)}"]
        lines += [_wrap(f"- quarter {h.turn}: {h.text}") for h in d.hints_used]
    return "\n".join(lines)
