"""Dialogs: a card over the dimmed screen below, with a title, a body and a row of buttons.

Each dialog lays out its body inside `self.body` and its buttons along the
bottom; Esc closes it unless it must be answered (an event's choices).
"""

from __future__ import annotations

import html
import re

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from .. import draw
from ..focus import Control
from ..scene import Scene


class Dialog(Scene):
    modal = True
    title = ""
    subtitle = ""
    design_size = (900, 600)
    """width and height at 1920×1080 (shrunk to fit small windows)"""

    def layout(self) -> None:
        self.describe()
        t = self.theme
        w, h = self.app.size
        width = min(t.px(self.design_size[0]), w - t.px(40))
        height = min(t.px(self.design_size[1]), h - t.px(40))
        self.card = pygame.Rect(0, 0, width, height)
        self.card.center = (w // 2, h // 2)
        self.area = self.card
        pad = t.px(28)
        head = t.font("h2").get_linesize() + (t.font("small").get_linesize() + t.px(4) if self.subtitle else 0)
        self.buttons_row = pygame.Rect(self.card.left + pad, self.card.bottom - pad - t.px(52),
                                       self.card.width - 2 * pad, t.px(52))
        self.body = pygame.Rect(self.card.left + pad, self.card.top + pad + head + t.px(16), self.card.width - 2 * pad,
                                self.buttons_row.top - t.px(16) - (self.card.top + pad + head + t.px(16)))
        self.build()

    def describe(self) -> None:
        """Set `title` and `subtitle` from the state (before the layout measures them)."""

    def build(self) -> None:
        """Subclasses place their widgets in `self.body` and call `actions`."""

    def actions(self, items: list[tuple[str, str, object, str, str | None, bool]]) -> list[Control]:
        """Buttons right-aligned on the bottom row: (key, label, action, tooltip, style, enabled)."""
        t = self.theme
        x = self.buttons_row.right
        out = []
        for key, label, action, tooltip, style, enabled in reversed(items):
            width = max(t.px(140), t.font("body", "bold").size(label)[0] + t.px(40))
            x -= width
            rect = pygame.Rect(x, self.buttons_row.top, width, self.buttons_row.height)
            out.append(self.button(key, rect, label, action, tooltip=tooltip, style=style, enabled=enabled))  # type: ignore[arg-type]
            x -= t.px(12)
        out.reverse()
        return out

    def close(self) -> None:
        self.app.pop(self)

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        shadow = self.card.move(0, t.px(6))
        pygame.draw.rect(surface, (*p.shade, 60), shadow, border_radius=t.px(16))
        pygame.draw.rect(surface, p.surface, self.card, border_radius=t.px(16))
        pygame.draw.rect(surface, p.line, self.card, 1, border_radius=t.px(16))
        pad = t.px(28)
        draw.text(surface, t.font("h2", "bold"), self.title, p.ink, (self.card.left + pad, self.card.top + pad),
                  max_width=self.card.width - 2 * pad)
        if self.subtitle:
            draw.text(surface, t.font("small"), self.subtitle, p.muted,
                      (self.card.left + pad, self.card.top + pad + t.font("h2").get_linesize() + t.px(4)),
                      max_width=self.card.width - 2 * pad)
        self.paint_body(surface)

    def paint_body(self, surface: pygame.Surface) -> None:
        """Subclasses draw their body here."""

    # ---------------------------------------------------------------- rich text

    def text_box(self, key: str, rect: pygame.Rect, html_text: str, tooltip: str = "",
                 plain: bool = False) -> pygame_gui.elements.UITextBox:
        """Scrolling rich text; focusable so the keyboard can scroll it (arrows, PgUp/PgDn)."""
        object_id = ObjectID(class_id="@plain_text") if plain else None
        box = pygame_gui.elements.UITextBox(html_text, rect, self.manager, object_id=object_id)
        control = Control(key, pygame.Rect(rect), None, tooltip or "Scroll with the arrow keys or Page Up / Page Down.",
                          element=box, on_key=lambda e: scroll_text(box, e))
        control.focusable = box.scroll_bar is not None
        self.ring.add(control)
        return box


def scroll_text(box: pygame_gui.elements.UITextBox, event: pygame.event.Event) -> bool:
    bar = box.scroll_bar
    if bar is None:
        return False
    step = {pygame.K_UP: -0.06, pygame.K_DOWN: 0.06, pygame.K_PAGEUP: -0.3, pygame.K_PAGEDOWN: 0.3}.get(event.key)
    if step is None:
        return False
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0, bar.start_percentage + step)))
    return True


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def markdown_html(markdown: str, theme) -> str:  # noqa: ANN001
    """A pack's Markdown briefing as pygame_gui's HTML subset: headings, paragraphs, lists, bold, italic."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = block.strip().splitlines()
        if not lines:
            continue
        if lines[0].startswith("#"):
            level = len(lines[0]) - len(lines[0].lstrip("#"))
            size = theme.font_px["h2" if level == 1 else "large"]
            out.append(f"<font pixel_size={size}><b>{_inline(lines[0].lstrip('#').strip())}</b></font>")
            rest = " ".join(lines[1:])
            if rest:
                out.append(_inline(rest))
        elif re.match(BULLET, lines[0]):
            out.append("<br>".join("  •  " + _inline(item) for item in _list_items(lines)))
        else:
            out.append(_inline(" ".join(line.strip() for line in lines)))
    return "<br><br>".join(out)


BULLET = r"\s*([-*]|\d+\.)\s+"
"""how a Markdown list item starts"""


def _list_items(lines: list[str]) -> list[str]:
    """A Markdown list's items, each one line: an item wrapped over several lines goes on in its indented lines."""
    items: list[str] = []
    for line in lines:
        if re.match(BULLET, line) or not items:
            items.append(re.sub("^" + BULLET, "", line).strip())
        else:
            items[-1] += " " + line.strip()
    return items


def _inline(text: str) -> str:
    text = esc(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"<i>\1</i>", text)
    text = re.sub(r"(?<![\w])_(?!\s)(.+?)(?<!\s)_(?![\w])", r"<i>\1</i>", text)
    text = re.sub(r"\[(.+?)\]\((.+?)\)", r"\1", text)
    return text
