"""Where each key of a TOML file is: key path → (line, column), both 1-based.

`tomllib` keeps no positions, so validation messages could not point at a
line. This scanner reads the file as lines and tracks table headers, arrays of
tables (with their running index), dotted keys and multi-line values; it
records the start of every key it meets. Positions inside inline tables and
arrays resolve to the key that holds them (`longest_prefix`), which is where
an author would look.
"""

from __future__ import annotations

import re
from typing import Sequence

Path = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf'(?:{_BARE}|"[^"]*"|\'[^\']*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
ASSIGN = re.compile(rf"^(\s*)({_DOTTED})\s*=")


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(rf"{_KEY}", dotted)]


def _balance(text: str) -> int:
    """Bracket depth change of a line, ignoring brackets inside strings and comments."""
    depth = 0
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        i += 1
    return depth


class Positions:
    def __init__(self, text: str) -> None:
        self.where: dict[Path, tuple[int, int]] = {}
        counters: dict[Path, int] = {}
        table: Path = ()
        depth = 0
        in_string = ""
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if in_string in line:
                    in_string = ""
                continue
            if depth > 0:
                depth += _balance(line)
                continue
            header = HEADER.match(line)
            if header:
                is_array = header.group(1) == "[["
                table = self._resolve(_parts(header.group(2)), counters, is_array)
                self.where.setdefault(table, (number, header.start(2) + 1))
                if is_array:
                    self.where.setdefault(table[:-1], (number, header.start(2) + 1))
                continue
            assign = ASSIGN.match(line)
            if not assign:
                continue
            path = table + tuple(_parts(assign.group(2)))
            self.where[path] = (number, len(assign.group(1)) + 1)
            rest = line[assign.end():]
            for triple in ('"""', "'''"):
                if rest.count(triple) == 1:
                    in_string = triple
            if not in_string:
                depth = max(0, _balance(rest))

    def _resolve(self, parts: list[str], counters: dict[Path, int], is_array: bool) -> Path:
        """Turn header parts into a path, stepping into the current element of enclosing arrays."""
        path: Path = ()
        for i, part in enumerate(parts):
            path = path + (part,)
            last = i == len(parts) - 1
            if last and is_array:
                counters[path] = counters.get(path, -1) + 1
                return path + (counters[path],)
            if path in counters:
                path = path + (counters[path],)
        return path

    def longest_prefix(self, loc: Sequence[str | int]) -> tuple[int, int]:
        path = tuple(loc)
        while path:
            if path in self.where:
                return self.where[path]
            path = path[:-1]
        return (1, 1)
