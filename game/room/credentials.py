"""Join codes, team tokens and the facilitator secret.

Three separate keys, so that knowing one gives no more than it should: the
join code (read out to the room) lets a team take a free slot; a team's token
(shown once to that team, to write down) lets it rejoin as itself from any
laptop; the facilitator secret drives the room. Tokens and secrets are kept in
the journal only as hashes; codes and tokens use an alphabet without look-alike
characters so they survive being written on paper.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""no 0/O, 1/I/L: readable off a projector and off paper"""


def _draw(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_join_code() -> str:
    return _draw(6)


def new_token() -> str:
    """About 49 bits: enough against guessing over a LAN, short enough to copy by hand."""
    raw = _draw(10)
    return f"{raw[:5]}-{raw[5:]}"


def new_secret() -> str:
    """About 79 bits, for the facilitator alone."""
    raw = _draw(16)
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normalise(text: str) -> str:
    """What a person typed: case and separators do not matter."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hashed(text: str) -> str:
    return hashlib.sha256(("common-ground-room:" + normalise(text)).encode()).hexdigest()


def matches(text: str, digest: str | None) -> bool:
    return digest is not None and hmac.compare_digest(hashed(text), digest)


def same_code(given: str, code: str) -> bool:
    return hmac.compare_digest(normalise(given).encode(), normalise(code).encode())
