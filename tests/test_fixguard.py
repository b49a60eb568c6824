"""The nothing-lost check's pieces: mapping offsets through edits, what a field may read after
them, and how author names are told apart."""

from __future__ import annotations

import pytest

from awesome_lint.authors import author_names, surname_first
from awesome_lint.diagnostics import Edit
from awesome_lint.fixguard import EditMap, expected_values
from awesome_lint.model import LineIndex


def test_edit_map_moves_offsets_and_places_insertions_by_side() -> None:
    moves = EditMap([Edit(2, 4, "XYZ"), Edit(6, 6, "++")])  # "abcdefg" -> "abXYZef++g"
    assert [moves(n) for n in (0, 2, 3, 4, 5, 6, 7)] == [0, 2, 2, 5, 6, 7, 10]
    assert (moves(3, right=True), moves(6, right=True)) == (5, 9)
    assert moves.covering(2, 4, exactly=True) and not moves.covering(2, 4)
    assert moves.covering(3, 4) and not moves.covering(1, 3)


def span(text: str, part: str):
    start = text.index(part)
    return LineIndex(text).span(start, start + len(part))


TEXT = "**Made-Up Net** [https://a.org]"


@pytest.mark.parametrize(
    ("edits", "values"),
    [
        ([Edit(13, 13, ".")], {"Made-Up Net.", "Made-Up Net"}),  # at the end: either reading
        ([Edit(2, 2, "A ")], {"A Made-Up Net", "Made-Up Net"}),  # at the start: either reading
        ([Edit(6, 7, " ")], {"Made Up Net"}),  # inside: applies
        ([Edit(13, 15, "")], {"Made-Up Net"}),  # beside it (the closing "**"): no change
        ([Edit(10, 15, "**")], {"Made-Up **", "Made-Up"}),  # across its end: either reading
    ],
)
def test_expected_values_apply_inner_edits_and_read_edge_edits_both_ways(
    edits: list[Edit], values: set[str]
) -> None:
    assert expected_values(TEXT, span(TEXT, "Made-Up Net"), EditMap(edits)) == values


@pytest.mark.parametrize(
    ("authors", "names"),
    [
        ("Ann Lee, Bo Kim and Cy Park.", ["Ann Lee", "Bo Kim", "Cy Park"]),
        ("Wu, Di and Ng, Ed and Li, Fa", ["Wu, Di", "Ng, Ed", "Li, Fa"]),
        ("Wu, Di, Ng, Ed, Li, Fa", ["Wu", "Di", "Ng", "Ed", "Li", "Fa"]),
        ("Lee, Ann; Kim, Bo", ["Lee, Ann", "Kim, Bo"]),
        ("Ann Lee & Bo Kim", ["Ann Lee", "Bo Kim"]),
        ("Ann Lee", ["Ann Lee"]),
    ],
)
def test_author_names(authors: str, names: list[str]) -> None:
    assert author_names(authors) == names


def test_surname_first_needs_one_comma_in_every_name() -> None:
    assert surname_first("Wu, Di and Ng, Ed")
    assert not surname_first("Ann Lee, Bo Kim and Cy Park")
    assert not surname_first("Wu, Di")
