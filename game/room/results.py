"""Comparing teams: the facilitator's live table, the cohort debrief, and the exports.

Everything here reads team games through the engine's public API; nothing is
stored that the journal cannot rebuild. The cohort debrief is the room's
version of the solo debrief's "decisions that mattered": for each team it
totals the causal trace by decision (an action, a contract traced back to the
action that awarded it, an answer to an event), weighs each metric by what it
is worth on the score card, and keeps the few biggest.
"""

from __future__ import annotations

import csv
import html
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.wording import action_label, cause_label, choice_label, metric_label, money
from ..engine import State, score, weighted_outcome
from ..engine.floats import add_up
from ..saves.atomic import atomic_write
from .protocol import TeamRow

if TYPE_CHECKING:
    from .room import Room, Team

DECISIONS_SHOWN = 3
ENDINGS = {"section_114": "section 114 notice", "loss_condition": "failed", "completed": "finished"}
SERIES = ("reserves", "outcome", "trust")
SERIES_LABELS = {"reserves": "Reserves (£m)", "outcome": "Weighted outcome", "trust": "Mean trust"}


def pounds(millions: float) -> str:
    return f"{'−' if millions < 0 else ''}£{abs(millions):.1f}m"


def team_row(team: "Team", connected: int) -> TeamRow:
    card = score(team.state)
    return TeamRow(
        index=team.index, name=team.name, connected=connected, ready=team.ready, turn=team.state.turn,
        version=team.version, over=team.state.over, pending=len(team.state.pending), reserves=card.reserves,
        weighted_outcome=card.weighted_outcome, outcomes=card.outcomes, trust=card.trust,
        mean_trust=card.mean_trust, total=card.total, grade=card.grade, actions=team.own, auto=team.auto,
    )


# ---------------------------------------------------------------------- decisive decisions


@dataclass(frozen=True, slots=True)
class Decision:
    cause: str
    turn: int
    text: str
    weight: float
    """score-card-weighted size of its effects, for ranking"""
    effects: tuple[tuple[str, float], ...]
    """(metric label, net change) biggest first; money in £k"""


def _metric_weights(state: State) -> dict[str, float]:
    """How much one unit of each metric is worth, roughly in score-card points."""
    game = state.game
    wt = game.score_weights
    out = {"reserves": 100.0 / max(1, game.annual_income)}
    out.update({f"problem.{k}.outcome": w / wt.problem_total for k, w in wt.problems})
    out.update({f"trust.{k}": w / wt.stakeholder_total for k, w in wt.stakeholders})
    return out


def _describe(state: State, cause: str, turn: int) -> tuple[int, str]:
    """The turn a decision was taken and what it was, in words (without the turn, which is shown apart)."""
    if cause.startswith("action:"):
        index = int(cause.partition(":")[2])
        for i, (when, action) in enumerate(state.actions):
            if i == index:
                return when, action_label(state, action)
    if cause.startswith("choice:"):  # the team's own debrief says "your answer"; the cohort's names whose
        event, _, choice = cause.partition(":")[2].partition(".")
        title = state.game.event[event].title if event in state.game.event else event
        return turn, f"answered '{title}': {choice_label(state, event, choice)}"
    return turn, cause_label(state, cause)


def _decision_of(state: State, cause: str) -> str | None:
    """The player's decision behind a cause: itself, or the action that awarded a contract."""
    kind, _, rest = cause.partition(":")
    if kind in ("action", "choice"):
        return cause
    if kind == "contract":
        contract = state.contracts.get(rest)
        if contract is not None and contract.origin.startswith("action:"):
            return contract.origin
    return None


def decisive(state: State, n: int = DECISIONS_SHOWN) -> list[Decision]:
    weights = _metric_weights(state)
    totals: dict[str, dict[str, float]] = {}
    first: dict[str, int] = {}
    for turn, metric, delta, cause, _key in state.trace:
        if metric not in weights:
            continue
        decision = _decision_of(state, cause)
        if decision is None:
            continue
        by_metric = totals.setdefault(decision, {})
        by_metric[metric] = by_metric.get(metric, 0.0) + delta
        first.setdefault(decision, turn)
    ranked = sorted(
        ((math.fsum(abs(v) * weights[m] for m, v in ms.items()), cause) for cause, ms in totals.items()),
        key=lambda x: (-x[0], x[1]),
    )
    out = []
    for weight, cause in ranked[:n]:
        effects = sorted(totals[cause].items(), key=lambda mv: -abs(mv[1]) * weights[mv[0]])
        turn, text = _describe(state, cause, first[cause])
        out.append(Decision(cause, turn, text[:1].upper() + text[1:], round(weight, 3),
                            tuple((metric_label(state, m), round(v, 2)) for m, v in effects[:3])))
    return out


def effect_text(label: str, amount: float) -> str:
    if label == "Reserves":
        return f"reserves {'+' if amount >= 0 else '−'}{money(abs(amount))}"
    return f"{label.lower()} {amount:+.1f}"


# ---------------------------------------------------------------------- paths


def series(state: State) -> dict[str, list[float]]:
    """Reserves, weighted outcome and mean trust at the start and after each quarter."""
    game = state.game
    wt = game.score_weights
    out: dict[str, list[float]] = {k: [] for k in SERIES}
    for snap in state.snapshots:
        out["reserves"].append(round(snap["reserves"], 2))
        out["outcome"].append(round(weighted_outcome(game, snap), 2))
        out["trust"].append(round(add_up(snap[f"trust.{k}"] * w for k, w in wt.stakeholders) / wt.stakeholder_total, 2))
    return out


def approach_fit(state: State) -> float | None:
    """Mean fit of the team's own commissions to their problems' true domains (1.0 and above: well matched)."""
    fit = state.game.cfg.fit
    values = [fit[c.approach][state.problems[c.problem].base_domain]
              for c in state.contracts.values() if c.origin.startswith("action:")]
    return round(add_up(values) / len(values), 2) if values else None


def debrief(room: "Room") -> dict[str, Any]:
    """Everything the cohort debrief screen and the HTML report show, as plain data."""
    teams = []
    for team in room.teams:
        if not team.claimed:
            continue
        card = score(team.state)
        teams.append({
            "index": team.index, "name": team.name, "grade": card.grade, "total": card.total,
            "over": team.state.over, "turn": team.state.turn, "reserves": card.reserves,
            "weighted_outcome": card.weighted_outcome, "mean_trust": card.mean_trust,
            "goals": [g.label for g in card.goals if g.met], "fit": approach_fit(team.state),
            "own": team.own, "auto": team.auto, "series": series(team.state),
            "decisions": [{"turn": d.turn, "text": d.text, "effects": [effect_text(*e) for e in d.effects]}
                          for d in decisive(team.state)],
        })
    info = room.game.pack.info
    # Once every team's game is over the room's turn is the last quarter of the game; the debrief says how
    # far the teams got instead ("quarter 24 of 24" for a room whose teams all failed in quarter 9 misled).
    turn = max((t["turn"] for t in teams), default=room.turn) if room.phase == "over" else room.turn
    return {"title": info.title, "turns": room.game.turns, "turn": turn, "phase": room.phase,
            "series_labels": SERIES_LABELS, "teams": teams}


# ---------------------------------------------------------------------- exports


def results_csv(room: "Room") -> str:
    game = room.game
    problems = [p.id for p in game.pack.problems]
    stakeholders = [s.id for s in game.pack.stakeholders]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["team", "name", "grade", "score", "won", "ended", "turn", "reserves_m", "reserves_change_m",
                     "savings_m_per_year", "weighted_outcome", "mean_trust",
                     *(f"outcome_{p}" for p in problems), *(f"trust_{s}" for s in stakeholders),
                     "inspections", "goals_met", "approach_fit", "own_actions", "auto_actions",
                     *(f"decision_{i + 1}" for i in range(DECISIONS_SHOWN))])
    for team in room.teams:
        if not team.claimed:
            continue
        s = team.state
        card = score(s)
        decisions = [f"quarter {d.turn}: {d.text} ({'; '.join(effect_text(*e) for e in d.effects)})" for d in decisive(s)]
        writer.writerow([
            team.index + 1, team.name, card.grade, card.total, card.won, s.over or "", s.turn, card.reserves,
            card.reserves_change, card.savings, card.weighted_outcome, card.mean_trust,
            *(card.outcomes[p] for p in problems), *(card.trust[k] for k in stakeholders),
            "; ".join(f"{p}={g}" for p, g in sorted(card.inspections.items())),
            add_up(g.met for g in card.goals), approach_fit(s) if approach_fit(s) is not None else "",
            team.own, team.auto, *decisions, *([""] * (DECISIONS_SHOWN - len(decisions))),
        ])
    return buf.getvalue()


PALETTE = ("#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6a4c93", "#00798c", "#8c564b", "#e377c2",
           "#4d4d4d", "#bcbd22", "#17becf", "#ff7f0e")
"""one colour per team (up to 12), distinguishable on a projector"""


def team_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _svg_chart(title: str, lines: list[tuple[str, str, list[float]]], turns: int) -> str:
    width, height, pad = 560, 240, 40
    values = [v for _, _, vs in lines for v in vs] or [0.0]
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    x = lambda i: pad + (width - 2 * pad) * i / max(1, turns)  # noqa: E731
    y = lambda v: height - pad - (height - 2 * pad) * (v - lo) / (hi - lo)  # noqa: E731
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(title)}">',
             f'<text x="{pad}" y="20" class="t">{html.escape(title)}</text>',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" class="axis"/>',
             f'<text x="4" y="{y(hi) + 4:.0f}" class="s">{hi:.1f}</text>',
             f'<text x="4" y="{y(lo) + 4:.0f}" class="s">{lo:.1f}</text>',
             f'<text x="{width - pad}" y="{height - 12}" class="s" text-anchor="end">quarter {turns}</text>']
    for name, colour, vs in lines:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vs))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{points}">'
                     f'<title>{html.escape(name)}</title></polyline>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1200px}
h1{font-size:1.6rem} table{border-collapse:collapse;margin:1rem 0} td,th{padding:.3rem .6rem;
border-bottom:1px solid #ccc;text-align:right} td:first-child,th:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:1rem} .t{font:bold 14px sans-serif} .s{font:11px sans-serif;fill:#555}
.axis{stroke:#999} .key span{display:inline-block;margin-right:1rem} .sw{display:inline-block;width:12px;
height:12px;margin-right:4px;vertical-align:middle} li{margin:.2rem 0}
"""


def results_html(room: "Room") -> str:
    data = debrief(room)
    e = html.escape
    teams = data["teams"]
    rows = "".join(
        f"<tr><td><span class='sw' style='background:{team_colour(t['index'])}'></span>{e(t['name'])}</td>"
        f"<td>{e(t['grade'])}</td><td>{t['total']:.1f}</td><td>{pounds(t['reserves'])}</td>"
        f"<td>{t['weighted_outcome']:.1f}</td><td>{t['mean_trust']:.1f}</td>"
        f"<td>{'–' if t['fit'] is None else t['fit']}</td><td>{t['own']}</td><td>{t['auto']}</td>"
        f"<td>{e(ENDINGS.get(t['over'], t['over']) if t['over'] else 'playing')}</td></tr>"
        for t in teams
    )
    charts = "".join(
        _svg_chart(label, [(t["name"], team_colour(t["index"]), t["series"][key]) for t in teams], data["turns"])
        for key, label in data["series_labels"].items()
    )
    decisions = "".join(
        f"<h3>{e(t['name'])} — grade {e(t['grade'])}</h3><ol>"
        + "".join(f"<li>Quarter {d['turn']}: {e(d['text'])} <small>({e('; '.join(d['effects']))})</small></li>"
                  for d in t["decisions"])
        + "</ol>"
        for t in teams
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(data['title'])} — room results</title><style>{CSS}</style></head><body>"
        f"<h1>{e(data['title'])}: room results</h1>"
        f"<p>{len(teams)} teams; quarter {data['turn']} of {data['turns']}; "
        f"{e({'lobby': 'not started', 'playing': 'in play', 'over': 'game over'}[data['phase']])}.</p>"
        "<table><tr><th>Team</th><th>Grade</th><th>Score</th><th>Reserves</th><th>Outcome</th><th>Trust</th>"
        f"<th>Approach fit</th><th>Own decisions</th><th>Auto</th><th>Status</th></tr>{rows}</table>"
        f"<h2>Paths</h2><div class='charts'>{charts}</div>"
        f"<h2>Decisions that mattered most</h2>{decisions}</body></html>"
    )


def export(room: "Room", folder: Path, stem: str) -> tuple[Path, Path]:
    csv_path, html_path = folder / f"{stem}-results.csv", folder / f"{stem}-results.html"
    atomic_write(csv_path, results_csv(room).encode("utf-8"))
    atomic_write(html_path, results_html(room).encode("utf-8"))
    return csv_path, html_path
