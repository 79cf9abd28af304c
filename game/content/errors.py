"""What is wrong with a pack: one `PackProblem` per mistake, all of them in one `PackError`.

A problem names the file, line and column to open in an editor, the field
path in the same spelling the docs use (`problem[2].stakeholders[1]`), and a
message that says what was expected and what was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack, pointing at where it is; `str()` is `file:line:column: path: message`."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class PackError(Exception):
    """Everything wrong with a pack, found in one pass; `problems` is a list, `str()` one per line.

    `complete` is False when the file-by-file problems kept some of the pack from the checks that
    need all of it (ids between files, conditions): more may be reported once these are fixed, and
    the author should be told so rather than be surprised by a second list."""

    def __init__(self, problems: list[PackProblem], complete: bool = True) -> None:
        self.problems = problems
        self.complete = complete
        super().__init__("\n".join(str(p) for p in problems))


def dotted(loc: Iterable[str | int]) -> str:
    """`("problem", 2, "stakeholders", 1)` → `problem[2].stakeholders[1]`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
