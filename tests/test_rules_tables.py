"""Table and inline-HTML rules AL109, AL110: exact findings on small inputs and field reports."""

from __future__ import annotations

import pytest

from awesome_lint.rules.al110_misnested_html import crossings

from .rulebook import apply_safe_fixes, run_rule
from .test_tables import field_report


def found(code: str, text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.column, d.message) for d in run_rule(code, text)]


# -- AL109 table-cells -------------------------------------------------------------------------


def test_missed_15_the_hidden_cell_is_reported_where_it_is() -> None:
    assert found("AL109", field_report("missed-15")) == [
        ("AL109", 6, 145, 'row has 5 cells, the header 4: GitHub hides "Speech benchmark"')
    ]


def test_layout_12_a_short_row_is_reported_at_its_end() -> None:
    text = field_report("layout-12")
    (diagnostic,) = run_rule("AL109", text)
    assert (diagnostic.span.line, diagnostic.span.column) == (6, 94)
    assert diagnostic.message == "row has 3 cells, the header 4"
    assert diagnostic.span.start == diagnostic.span.end == text.index("|\n| [**Gamma") + 1
    assert diagnostic.data["related_line"] == 3


@pytest.mark.parametrize(
    "report", ["layout-10", "layout-13", "false-03", "false-04", "missed-03", "missed-04"]
)
def test_tables_with_rows_of_the_right_width_give_nothing(report: str) -> None:
    assert found("AL109", field_report(report)) == []


def test_rows_mistune_does_not_see_as_a_table_are_checked() -> None:
    text = "Intro.\n| a | b |\n|---|---|\n| 1 | 2 |\n3 | 4 | 5\n"
    assert found("AL109", text) == [
        ("AL109", 5, 9, 'row has 3 cells, the header 2: GitHub hides "5"')
    ]


def test_a_single_cell_row_is_a_label_across_the_table() -> None:
    text = "| a | b | c |\n|---|---|---|\n| **2023** |\n| 1 | 2 |\n"
    assert found("AL109", text) == [("AL109", 4, 10, "row has 2 cells, the header 3")]


def test_empty_extra_cells_hide_nothing_and_long_hidden_text_is_shortened() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 | |\n| 1 | 2 | " + "x" * 80 + " |\n"
    ((code, line, column, message),) = found("AL109", text)
    assert (code, line, column) == ("AL109", 4, 11)
    assert message == 'row has 3 cells, the header 2: GitHub hides "' + "x" * 59 + '…"'


def test_html_tables_and_tables_in_code_are_not_checked() -> None:
    text = "<table><tr><td>a</td></tr><tr><td>1</td><td>2</td></tr></table>\n\n"
    text += "```\n| a |\n|---|\n| 1 | 2 |\n```\n"
    assert found("AL109", text) == []


# -- AL110 misnested-html ----------------------------------------------------------------------


def test_missed_03_the_crossed_tags_are_reported_and_swapped() -> None:
    text = field_report("missed-03")
    assert found("AL110", text) == [
        ("AL110", 7, 59, '"</sup>" closes "<sup>" while "<sub>" inside it is still open')
    ]
    fixed = apply_safe_fixes(text, run_rule("AL110", text))
    assert fixed == text.replace("*Cy Diaz*</sup></sub>", "*Cy Diaz*</sub></sup>")
    assert found("AL110", fixed) == []


@pytest.mark.parametrize("report", ["missed-04", "false-04", "layout-12"])
def test_well_nested_tags_give_nothing(report: str) -> None:
    assert found("AL110", field_report(report)) == []


def test_crossings_in_items_html_blocks_and_cells_not_in_code() -> None:
    text = (
        "- A <b><i>x</b></i> `<b><i>y</b></i>`\n"
        "- ```\n  <b><i>z</b></i>\n  ```\n"
        "\n<p><font><b>w</font></b></p>\n"
        "\n| a | b |\n|---|---|\n| <i><b>v | </i></b> |\n"
    )
    assert [(line, column) for _, line, column, _ in found("AL110", text)] == [(1, 12), (6, 14)]


def test_a_tag_closed_on_a_later_line_or_a_stray_closing_tag_is_no_finding() -> None:
    text = "**Title**<br><sup>Ann Lee,\nBo Chen</sup>, </b>x<i>y</i>\n"
    assert found("AL110", text) == []


def test_several_elements_open_inside_are_reported_once_without_a_fix() -> None:
    text = "<a href='u'><b><i>x</a></i></b>\n"
    diagnostics = run_rule("AL110", text)
    assert [(d.span.column, d.message, d.fix) for d in diagnostics] == [
        (20, '"</a>" closes "<a>" while "<i>" inside it is still open', None)
    ]


def test_crossings_on_hostile_input() -> None:
    opened = "<b>" * 50_000 + "<i>" + "</b>" * 50_000
    assert len(list(crossings(opened, 0, len(opened)))) == 1
    unpaired = "".join("`" * n + "<b><i></b>" for n in range(1, 400))  # no code span
    assert len(list(crossings(unpaired, 0, len(unpaired)))) == 399
    paired = "`x` ``<b><i></b>`` " * 20_000
    assert list(crossings(paired, 0, len(paired))) == []
