"""Reading one pack file safely: whatever is on disk becomes text and TOML data, or one clear problem.

A facilitator may point the tool at anything: a folder, a spreadsheet saved
as .toml, a 50 MB log, a file in the wrong encoding, a FIFO. Each gets one
line saying what was expected and what was found, before any parser sees it.
"""

from __future__ import annotations

import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PackProblem
from .positions import Positions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_FILE_BYTES = 2_000_000
"""The largest pack file read. A big built-in pack is tens of kilobytes; this leaves room for prose."""
MAX_KEY_DEPTH = 16
"""The deepest dotted key read (a pack needs about 4: tuning.approaches.alliance.fit). TOML parsers
take time that grows with the square of a key's depth, so a hostile 2 MB key could hang them."""
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]{0,200}"|'[^'\n]{0,200}')"""
_DEEP_KEY = re.compile(rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_KEY_DEPTH},}}")


@dataclass
class Source:
    """One parsed TOML file of a pack; its key positions are worked out only when a problem needs them."""

    name: str
    path: Path
    raw: bytes
    text: str
    data: dict[str, Any]
    _positions: Positions | None = field(default=None, repr=False)

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = Positions(self.text)
        return self._positions


def _problem(path: Path, message: str, line: int = 1, column: int = 1) -> PackProblem:
    return PackProblem(str(path), line, column, "", message)


def read_bytes(path: Path, problems: list[PackProblem], limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of a regular file no bigger than `limit`, or None with the reason added to `problems`."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            problems.append(_problem(path, "expected a file, found a folder"))
            return None
        if not stat.S_ISREG(info.st_mode):
            problems.append(_problem(path, "expected an ordinary file, found a device, pipe or socket"))
            return None
        if info.st_size > limit:
            problems.append(_problem(path, f"the file is {info.st_size:,} bytes; a pack file may be at most "
                                           f"{limit:,} (is this the right file?)"))
            return None
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        problems.append(_problem(path, f"cannot read the file ({exc.strerror or exc.__class__.__name__})"))
        return None
    if len(raw) > limit:  # it grew while we looked
        problems.append(_problem(path, f"the file is over {limit:,} bytes, the most a pack file may be"))
        return None
    return raw


def decode_text(path: Path, raw: bytes, problems: list[PackProblem]) -> str | None:
    """UTF-8 text without a byte-order mark, or None with the reason added to `problems`."""
    if b"\0" in raw:
        problems.append(_problem(path, "expected a text file, found binary data (a NUL byte); save it as plain "
                                       "UTF-8 text"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
        problems.append(_problem(path, f"expected UTF-8 text, found the byte 0x{raw[exc.start]:02x}, which is "
                                       "not UTF-8; save the file as UTF-8", line, column))
        return None
    return text[1:] if text.startswith("\ufeff") else text


def read_toml(path: Path, problems: list[PackProblem]) -> Source | None:
    """The parsed file, or None with its one problem (size, binary, encoding, TOML syntax) added."""
    raw = read_bytes(path, problems)
    if raw is None:
        return None
    text = decode_text(path, raw, problems)
    if text is None:
        return None
    deep = _DEEP_KEY.search(text) if _may_hold_deep_key(text) else None
    if deep is not None:
        line = text.count("\n", 0, deep.start()) + 1
        column = deep.start() - (text.rfind("\n", 0, deep.start()) + 1) + 1
        problems.append(_problem(path, f"keys may be at most {MAX_KEY_DEPTH} levels deep (a.b.c…), found one "
                                       "deeper", line, column))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, message = _toml_position(exc, text)
        line, column, message = _plain_toml(message, text, line, column)
        problems.append(_problem(path, f"not valid TOML: {message}", line, column))
        return None
    except (RecursionError, MemoryError):
        problems.append(_problem(path, "not valid TOML for a pack: values are nested too deeply"))
        return None
    return Source(path.name, path, raw, text, data)


def _may_hold_deep_key(text: str) -> bool:
    """Whether any line has the dots a too-deep key needs. A match of _DEEP_KEY never crosses a
    newline and holds at least MAX_KEY_DEPTH dots, so a file without such a line cannot hold one;
    counting dots is ~100 times quicker than the search (~15 ms of `validate` on a large pack)."""
    return any(line.count(".") >= MAX_KEY_DEPTH for line in text.split("\n"))


def _toml_position(exc: Exception, source: str) -> tuple[int, int, str]:
    """Line, column and message of a TOML syntax error (Python < 3.14 keeps them only in the text)."""
    text = str(exc)
    message = text.split(" (at ")[0]
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if line is None:
        m = re.search(r"at line (\d+), column (\d+)", text)
        if m:
            line, column = int(m.group(1)), int(m.group(2))
        else:  # "at end of document"
            lines = source.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
            message += " (at the end of the file)"
    return line, column or 1, message[:1].lower() + message[1:]


_VALUE_KINDS = 'a number, true or false, "text in quotes", [a list] or { a table }'


def _plain_toml(message: str, source: str, line: int, column: int) -> tuple[int, int, str]:
    """The parser's message for the usual slips, said as 'expected …, found …' with the culprit quoted.

    tomllib says `invalid value` or `cannot overwrite a value`; a facilitator who typed
    `turns = six` or gave a key twice needs to be told which word and what to write instead."""
    lines = source.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    word = re.match(r"[^\s,\]}#]{1,30}", text[column - 1:])
    found = f"'{word.group()}'" if word else "nothing"
    if message == "invalid value":
        bare = word.group() if word else ""
        import difflib  # here: only a mistake needs it

        close = difflib.get_close_matches(bare.lower(), ["true", "false"], n=1, cutoff=0.6)
        hint = (f" (did you mean {close[0]}?)" if close
                else f' (text needs quotes: "{bare}")' if bare.isalpha() else "")
        return line, column, f"expected a value ({_VALUE_KINDS}), found {found}{hint}"
    if message == "expected newline or end of document after a statement":
        return line, column, (f"expected the end of the line after the value, found {found} (text with spaces "
                              "needs quotes; a comment starts with #)")
    if message == "unclosed array (at the end of the file)":
        return line, column, "expected ] to close a list, found the end of the file"
    if message == "expected '=' after a key in a key/value pair":
        return line, column, f"expected = after the key, found {found}"
    if message == "cannot overwrite a value":
        key = re.match(r"\s*([^=\s\[][^=]*?)\s*=", text)
        if key:
            return line, key.start(1) + 1, f"expected each key once in its table, found '{key.group(1)}' again"
        listed = re.match(r"\s*\[\[\s*([^\]]+?)\s*\]\]", text)
        if listed:  # `[problem]` above, `[[problem]]` here: one pair of brackets made a single table
            name = listed.group(1)
            return line, listed.start() + 1, (f"expected [[{name}]] for each one, found a single [{name}] table "
                                              f"above (write [[{name}]] there too)")
        return line, column, "expected each key and table once, found this one again"
    twice = re.fullmatch(r"cannot declare \((.*)\) twice", message)
    if twice:
        name = ".".join(part.strip().strip("'\"") for part in twice.group(1).split(",") if part.strip())
        return line, text.find("[") + 1 or column, f"expected each [table] once, found [{name}] again"
    if message == "illegal character '\\n'":
        return line, column, ("expected a closing quote before the end of the line, found none (use \"\"\" … \"\"\" "
                              "for text over several lines)")
    if message == "unescaped '\\' in a string":
        return line, column, ("expected \\\\ for a backslash inside \"double quotes\", found a lone \\ (or use "
                              "'single quotes')")
    return line, column, message
