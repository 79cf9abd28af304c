"""The simulation summary as rich tables for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .report import GRADES, failure_turn_text, share_text, triple

EVENTS_SHOWN = 8
WIDE = 130
"""Below this many columns the p5/p50/p95 figures are stacked in their cells rather than wrapped mid-figure."""


def print_summary(summary: dict, console: Console) -> None:
    title = f"{summary['pack']}: {summary['games']} games" + ("" if summary["complete"] else " (interrupted: partial)")
    table = Table(title=title)
    # The strategy names are what the reader looks for: they never wrap (an 80-column terminal or a
    # file used to show "tender…" and "cynefi…").
    table.add_column("strategy", no_wrap=True)
    for column in ("games", "win\nrate", "grades\n" + "/".join(GRADES), "reserves £m\np5/50/95",
                   "outcome\np5/50/95", "trust\np5/50/95", "mean\nfailure\nturn"):
        table.add_column(column, justify="right", no_wrap=column.startswith(("reserves", "outcome", "trust")))
    sep = " / " if console.width >= WIDE else "\n"
    for name, f in summary["strategies"].items():
        table.add_row(
            name, str(f["games"]), f"{f['win_rate']:.0%}", " ".join(str(f["grades"][g]) for g in GRADES),
            *(triple(f[k], sep) for k in ("reserves", "weighted_outcome", "mean_trust")),
            failure_turn_text(f["mean_failure_turn"]),
        )
    console.print(table)
    for name, reason in summary["skipped"].items():
        console.print(f"[dim]skipped {name}: {reason}[/dim]")
    if summary["head_to_head"]:
        h2h = Table(title="Head to head (share of seeds ahead: final, after the checkpoint turn)")
        for column in ("A", "B", "A ahead", "B ahead", "A ahead early", "B ahead early"):
            h2h.add_column(column, no_wrap=column in ("A", "B"))
        for p in summary["head_to_head"]:
            h2h.add_row(p["a"], p["b"], *(share_text(p[k]) for k in (
                "a_ahead", "b_ahead", "a_ahead_at_checkpoint", "b_ahead_at_checkpoint")))
        console.print(h2h)
    if summary["events"]:
        events = Table(title="Events that most change the final score (fired minus not fired)")
        events.add_column("event")
        events.add_column("score difference", justify="right")
        events.add_column("games fired", justify="right")
        for e in summary["events"][:EVENTS_SHOWN]:
            events.add_row(e["event"], f"{e['score_difference']:+.2f}", str(e["fired_games"]))
        console.print(events)
    if summary.get("lessons"):
        lessons = Table(title="Teaching checks (does the pack still teach its lesson?)")
        for column in ("check", "measured", "target", "result"):
            lessons.add_column(column)
        for lesson in summary["lessons"]:
            verdict = "[green]pass[/green]" if lesson["passed"] else "[red]FAIL[/red]"
            lessons.add_row(*(escape(lesson[k]) for k in ("name", "measured", "target")), verdict)
        console.print(lessons)
    for warning in summary["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {warning}")
