"""The Cynefin map: the four domains and disorder, with every problem as a token to drag and classify.

The picture is the well-known one: complex top left, complicated top right,
chaotic bottom left, clear bottom right, disorder in the middle, and the
cliff between clear and chaos. A token's colour shows the problem's outcome;
its chips show the evidence that making sense has found. Dropping a token on
a domain submits `Classify`; the keyboard does the same with 0–4 on the
selected token, or by picking it up with Enter and carrying it with the arrows.
"""

from __future__ import annotations

import math

import pygame

from ...content.wording import domain_label
from ...engine import Classify, MakeSense
from .. import draw
from ..icons import icon
from ..scene import Scene
from .common import paint_status, status_strip

DOMAINS = ("disorder", "clear", "complicated", "complex", "chaotic")
"""in shortcut order: 0 disorder, 1 clear, 2 complicated, 3 complex, 4 chaotic"""
PRACTICE = {
    "complex": "Probe · sense · respond",
    "complicated": "Sense · analyse · respond",
    "chaotic": "Act · sense · respond",
    "clear": "Sense · categorise · respond",
    "disorder": "Not yet understood",
}
TITLE_WIDTH = 360
"""design pixels for the screen's title and subtitle, left of the status strip"""
SUBTITLE = "Where you judge each problem sits"
"""short enough to fit under the title at any size (the footer says how to drag)"""
QUADRANT = {"complex": (0, 0), "complicated": (1, 0), "chaotic": (0, 1), "clear": (1, 1)}
NEIGHBOUR = {  # carrying a token with the arrow keys: (dx, dy) from a domain
    ("disorder", (-1, 0)): "complex", ("disorder", (1, 0)): "complicated",
    ("disorder", (0, -1)): "complex", ("disorder", (0, 1)): "clear",
}


def evidence_chips(evidence: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    """(label, domain, ruled out?) for each piece of evidence, newest last."""
    out = []
    for item in evidence:
        verdict, _, domain = item.partition(":")
        out.append((domain_label(domain).split(" (")[0].lower(), domain, verdict == "not"))
    return out


class CynefinMap(Scene):
    name = "cynefin"

    def __init__(self, app, selected: str | None = None) -> None:  # noqa: ANN001
        self.selected = selected
        self.carrying: str | None = None
        """problem picked up with the keyboard, and the domain it hovers over"""
        self.carry_domain = "disorder"
        self.drag_pid: str | None = None
        self.drag_pos = (0, 0)
        super().__init__(app)

    # ---------------------------------------------------------------- geometry

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        m = t.px(24)
        self.header = pygame.Rect(0, 0, w, t.px(104))
        body = pygame.Rect(m, self.header.bottom + m, w - 2 * m, h - self.header.bottom - 2 * m - t.px(30))
        self.map_rect, self.side = draw.split_cols(body, [0.68, None], gap=m)
        if self.selected is None and self.state.problems:
            self.selected = next(iter(self.state.problems))
        self._regions()
        self._tokens()
        self._header()
        self._side()
        for i, domain in enumerate(DOMAINS):
            self.bind(str(i), lambda d=domain: self._classify(self.selected, d))
        self.bind("s", self._make_sense)
        self.bind("d", self._detail)

    def _regions(self) -> None:
        t = self.theme
        r = self.map_rect
        gap = t.px(8)
        half_w, half_h = (r.width - gap) // 2, (r.height - gap) // 2
        self.quads = {d: pygame.Rect(r.left + qx * (half_w + gap), r.top + qy * (half_h + gap), half_w, half_h)
                      for d, (qx, qy) in QUADRANT.items()}
        n_disorder = sum(1 for p in self.state.problems.values() if p.perceived == "disorder")
        tw, th = self._token_size()
        cols = 2 if n_disorder > 2 else 1
        rows = max(1, math.ceil(n_disorder / cols))
        bw = min(r.width - t.px(200), cols * tw + (cols - 1) * t.px(10) + t.px(80))
        bh = min(r.height - t.px(160), rows * (th + t.px(8)) + t.px(84))
        self.blob = pygame.Rect(0, 0, max(bw, t.px(300)), max(bh, t.px(150)))
        self.blob.center = r.center

    def _token_size(self) -> tuple[int, int]:
        return self.theme.px(236), self.theme.px(60)

    def _tokens(self) -> None:
        t = self.theme
        tw, th = self._token_size()
        gap = t.px(10)
        head = t.px(74)
        self.token_rects: dict[str, pygame.Rect] = {}
        by_domain: dict[str, list[str]] = {d: [] for d in DOMAINS}
        for pid, p in self.state.problems.items():
            by_domain[p.perceived].append(pid)
        for domain, pids in by_domain.items():
            if domain == "disorder":
                area = pygame.Rect(self.blob.left + t.px(40), self.blob.top + t.px(64), self.blob.width - t.px(80),
                                   self.blob.height - t.px(70))
                keep_out = None
            else:
                q = self.quads[domain]
                area = pygame.Rect(q.left + t.px(16), q.top + head, q.width - t.px(32), q.height - head - t.px(12))
                keep_out = self.blob.inflate(gap * 2, gap * 2)
            slots = self._slots(area, tw, th, gap, keep_out, domain)
            if len(slots) < len(pids):  # crowded: smaller tokens
                slots = self._slots(area, round(tw * 0.8), round(th * 0.8), gap // 2, keep_out, domain)
            for pid, slot in zip(pids, slots):
                self.token_rects[pid] = slot
        for pid, rect in self.token_rects.items():
            name = self.state.game.problem[pid].name
            self.hotspot(f"token:{pid}", rect, lambda pid=pid: self._select(pid),
                         tooltip=f"{name}: drag it to the domain you judge it to be in, or select it and press 0–4. "
                                 "Enter picks it up to carry with the arrow keys.",
                         on_key=lambda e, pid=pid: self._token_key(pid, e),
                         drag=lambda phase, pos, pid=pid: self._drag(pid, phase, pos))

    def _slots(self, area: pygame.Rect, tw: int, th: int, gap: int, keep_out: pygame.Rect | None,
               domain: str) -> list[pygame.Rect]:
        cols = max(1, (area.width + gap) // (tw + gap))
        rows = max(1, (area.height + gap) // (th + gap))
        out = []
        for row in range(rows):
            for col in range(cols):
                x = area.left + col * (tw + gap)
                y = area.top + row * (th + gap)
                if domain in ("complicated", "clear"):  # fill from the outer edge, away from the centre
                    x = area.right - tw - col * (tw + gap)
                if domain in ("chaotic", "clear"):
                    y = area.bottom - th - row * (th + gap)
                rect = pygame.Rect(x, y, tw, th)
                if keep_out is None or not rect.colliderect(keep_out):
                    out.append(rect)
        return out

    def _header(self) -> None:
        t = self.theme
        w = self.app.size[0]
        m = t.px(24)
        bh = t.px(52)
        y = (self.header.height - bh) // 2
        self.button("back", pygame.Rect(w - m - t.px(200), y, t.px(200), bh), "Back to council",
                    lambda: self.app.pop(self), tooltip="Return to the dashboard.", shortcut="escape")
        self.strip = pygame.Rect(m + t.px(TITLE_WIDTH), t.px(20), w - 2 * m - t.px(TITLE_WIDTH) - t.px(230), t.px(70))
        status_strip(self, self.strip)

    def _side(self) -> None:
        t = self.theme
        s = self.side
        pid = self.selected
        if pid is None:
            return
        p = self.state.problems[pid]
        pad = t.px(20)
        bh = t.px(48)
        y = s.bottom - pad - bh
        self.button("detail", pygame.Rect(s.left + pad, y, s.width - 2 * pad, bh), "Open problem detail",
                    self._detail, tooltip="History chart, contracts and the approaches open to you.", shortcut="d")
        y -= bh + t.px(10)
        cost = self.state.game.cfg.r.make_sense_cost
        can_sense = len(p.candidates) > 1
        why = "" if can_sense else "The evidence is already conclusive."
        self.button("make_sense", pygame.Rect(s.left + pad, y, s.width - 2 * pad, bh),
                    f"Make sense  ({cost:g} capacity)", self._make_sense, style="primary", enabled=can_sense,
                    tooltip=why or "Analysis and listening to residents and front-line staff: rules out one domain "
                                   f"this problem is not in. Costs {cost:g} capacity point; staff and residents "
                                   "notice that you listened.", shortcut="s")
        row = t.px(46)
        y -= t.px(16) + 3 * (row + t.px(8))
        width = (s.width - 2 * pad - t.px(10)) // 2
        for i, domain in enumerate(DOMAINS):
            col, line = (i + 1) % 2, (i + 1) // 2
            rect = pygame.Rect(s.left + pad + col * (width + t.px(10)), y + line * (row + t.px(8)), width, row)
            if i == 0:
                rect = pygame.Rect(s.left + pad, y, s.width - 2 * pad, row)
            label = domain_label(domain).split(" (")[0]
            self.button(f"classify:{domain}", rect, f"{i}  {label}", lambda d=domain: self._classify(pid, d),
                        style="chosen" if domain == p.perceived else "option",
                        tooltip=f"Place {self.state.game.problem[pid].name} in {label.lower()}. Classifying is free.",
                        shortcut=str(i))
        self.classify_top = y

    # ---------------------------------------------------------------- behaviour

    def domain_at(self, pos: tuple[int, int]) -> str | None:
        if self._in_blob(pos):
            return "disorder"
        for domain, rect in self.quads.items():
            if rect.inflate(self.theme.px(8), self.theme.px(8)).collidepoint(pos):
                return domain
        return None

    def _in_blob(self, pos: tuple[int, int]) -> bool:
        b = self.blob
        dx = (pos[0] - b.centerx) / (b.width / 2)
        dy = (pos[1] - b.centery) / (b.height / 2)
        return dx * dx + dy * dy <= 1.0 or b.inflate(-b.width // 5, -b.height // 5).collidepoint(pos)

    def _select(self, pid: str) -> None:
        if pid != self.selected:
            self.selected = pid
            self.rebuild()
            self.ring.focus(f"token:{pid}", show=self.ring.visible)

    def _classify(self, pid: str | None, domain: str) -> None:
        if pid is None:
            return
        if self.state.problems[pid].perceived == domain:
            self.app.toast(f"{self.state.game.problem[pid].name} is already placed there.", "info")
            return
        self.selected = pid
        self.app.act(Classify(pid, domain))  # type: ignore[arg-type]
        self.ring.focus(f"token:{pid}", show=self.ring.visible)

    def _make_sense(self) -> None:
        if self.selected is not None:
            self.app.act(MakeSense(self.selected))

    def _detail(self) -> None:
        from .problem import ProblemDetail

        if self.selected is not None:
            self.app.push(ProblemDetail(self.app, self.selected))

    def _drag(self, pid: str, phase: str, pos: tuple[int, int]) -> None:
        if phase == "start":
            self.drag_pid = pid
            self.selected = pid
            self.invalidate()
        self.drag_pos = pos
        if phase == "drop":
            self.drag_pid = None
            domain = self.domain_at(pos)
            if domain is not None and domain != self.state.problems[pid].perceived:
                self._classify(pid, domain)
            else:
                self._select(pid)
                self.invalidate()

    def _token_key(self, pid: str, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if self.carrying == pid:
            direction = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1),
                         pygame.K_DOWN: (0, 1)}.get(event.key)
            if direction is not None:
                self.carry_domain = self._neighbour(self.carry_domain, direction)
                self.app.request_redraw()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.carrying = None
                self._classify(pid, self.carry_domain)
                self.app.request_redraw()
                return True
            if event.key == pygame.K_ESCAPE:
                self.carrying = None
                self.app.request_redraw()
                return True
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self._select(pid)
            self.carrying = pid
            self.carry_domain = self.state.problems[pid].perceived
            self.app.request_redraw()
            return True
        return False

    @staticmethod
    def _neighbour(domain: str, direction: tuple[int, int]) -> str:
        if domain == "disorder":
            return NEIGHBOUR.get((domain, direction), domain)
        qx, qy = QUADRANT[domain]
        nx, ny = qx + direction[0], qy + direction[1]
        if not (0 <= nx <= 1 and 0 <= ny <= 1):
            return domain
        return next(d for d, q in QUADRANT.items() if q == (nx, ny))

    def on_escape(self) -> None:
        if self.carrying is not None:
            self.carrying = None
            self.app.request_redraw()
            return
        self.app.pop(self)

    # ---------------------------------------------------------------- painting

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        pygame.draw.rect(surface, p.surface, self.header)
        pygame.draw.line(surface, p.line, self.header.bottomleft, self.header.bottomright, max(1, t.px(1.5)))
        draw.text(surface, t.font("h2", "bold"), "Cynefin map", p.ink, (t.px(24), t.px(22)))
        draw.text(surface, t.font("small"), SUBTITLE, p.muted, (t.px(24), t.px(22) + t.font("h2").get_linesize()),
                  max_width=t.px(TITLE_WIDTH))
        paint_status(self, surface, self.strip)
        self._paint_map(surface)
        for pid, rect in self.token_rects.items():
            if pid != self.drag_pid:
                self._paint_token(surface, pid, rect)
        self._paint_side(surface)
        draw.text(surface, t.font("tiny"), "Drag a token, or select it and press 0 disorder · 1 clear · 2 complicated · "
                  "3 complex · 4 chaotic.  Enter picks a token up; arrows carry it; Enter drops it.  S: make sense.",
                  p.muted, (t.px(24), self.app.size[1] - t.px(34)), max_width=self.app.size[0] - t.px(48))

    def _paint_map(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        for domain, rect in self.quads.items():
            pygame.draw.rect(surface, p.domain_fill[domain], rect, border_radius=t.px(22))
            ink = p.domain_ink[domain]
            qx, qy = QUADRANT[domain]
            size = t.px(34)
            ic = icon(f"domain:{domain}", size, ink)
            x = rect.left + t.px(18) if qx == 0 else rect.right - t.px(18) - size
            y = rect.top + t.px(16)
            surface.blit(ic, (x, y))
            title = domain_label(domain)
            font = t.font("h2", "bold")
            if qx == 0:
                draw.text(surface, font, title, ink, (x + size + t.px(10), y - t.px(2)))
                draw.text(surface, t.font("small"), PRACTICE[domain], ink, (x + size + t.px(10), y + font.get_linesize() - t.px(4)))
            else:
                draw.text(surface, font, title, ink, (x - t.px(10), y - t.px(2)), align="right")
                draw.text(surface, t.font("small"), PRACTICE[domain], ink,
                          (x - t.px(10), y + font.get_linesize() - t.px(4)), align="right")
        # the cliff between clear and chaos
        left, right = self.quads["chaotic"], self.quads["clear"]
        x = (left.right + right.left) // 2
        pts = [(x + round(t.px(10) * math.sin(i / 3)), y) for i, y in
               enumerate(range(left.bottom - t.px(140), left.bottom, t.px(10)))]
        if len(pts) > 1:
            pygame.draw.lines(surface, p.domain_ink["chaotic"], False, pts, t.px(4))
        # disorder
        b = self.blob
        pygame.draw.ellipse(surface, p.bg, b.inflate(t.px(16), t.px(16)))
        pygame.draw.ellipse(surface, p.domain_fill["disorder"], b)
        pygame.draw.rect(surface, p.domain_fill["disorder"], b.inflate(-b.width // 5, -b.height // 5),
                         border_radius=t.px(30))
        ink = p.domain_ink["disorder"]
        ic = icon("domain:disorder", t.px(28), ink)
        label = "Disorder"
        font = t.font("large", "bold")
        total = ic.get_width() + t.px(8) + font.size(label)[0]
        x0 = b.centerx - total // 2
        surface.blit(ic, (x0, b.top + t.px(22)))
        draw.text(surface, font, label, ink, (x0 + ic.get_width() + t.px(8), b.top + t.px(22)))

    def _paint_token(self, surface: pygame.Surface, pid: str, rect: pygame.Rect, ghost: bool = False) -> None:
        t = self.theme
        p = t.palette
        ps = self.state.problems[pid]
        colour = t.outcome_colour(ps.outcome)
        selected = pid == self.selected
        radius = t.px(10)
        if ghost:
            shadow = rect.move(t.px(4), t.px(6))
            pygame.draw.rect(surface, t.tint(p.shade, 0.7), shadow, border_radius=radius)
        pygame.draw.rect(surface, t.tint(colour, 0.78), rect, border_radius=radius)
        stripe = pygame.Rect(rect.left, rect.top, t.px(10), rect.height)
        pygame.draw.rect(surface, colour, stripe, border_top_left_radius=radius, border_bottom_left_radius=radius)
        pygame.draw.rect(surface, p.ink if selected else t.tint(colour, 0.3), rect, t.px(3) if selected else 1,
                         border_radius=radius)
        name_font = t.font("small", "bold") if rect.height >= t.px(56) else t.font("tiny", "bold")
        number = f"{ps.outcome:.0f}"
        num_w = t.font("small", "bold").size(number)[0]
        draw.text(surface, name_font, self.state.game.problem[pid].name, p.ink, (rect.left + t.px(18), rect.top + t.px(6)),
                  max_width=rect.width - t.px(30) - num_w)
        draw.text(surface, t.font("small", "bold"), number, p.ink, (rect.right - t.px(10), rect.top + t.px(6)),
                  align="right")
        x = rect.left + t.px(18)
        y = rect.bottom - t.px(24) if rect.height >= t.px(56) else rect.bottom - t.px(21)
        chips = evidence_chips(ps.evidence)
        if not chips:
            draw.text(surface, t.font("tiny"), "no evidence yet", p.muted, (x, y + t.px(2)))
        for label, domain, ruled_out in chips:
            text = f"✗ {label}" if ruled_out else f"is {label} ✓"
            width = t.font("tiny", "semibold").size(text)[0] + t.px(14)
            if x + width > rect.right - t.px(6):
                break
            fill = p.surface if ruled_out else p.domain_ink[domain]
            ink = p.muted if ruled_out else p.surface
            x = draw.chip(surface, t, (x, y), text, fill, ink).right + t.px(4)

    def _paint_side(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        s = self.side
        draw.card(surface, t, s)
        pid = self.selected
        if pid is None:
            return
        ps = self.state.problems[pid]
        spec = self.state.game.problem[pid]
        pad = t.px(20)
        x, y = s.left + pad, s.top + pad
        width = s.width - 2 * pad
        draw.text(surface, t.font("h2", "bold"), spec.name, p.ink, (x, y), max_width=width)
        y += t.font("h2").get_linesize() + t.px(4)
        ic = icon(f"domain:{ps.perceived}", t.px(22), p.domain_ink[ps.perceived])
        surface.blit(ic, (x, y + t.px(2)))
        draw.text(surface, t.font("body", "semibold"), f"You see it as: {domain_label(ps.perceived)}",
                  p.domain_ink[ps.perceived], (x + t.px(30), y), max_width=width - t.px(30))
        y += t.font("body").get_linesize() + t.px(6)
        draw.text(surface, t.font("small"), f"Outcome {ps.outcome:.0f} · demand {ps.demand:,.0f} {spec.demand_unit}",
                  p.muted, (x, y), max_width=width)
        y += t.font("small").get_linesize() + t.px(10)
        if spec.description:
            y = draw.paragraph(surface, t.font("small"), spec.description, p.ink, pygame.Rect(x, y, width, t.px(120)),
                               max_lines=5) + t.px(8)
        draw.text(surface, t.font("large", "bold"), "Evidence", p.ink, (x, y))
        y += t.font("large").get_linesize() + t.px(4)
        limit = self.classify_top - t.px(60)
        if not ps.evidence:
            y = draw.paragraph(surface, t.font("small"), "None yet. Each time you make sense of it, one domain it is "
                               "not in is ruled out.", p.muted, pygame.Rect(x, y, width, t.px(80)), max_lines=3)
        for item in ps.evidence:
            verdict, _, domain = item.partition(":")
            name = domain_label(domain).split(" (")[0].lower()
            line = f"✗ Not {name}" if verdict == "not" else f"✓ It is {name}"
            colour = p.muted if verdict == "not" else p.domain_ink[domain]
            if y > limit:
                break
            draw.text(surface, t.font("body", "bold"), line, colour, (x, y))
            y += t.font("body").get_linesize()
            text = spec.evidence.get(domain)  # type: ignore[call-overload]
            if text and y < limit:
                y = draw.paragraph(surface, t.font("small"), text, p.ink, pygame.Rect(x + t.px(22), y, width - t.px(22),
                                   limit - y), max_lines=3) + t.px(4)
        open_ = [domain_label(d).split(" (")[0].lower() for d in ps.candidates]
        if y < limit:
            draw.paragraph(surface, t.font("small"), "Still possible: " + ", ".join(open_) + ".", p.muted,
                           pygame.Rect(x, y + t.px(6), width, t.px(50)), max_lines=2)
        draw.text(surface, t.font("small", "semibold"), "Place it in:", p.muted, (x, self.classify_top - t.px(28)))

    def draw_overlay(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        b = self.blob
        # where a dragged or carried token would land
        target = None
        if self.drag_pid is not None:
            target = self.domain_at(self.drag_pos)
        elif self.carrying is not None:
            target = self.carry_domain
        if target is not None:
            outline = b if target == "disorder" else self.quads[target]
            if target == "disorder":
                pygame.draw.ellipse(surface, p.focus, outline, t.px(4))
            else:
                pygame.draw.rect(surface, p.focus, outline, t.px(4), border_radius=t.px(22))
        if self.drag_pid is not None:
            rect = self.token_rects[self.drag_pid].copy()
            rect.center = self.drag_pos
            self._paint_token(surface, self.drag_pid, rect, ghost=True)
        elif self.carrying is not None:
            target = self.blob if self.carry_domain == "disorder" else self.quads[self.carry_domain]
            rect = self.token_rects[self.carrying].copy()
            rect.center = target.center
            self._paint_token(surface, self.carrying, rect, ghost=True)
