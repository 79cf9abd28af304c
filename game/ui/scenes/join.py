"""Joining a facilitated room as a team: the address, the join code and the team's name.

The fields start with what this laptop last joined with, so after a crash or
a restart the team presses Join and is back in its game (the team's token is
kept on this laptop and used by itself). Joining runs on the room thread; the
screen stays live and shows "Joining…", and when the attempt ends it gets a
`JOINED` event. Anything that goes wrong — a wrong code, no room at that
address, a team name already taken or not allowed, a full room — is one line
under the fields, which keep what was typed.
"""

from __future__ import annotations

from concurrent.futures import Future

import pygame
import pygame_gui
from pydantic import TypeAdapter, ValidationError

from ...room import protocol as p
from ...room.client import parse_address
from .. import draw
from ..focus import Control
from ..room_session import JoinDetails, RoomSession, background, join_error, open_room
from ..scene import Scene
from .lobby import CARD_PAD, TeamLobby, card_buttons, paint_card

JOINED = pygame.USEREVENT
"""posted (from the room thread, marked `room_join`) when a join attempt has finished, either way. Not a
`custom_type()`: those numbers start again after `pygame.quit()`, so one taken at import could later equal
pygame_gui's own event types"""

FIELDS = (
    ("address", "Room address", "HOST:PORT, as on the facilitator's screen (for example 192.168.1.20:8765).", 100),
    ("code", "Join code", "The room's six-letter join code.", 16),
    ("team", "Team name", "Your team's name: letters, digits, spaces and ' & . - (up to 24).", 24),
    ("token", "Rejoin token (only on another laptop)",
     "The token your team wrote down, to carry on from a laptop that has not joined this room before. "
     "Leave empty otherwise: this laptop remembers its own.", 24),
)
TEAM_NAME: TypeAdapter[str] = TypeAdapter(p.TeamName)


class Field(pygame_gui.elements.UITextEntryLine):
    """A text field that takes typed text only once a key has been pressed in it.

    The J that opens this screen from the title comes as a key press and then as text; the text
    arrived after the screen had focused the address field, which then read "j" and, with the
    address typed after it, was refused as not HOST:PORT."""

    armed = False

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and self.is_focused:
            self.armed = True
        elif event.type == pygame.TEXTINPUT and not self.armed:
            return False
        return super().process_event(event)


def check(values: dict[str, str]) -> str:
    """What is wrong with the typed fields before anything is sent ('' if nothing)."""
    try:
        parse_address(values["address"])
    except ValueError as exc:
        return f"The address {exc}." if values["address"] else "Type the room's address (HOST:PORT)."
    if not values["code"].strip():
        return "Type the room's join code."
    try:
        TEAM_NAME.validate_python(values["team"])
    except ValidationError:
        return ("Type your team's name." if not values["team"].strip() else
                "A team name uses letters, digits, spaces and ' & . - (up to 24), starting with a letter or digit.")
    return ""


class JoinScreen(Scene):
    name = "join"

    def __init__(self, app, details: JoinDetails | None = None) -> None:  # noqa: ANN001
        remembered = details or JoinDetails.load()
        self.values = {"address": remembered.address, "code": remembered.code, "team": remembered.team, "token": ""}
        self.error = ""
        self.joining: Future[RoomSession] | None = None
        self.entries: dict[str, Field] = {}
        super().__init__(app)

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        pad = t.px(CARD_PAD)
        label_h, entry_h, gap = t.font("small").get_linesize() + t.px(4), t.px(50), t.px(16)
        head = t.font("h1").get_linesize() + 2 * t.font("body").get_linesize() + t.px(32)
        message = 3 * t.font("body").get_linesize() + t.px(16)
        height = 2 * pad + head + len(FIELDS) * (label_h + entry_h + gap) + message + t.px(56)
        self.card = pygame.Rect(0, 0, min(w - t.px(80), t.px(900)), min(h - t.px(40), height))
        self.card.center = (w // 2, h // 2)
        x, width = self.card.left + pad, self.card.width - 2 * pad
        y = self.card.top + pad + head
        self.labels: list[tuple[str, tuple[int, int]]] = []
        self.entries = {}
        for key, label, tip, limit in FIELDS:
            self.labels.append((label, (x, y)))
            rect = pygame.Rect(x, y + label_h, width, entry_h)
            entry = Field(rect, self.manager, initial_text=self.values[key])
            entry.set_text_length_limit(limit)
            if self.joining is not None:
                entry.disable()
            self.entries[key] = entry
            self.ring.add(Control(key, rect, self.join, tip + " Enter to join.", element=entry))
            y = rect.bottom + gap
        self.message_at = (x, y)
        busy = self.joining is not None
        card_buttons(self, self.card, (
            ("back", "Back", self._back, "Back to the title (Esc).", None, None, True),
            ("join", "Joining…" if busy else "Join the room", self.join,
             "Connect to the room and join as this team (Enter).", "primary", None, not busy),
        ))
        first_empty = next((k for k, *_ in FIELDS[:3] if not self.values[k]), None)
        self.ring.focus(first_empty or "join", show=False)
        if first_empty and not busy:
            self.entries[first_empty].focus()

    # ---------------------------------------------------------------- joining

    def _read(self) -> dict[str, str]:
        if self.entries:
            self.values = {key: entry.get_text().strip() for key, entry in self.entries.items()}
        return self.values

    def join(self) -> None:
        """Check the fields, then connect on the room thread (the result arrives as a JOINED event)."""
        if self.joining is not None:
            return
        values = self._read()
        self.error = check(values)
        if not self.error:
            self.joining = background().spawn(open_room(values["address"], values["code"], values["team"],
                                                        values["token"] or None))
            self.joining.add_done_callback(_announce)
        self._relayout()

    def on_event(self, event: pygame.event.Event) -> bool:
        if event.type != JOINED or not getattr(event, "room_join", False) or self.joining is None \
                or not self.joining.done():
            return False
        future, self.joining = self.joining, None
        exc = future.exception()
        if exc is not None:
            self.error = join_error(exc, self.values["address"])
            self.app.sounds.play("error")
            self._relayout()
            return True
        session = future.result()
        JoinDetails(self.values["address"], self.values["code"], session.team_name).save()
        enter(self.app, session)
        return True

    def _back(self) -> None:
        from .title import Title

        if self.joining is not None:
            self.joining.add_done_callback(_abandon)
        self.app.replace_all(Title(self.app))

    def on_escape(self) -> None:
        self._back()

    def on_focus(self, control: Control) -> None:
        """Tab into a field: that field alone takes the typing."""
        if control.element is not None and control.key in self.entries:
            self.manager.set_focus_set(control.element)

    def _relayout(self) -> None:
        """Lay out again (the button's label, the message) keeping what was typed."""
        self._read()
        self.rebuild()
        self.app.request_redraw()

    # ---------------------------------------------------------------- painting

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        x, y, width = paint_card(self, surface, self.card)
        y = draw.text(surface, t.font("h1", "bold"), "Join a room", p.ink, (x, y)).bottom
        draw.paragraph(surface, t.font("body"), "Play as a team in a facilitated session: the facilitator's screen "
                       "shows the address and the join code.", p.muted,
                       pygame.Rect(x, y + t.px(4), width, 2 * t.font("body").get_linesize()), max_lines=2, spacing=1)
        small = t.font("small", "semibold")
        for label, pos in self.labels:
            draw.text(surface, small, label.upper(), p.muted, pos)
        mx, my = self.message_at
        if self.joining is not None:
            draw.text(surface, t.font("body", "semibold"), f"Joining the room at {self.values['address']}…", p.accent,
                      (mx, my), max_width=width)
        elif self.error:
            draw.paragraph(surface, t.font("body", "semibold"), self.error, p.bad,
                           pygame.Rect(mx, my, width, t.font("body").get_linesize() * 3), max_lines=2)
        else:
            draw.paragraph(surface, t.font("small"), "This laptop remembers these, and your team's token: if it "
                           "restarts, open Join a room and press Join to carry on where the room is.", p.muted,
                           pygame.Rect(mx, my, width, t.font("small").get_linesize() * 3), max_lines=2)


def _announce(_future: Future[RoomSession]) -> None:
    """Wake the window: the join attempt is over (called on the room thread; posting is thread-safe)."""
    try:
        pygame.event.post(pygame.event.Event(JOINED, room_join=True))
    except pygame.error:
        pass  # the window has closed meanwhile


def _abandon(future: Future[RoomSession]) -> None:
    """A join the team walked away from: close the connection if it was made."""
    if not future.cancelled() and future.exception() is None:
        background().spawn(future.result().client.close())


def enter(app, session: RoomSession) -> None:  # noqa: ANN001
    """Into the room: the lobby until the facilitator starts, else straight to the council."""
    app.session = session
    if session.phase == "lobby":
        app.replace_all(TeamLobby(app))
        return
    app.start(session)
    if session.token:
        app.toast(f"Joined as {session.team_name}. Your rejoin token is {session.token}: write it down.", "good")
