"""The provenance reader: which numbers in a pack file name a source, and which do not."""

from __future__ import annotations

from game.content.provenance import unsourced_numbers

TEXT = '''# Budget for the borough.
format = 1
[budget]
grant = 400            # assumption: scale chosen for the lesson
council_tax = 90
# W-03 · 003_065efc72c0722ef5.txt: £160m less a year
other_income = 110

# assumption: every problem below uses levels chosen for play
[[problem]]
id = "care"
demand = 4000
text = """
In 2011 there were 4,000 adults # not a comment
"""
weight = 2.0

[[event]]
id = "cut"
turn = 5
effects = [{ type = "income", amount = -32 }]   # C-01
'''


def test_unsourced_numbers_are_the_ones_with_no_comment_in_their_table(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(TEXT, "utf-8")
    found = [(u.line, u.text.split("=")[0].strip()) for u in unsourced_numbers(path)]
    # council_tax has only the [budget] table's other comments *below* it; turn has none in [[event]]
    assert found == [(5, "council_tax"), (20, "turn")]


def test_a_file_wide_assumption_covers_a_fictional_pack(tmp_path):
    path = tmp_path / "problems.toml"
    path.write_text("# Fictional: every number in this file is a game assumption.\n[[problem]]\ndemand = 5\n", "utf-8")
    assert unsourced_numbers(path) == []
