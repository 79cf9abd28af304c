"""A few quiet interface sounds, synthesised at start-up (no audio files to ship).

No audio device, a broken driver, or sound turned off in the settings all
mean the same thing: `play` does nothing. The game never fails for want of a
sound card.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22050
TONES = {
    # name: (frequencies in Hz played one after another, seconds each, volume)
    "click": ((880.0,), 0.035, 0.18),
    "turn": ((523.25, 659.25, 783.99), 0.09, 0.22),
    "alert": ((659.25, 523.25), 0.12, 0.25),
    "error": ((220.0,), 0.12, 0.2),
}


class Sounds:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.available = False
        self.reason = ""
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        if enabled:
            self._start()

    def _start(self) -> None:
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            channels = pygame.mixer.get_init()[2]
            for name, (freqs, seconds, volume) in TONES.items():
                self._sounds[name] = pygame.sndarray.make_sound(_tone(freqs, seconds, volume, channels))
            self.available = True
        except (pygame.error, ValueError, TypeError) as exc:  # no device, or a driver that will not open
            self.available = False
            self.reason = str(exc) or "no audio device"

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled and not self.available and not self.reason:
            self._start()

    def play(self, name: str) -> None:
        if self.enabled and self.available and name in self._sounds:
            try:
                self._sounds[name].play()
            except pygame.error:
                self.available = False


def _tone(freqs: tuple[float, ...], seconds: float, volume: float, channels: int) -> np.ndarray:
    n = int(RATE * seconds)
    t = np.arange(n) / RATE
    envelope = np.minimum(1.0, t / 0.005) * np.exp(-t / (seconds / 2.5))
    wave = np.concatenate([np.sin(2 * np.pi * f * t) * envelope for f in freqs])
    samples = (wave * volume * 32767).astype(np.int16)
    return np.repeat(samples[:, None], channels, axis=1) if channels > 1 else samples
