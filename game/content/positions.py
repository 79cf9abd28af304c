"""Where each key and value of a TOML file is: key path → (line, column), both 1-based.

`tomllib` keeps no positions, so a validation message could not point at a
line. This scanner walks a file that `tomllib` has already accepted and records
where every key, value and array element starts, under the same path pydantic
uses in its error locations: `("problem", 2, "stakeholders", 1)` is the second
id in the third `[[problem]]`'s `stakeholders` list, `("event", 0, "effects",
1, "delta")` a key inside an inline table. Arrays of tables are numbered per
parent element, so `[[event.choices]]` restarts at 0 under each `[[event]]`.

It is a small recursive-descent reader built from regular expressions, not a
second TOML parser: it assumes valid TOML (anything odd is skipped, never an
exception) and is only run when there is a problem to point at.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

Path = tuple[str | int, ...]
Where = tuple[int, int]

_SPACE = re.compile(r"[ \t]*")
_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")  # whitespace, newlines and comments
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"{1,2}(?!"))*"{3,5}', re.S)
_ML_LITERAL = re.compile(r"'''(?:[^']|'{1,2}(?!'))*'{3,5}", re.S)
_SCALAR = re.compile(r"[^,\]}#\r\n]*")
_REST_OF_LINE = re.compile(r"[^\n]*\n?")
MAX_DEPTH = 64


class Positions:
    """Key and value positions of one TOML text; `key(loc)` falls back to the longest known prefix."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keys: dict[Path, Where] = {}
        self.values: dict[Path, int] = {}
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        _Scanner(self).run()

    def at(self, offset: int) -> Where:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def key(self, loc: Sequence[str | int]) -> Where:
        """Where `loc` is written, or its nearest written parent (a missing field → its table header)."""
        path = tuple(loc)
        while path:
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return (1, 1)

    def value(self, loc: Sequence[str | int]) -> Where:
        """Where the value at `loc` starts, or where its key (or nearest parent) is."""
        offset = self.values.get(tuple(loc))
        return self.at(offset) if offset is not None else self.key(loc)

    def in_string(self, loc: Sequence[str | int], index: int) -> Where:
        """The position of character `index` of a one-line string value (an expression), else the value."""
        offset = self.values.get(tuple(loc))
        if offset is None:
            return self.key(loc)
        quote = self.text[offset:offset + 3]
        if quote[:1] in "\"'" and quote not in ('"""', "'''"):
            line_end = self.text.find("\n", offset)
            end = len(self.text) if line_end < 0 else line_end
            return self.at(min(offset + 1 + max(0, index), end))
        return self.at(offset)


class _Scanner:
    def __init__(self, out: Positions) -> None:
        self.out = out
        self.text = out.text
        self.counters: dict[Path, int] = {}

    def run(self) -> None:
        text, n = self.text, len(self.text)
        table: Path = ()
        i = 0
        try:
            while True:
                i = _GAP.match(text, i).end()  # type: ignore[union-attr]
                if i >= n:
                    return
                if text[i] == "[":
                    table, i = self.header(i)
                else:
                    start = i
                    i = self.keyval(i, table, 0)
                    if i == start:
                        i += 1
                i = _REST_OF_LINE.match(text, i).end()  # type: ignore[union-attr]
        except RecursionError:  # absurd nesting: keep what was found so far
            return

    # ------------------------------------------------------------------ pieces

    def key(self, i: int) -> tuple[list[tuple[str, int]], int]:
        """A dotted key at `i`: its parts with their offsets, and the offset after it."""
        text = self.text
        parts: list[tuple[str, int]] = []
        while True:
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
            m = _BARE_KEY.match(text, i) or _BASIC.match(text, i) or _LITERAL.match(text, i)
            if m is None:
                return parts, i
            parts.append((_unquote(m.group()), i))
            i = _SPACE.match(text, m.end()).end()  # type: ignore[union-attr]
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            return parts, i

    def header(self, i: int) -> tuple[Path, int]:
        text = self.text
        is_array = text.startswith("[[", i)
        parts, j = self.key(i + (2 if is_array else 1))
        if not parts:
            return (), i + 1
        path: Path = ()
        for k, (name, offset) in enumerate(parts):
            path = path + (name,)
            if k == len(parts) - 1 and is_array:
                self.counters[path] = self.counters.get(path, -1) + 1
                self._mark(path, offset)
                path = path + (self.counters[path],)
            elif path in self.counters:
                path = path + (self.counters[path],)
            self._mark(path, offset)
        self.out.keys[path] = self.out.at(parts[0][1])
        return path, j

    def keyval(self, i: int, table: Path, depth: int) -> int:
        parts, j = self.key(i)
        if not parts:
            return i
        path = table
        for name, offset in parts:
            path = path + (name,)
            self._mark(path, offset)
        self.out.keys[path] = self.out.at(parts[0][1])
        j = _SPACE.match(self.text, j).end()  # type: ignore[union-attr]
        if j >= len(self.text) or self.text[j] != "=":
            return j
        j = _SPACE.match(self.text, j + 1).end()  # type: ignore[union-attr]
        return self.value(j, path, depth)

    def value(self, i: int, path: Path, depth: int) -> int:
        text = self.text
        if i >= len(text):
            return i
        self.out.values[path] = i
        ch = text[i]
        if ch == "[":
            return self.array(i, path, depth + 1)
        if ch == "{":
            return self.inline_table(i, path, depth + 1)
        for pattern in (_ML_BASIC, _BASIC, _ML_LITERAL, _LITERAL, _SCALAR):
            m = pattern.match(text, i)
            if m is not None and m.end() > i:
                return m.end()
        return i + 1

    def array(self, i: int, path: Path, depth: int) -> int:
        text, n = self.text, len(self.text)
        i += 1
        index = 0
        while True:
            i = _GAP.match(text, i).end()  # type: ignore[union-attr]
            if i >= n or text[i] == "]":
                return i + 1
            if depth <= MAX_DEPTH:
                self.out.keys.setdefault(path + (index,), self.out.at(i))
            start = i
            i = self.value(i, path + (index,), depth)
            i = _GAP.match(text, i).end()  # type: ignore[union-attr]
            if i < n and text[i] == ",":
                i += 1
                index += 1
            elif i >= n or text[i] == "]" or i == start:
                return i + 1

    def inline_table(self, i: int, path: Path, depth: int) -> int:
        text, n = self.text, len(self.text)
        i += 1
        while True:
            i = _GAP.match(text, i).end()  # type: ignore[union-attr]
            if i >= n or text[i] == "}":
                return i + 1
            start = i
            i = self.keyval(i, path, depth)
            i = _GAP.match(text, i).end()  # type: ignore[union-attr]
            if i < n and text[i] == ",":
                i += 1
            elif i >= n or text[i] == "}" or i == start:
                return i + 1

    def _mark(self, path: Path, offset: int) -> None:
        self.out.keys.setdefault(path, self.out.at(offset))


def _unquote(token: str) -> str:
    if token.startswith('"'):
        import json  # here, not at the top: positions are worked out only for problems, and validate starts faster

        try:
            return json.loads(token)
        except ValueError:
            return token[1:-1]
    if token.startswith("'"):
        return token[1:-1]
    return token
