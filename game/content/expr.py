"""The safe expression language for pack conditions (event triggers, goals, loss).

A pack can never run code: expressions are parsed with `ast.parse(mode="eval")`,
every node is checked against an allow-list, names are resolved against the
flat table of state values at validation time, and the tree is compiled into
nested closures. Pack text never reaches `eval`, `exec` or `compile`.

Bounds keep a hostile pack from hanging the game: source length, tree depth,
literal size and exponents are capped at compile time, and evaluation never
raises (division or modulo by zero gives 0; a result that overflows to
infinity or NaN becomes 0).
"""

from __future__ import annotations

import ast
import math
import operator
import re
from typing import Any, Callable, Collection, Literal, Mapping

MAX_LENGTH = 500
MAX_DEPTH = 32
MAX_LITERAL = 1e12
MAX_EXPONENT = 8
MAX_ARGS = 8

Values = Mapping[str, float]
Fn = Callable[[Values], Any]


class ExprError(ValueError):
    """One problem in one expression, with the character offset where it is."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def _finite(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return 0.0
    return x


def _div(a: float, b: float) -> float:
    return _finite(a / b) if b else 0.0


def _floordiv(a: float, b: float) -> float:
    return _finite(a // b) if b else 0.0


def _mod(a: float, b: float) -> float:
    return a % b if b else 0.0


def _pow(a: float, b: float) -> float:
    try:
        result = float(a) ** b
    except (OverflowError, ZeroDivisionError):
        return 0.0
    # a negative number to a fractional power is complex: not a number the game can use
    return 0.0 if isinstance(result, complex) else _finite(result)


BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: _finite(a + b),
    ast.Sub: lambda a, b: _finite(a - b),
    ast.Mult: lambda a, b: _finite(a * b),
    ast.Div: _div,
    ast.FloorDiv: _floordiv,
    ast.Mod: _mod,
    ast.Pow: _pow,
}
COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.Eq: operator.eq, ast.NotEq: operator.ne,
}
FUNCTIONS = {"min": min, "max": max, "abs": abs}
CONSTANTS = {"true": True, "false": False, "True": True, "False": False}
FORBIDDEN = {
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.Subscript: "subscripts ([...]) are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.JoinedStr: "strings are not allowed",
    ast.FormattedValue: "strings are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.Starred: "starred arguments are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Slice: "slices are not allowed",
}


class Expr:
    """A compiled expression: call it with the table of values."""

    __slots__ = ("source", "names", "fn", "kind")

    def __init__(self, source: str, names: frozenset[str], fn: Fn, kind: str) -> None:
        self.source = source
        self.names = names
        self.fn = fn
        """the compiled function itself: a caller that only tests the result's truth (in an `if`) calls
        it directly, one call fewer than `truthy`"""
        self.kind = kind

    def __call__(self, values: Values) -> float | bool:
        return self.fn(values)

    def truthy(self, values: Values) -> bool:
        return bool(self.fn(values))

    def __repr__(self) -> str:
        return f"Expr({self.source!r})"


class _Compiler:
    def __init__(self, names: Collection[str], reader: Callable[[str], Fn] | None = None) -> None:
        self.known = names if isinstance(names, (set, frozenset, dict)) else set(names)
        self.used: set[str] = set()
        self.reader = reader

    def fail(self, node: ast.AST, message: str) -> ExprError:
        return ExprError(message, getattr(node, "col_offset", 0))

    def dotted(self, node: ast.AST) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(node.id)
        return ".".join(reversed(parts))

    def name(self, node: ast.AST, dotted: str) -> Fn:
        if "__" in dotted:
            raise self.fail(node, f"names with double underscores ('{dotted}') are not allowed")
        if dotted in CONSTANTS:
            value = CONSTANTS[dotted]
            return lambda v: value
        if dotted not in self.known:
            import difflib  # here: only a mistake needs it

            hint = difflib.get_close_matches(dotted, list(self.known), n=1, cutoff=0.6)
            suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise self.fail(node, f"unknown name '{dotted}'{suffix}")
        self.used.add(dotted)
        if self.reader is not None:
            return self.reader(dotted)
        return lambda v: v[dotted]

    def compile(self, node: ast.AST, depth: int = 0) -> tuple[Fn, str]:
        """Return the closure and the kind of value it yields: 'number' or 'bool'."""
        if depth > MAX_DEPTH:
            raise self.fail(node, f"the expression is nested too deeply (more than {MAX_DEPTH} levels)")
        for bad, message in FORBIDDEN.items():
            if isinstance(node, bad):
                raise self.fail(node, message)
        d = depth + 1
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                return (lambda v: value), "bool"
            if isinstance(value, (int, float)) and not isinstance(value, complex):
                if not math.isfinite(value) or abs(value) > MAX_LITERAL:
                    raise self.fail(node, f"numbers must be between -{MAX_LITERAL:g} and {MAX_LITERAL:g}")
                number = float(value) if isinstance(value, float) else value
                return (lambda v: number), "number"
            if isinstance(value, str):
                raise self.fail(node, "strings are not allowed")
            raise self.fail(node, f"{type(value).__name__} values are not allowed")
        if isinstance(node, (ast.Name, ast.Attribute)):
            dotted = self.dotted(node)
            if dotted is None:
                raise self.fail(node, "attribute access is only allowed on state names like trust.vcse")
            return self.name(node, dotted), "number"
        if isinstance(node, ast.UnaryOp):
            inner, _ = self.compile(node.operand, d)
            if isinstance(node.op, ast.Not):
                return (lambda v: not inner(v)), "bool"
            if isinstance(node.op, ast.USub):
                return (lambda v: -inner(v)), "number"
            if isinstance(node.op, ast.UAdd):
                return inner, "number"
            raise self.fail(node, "bitwise operators are not allowed")
        if isinstance(node, ast.BinOp):
            op = BINARY.get(type(node.op))
            if op is None:
                raise self.fail(node, "bitwise operators and matrix products are not allowed")
            if isinstance(node.op, ast.Pow):
                exponent = node.right
                if isinstance(exponent, ast.UnaryOp) and isinstance(exponent.op, (ast.USub, ast.UAdd)):
                    exponent = exponent.operand
                if not (isinstance(exponent, ast.Constant) and isinstance(exponent.value, (int, float))
                        and not isinstance(exponent.value, bool) and abs(exponent.value) <= MAX_EXPONENT):
                    raise self.fail(node, f"the exponent of ** must be a number between -{MAX_EXPONENT} "
                                          f"and {MAX_EXPONENT}")
            left, _ = self.compile(node.left, d)
            right, _ = self.compile(node.right, d)
            if isinstance(node.right, ast.Constant):
                k = right(None)  # a literal (already checked): read once, not on every call
                return (lambda v: op(left(v), k)), "number"
            return (lambda v: op(left(v), right(v))), "number"
        if isinstance(node, ast.BoolOp):
            # Folded into nested pairs from the right: the same left-to-right short-circuit and the
            # same True/False as all()/any(), without a generator on every call.
            parts = [self.compile(value, d)[0] for value in node.values]
            pair = _both if isinstance(node.op, ast.And) else _either
            combined = parts[-1]
            for part in reversed(parts[:-1]):
                combined = pair(part, combined)
            return combined, "bool"
        if isinstance(node, ast.Compare):
            ops = []
            for op_node in node.ops:
                fn = COMPARE.get(type(op_node))
                if fn is None:
                    raise self.fail(node, "only <, <=, >, >=, == and != comparisons are allowed")
                ops.append(fn)
            operands = [self.compile(node.left, d)[0]] + [self.compile(c, d)[0] for c in node.comparators]
            if len(ops) == 1:
                a, b, f = operands[0], operands[1], ops[0]
                if isinstance(node.comparators[0], ast.Constant):
                    k = b(None)  # a literal (already checked): read once, not on every call
                    return (lambda v: f(a(v), k)), "bool"
                return (lambda v: f(a(v), b(v))), "bool"

            def chained(v: Values) -> bool:
                left = operands[0](v)
                for fn, nxt in zip(ops, operands[1:]):
                    right = nxt(v)
                    if not fn(left, right):
                        return False
                    left = right
                return True

            return chained, "bool"
        if isinstance(node, ast.IfExp):
            test, _ = self.compile(node.test, d)
            body, kind = self.compile(node.body, d)
            orelse, _ = self.compile(node.orelse, d)
            return (lambda v: body(v) if test(v) else orelse(v)), kind
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                what = self.dotted(node.func) or ast.unparse(node.func)[:40]
                raise self.fail(node, f"calling '{what}' is not allowed: only min, max and abs can be called")
            if node.keywords:
                raise self.fail(node, "keyword arguments are not allowed")
            fname = node.func.id
            args = [self.compile(a, d)[0] for a in node.args]
            if fname == "abs":
                if len(args) != 1:
                    raise self.fail(node, "abs takes exactly one argument")
                a0 = args[0]
                return (lambda v: abs(a0(v))), "number"
            if not 2 <= len(args) <= MAX_ARGS:
                raise self.fail(node, f"{fname} takes between 2 and {MAX_ARGS} arguments")
            fn = FUNCTIONS[fname]
            return (lambda v: fn(a(v) for a in args)), "number"
        raise self.fail(node, f"{type(node).__name__} is not allowed in an expression")


def _both(first: Fn, second: Fn) -> Fn:
    return lambda v: True if first(v) and second(v) else False


def _either(first: Fn, second: Fn) -> Fn:
    return lambda v: True if first(v) or second(v) else False


_SPREADSHEET_HABITS = (
    (re.compile(r"&&|&"), "write 'and' instead of {found}"),
    (re.compile(r"\|\||\|"), "write 'or' instead of {found}"),
    (re.compile(r"=>"), "write >= instead of =>"),
    (re.compile(r"=<"), "write <= instead of =<"),
    (re.compile(r"<>"), "write != for 'is not equal to', not <>"),
    (re.compile(r"[<>!=]\s+="), "write {squeezed} with no space inside it"),
    (re.compile(r"\b(?:AND|OR|NOT|And|Or|Not)\b"), "write '{lower}' in lower case"),
    (re.compile(r"(?<![<>=!])=(?!=)"), "write == to compare (a single = is not a comparison)"),
    (re.compile(r"!(?!=)"), "write 'not' instead of !"),
)
"""Operators from spreadsheets and other languages that authors reach for, and what to write instead."""
_DANGLING = re.compile(r"(?:\b(?:and|or|not)|[-+*/%<>=])\s*$")


def _syntax_hint(text: str, exc: SyntaxError) -> tuple[str, int]:
    """Python's 'invalid syntax' said as what to write instead, at the character concerned.

    Python reports `turn >= 2 and` at offset 0 and `turn => 2` only as 'invalid syntax'; an author
    needs to hear that the condition stops after 'and', or that => is written >=."""
    for pattern, advice in _SPREADSHEET_HABITS:
        found = pattern.search(text)
        if found:
            word = found.group()
            return advice.format(found=word, squeezed="".join(word.split()), lower=word.lower()), found.start()
    dangling = _DANGLING.search(text)
    if dangling:
        word = dangling.group().strip()
        return f"it ends after '{word}': something is missing after it", dangling.start()
    return exc.msg, max(0, (exc.offset or 1) - 1)


def compile_expr(source: str, names: Collection[str], *,
                 want: Literal["bool", "number", "any"] = "bool",
                 reader: Callable[[str], Fn] | None = None) -> Expr:
    """Parse, check and compile `source`; raise ExprError with a clear message on any problem.

    The compiled expression is called with a table of values (`values[name]` for each name), or,
    with `reader`, with whatever `reader(name)`'s functions take: the engine passes a State and
    reads each value straight from it, which spares a mapping lookup per name in conditions
    checked every quarter."""
    if not isinstance(source, str):
        raise ExprError("an expression must be text")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"the expression is {len(source)} characters long; the limit is {MAX_LENGTH}")
    if not source.strip():
        raise ExprError("the expression is empty")
    # Cheap guard before the parser: deep bracket nesting can exhaust Python's own recursion.
    depth = level = 0
    for ch in source:
        if ch in "([{":
            level += 1
            depth = max(depth, level)
        elif ch in ")]}":
            level -= 1
    if depth > MAX_DEPTH:
        raise ExprError(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        message, offset = _syntax_hint(source.strip(), exc)
        raise ExprError(f"not a valid expression: {message}", offset) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ExprError(f"not a valid expression: {exc.__class__.__name__}") from None
    compiler = _Compiler(names, reader)
    try:
        fn, kind = compiler.compile(tree.body)
    except RecursionError:
        raise ExprError(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)") from None
    if want == "number" and kind == "bool":
        raise ExprError("expected a number here, found a condition (a comparison or and/or/not)")
    return Expr(source, frozenset(compiler.used), fn, kind)


def check_expr(source: str, names: Collection[str], *,
               want: Literal["bool", "number", "any"] = "bool") -> list[ExprError]:
    try:
        compile_expr(source, names, want=want)
    except ExprError as exc:
        return [exc]
    return []
