"""The debrief as one self-contained HTML file a learner can keep or send to a tutor.

Everything is inside the file: styles inline, charts as base64 PNG data, no
scripts, fonts or links to fetch, so it opens the same with no network.
All text from packs and saves is escaped.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from .. import __version__
from ..content.wording import GRADE_LABELS, domain_label, money
from ..saves.atomic import atomic_write
from .charts import chart_png
from .build import signed
from .model import CynefinEntry, Debrief, Decision, Move

QUADRANTS = (("complex", "Probe, sense, respond"), ("complicated", "Sense, analyse, respond"),
             ("chaotic", "Act, sense, respond"), ("clear", "Sense, categorise, respond"))
"""the Cynefin map's four domains in their usual places: complex and complicated above, chaotic and clear below"""

STYLE = """
:root{--ink:#1d2433;--muted:#5b6475;--line:#d9dde5;--good:#007a4d;--bad:#b00020;--warn:#a15c00;--accent:#0072B2}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
margin:0;background:#f6f7f9}main{max-width:1040px;margin:0 auto;padding:24px 28px 64px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 10px;padding-bottom:4px;border-bottom:2px solid
var(--line)}h3{font-size:15px;margin:14px 0 4px}p{margin:6px 0}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid
var(--line);vertical-align:top}th{font-size:13px;color:var(--muted);font-weight:600}td.num,th.num{text-align:right;
font-variant-numeric:tabular-nums}.grade{display:inline-block;font-size:40px;font-weight:700;width:72px;height:72px;
line-height:72px;text-align:center;border-radius:12px;color:#fff;background:var(--accent);float:right}
.card{border:1px solid var(--line);border-left:5px solid var(--accent);border-radius:6px;padding:10px 14px;
margin:10px 0}.card.down{border-left-color:var(--bad)}.card.up{border-left-color:var(--good)}.pos{color:var(--good)}
.neg{color:var(--bad)}.tag{display:inline-block;font-size:12px;padding:1px 7px;border-radius:10px;
background:#eef1f5;margin-left:6px}.tag.good{background:#dff3ea;color:var(--good)}.tag.poor{background:#fbe3e6;
color:var(--bad)}.tag.workable{background:#fdf0dc;color:var(--warn)}img{max-width:100%;height:auto;display:block;
margin:8px 0}table.cynefin{table-layout:fixed;border-collapse:separate;border-spacing:6px}table.cynefin td.cell{width:50%;
border:1px solid var(--line);border-radius:6px;padding:8px 10px;height:120px;background:#fbfcfd}
.cols>div{display:inline-block;vertical-align:top;width:32%;margin-right:1.3%}.cols>div:last-child{margin-right:0}
.cell h3{margin:0}.cell .how{font-size:12px;color:var(--muted);margin-bottom:6px}.token{display:block;font-size:13px;
margin:3px 0}.disorder{border:1px dashed var(--muted);border-radius:6px;padding:6px 10px;margin:6px 0;
background:#fff}ul{margin:4px 0;padding-left:20px}footer{margin-top:40px;font-size:12px;color:var(--muted)}
@media print{body{background:#fff}main{padding:0}h2{break-after:avoid}.card,table,img{break-inside:avoid}}
"""


def write_html(debrief: Debrief, path: str | Path) -> Path:
    target = Path(path)
    atomic_write(target, render_html(debrief).encode("utf-8"))
    return target


def render_html(d: Debrief) -> str:
    e = escape
    card = d.card
    body = [
        f'<span class="grade" title="grade">{e(card.grade)}</span>',
        f"<h1>{e(d.scenario)}</h1>",
        f'<p class="muted">{e(d.place)}{" · " if d.place else ""}{e(d.period)}</p>',
        f"<p>{e(d.ending)} Overall score <b>{card.total:.1f}</b> out of 100: grade <b>{e(card.grade)}</b>"
        f"{' — the scenario counts this as a win' if card.won else ''}.</p>",
        _score_card(d),
        "<h2>The three decisions that mattered most</h2>",
        '<p class="muted">Chosen from the causal trace: every change the game made to outcomes, money and trust, '
        "credited to the decision at its root and weighed as the score card weighs it.</p>",
        f'<p class="muted">{escape(d.money_note)}</p>' if d.money_note else "",
        "".join(_decision_card(x) for x in d.decisions) or "<p>No decision of yours moved the score.</p>",
        _forces(d),
        "<h2>How the game went</h2>",
        _charts(d),
        "<h2>Your Cynefin map beside the truth</h2>",
        _cynefin(d.cynefin),
        _approaches(d.cynefin),
        _events(d),
        _history(d),
        _hints(d),
        f"<footer>Common Ground {e(__version__)} · debrief of quarter {d.turn} of {d.turns}. This file is complete in "
        "itself: it needs no network and no other files.</footer>",
    ]
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(d.scenario)} — debrief</title><style>{STYLE}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")


def _signed(points: float) -> str:
    cls = "pos" if points > 0.05 else "neg" if points < -0.05 else ""
    return f'<span class="{cls}">{signed(points)}</span>'


def _score_card(d: Debrief) -> str:
    e = escape
    card = d.card
    rows = "".join(f"<tr><td>{e(name.capitalize())}</td><td class='num'>{value:.1f}</td></tr>"
                   for name, value in card.components.items())
    outcomes = "".join(f"<tr><td>{e(d.series.names.get(pid, pid))}</td><td class='num'>{v:.1f}</td>"
                       f"<td>{e(GRADE_LABELS.get(card.inspections.get(pid, ''), ''))}</td></tr>"
                       for pid, v in card.outcomes.items())
    trust = "".join(f"<tr><td>{e(d.series.names.get(sid, sid))}</td><td class='num'>{v:.1f}</td></tr>"
                    for sid, v in card.trust.items())
    goals = "".join(f"<li>{e(label)}: <b class='{'pos' if met else 'neg'}'>{'met' if met else 'not met'}</b></li>"
                    for label, met in d.goals)
    spending = (f"{money(abs(card.savings) * 1000)} a year {'less' if card.savings > 0 else 'more'} on contracts "
                "than at the start" if card.savings else "the same spending on contracts as at the start")
    return (
        f"<h2>Score card</h2><p>Reserves {e(money(card.reserves * 1000))} "
        f"({e(_money_change(card.reserves_change))} since the start); {e(spending)}.</p><div class='cols'>"
        "<div><h3>Components</h3><table><tr><th>Component</th><th class='num'>Score</th></tr>"
        f"{rows}<tr><th>Overall</th><th class='num'>{card.total:.1f}</th></tr></table>"
        + (f"<h3>The scenario's goals</h3><ul>{goals}</ul>" if goals else "")
        + "</div><div><h3>Outcomes</h3><table><tr><th>Problem</th><th class='num'>Outcome</th><th>Inspection</th>"
        f"</tr>{outcomes}</table></div><div><h3>Trust</h3><table><tr><th>Stakeholder</th><th class='num'>Trust</th>"
        f"</tr>{trust}</table></div></div>"
    )


def _money_change(m: float) -> str:
    return f"{'+' if m > 0 else '−' if m < 0 else ''}{money(abs(m) * 1000)}"


def _decision_card(x: Decision) -> str:
    tone = "up" if x.points > 0 else "down"
    return (f'<div class="card {tone}"><h3>{escape(x.title[0].upper() + x.title[1:])} '
            f'<span class="tag">score {_signed(x.points)}</span></h3><p>{escape(x.consequence)}</p>'
            f"{_moves(x.moves)}</div>")


def _moves(moves: tuple[Move, ...]) -> str:
    if not moves:
        return ""
    rows = "".join(f"<tr><td>{escape(m.text)}</td><td class='num'>{_signed(m.points) if m.points else '—'}</td></tr>"
                   for m in moves)
    return f"<table><tr><th>What moved</th><th class='num'>Score points</th></tr>{rows}</table>"


def _forces(d: Debrief) -> str:
    if not d.forces:
        return ""
    items = "".join(f"<li>{escape(f.summary)}</li>" for f in d.forces)
    return f"<h3>Shocks and forces beyond your decisions</h3><ul>{items}</ul>"


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'


def _charts(d: Debrief) -> str:
    past = d.history.series if d.history is not None else None
    parts = [
        _img(chart_png("reserves", d.series, past), "Reserves over the game"),
        _img(chart_png("weighted", d.series, past), "Weighted outcome over the game"),
        _img(chart_png("outcomes", d.series), "Outcomes by problem"),
        _img(chart_png("trust", d.series), "Trust by stakeholder"),
        _img(chart_png("demand", d.series), "Demand by problem, as an index"),
    ]
    note = ('<p class="muted">The dashed line is the real council\'s decisions played in the game with your '
            "seed.</p>" if past is not None else "")
    return note + "".join(parts)


def _short(domain: str) -> str:
    return domain_label(domain).split(" (")[0]


def _cynefin(entries: tuple[CynefinEntry, ...]) -> str:
    e = escape
    cells = []
    for domain, how in QUADRANTS:
        tokens = []
        for x in entries:
            if x.true_domain != domain:
                continue
            if x.perceived == "disorder":
                mark = '<span class="tag">never placed</span>'
            elif x.placed_right:
                mark = '<span class="tag good">you placed it here</span>'
            elif x.placed_right_then:
                mark = (f'<span class="tag workable">you placed it in {e(_short(x.perceived))}: right then, '
                        "but it has moved since</span>")
            else:
                mark = f'<span class="tag poor">you placed it in {e(_short(x.perceived))}</span>'
            moved = f" (started {e(_short(x.start_domain)).lower()})" if x.start_domain != x.true_domain else ""
            tokens.append(f'<span class="token">{e(x.name)}{moved} {mark}</span>')
        cells.append(f'<td class="cell"><h3>{e(_short(domain))}</h3><div class="how">{e(how)}</div>'
                     f"{''.join(tokens) or '<span class=muted>—</span>'}</td>")
    right = sum(1 for x in entries if x.placed_right)
    then = sum(1 for x in entries if x.placed_right_then)
    never = sum(1 for x in entries if x.perceived == "disorder")
    tally = f"You placed {right} of {len(entries)} where they ended up"
    tally += f"; {then} more {'was' if then == 1 else 'were'} right when you placed {'it' if then == 1 else 'them'}" \
        if then else ""
    tally += f"; {never} you never placed." if never else "."
    return (f"<p>Each problem sits where it truly was at the end; the tag says where you placed it. {e(tally)}"
            f"</p><table class='cynefin'><tr>{cells[0]}{cells[1]}</tr>"
            f"<tr>{cells[2]}{cells[3]}</tr></table>")


def _approaches(entries: tuple[CynefinEntry, ...]) -> str:
    e = escape
    rows = []
    for x in entries:
        for a in x.awards:
            who = "inherited" if a.inherited else f"quarter {a.awarded}"
            rows.append(
                f"<tr><td>{e(x.name)}</td><td>{e(a.approach_label)} with {e(a.provider)}</td><td>{e(who)}</td>"
                f"<td>{e(_short(a.perceived))}</td><td>{e(_short(a.domain))}</td>"
                f"<td><span class='tag {a.verdict}'>{e(a.verdict)} ({a.fit:.2f})</span></td></tr>")
    if not rows:
        return ""
    return ("<h3>The approach on each problem against its fit</h3><table><tr><th>Problem</th><th>Approach</th>"
            "<th>Awarded</th><th>You thought</th><th>It was</th><th>Fit</th></tr>" + "".join(rows) + "</table>")


def _events(d: Debrief) -> str:
    if not d.events:
        return ""
    e = escape
    rows = []
    for ev in d.events:
        answered = "; ".join(f"{label} (quarter {t})" for t, label in ev.answers) or "—"
        moved = ", ".join(m.text for m in ev.moves[:3]) or "—"
        rows.append(f"<tr><td class='num'>{', '.join(str(t) for t in ev.turns)}</td><td><b>{e(ev.title)}</b>"
                    f"<br><span class='muted'>{e(ev.text)}</span></td><td>{e(answered)}</td><td>{e(moved)}</td>"
                    f"<td class='num'>{_signed(ev.points)}</td></tr>")
    return ("<h2>Events that hit, and how you answered</h2><table><tr><th class='num'>Turn</th><th>Event</th>"
            "<th>Your answer</th><th>What it moved</th><th class='num'>Score</th></tr>" + "".join(rows) + "</table>")


def _history(d: Debrief) -> str:
    h = d.history
    if h is None:
        return ""
    e = escape
    out = ["<h2>What really happened</h2>"]
    if h.direction:
        out.append(f"<p>{e(h.direction)}</p>")
    turns = sorted({s.turn for s in h.steps} | set(h.player))
    if turns:
        real = {t: [s for s in h.steps if s.turn == t] for t in turns}
        rows = []
        for t in turns:
            theirs = "".join(
                f"<li>{e(s.note or s.action)}{' <span class=muted>[' + e(s.source) + ']</span>' if s.source else ''}"
                f"{'' if s.ran else ' <span class=tag>not possible in your game: ' + e(s.why_not) + '</span>'}</li>"
                for s in real[t])
            yours = "".join(f"<li>{e(a)}</li>" for a in h.player.get(t, ()))
            date = real[t][0].date if real[t] else ""
            rows.append(f"<tr><td class='num'>{t}</td><td>{e(date)}</td><td><ul>{theirs}</ul></td>"
                        f"<td><ul>{yours}</ul></td></tr>")
        out.append("<table><tr><th class='num'>Turn</th><th>When</th><th>The real council</th><th>You</th></tr>"
                   + "".join(rows) + "</table>")
    if h.card is not None:
        out.append(f"<p>Played in the game with your seed, the real council's decisions reach a score of "
                   f"<b>{h.card.total:.1f}</b> (grade {e(h.card.grade)}), against your {d.card.total:.1f} "
                   f"(grade {e(d.card.grade)}).</p>")
    if h.outcomes:
        items = "".join(f"<li>{e(label)}{' (' + e(date) + ')' if date else ''} <span class='muted'>[{e(source)}]"
                        "</span></li>" for label, date, source in h.outcomes)
        out.append(f"<h3>The documented outcomes</h3><ul>{items}</ul>")
    return "".join(out)


def _hints(d: Debrief) -> str:
    if not d.hints_used:
        return "<h2>Hints</h2><p>You played without asking the advisor for a hint.</p>"
    items = "".join(f"<li>Quarter {h.turn}: {escape(h.text)}</li>" for h in d.hints_used)
    return f"<h2>Hints you asked for ({len(d.hints_used)})</h2><ul>{items}</ul>"
