"""Fingerprints of the source documents, so a test can tell whether pack text copies them.

The seeds are not part of the repository; their fingerprints are: one 32-bit
hash per run of ten consecutive words (tests/fixtures/seed_shingles.npy). A
sentence copied from a source shares at least one run with it, while the text
itself is not redistributed. Regenerate with
`python -m tests.originality ../shared/seeds` when the seeds change.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import numpy as np

WORDS = 10
FINGERPRINTS = Path(__file__).parent / "fixtures" / "seed_shingles.npy"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9£%]+", text.lower().replace("’", "'").replace("'", ""))


def shingles(text: str) -> dict[int, str]:
    """Hash of each run of WORDS words → the run, for messages."""
    w = words(text)
    out = {}
    for i in range(len(w) - WORDS + 1):
        run = " ".join(w[i:i + WORDS])
        out[int.from_bytes(hashlib.blake2b(run.encode(), digest_size=4).digest(), "little")] = run
    return out


def seed_fingerprints() -> np.ndarray:
    return np.load(FINGERPRINTS)


def copied_runs(text: str, fingerprints: np.ndarray) -> list[str]:
    found = shingles(text)
    keys = np.fromiter(found, dtype=np.uint32, count=len(found))
    hits = keys[np.isin(keys, fingerprints)]
    return [found[int(k)] for k in hits]


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    hashes = set()
    for path in sorted(folder.glob("*.txt")):
        hashes.update(shingles(path.read_text("utf-8", errors="replace")))
    np.save(FINGERPRINTS, np.array(sorted(hashes), dtype=np.uint32))
    print(f"{len(hashes)} fingerprints from {folder} → {FINGERPRINTS}")
