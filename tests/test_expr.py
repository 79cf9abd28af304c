"""The pack expression language: what it computes, and every escape it refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from game.content.expr import ExprError, check_expr, compile_expr

NAMES = {"turn", "reserves", "trust.vcse", "trust.residents", "problem.adult_care.demand", "quarter"}
VALUES = {"turn": 5, "reserves": -2.5, "trust.vcse": 40.0, "trust.residents": 60.0,
          "problem.adult_care.demand": 130.0, "quarter": 4}


@pytest.mark.parametrize("source, expected", [
    ("turn >= 4 and trust.vcse < 45", True),
    ("turn > 5 or reserves < 0", True),
    ("not (turn == 5)", False),
    ("0 < turn <= 5", True),
    ("1 < turn < 3", False),
    ("(trust.vcse + trust.residents) / 2", 50.0),
    ("min(trust.vcse, trust.residents, 30)", 30),
    ("max(reserves, 0)", 0),
    ("abs(reserves)", 2.5),
    ("turn ** 2 - 1", 24.0),
    ("turn % 2", 1),
    ("turn // 2", 2),
    ("1 if reserves < 0 else 2", 1),
    ("problem.adult_care.demand > 120 and quarter == 4", True),
    ("true and not false", True),
    ("-turn + +3", -2),
])
def test_values(source, expected):
    assert compile_expr(source, NAMES, want="any")(VALUES) == pytest.approx(expected)


def test_names_used_are_reported():
    assert compile_expr("turn > 1 and trust.vcse < 3", NAMES).names == {"turn", "trust.vcse"}


def test_runtime_never_raises():
    for source in ("turn / 0", "turn // 0", "turn % 0", "(reserves - reserves) ** -1", "reserves ** 0.5"):
        assert compile_expr(source, NAMES, want="number")(VALUES) == 0.0


def test_unknown_name_suggests_the_nearest():
    with pytest.raises(ExprError, match=r"unknown name 'trust.vsce' \(did you mean 'trust.vcse'\?\)") as err:
        compile_expr("turn > 1 and trust.vsce < 3", NAMES)
    assert err.value.offset == 13


def test_a_number_is_expected_where_asked():
    with pytest.raises(ExprError, match="expected a number"):
        compile_expr("turn > 1", NAMES, want="number")


@pytest.mark.parametrize("source, message", [
    ("__import__('os')", "only min, max and abs"),
    ("().__class__.__bases__[0].__subclasses__()", "not allowed"),
    ("trust.__class__", "double underscores"),
    ("open('x')", "only min, max and abs"),
    ("eval('1')", "only min, max and abs"),
    ("[x for x in (1, 2)]", "comprehensions"),
    ("{1: 2}", "dictionaries"),
    ("lambda: 1", "lambda"),
    ("(lambda x: x)(1)", "only min, max and abs"),
    ("'a' * 10 ** 9", "strings"),
    ("'a' * 3", "strings"),
    ("9 ** 9 ** 9", "exponent"),
    ("2 ** 1000000", "exponent"),
    ("10 ** 100", "exponent"),
    ("turn ** turn", "exponent"),
    ("(x := 1)", "assignment"),
    ("f'{turn}'", "strings"),
    ("min(*[1])", "starred"),
    ("min(a=1)", "keyword"),
    ("trust.vcse.real()", "only min, max and abs"),
    ("1e999", "numbers must be between"),
    ("123456789012345", "numbers must be between"),
    ("turn[0]", "subscripts"),
    ("turn if", "not a valid expression"),
    ("turn & 1", "bitwise"),
    ("abs(1, 2)", "exactly one"),
    ("min(1)", "between 2 and"),
    ("", "empty"),
    ("x" * 10_000, "limit is 500"),
    ("(" * 1000 + "1" + ")" * 1000, "limit is 500"),
    ("(" * 40 + "1" + ")" * 40, "nested too deeply"),
    ("-" * 200 + "1", "nested too deeply"),
    ("not " * 100 + "true", "nested too deeply"),
])
def test_escapes_and_abuse_are_refused_with_a_clear_message(source, message):
    errors = check_expr(source, NAMES)
    assert len(errors) == 1 and message in errors[0].message


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_either_compiles_or_raises_expr_error(text):
    try:
        expr = compile_expr(text, NAMES, want="any")
    except ExprError:
        return
    expr(VALUES)


ATOMS = st.sampled_from(["turn", "reserves", "trust.vcse", "0", "1", "2.5", "-3", "1e6"])


def _trees(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "//", "%", "<", "==", " and ", " or "]),
                  children).map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
        st.tuples(st.sampled_from(["min", "max"]), children, children).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        children.map(lambda c: f"abs({c})"),
        children.map(lambda c: f"({c}) ** 2"),
    )


@settings(max_examples=300, deadline=None)
@given(st.recursive(ATOMS, _trees, max_leaves=12))
def test_random_valid_trees_evaluate_without_raising(source):
    try:
        expr = compile_expr(source, NAMES, want="any")
    except ExprError as exc:  # only the depth/length caps may refuse a valid tree
        assert "deeply" in exc.message or "limit" in exc.message
        return
    expr(VALUES)
