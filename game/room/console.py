"""The facilitator console: one window on the projector that runs the room.

It is a facilitator client with a screen: everything it shows comes from the
server's messages (the room's status, the teams' rows, the cohort debrief) and
every button sends one protocol request, so the console can run on the host or
on another machine (`room console`), and closing it never loses anything.

Two views. The room: join code and address, the quarter and its timer, every
team side by side (grade, reserves, outcome, trust, whether they have ended the
quarter, whether their laptop is connected), and the commands. The debrief:
the teams' paths as lines on three charts and each team's decisive decisions,
on one screen a room can read from the back.

The look is deliberately plain and self-contained (pygame drawing and the
default font) so it does not depend on the game's screens.
"""

from __future__ import annotations

import os
import queue
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Callable

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from .client import BackgroundLoop, FacilitatorClient, RoomRefused, RoomUnavailable
from .results import ENDINGS, SERIES, pounds, team_colour

BG, INK, MUTED, CARD, LINE = (244, 241, 234), (28, 28, 30), (105, 105, 110), (255, 255, 255), (210, 205, 195)
ACCENT, WARN, ALERT, GOOD = (27, 108, 168), (214, 140, 0), (200, 40, 50), (46, 147, 60)
TIMER_AMBER, TIMER_RED = 60, 10
"""seconds left at which the clock turns amber, then red"""
MESSAGE_SECONDS = 6.0
"""how long a console message stays on screen"""


def wrap(font: pygame.font.Font, text: str, width: int, lines: int) -> list[str]:
    """Words into at most `lines` lines that fit `width`; the last one cut with an ellipsis if need be."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and font.size(line + " " + words[0])[0] <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words and out:
        last = out[-1] + " " + " ".join(words)
        while font.size(last + "…")[0] > width and len(last) > 1:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out


class ConsoleError(Exception):
    """The console could not reach or join the room."""


@dataclass
class Button:
    key: str
    label: str
    rect: pygame.Rect
    enabled: bool = True
    chosen: bool | None = None
    """for a pair of choices: whether this one is the current one (None: an ordinary button)"""


class Fonts:
    """The default font at sizes scaled to the window, so a projector at any resolution stays readable."""

    def __init__(self, height: int) -> None:
        unit = max(12, height // 48)
        self.small = pygame.font.Font(None, round(unit * 1.25))
        self.body = pygame.font.Font(None, round(unit * 1.6))
        self.title = pygame.font.Font(None, round(unit * 2.2))
        self.huge = pygame.font.Font(None, round(unit * 4.2))
        self.height = height


class Console:
    def __init__(self, client: FacilitatorClient, loop: BackgroundLoop, address: str, size: tuple[int, int]) -> None:
        self.client = client
        self.loop = loop
        self.address = address
        self.view = "room"
        self.overlay: str | None = None
        self.selected: int | None = None
        self.typed = ""
        self.armed = False
        """the message box takes text only after a key pressed in it"""
        self.inject_all = True
        self.message: tuple[str, tuple[int, int, int], float] | None = None
        self.token: tuple[str, str] | None = None
        self.debrief: dict[str, Any] | None = None
        self.buttons: list[Button] = []
        self.covered = 0
        """buttons before this index lie under the open dialog"""
        self.cards: list[tuple[int, pygame.Rect]] = []
        self.status_at = time.monotonic()
        self.pending: list[tuple[str, Future[Any]]] = []
        self.fonts = Fonts(size[1])
        self.running = True

    # ------------------------------------------------------------------ commands

    def send(self, what: str, make: Callable[[], Any]) -> None:
        self.pending.append((what, self.loop.spawn(make())))

    def _settle(self) -> bool:
        """Collect finished commands: show refusals, take results. Returns whether anything finished."""
        done = [(w, f) for w, f in self.pending if f.done()]
        self.pending = [(w, f) for w, f in self.pending if not f.done()]
        for what, future in done:
            exc = future.exception()
            if isinstance(exc, (RoomRefused, RoomUnavailable)):
                self.say(f"{what}: {exc}", ALERT)
            elif exc is not None:
                self.say(f"{what} failed: {exc}", ALERT)
            elif what == "debrief":
                self.debrief = future.result()
            elif what == "token":
                team = self._team_name(self.selected)
                self.token = (team, future.result())
                self.overlay = "token"
            elif what == "export":
                csv_path, html_path = future.result()
                self.say(f"Results written: {html_path}", GOOD)
        return bool(done)

    def say(self, text: str, colour: tuple[int, int, int] = INK) -> None:
        self.message = (text, colour, time.monotonic())

    def press(self, key: str) -> None:
        c = self.client
        room = c.room
        if key == "start":
            self.send("Start", c.start)
        elif key == "pause":
            self.send("Pause", c.resume if room and room.paused else c.pause)
        elif key in ("timer_up", "timer_down", "timer_off"):
            seconds = room.timer.seconds if room else 0
            seconds = 0 if key == "timer_off" else max(60, seconds + (60 if key == "timer_up" else -60))
            self.send("Timer", lambda: c.set_timer(seconds))
        elif key == "advance":
            self.send("Advance", c.advance)
        elif key == "auto":
            self.send("Auto-advance", lambda: c.auto_advance(not (room and room.auto_advance)))
        elif key in ("inject", "message"):
            self.overlay, self.typed, self.armed = key, "", False
            if key == "message":
                pygame.key.start_text_input()
        elif key == "token" and self.selected is not None:
            team = self.selected
            self.send("token", lambda: c.reissue_token(team))
        elif key == "debrief":
            self.view = "debrief" if self.view == "room" else "room"
            if self.view == "debrief":
                self.send("debrief", c.debrief)
        elif key == "export":
            self.send("export", c.export)
        elif key == "end":
            self.overlay = "confirm_end"
        elif key == "confirm_end":
            self.overlay = None
            self.send("End game", c.end_game)
        elif key in ("target_all", "target_one"):
            self.inject_all = key == "target_all"
        elif key.startswith("event:"):
            event, target = key[6:], None if self.inject_all or self.selected is None else self.selected
            self.overlay = None
            self.send("Inject", lambda: c.inject(event, target))
        elif key == "close":
            self.overlay = None

    # ------------------------------------------------------------------ input

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.VIDEORESIZE:
            self.fonts = Fonts(max(480, event.h))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(event.pos)
        elif event.type == pygame.TEXTINPUT and self.overlay == "message" and self.armed:
            self.typed = (self.typed + event.text)[:280]
        elif event.type == pygame.KEYDOWN:
            self.armed = self.overlay == "message"  # the M that opened the box comes as text after it: not typed
            self._key(event)

    def _click(self, pos: tuple[int, int]) -> None:
        for button in self.buttons[self.covered if self.overlay else 0:]:  # an open dialog covers the rest
            if button.enabled and button.rect.collidepoint(pos):
                self.press(button.key)
                return
        if self.overlay is None:
            hit = next((i for i, rect in self.cards if rect.collidepoint(pos)), None)
            self.selected = None if hit == self.selected else hit
            if hit is not None:
                self.inject_all = False
        elif self.overlay in ("token",):
            self.overlay = None

    def _key(self, event: pygame.event.Event) -> None:
        if self.overlay == "message":
            if event.key == pygame.K_RETURN and self.typed.strip():
                text = self.typed.strip()
                self.overlay = None
                pygame.key.stop_text_input()
                self.send("Message", lambda: self.client.broadcast(text))
            elif event.key == pygame.K_BACKSPACE:
                self.typed = self.typed[:-1]
            elif event.key == pygame.K_ESCAPE:
                self.overlay = None
                pygame.key.stop_text_input()
            return
        if event.key == pygame.K_ESCAPE:
            if self.overlay:
                self.overlay = None
            elif self.view == "debrief":
                self.view = "room"
            return
        shortcuts = {pygame.K_p: "pause", pygame.K_a: "advance", pygame.K_d: "debrief", pygame.K_i: "inject",
                     pygame.K_m: "message"}
        if event.key in shortcuts and self.overlay is None:
            self.press(shortcuts[event.key])

    def drain(self) -> bool:
        """Take what the server sent since the last frame; returns whether anything changed."""
        changed = False
        while True:
            try:
                kind, message = self.client.updates.get_nowait()
            except queue.Empty:
                break
            changed = True
            if kind == "room":
                self.status_at = time.monotonic()
            elif kind == "notice":
                self.say(message.text, WARN if message.kind == "warning" else INK)
            elif kind == "connection":
                self.say({"lost": "Lost the room; reconnecting…", "back": "Reconnected to the room.",
                          "gone": "Cannot reach the room."}[message], ALERT if message != "back" else GOOD)
            elif kind == "error":
                self.say(message.message, ALERT)
        return self._settle() or changed

    # ------------------------------------------------------------------ drawing

    def remaining(self) -> float | None:
        room = self.client.room
        if room is None or room.timer.remaining is None:
            return None
        if not room.timer.running:
            return room.timer.remaining
        return max(0.0, room.timer.remaining - (time.monotonic() - self.status_at))

    def draw(self, screen: pygame.Surface) -> None:
        screen.fill(BG)
        self.buttons = []
        self.cards = []
        w, h = screen.get_size()
        if self.fonts.height != h:
            self.fonts = Fonts(h)
        self._header(screen, w)
        if self.view == "room":
            self._teams(screen, pygame.Rect(20, self.fonts.huge.get_height() + 40, w - 40, h - 250))
        else:
            self._debrief(screen, pygame.Rect(20, self.fonts.huge.get_height() + 40, w - 40, h - 250))
        self._commands(screen, w, h)
        self._footer(screen, w, h)
        self.covered = len(self.buttons)
        if self.overlay:
            self._overlay(screen, w, h)

    def _text(self, screen: pygame.Surface, text: str, font: pygame.font.Font, pos: tuple[int, int],
              colour: tuple[int, int, int] = INK, right: bool = False, width: int | None = None) -> pygame.Rect:
        if width is not None:
            while text and font.size(text)[0] > width:
                text = text[:-2] + "…" if len(text) > 2 else ""
        image = font.render(text, True, colour)
        rect = image.get_rect(topright=pos) if right else image.get_rect(topleft=pos)
        screen.blit(image, rect)
        return rect

    def _header(self, screen: pygame.Surface, w: int) -> None:
        f = self.fonts
        c = self.client
        room = c.room
        title = c.pack_ref.title if c.pack_ref else "Room"
        self._text(screen, title, f.title, (20, 14), width=w // 2)
        self._text(screen, f"Join at {self.address}   code {c.code}", f.body, (20, 14 + f.title.get_height()),
                   ACCENT)
        if room is None:
            return
        phase = {"lobby": "Waiting to start", "playing": f"Quarter {room.turn} of {room.turns}",
                 "over": "Game over"}[room.phase]
        if room.paused:
            phase += " — PAUSED"
        self._text(screen, phase, f.title, (w // 2, 14), ALERT if room.paused else INK)
        ready = len(room.ready)
        teams = [r for r in c.rows if r.name is not None]
        playing = sum(1 for r in teams if r.over is None)
        if room.phase == "over" or (teams and not playing):  # "0 of 0 teams ready" said nothing
            line = f"{len(teams)} team{'s' if len(teams) != 1 else ''}: every game is over"
        else:
            line = f"{ready} of {playing} teams ready" + ("" if room.auto_advance else " · holding")
        self._text(screen, line, f.body, (w // 2, 14 + f.title.get_height()), MUTED)
        left = self.remaining()
        if left is not None:
            colour = ALERT if left <= TIMER_RED else WARN if left <= TIMER_AMBER else INK
            self._text(screen, f"{int(left) // 60:02d}:{int(left) % 60:02d}", f.huge, (w - 20, 8), colour,
                       right=True)

    def _teams(self, screen: pygame.Surface, area: pygame.Rect) -> None:
        rows = [r for r in self.client.rows if r.name is not None]
        if not rows:
            self._text(screen, "No teams yet: they join with the address and code above.", self.fonts.title,
                       (area.x, area.y + 20), MUTED)
            return
        columns = min(6, len(rows))
        lines = (len(rows) + columns - 1) // columns
        gap = 14
        cw = (area.w - gap * (columns - 1)) // columns
        ch = min((area.h - gap * (lines - 1)) // lines, max(area.h // 2, self._card_height(rows[0])))
        for n, row in enumerate(rows):
            rect = pygame.Rect(area.x + (n % columns) * (cw + gap), area.y + (n // columns) * (ch + gap), cw, ch)
            self._card(screen, row, rect)
            self.cards.append((row.index, rect))

    def _card_height(self, row: Any) -> int:
        """What a card needs to show every one of its problems' outcomes (a single line of cards used to be
        cut at half the screen, leaving packs with six problems showing four above empty space)."""
        f = self.fonts
        top = 18 + f.title.get_height() + 4 + f.body.get_height() + 2 + f.small.get_height() + 10
        return top + 5 * (f.body.get_height() + 2) + 8 + (len(row.outcomes) + 1) * (f.small.get_height() + 4) + 16

    def _card(self, screen: pygame.Surface, row: Any, rect: pygame.Rect) -> None:
        f = self.fonts
        pygame.draw.rect(screen, CARD, rect, border_radius=10)
        border = ACCENT if row.index == self.selected else LINE
        pygame.draw.rect(screen, border, rect, width=4 if row.index == self.selected else 2, border_radius=10)
        pygame.draw.rect(screen, team_colour(row.index), (rect.x, rect.y, rect.w, 10),
                         border_top_left_radius=10, border_top_right_radius=10)
        x, y, inner = rect.x + 14, rect.y + 18, rect.w - 28
        self._text(screen, row.name, f.title, (x, y), width=inner - f.huge.size("E")[0])
        self._text(screen, row.grade, f.huge, (rect.right - 14, y - 6), team_colour(row.index), right=True)
        y += f.title.get_height() + 4
        state = ("ended the quarter" if row.ready else "game over: " + ENDINGS.get(row.over, row.over) if row.over
                 else f"choice waiting ({row.pending})" if row.pending else "playing")
        self._text(screen, state, f.body, (x, y), GOOD if row.ready else ALERT if row.over else INK, width=inner)
        y += f.body.get_height() + 2
        online = "connected" if row.connected else "not connected"
        pygame.draw.circle(screen, GOOD if row.connected else ALERT, (x + 7, y + f.small.get_height() // 2), 6)
        self._text(screen, online, f.small, (x + 20, y), MUTED)
        y += f.small.get_height() + 10
        for label, value in (("Reserves", pounds(row.reserves)), ("Outcome", f"{row.weighted_outcome:.0f}"),
                             ("Trust", f"{row.mean_trust:.0f}"), ("Score", f"{row.total:.0f}"),
                             ("Decisions", f"{row.actions}" + (f" (+{row.auto} auto)" if row.auto else ""))):
            if y + f.body.get_height() > rect.bottom - 6:
                break
            self._text(screen, label, f.body, (x, y), MUTED)
            self._text(screen, value, f.body, (rect.right - 14, y), right=True)
            y += f.body.get_height() + 2
        self._outcome_bars(screen, row.outcomes, pygame.Rect(x, y + 8, inner, rect.bottom - y - 16))

    def _outcome_bars(self, screen: pygame.Surface, outcomes: dict[str, float], area: pygame.Rect) -> None:
        """Each problem's outcome (0–100) as a bar, while the card has room for them."""
        f = self.fonts.small
        step = f.get_height() + 4
        if area.h < step * 2:
            return
        self._text(screen, "Outcomes", f, (area.x, area.y), MUTED)
        y = area.y + step
        label_w = area.w * 11 // 20
        for problem, value in outcomes.items():
            if y + step > area.bottom:
                break
            name = self.client.problems.get(problem) or problem.replace("_", " ").capitalize()
            self._text(screen, name, f, (area.x, y), width=label_w - 6)  # the name the teams see
            bar = pygame.Rect(area.x + label_w, y + 2, area.w - label_w, f.get_height() - 4)
            pygame.draw.rect(screen, BG, bar, border_radius=3)
            filled = bar.copy()
            filled.w = round(bar.w * max(0.0, min(100.0, value)) / 100)
            pygame.draw.rect(screen, GOOD if value >= 60 else WARN if value >= 40 else ALERT, filled, border_radius=3)
            y += step

    def _debrief(self, screen: pygame.Surface, area: pygame.Rect) -> None:
        f = self.fonts
        data = self.debrief
        if data is None:
            self._text(screen, "Gathering the debrief…", f.title, (area.x, area.y + 20), MUTED)
            return
        teams = data["teams"]
        chart_w = int(area.w * 0.45)
        chart_h = (area.h - 20) // len(SERIES)
        for n, key in enumerate(SERIES):
            rect = pygame.Rect(area.x, area.y + n * (chart_h + 10), chart_w, chart_h)
            self._chart(screen, rect, data["series_labels"][key],
                        [(t["index"], t["series"][key]) for t in teams], data["turns"])
        x = area.x + chart_w + 24
        width = area.right - x
        y = area.y
        per_team = (area.h // max(1, len(teams)) - f.body.get_height() - 6) // (f.small.get_height() + 2)
        for t in teams:
            if y > area.bottom - f.body.get_height():
                break
            pygame.draw.rect(screen, team_colour(t["index"]), (x, y + 4, 14, 14))
            fit = "" if t["fit"] is None else f" · fit {t['fit']:.2f}"
            self._text(screen, f"{t['name']}: {t['grade']} ({t['total']:.0f}){fit}", f.body, (x + 22, y),
                       width=width - 22)
            y += f.body.get_height()
            budget = max(1, per_team)
            for d in t["decisions"]:
                text = f"Quarter {d['turn']}: {d['text']} — {', '.join(d['effects'][:2])}"
                for line in wrap(f.small, text, width - 22, min(2, budget)):
                    self._text(screen, line, f.small, (x + 22, y), MUTED)
                    y += f.small.get_height() + 2
                    budget -= 1
                if budget <= 0:
                    break
            y += 6

    def _chart(self, screen: pygame.Surface, rect: pygame.Rect, title: str, lines: list[tuple[int, list[float]]],
               turns: int) -> None:
        f = self.fonts
        pygame.draw.rect(screen, CARD, rect, border_radius=8)
        self._text(screen, title, f.body, (rect.x + 10, rect.y + 6))
        values = [v for _, vs in lines for v in vs] or [0.0]
        lo, hi = min(values), max(values)
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        plot = pygame.Rect(rect.x + 60, rect.y + f.body.get_height() + 10, rect.w - 80,
                           rect.h - f.body.get_height() - 24)
        self._text(screen, f"{hi:.0f}", f.small, (rect.x + 52, plot.y - 6), MUTED, right=True)
        self._text(screen, f"{lo:.0f}", f.small, (rect.x + 52, plot.bottom - 12), MUTED, right=True)
        pygame.draw.line(screen, LINE, plot.bottomleft, plot.bottomright, 2)
        self._text(screen, f"quarter {turns}", f.small, (plot.right, rect.y + 6), MUTED, right=True)
        for index, vs in lines:
            points = [(plot.x + plot.w * i / max(1, turns), plot.bottom - plot.h * (v - lo) / (hi - lo))
                      for i, v in enumerate(vs)]
            if len(points) > 1:
                pygame.draw.lines(screen, team_colour(index), False, points, 4)

    def _commands(self, screen: pygame.Surface, w: int, h: int) -> None:
        room = self.client.room
        phase = room.phase if room else "lobby"
        playing = phase == "playing"
        timer = room.timer.seconds if room else 0
        team = self._team_name(self.selected)
        running = phase != "over"  # once every game is over the clock and the quarters have nothing to run
        specs = [
            ("start", "Start", phase == "lobby"),
            ("pause", "Resume (P)" if room and room.paused else "Pause (P)", playing),
            ("timer_down", "− 1 min", running),
            ("timer_up", f"Timer {timer // 60} min +" if timer else "Timer +", running),
            ("timer_off", "No timer", running and timer > 0),
            ("advance", "Next quarter (A)", playing),
            ("auto", "Auto-advance: on" if room is None or room.auto_advance else "Auto-advance: off", running),
            ("inject", "Inject event (I)", playing),
            ("message", "Message (M)", True),
            ("token", f"New token: {team}" if team else "New token", self.selected is not None),
            ("debrief", "Back to teams (D)" if self.view == "debrief" else "Debrief (D)", True),
            ("export", "Export", True),
            ("end", "End game", phase != "over"),
        ]
        f = self.fonts
        bh = f.body.get_height() + 18
        x, y = 20, h - 2 * bh - 60
        for key, label, enabled in specs:
            bw = f.body.size(label)[0] + 28
            if x + bw > w - 20:
                x, y = 20, y + bh + 10
            self._button(screen, Button(key, label, pygame.Rect(x, y, bw, bh), enabled))
            x += bw + 10

    def _button(self, screen: pygame.Surface, button: Button) -> None:
        filled = button.enabled and button.chosen is not False
        pygame.draw.rect(screen, ACCENT if filled else BG if button.enabled else LINE, button.rect, border_radius=8)
        if button.chosen is not None:
            pygame.draw.rect(screen, ACCENT, button.rect, width=3, border_radius=8)
        ink = CARD if filled else ACCENT if button.enabled else MUTED
        text = self.fonts.body.render(button.label, True, ink)
        screen.blit(text, text.get_rect(center=button.rect.center))
        self.buttons.append(button)

    def _footer(self, screen: pygame.Surface, w: int, h: int) -> None:
        if self.message is None:
            return
        text, colour, at = self.message
        if time.monotonic() - at > MESSAGE_SECONDS and colour != ALERT:
            self.message = None
            return
        self._text(screen, text, self.fonts.body, (20, h - self.fonts.body.get_height() - 14), colour, width=w - 40)

    def _overlay(self, screen: pygame.Surface, w: int, h: int) -> None:
        f = self.fonts
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 120))
        screen.blit(shade, (0, 0))
        box = pygame.Rect(w // 8, h // 8, w * 3 // 4, h * 3 // 4)
        pygame.draw.rect(screen, CARD, box, border_radius=12)
        x, y = box.x + 24, box.y + 20
        if self.overlay == "inject":
            target = "every team" if self.inject_all or self.selected is None else self._team_name(self.selected)
            self._text(screen, f"Inject an event into {target}", f.title, (x, y))
            y += f.title.get_height() + 16
            chosen = self._team_name(self.selected)
            x2 = x
            for key, label, active in (("target_all", "All teams", self.inject_all or self.selected is None),
                                       ("target_one", f"{chosen} only" if chosen else "Select a team card first",
                                        not self.inject_all and self.selected is not None)):
                bw = f.body.size(label)[0] + 40
                rect = pygame.Rect(x2, y, bw, f.body.get_height() + 14)
                self._button(screen, Button(key, label, rect, key == "target_all" or self.selected is not None,
                                            chosen=active))
                x2 += bw + 12
            y += f.body.get_height() + 34
            columns, bh = 2, f.body.get_height() + 16
            bw = (box.w - 48 - 12) // columns
            for n, event in enumerate(self.client.events):
                rect = pygame.Rect(x + (n % columns) * (bw + 12), y + (n // columns) * (bh + 10), bw, bh)
                if rect.bottom > box.bottom - bh - 20:
                    break
                label = event.title + (" (asks a choice)" if event.has_choices else "")
                self._button(screen, Button(f"event:{event.id}", label, rect))
        elif self.overlay == "message":
            self._text(screen, "Message to every team (Enter sends, Esc cancels)", f.title, (x, y))
            field = pygame.Rect(x, y + f.title.get_height() + 20, box.w - 48, f.title.get_height() + 20)
            pygame.draw.rect(screen, BG, field, border_radius=8)
            self._text(screen, self.typed[-90:] + "▏", f.title, (field.x + 10, field.y + 10))
        elif self.overlay == "confirm_end":
            self._text(screen, "End the game for every team now?", f.title, (x, y))
            self._text(screen, "Teams can no longer act; results are written for the debrief.", f.body,
                       (x, y + f.title.get_height() + 10), MUTED)
        elif self.overlay == "token" and self.token is not None:
            name, token = self.token
            self._text(screen, f"{name}'s new rejoin token (the old one no longer works):", f.title, (x, y))
            self._text(screen, token, f.huge, (x, y + f.title.get_height() + 30), ACCENT)
            self._text(screen, "Show it to that team only. Click to close.", f.body,
                       (x, y + f.title.get_height() + 50 + f.huge.get_height()), MUTED)
        bh = f.body.get_height() + 18
        if self.overlay == "confirm_end":
            self._button(screen, Button("confirm_end", "End the game", pygame.Rect(x, box.bottom - bh - 20, 220, bh)))
        self._button(screen, Button("close", "Close (Esc)", pygame.Rect(box.right - 200, box.bottom - bh - 20,
                                                                        176, bh)))

    def _team_name(self, index: int | None) -> str:
        row = next((r for r in self.client.rows if r.index == index), None)
        if row is None:
            return ""
        return row.name or f"team {row.index + 1}"


def run_console(address: str, secret: str, loop: BackgroundLoop, size: tuple[int, int] = (1600, 900),
                shown_address: str | None = None) -> None:
    """Connect as the facilitator and run the console window until it is closed.

    `shown_address` is where teams should join, when that differs from where the console connects (the host's
    own console connects over loopback but shows the LAN address).
    """
    try:
        client = loop.run(FacilitatorClient.connect(address, secret))
    except (RoomRefused, RoomUnavailable) as exc:
        raise ConsoleError(f"cannot open the console: {exc}") from None
    pygame.display.init()  # no mixer: the console makes no sound, and rooms often have no audio device
    pygame.font.init()
    try:
        screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("Common Ground — facilitator console")
        console = Console(client, loop, shown_address or address, size)
        shown_second = -1
        dirty = True
        while console.running:
            for event in [pygame.event.wait(200), *pygame.event.get()]:
                if event.type != pygame.NOEVENT:
                    console.handle(event)
                    dirty = True
            dirty = console.drain() or dirty
            left = console.remaining()
            second = -1 if left is None else int(left)
            if dirty or second != shown_second or console.message is not None:
                console.draw(screen)
                pygame.display.flip()
                dirty, shown_second = False, second
    finally:
        pygame.quit()
        try:
            loop.run(client.close(), timeout=5)
        except Exception:  # noqa: BLE001 - closing down
            pass
