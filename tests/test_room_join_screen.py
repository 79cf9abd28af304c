"""The game's join screen, opened and typed into as a person does (headless SDL)."""

from __future__ import annotations

import pygame

from tests.ui_driver import app, home, pump  # noqa: F401


def press(app, k: int, text: str = "") -> None:  # noqa: ANN001
    """A key as SDL reports it: the key press, then (for a character) the text it types."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=text, scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode=text, scancode=0))
    pump(app)


def test_the_j_that_opens_the_join_screen_is_not_typed_into_the_address(app):
    from game.ui.scenes.title import Title

    app.push(Title(app))
    pump(app)
    press(app, pygame.K_j, "j")
    assert app.top.name == "join"
    address = app.top.entries["address"]
    assert address.get_text() == "", "the address field used to start with the 'j' of the shortcut"
    for ch in "127.0.0.1:8765":
        press(app, ord(ch), ch)
    assert address.get_text() == "127.0.0.1:8765", "typing afterwards goes in as usual"
