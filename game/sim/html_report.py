"""One self-contained HTML file: the summary tables plus charts as inline PNGs (no external URLs)."""

from __future__ import annotations

import base64
import html
import io

from .report import GRADES, failure_turn_text, share_text, triple
from .runner import CHECKPOINT_TURN


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _charts(summary: dict) -> list[tuple[str, str]]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    charts = []
    for key, label in (("reserves", "Median reserves (£m)"), ("weighted_outcome", "Median weighted outcome")):
        fig, ax = plt.subplots(figsize=(7, 3.5))
        for name, series in summary["series"].items():
            ax.plot(range(len(series[key])), series[key], marker="o", markersize=3, label=name)
        ax.set_xlabel("turn (0 = start)")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        charts.append((label + " over turns", _png(fig)))
        plt.close(fig)
    names = list(summary["strategies"])
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.8 / max(1, len(names))
    for i, name in enumerate(names):
        counts = [summary["strategies"][name]["grades"][g] for g in GRADES]
        ax.bar([x + i * width for x in range(len(GRADES))], counts, width, label=name)
    ax.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(GRADES))], GRADES)
    ax.set_ylabel("games")
    ax.legend(fontsize=8)
    charts.append(("Grades per strategy", _png(fig)))
    plt.close(fig)
    return charts


def _table(headers: list[str], rows: list[list[object]], css: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table{f' class={css}' if css else ''}><tr>{head}</tr>{body}</table>"


def _lessons(summary: dict) -> str:
    """The teaching checks (with --lessons): the verdict a facilitator shares is in the report, not only the terminal."""
    if not summary.get("lessons"):
        return ""
    rows = [[x["name"], x["measured"], x["target"], "pass" if x["passed"] else "FAIL"] for x in summary["lessons"]]
    failed = sum(not x["passed"] for x in summary["lessons"])
    verdict = "every check passes" if not failed else f"{failed} check{'s' if failed != 1 else ''} failed"
    return f"<h2>Teaching checks: {verdict}</h2>{_table(['check', 'measured', 'target', 'result'], rows)}"


def render_html(summary: dict) -> str:
    strategies = _table(
        ["strategy", "games", "win rate", "grades A/B/C/D/E", "reserves £m p5/50/95", "outcome p5/50/95",
         "trust p5/50/95", "mean failure turn"],
        [[n, f["games"], f"{f['win_rate']:.0%}", " ".join(str(f["grades"][g]) for g in GRADES), triple(f["reserves"]),
          triple(f["weighted_outcome"]), triple(f["mean_trust"]), failure_turn_text(f["mean_failure_turn"])]
         for n, f in summary["strategies"].items()],
        css="figures",
    )
    skipped = "".join(f"<p>Skipped {html.escape(n)}: {html.escape(r)}.</p>" for n, r in summary["skipped"].items())
    h2h = _table(["A", "B", "A ahead", "B ahead", f"A ahead after turn {CHECKPOINT_TURN}",
                  f"B ahead after turn {CHECKPOINT_TURN}"],
                 [[p["a"], p["b"], *(share_text(p[k]) for k in (
                     "a_ahead", "b_ahead", "a_ahead_at_checkpoint", "b_ahead_at_checkpoint"))]
                  for p in summary["head_to_head"]])
    events = _table(["event", "score difference (fired − not)", "games fired"],
                    [[e["event"], f"{e['score_difference']:+.2f}", e["fired_games"]] for e in summary["events"]])
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in summary["warnings"]) or "<li>none</li>"
    charts = "".join(f'<h3>{html.escape(t)}</h3><img alt="{html.escape(t)}" src="data:image/png;base64,{b}">'
                     for t, b in _charts(summary))
    partial = "" if summary["complete"] else "<p><strong>Interrupted: partial results.</strong></p>"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Balance report: {html.escape(summary['pack'])}</title>
<style>body{{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}}table{{border-collapse:collapse;margin:1em 0}}
td,th{{border:1px solid #bbb;padding:3px 8px;text-align:right}}.figures td{{white-space:nowrap}}
td:first-child,th:first-child{{text-align:left}}</style>
</head><body><h1>Balance report: {html.escape(summary['pack'])}</h1>{partial}
<p>{summary['games']} games: {summary['runs']} per strategy from master seed {summary['seed']}.</p>
<h2>Strategies</h2>{strategies}{skipped}{_lessons(summary)}<h2>Warnings</h2><ul>{warnings}</ul>
<h2>Head to head</h2><p>Share of seeds on which each strategy ends ahead of the other, and is ahead after turn
{CHECKPOINT_TURN}.</p>{h2h}<h2>Decisive events</h2>{events}<h2>Charts</h2>{charts}</body></html>"""
