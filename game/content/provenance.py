"""Where a pack's numbers come from: every number in a built-in pack names its source.

The academy's trust in a scenario rests on its figures being either traceable
to a source document or openly marked as a game assumption. This reads a pack
file as text (comments are gone once TOML is parsed) and lists the lines whose
numbers have no such comment: on the line itself, on a comment line above it
in the same table, or just above that table's header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SOURCE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|\b[A-Z]{1,3}-(?:T)?\d+\b|assumption", re.IGNORECASE)
"""a seed file name, a FACTS.md fact id (W-03, C-01, W-T2) or the word 'assumption'"""
FILE_WIDE = re.compile(r"every number in this file is an? (?:game )?assumption", re.IGNORECASE)
"""said in a file's opening comments, it covers the whole file (a fictional pack such as the tutorial)"""
EXEMPT_KEYS = frozenset({"format", "version", "seed"})
"""numbers that are file bookkeeping, not claims about the world"""
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


@dataclass(frozen=True)
class Unsourced:
    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: a number with no source or 'assumption:' comment: {self.text.strip()}"


def _split(line: str) -> tuple[str, str]:
    """The code and the comment of one line (a `#` inside a string is not a comment)."""
    bare = _STRING.sub(lambda m: "_" * len(m.group()), line)
    cut = bare.find("#")
    return (line, "") if cut < 0 else (line[:cut], line[cut:])


def _numeric(code: str) -> bool:
    bare = _STRING.sub("", code)
    if "=" in bare and bare.split("=", 1)[0].strip().strip('"') in EXEMPT_KEYS:
        return False
    return bool(re.search(r"(?<![A-Za-z_])[-+]?\d", bare))


def unsourced_numbers(path: Path) -> list[Unsourced]:
    lines = path.read_text("utf-8").splitlines()
    opening = lines[:next((i for i, t in enumerate(lines) if not t.startswith("#")), len(lines))]
    if FILE_WIDE.search(" ".join(line.lstrip("# ") for line in opening)):
        return []
    code_of, comment_of, in_text = [], [], False
    for line in lines:
        if in_text:  # inside a multi-line string: prose, not numbers
            code_of.append("")
            comment_of.append("")
            in_text = line.count('"""') % 2 == 0
            continue
        code, comment = _split(line)
        if code.count('"""') % 2 == 1:
            in_text = True
        code_of.append(code)
        comment_of.append(comment)
    found = []
    for i, code in enumerate(code_of):
        if not code.strip() or not _numeric(code) or SOURCE.search(comment_of[i]):
            continue
        if not _sourced_above(i, code_of, comment_of):
            found.append(Unsourced(path.name, i + 1, lines[i]))
    return found


def _sourced_above(i: int, code_of: list[str], comment_of: list[str]) -> bool:
    """Walk up through the table (comments anywhere above the line in it count) and the comments above its header."""
    j = i - 1
    while j >= 0:
        code, comment = code_of[j].strip(), comment_of[j]
        if not code and SOURCE.search(comment):  # a comment line; another key's own comment is its own
            return True
        if code.startswith("[") and not code.startswith("[{"):
            k = j - 1
            while k >= 0 and not code_of[k].strip() and comment_of[k]:
                if SOURCE.search(comment_of[k]):
                    return True
                k -= 1
            return False
        j -= 1
    return False


def pack_unsourced(folder: Path) -> list[Unsourced]:
    """Every unsourced number in a pack's TOML files (history.toml carries a `source` per entry instead)."""
    return [u for path in sorted(folder.glob("*.toml")) if path.name != "history.toml"
            for u in unsourced_numbers(path)]
