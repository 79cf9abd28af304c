"""A team's view of the room: the lobby before the game starts, and the room bar on the dashboard.

The bar sits under the dashboard's header for the whole game: the team and
the join code, the quarter's clock, whether the room is paused, whether the
team is waiting for others after ending the quarter, whether the connection
is being restored, and the facilitator's latest message. It is drawn above
the dashboard's cached painting so the clock can tick once a second without
repainting the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame

from .. import draw
from ..room_session import RoomSession
from ..scene import Scene

if TYPE_CHECKING:
    from .dashboard import Dashboard


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class RoomBar:
    """The room's status strip on the dashboard (None in a solo game: see `room_bar`)."""

    def __init__(self, scene: "Dashboard", session: RoomSession, top: int) -> None:
        self.scene = scene
        self.session = session
        t = scene.theme
        self.rect = pygame.Rect(0, top, scene.app.size[0], t.px(46))
        scene.info("room.bar", self.rect.inflate(0, -t.px(4)), self._tooltip())

    def _tooltip(self) -> str:
        s = self.session
        lines = [f"You are team {s.team_name} in the room at {s.address} (join code {s.client.code})."]
        if s.token:
            lines.append(f"Your rejoin token is {s.token}: with it the team can carry on from another laptop.")
        lines.append("The room keeps your game: if this laptop restarts, choose Join a room and join again.")
        if s.broadcasts:
            lines.append("From the facilitator: " + " · ".join(s.broadcasts[-3:]))
        return "\n".join(lines)

    def status(self) -> tuple[str, str]:
        """The one thing the team most needs to know now, and its tone ('bad', 'warn', 'accent', 'muted')."""
        s = self.session
        if s.connection == "reconnecting":
            return "Reconnecting to the room…", "bad"
        if s.connection == "gone":
            return "Disconnected: rejoin from the title screen", "bad"
        if s.phase == "lobby":
            return "Waiting for the facilitator to start the game", "accent"
        if s.phase == "over":
            return "The facilitator has ended the game", "muted"
        if s.paused:
            return "PAUSED by the facilitator", "warn"
        if s.state.is_over:
            return "Your game is over", "muted"
        if s.waiting:
            others = s.others_not_ready()
            if others:
                return f"Quarter ended: waiting for {_names(others)}", "accent"
            return "Quarter ended: the room is moving on", "accent"
        return "Playing: end the quarter when your team is ready", "muted"

    def draw(self, surface: pygame.Surface) -> None:
        t = self.scene.theme
        p = t.palette
        s = self.session
        text, tone = self.status()
        colour = {"bad": p.bad, "warn": p.warn, "accent": p.accent}.get(tone, p.muted)
        pygame.draw.rect(surface, t.tint(colour, 0.88) if tone != "muted" else p.surface, self.rect)
        pygame.draw.line(surface, p.line, self.rect.bottomleft, self.rect.bottomright, max(1, t.px(1.5)))
        m = t.px(24)
        small, bold = t.font("small"), t.font("body", "bold")
        y = self.rect.centery - bold.get_height() // 2
        x = draw.text(surface, t.font("small", "semibold"), f"ROOM {s.client.code} · TEAM {s.team_name.upper()}",
                      p.muted, (m, self.rect.centery - small.get_height() // 2)).right + t.px(24)
        clock = s.clock_text()
        if clock:
            left = s.seconds_left() or 0.0
            tint = p.bad if left <= 10 else p.warn if left <= 60 else p.ink
            x = draw.text(surface, bold, f"{clock} " + ("held" if s.paused else "left"), tint, (x, y)).right
            x += t.px(24)
        x = draw.text(surface, bold, text, colour if tone != "muted" else p.ink, (x, y),
                      max_width=max(t.px(200), self.rect.width // 2 - x)).right + t.px(24)
        if s.broadcasts:
            draw.text(surface, t.font("body", "semibold"), f"“{s.broadcasts[-1]}” — facilitator", p.ink,
                      (self.rect.right - m, y), align="right", max_width=self.rect.right - m - x)


def room_bar(scene: "Dashboard", top: int) -> RoomBar | None:
    """The room's bar for a dashboard whose game is played in a room; None for a solo game."""
    session = scene.app.session
    return RoomBar(scene, session, top) if isinstance(session, RoomSession) else None


CARD_PAD = 40
"""design pixels between a room screen's card and its content"""


def paint_card(scene: Scene, surface: pygame.Surface, card: pygame.Rect) -> tuple[int, int, int]:
    """The card a room screen (join, lobby) sits on; returns where its content starts and how wide it is."""
    t = scene.theme
    draw.card(surface, t, card)
    pad = t.px(CARD_PAD)
    return card.left + pad, card.top + pad, card.width - 2 * pad


def card_buttons(scene: Scene, card: pygame.Rect,
                 items: tuple[tuple[str, str, Callable[[], None], str, str | None, str | None, bool], ...]) -> None:
    """Buttons along the bottom of a room screen's card, right-aligned:
    (key, label, action, tooltip, style, shortcut, enabled)."""
    t = scene.theme
    pad, bh = t.px(CARD_PAD), t.px(56)
    x, y = card.right - pad, card.bottom - pad - bh
    for key, label, action, tip, style, shortcut, enabled in reversed(items):
        bw = max(t.px(160), t.font("body", "bold").size(label)[0] + t.px(48))
        x -= bw
        scene.button(key, pygame.Rect(x, y, bw, bh), label, action, tooltip=tip, style=style, shortcut=shortcut,
                     enabled=enabled)
        x -= t.px(12)


class TeamLobby(Scene):
    """Joined, before the facilitator starts: who is here, the team's token to write down, and what happens next."""

    name = "lobby"

    @property
    def room(self) -> RoomSession:
        assert isinstance(self.app.session, RoomSession)
        return self.app.session

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        self.card = pygame.Rect(0, 0, min(w - t.px(80), t.px(1100)), min(h - t.px(80), t.px(640)))
        self.card.center = (w // 2, h // 2)
        card_buttons(self, self.card, (
            ("leave", "Leave the room", self._leave, "Back to the title. Your place and token are kept.", None, "l",
             True),
            ("council", "Look at the council", self._council,
             "See your council's dashboard while you wait (actions open when the game starts).", "primary", "c", True),
        ))
        self.ring.focus("council", show=False)

    def _council(self) -> None:
        self.app.start(self.room)

    def _leave(self) -> None:
        from .title import Title

        self.app.session = None
        self.app.replace_all(Title(self.app))

    def on_escape(self) -> None:
        self._leave()

    def on_state_changed(self) -> None:
        """The facilitator started the game (or the room is further on): straight to the dashboard."""
        if self.room.phase != "lobby":
            self.app.start(self.room)
        else:
            self.rebuild()

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        s = self.room
        x, y, width = paint_card(self, surface, self.card)
        info = s.state.game.pack.info
        y = draw.text(surface, t.font("h1", "bold"), f"You are in the room as {s.team_name}", p.ink, (x, y),
                      max_width=width).bottom + t.px(8)
        y = draw.text(surface, t.font("large"), f"{info.title} — {info.place}", p.muted, (x, y),
                      max_width=width).bottom + t.px(36)
        if s.token:
            y = draw.text(surface, t.font("small", "semibold"), "YOUR TEAM'S REJOIN TOKEN", p.muted, (x, y)).bottom
            y = draw.text(surface, t.font("display", "bold"), s.token, p.accent, (x, y)).bottom + t.px(4)
            y = draw.paragraph(surface, t.font("body"), "Write it down. This laptop remembers it; with it your team "
                               "can also carry on from another laptop.", p.ink,
                               pygame.Rect(x, y, width, t.px(60)), max_lines=2) + t.px(28)
        teams = s.teams_joined()
        places = len(s.room.names) if s.room else 0
        y = draw.text(surface, t.font("small", "semibold"), f"TEAMS HERE ({len(teams)} OF {places} PLACES)", p.muted,
                      (x, y)).bottom + t.px(6)
        y = draw.paragraph(surface, t.font("large", "semibold"), ", ".join(teams) or "—", p.ink,
                           pygame.Rect(x, y, width, t.px(80)), max_lines=2) + t.px(28)
        draw.text(surface, t.font("large", "bold"), "Waiting for the facilitator to start the game…", p.accent, (x, y),
                  max_width=width)
