"""Provider finances: hidden health that drifts, shows signals, and can fail."""

from __future__ import annotations

from ..tx import HEALTH, Tx
from .contracts import collapse

SIGNALS = ("", "watch", "warning")


def resolve_providers(tx: Tx, noise: list[float]) -> None:
    """`noise` holds one standard normal draw per provider in pack order, drawn whether used or not,
    so every team in a room sees the same market."""
    s = tx.s
    game = s.game
    r = game.cfg.r
    held = s.held
    noise_scale, warning, watch = r.health_noise, r.health_signal_warning, r.health_signal_watch
    load, terms = r.strategic_load, game.provider_terms
    providers = tx.providers()
    keys, series = game.provider_keys, tx.series
    for (vid, v), z in zip(providers.items(), noise):
        if v.collapsed:
            continue
        changes = ((v.trend, "rule:health_trend", "explain.health_trend"),
                   (noise_scale * z, "rule:market", "explain.market_noise"))
        if terms[vid].strategic:
            changes += ((-load * max(0, held.get(vid, 0) - 3), "rule:strategic_load", "explain.strategic_load"),)
        v.health = series(keys[vid][HEALTH], v.health, changes, 0.0, 100.0)
        signal = "warning" if v.health < warning else "watch" if v.health < watch else ""
        if signal != v.signal:
            v.signal = signal
            if signal:
                tx.feed("signal", f"feed.signal_{signal}", ("provider", vid))
        if v.health <= 0:
            collapse(tx, vid, "rule:insolvency")
