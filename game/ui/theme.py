"""The game's look in one place: the palette, the type scale, spacing, and the pygame_gui theme.

Everything on screen takes its colours and sizes from a `Theme`, which is
rebuilt when the window size or the player's settings change; nothing else
holds a colour literal. Sizes are designed at 1920×1080 and scale with the
window (and the player's UI-scale and text-size settings), so the same layout
reads from 1280×720 to 3840×2160.

Two palettes share every role: `standard`, and `colour_blind`, built on the
Okabe–Ito colours so that good/bad and the Cynefin domains stay apart under
the common colour-vision deficiencies. Colour is never the only cue: numbers,
labels and icons travel with it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pygame

from .settings import Settings

Colour = tuple[int, int, int]
ASSETS = Path(__file__).resolve().parents[2] / "assets"
FONT_DIR = ASSETS / "fonts"
FONT_FILES = {
    "regular": "Inter-Regular.otf",
    "bold": "Inter-Bold.otf",
    "italic": "Inter-Italic.otf",
    "bold_italic": "Inter-BoldItalic.otf",
    "semibold": "Inter-SemiBold.otf",
}
DESIGN_SIZE = (1920, 1080)


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@dataclass(frozen=True)
class Palette:
    bg: Colour
    surface: Colour
    surface_alt: Colour
    ink: Colour
    muted: Colour
    line: Colour
    accent: Colour
    accent_hover: Colour
    accent_ink: Colour
    focus: Colour
    good: Colour
    warn: Colour
    bad: Colour
    shade: Colour
    domain_fill: dict[str, Colour]
    domain_ink: dict[str, Colour]


def _domains(**colours: str) -> dict[str, Colour]:
    return {k: hex_colour(v) for k, v in colours.items()}


PALETTES: dict[str, Palette] = {
    "standard": Palette(
        bg=hex_colour("F2EFE8"), surface=hex_colour("FFFFFF"), surface_alt=hex_colour("F8F6F1"),
        ink=hex_colour("1C2430"), muted=hex_colour("58606B"), line=hex_colour("D6D0C4"),
        accent=hex_colour("1F5F8B"), accent_hover=hex_colour("2A74A8"), accent_ink=hex_colour("FFFFFF"),
        focus=hex_colour("E8A200"), good=hex_colour("2E7D4F"), warn=hex_colour("C98A00"), bad=hex_colour("B83227"),
        shade=hex_colour("1C2430"),
        domain_fill=_domains(clear="DDEFDC", complicated="D9E8F6", complex="E7DFF3", chaotic="F7DDD8",
                             disorder="E6E2DA"),
        domain_ink=_domains(clear="2E7D4F", complicated="245F9E", complex="6A4C9C", chaotic="B83227",
                            disorder="5E5A52"),
    ),
    "colour_blind": Palette(
        bg=hex_colour("F2F1EE"), surface=hex_colour("FFFFFF"), surface_alt=hex_colour("F7F7F5"),
        ink=hex_colour("111111"), muted=hex_colour("555555"), line=hex_colour("CFCFCF"),
        accent=hex_colour("0059A0"), accent_hover=hex_colour("0072B2"), accent_ink=hex_colour("FFFFFF"),
        focus=hex_colour("111111"), good=hex_colour("0072B2"), warn=hex_colour("B07400"), bad=hex_colour("C04800"),
        shade=hex_colour("111111"),
        domain_fill=_domains(clear="FFF2BF", complicated="D3E7F7", complex="EBDDF0", chaotic="F9D9C4",
                             disorder="E4E4E4"),
        domain_ink=_domains(clear="7A5C00", complicated="005A8E", complex="7A3F85", chaotic="B04400",
                            disorder="505050"),
    ),
}

# Type scale at 1920×1080 in pixels, before UI scale and text size.
TYPE_SCALE = {"tiny": 15, "small": 17, "body": 20, "large": 24, "h2": 29, "h1": 40, "display": 76}


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    t = max(0.0, min(1.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _hex(c: Colour, alpha: int | None = None) -> str:
    return "#%02X%02X%02X" % c + ("" if alpha is None else "%02X" % alpha)


class Theme:
    """Colours and sizes for one window size and one set of settings."""

    def __init__(self, settings: Settings, window: tuple[int, int]) -> None:
        self.settings = settings
        self.size = window
        self.palette = PALETTES[settings.palette]
        fit = min(window[0] / DESIGN_SIZE[0], window[1] / DESIGN_SIZE[1])
        self.unit = max(0.5, fit * settings.ui_scale)
        self.text_unit = self.unit * settings.text_size
        self.font_px = {role: max(11, round(px * self.text_unit)) for role, px in TYPE_SCALE.items()}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}

    # ---------------------------------------------------------------- sizes

    def px(self, design_px: float) -> int:
        """A length designed at 1920×1080, scaled for this window."""
        return max(1, round(design_px * self.unit))

    def line_height(self, role: str = "body") -> int:
        return self.font(role).get_linesize()

    # ---------------------------------------------------------------- fonts

    def font(self, role: str = "body", weight: str = "regular") -> pygame.font.Font:
        size = self.font_px[role]
        key = (weight, size)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(str(FONT_DIR / FONT_FILES[weight]), size)
            self._fonts[key] = font
        return font

    # ---------------------------------------------------------------- colours

    def outcome_colour(self, outcome: float) -> Colour:
        """Bad to good along the palette's own scale (0–100)."""
        p = self.palette
        if outcome < 50:
            return _mix(p.bad, p.warn, (outcome - 25) / 25)
        return _mix(p.warn, p.good, (outcome - 50) / 20)

    def trust_colour(self, trust: float) -> Colour:
        return self.outcome_colour(trust)

    def tint(self, colour: Colour, amount: float) -> Colour:
        """`colour` faded toward the surface colour (0 = unchanged, 1 = surface)."""
        return _mix(colour, self.palette.surface, amount)

    # ---------------------------------------------------------------- pygame_gui

    def gui_theme(self) -> dict[str, Any]:
        """The pygame_gui theme for these settings: one font family, the palette's colours."""
        p = self.palette
        fs = self.font_px
        font = lambda role, bold=False: {  # noqa: E731
            "name": "inter", "size": str(fs[role]), "bold": "1" if bold else "0",
            **{f"{k}_path": str(FONT_DIR / FONT_FILES[k]) for k in ("regular", "bold", "italic", "bold_italic")},
        }
        radius = str(self.px(8))
        shape = {"shape": "rounded_rectangle", "shape_corner_radius": radius, "border_width": str(max(1, self.px(1.5))),
                 "shadow_width": "0", "text_horiz_alignment_padding": str(self.px(14))}
        base_colours = {
            "normal_bg": _hex(p.surface), "hovered_bg": _hex(self.tint(p.accent, 0.85)),
            "disabled_bg": _hex(p.surface_alt), "selected_bg": _hex(self.tint(p.accent, 0.75)),
            "active_bg": _hex(self.tint(p.accent, 0.7)), "dark_bg": _hex(p.surface),
            "normal_text": _hex(p.ink), "hovered_text": _hex(p.ink), "disabled_text": _hex(_mix(p.muted, p.surface, 0.35)),
            "selected_text": _hex(p.ink), "active_text": _hex(p.ink),
            "normal_border": _hex(p.line), "hovered_border": _hex(p.accent), "disabled_border": _hex(p.line),
            "selected_border": _hex(p.accent), "active_border": _hex(p.accent),
            "link_text": _hex(p.accent), "link_hover": _hex(p.accent_hover), "link_selected": _hex(p.accent),
            "text_cursor": _hex(p.ink), "filled_bar": _hex(p.accent), "unfilled_bar": _hex(p.line),
            "normal_text_shadow": "#00000000",
        }
        primary = dict(base_colours, normal_bg=_hex(p.accent), hovered_bg=_hex(p.accent_hover),
                       active_bg=_hex(p.accent_hover), selected_bg=_hex(p.accent_hover), normal_text=_hex(p.accent_ink),
                       hovered_text=_hex(p.accent_ink), active_text=_hex(p.accent_ink), selected_text=_hex(p.accent_ink),
                       normal_border=_hex(p.accent), disabled_bg=_hex(p.line))
        danger = dict(base_colours, normal_text=_hex(p.bad), hovered_text=_hex(p.bad), normal_border=_hex(p.bad),
                      hovered_border=_hex(p.bad), hovered_bg=_hex(self.tint(p.bad, 0.88)))
        chosen = dict(base_colours, normal_bg=_hex(self.tint(p.accent, 0.8)), normal_border=_hex(p.accent),
                      selected_bg=_hex(self.tint(p.accent, 0.7)))
        return {
            "defaults": {"colours": base_colours, "font": font("body"), "misc": shape},
            "button": {"colours": base_colours, "font": font("body"), "misc": shape},
            "@primary": {"colours": primary, "font": font("body", bold=True), "misc": shape},
            "@danger": {"colours": danger, "font": font("body", bold=True), "misc": shape},
            "@chosen": {"colours": chosen, "font": font("body", bold=True), "misc": shape},
            "@small": {"font": font("small"), "misc": dict(shape, text_horiz_alignment_padding=str(self.px(8)))},
            "@option": {"colours": base_colours, "font": font("body"),
                        "misc": dict(shape, text_horiz_alignment="left")},
            "@option_chosen": {"colours": chosen, "font": font("body", bold=True),
                               "misc": dict(shape, text_horiz_alignment="left")},
            "label": {"colours": dict(base_colours, normal_bg="#00000000", dark_bg="#00000000"),
                      "font": font("body"), "misc": {"text_horiz_alignment": "left"}},
            "@muted": {"colours": {"normal_text": _hex(p.muted)}, "font": font("small")},
            "@heading": {"font": font("h2", bold=True)},
            "@title": {"font": font("display", bold=True)},
            "text_box": {
                "colours": dict(base_colours, dark_bg=_hex(p.surface), normal_border=_hex(p.line)),
                "font": font("body"),
                "misc": {"shape": "rounded_rectangle", "shape_corner_radius": radius, "border_width": "1",
                         "padding": f"{self.px(16)},{self.px(12)}", "line_spacing": "1.25"},
            },
            "@plain_text": {"colours": {"dark_bg": "#00000000", "normal_border": "#00000000"},
                            "misc": {"border_width": "0", "padding": "0,0"}},
            "text_entry_line": {"colours": dict(base_colours, dark_bg=_hex(p.surface), selected_bg=_hex(self.tint(p.accent, 0.6))),
                                "font": font("body"), "misc": shape},
            "panel": {"colours": {"dark_bg": "#00000000", "normal_border": "#00000000"},
                      "misc": {"border_width": "0", "shadow_width": "0"}},
            "vertical_scroll_bar": {"colours": dict(base_colours, dark_bg=_hex(p.surface_alt), normal_bg=_hex(p.line),
                                                    hovered_bg=_hex(p.muted)),
                                    "misc": {"border_width": "0", "shadow_width": "0"}},
            "tool_tip": {"colours": {"dark_bg": _hex(p.ink), "normal_text": _hex(p.surface)}, "font": font("small")},
        }

    def gui_fonts(self) -> list[dict[str, Any]]:
        """Every font the pygame_gui theme and text boxes use, for preloading."""
        out = []
        for role in ("small", "body", "large", "h2", "display"):
            for style in ("regular", "bold", "italic"):
                out.append({"name": "inter", "point_size": self.font_px[role], "style": style})
        return out


def colour_fields() -> list[str]:
    """The palette roles every palette must fill (a test keeps the palettes complete)."""
    return [f.name for f in fields(Palette)]
