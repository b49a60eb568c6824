"""The table reader: tables as GitHub renders them, with exact cell offsets, in linear time."""

from __future__ import annotations

import pytest

from awesome_lint.parse import parse_document
from awesome_lint.tables import (
    Cell,
    document_tables,
    read_html_tables,
    read_tables,
    table_ranges,
)

from .corpus import CORPUS, corpus_document, corpus_files, needs_corpus, read_text

FIELD_REPORTS = CORPUS.parent / "field-reports"


def field_report(prefix: str) -> str:
    matches = sorted(FIELD_REPORTS.glob(f"{prefix}-*.md")) if FIELD_REPORTS.is_dir() else []
    if not matches:
        pytest.skip(f"../shared/field-reports/{prefix}-* is not available")
    return matches[0].read_text(encoding="utf-8")


def texts(cells: tuple[Cell, ...]) -> list[str]:
    return [cell.text for cell in cells]


def tables_of(text: str):
    return document_tables(text, parse_document(text, "t.md").blocks)


def cell_at(text: str, cell: Cell) -> str:
    assert text[cell.start : cell.end] == cell.text
    return cell.text


# -- splitting rows ----------------------------------------------------------------------------


def test_a_simple_table_with_exact_offsets() -> None:
    text = "| a | bc |\n|:--|--:|\n| x |  y  |\n"
    (table,) = read_tables(text)
    assert (table.start, table.end) == (0, 32)
    assert table.header.cells == (Cell(2, 3, "a"), Cell(6, 8, "bc"))
    assert table.alignments == ("left", "right")
    (row,) = table.rows
    assert row.cells == (Cell(23, 24, "x"), Cell(28, 29, "y"))
    assert (row.start, row.end, row.columns, row.missing, row.cut) == (21, 32, 2, 0, None)
    assert (row.leading_pipe, row.trailing_pipe) == (True, True)


def test_alignments_of_every_kind() -> None:
    (table,) = read_tables("a|b|c|d\n:-:|---|-:|:-\n")
    assert table.alignments == ("center", None, "right", "left")
    assert table.rows == ()
    assert table.end == len("a|b|c|d\n:-:|---|-:|:-")


def test_pipes_split_inside_code_spans_and_link_text_but_not_when_escaped() -> None:
    text = "| a | b | c |\n|---|---|---|\n| `x|y` | [l|m](u) | p \\| q |\n"
    (table,) = read_tables(text)
    (row,) = table.rows
    assert texts(row.cells) == ["`x", "y`", "[l", "m](u)", "p \\| q"]
    assert texts(row.shown) == ["`x", "y`", "[l"]
    assert row.cut is not None and row.cut.text == "m](u) | p \\| q"
    assert [cell_at(text, c) for c in row.cells] == texts(row.cells)


def test_a_backslash_before_a_pipe_never_splits_even_when_itself_escaped() -> None:
    # cmark-gfm's cell scanner takes "\\|" as a backslash and an escaped pipe.
    (table,) = read_tables("| a |\n|---|\n| x \\\\| y |\n")
    assert texts(table.rows[0].cells) == ["x \\\\| y"]


def test_a_short_row_is_padded_and_a_long_one_cut() -> None:
    text = "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n| 1 | 2 | 3 | |\n"
    short, long, empty_extra = read_tables(text)[0].rows
    assert (len(short.cells), short.missing, short.cut) == (1, 2, None)
    assert (len(long.cells), long.missing) == (5, 0)
    assert long.cut == Cell(48, 53, "4 | 5")
    assert texts(long.extra) == ["4", "5"]
    # an empty cell beyond the header hides nothing
    assert (len(empty_extra.cells), empty_extra.cut) == (4, None)
    assert empty_extra.extra == (Cell(69, 69, ""),)  # right after its pipe


def test_empty_cells_sit_after_their_opening_pipe() -> None:
    (table,) = read_tables("| a | b | c |\n|---|---|---|\n|| x |   |\n")
    assert table.rows[0].cells == (Cell(29, 29, ""), Cell(31, 32, "x"), Cell(34, 34, ""))


def test_rows_without_the_leading_or_trailing_pipe_stay_in_the_table() -> None:
    text = "| a | b |\n|---|---|\n1 | 2 |\n| 3 | 4\n5 | 6\nlone\n"
    (table,) = read_tables(text)
    assert [texts(r.cells) for r in table.rows] == [["1", "2"], ["3", "4"], ["5", "6"], ["lone"]]
    assert [(r.leading_pipe, r.trailing_pipe) for r in table.rows] == [
        (False, True),
        (True, False),
        (False, False),
        (False, False),
    ]
    assert table.end == len(text) - 1


@pytest.mark.parametrize(
    "breaker",
    ["", "> quote", "# Heading", "```", "~~~", "---", "* * *", "- item", "+ item", "2) item",
     "<div>", "<!-- c -->", "<br>", "    indented code", "|"],
)  # fmt: skip
def test_a_blank_line_or_another_block_ends_the_table(breaker: str) -> None:
    text = f"| a | b |\n|---|---|\n| 1 | 2 |\n{breaker}\n| 3 | 4 |\n"
    (table, *_) = read_tables(text)
    assert [texts(r.cells) for r in table.rows] == [["1", "2"]]


def test_inline_html_and_bold_rows_do_not_end_the_table() -> None:
    text = "| a |\n|---|\n<sup>x</sup> | y\n**b** | c\n-1 | d\n"
    (table,) = read_tables(text)
    assert [r.cells[0].text for r in table.rows] == ["<sup>x</sup>", "**b**", "-1"]


def test_the_header_needs_a_delimiter_row_with_as_many_cells() -> None:
    assert read_tables("| a | b |\n|---|\n| 1 | 2 |\n") == ()
    assert read_tables("| a | b |\n|---|x|\n") == ()
    assert read_tables("a\n---\n") == ()  # a setext heading
    assert read_tables("# a | b\n--|--\n") == ()  # a heading is not a header row


def test_lines_before_the_header_stay_a_paragraph() -> None:
    text = "Some text.\nMore text.\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    (table,) = read_tables(text)
    assert table.start == text.index("| a")
    assert texts(table.header.cells) == ["a", "b"]


def test_two_tables_in_one_range_and_a_range_inside_the_text() -> None:
    text = "x\n| a |\n|---|\n| 1 |\n\n| b | c |\n|---|---|\n| 2 | 3 |\ny\n"
    _, second = read_tables(text)
    assert texts(second.rows[0].cells) == ["2", "3"]
    assert texts(second.rows[1].cells) == ["y"]
    (only,) = read_tables(text, text.index("| b"), text.index("\ny"))
    assert only == second._replace(rows=second.rows[:1], end=text.index("\ny"))


def test_an_indented_table_and_a_row_indented_past_code() -> None:
    text = "  | a |\n  |---|\n     | 1 |\n      | 2 |\n"
    (table,) = read_tables(text)
    assert [texts(r.cells) for r in table.rows] == [["1"]]  # "| 2 |" is indented code
    assert (table.header.start, table.rows[0].start) == (2, 21)


def test_a_table_inside_a_list_item_reads_from_the_item_range() -> None:
    text = "10. Item\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n        | 3 | 4 |\n"
    (table,) = read_tables(text)
    assert table.header.start == text.index("| a")
    assert [texts(r.cells) for r in table.rows] == [["1", "2"]]
    assert read_tables("x\n\n    | a |\n    |---|\n") == ()  # indented code at the top


def test_tabs_and_carriage_returns_are_trimmed() -> None:
    (table,) = read_tables("|\ta\t|\r\n|---|\r\n| 1 |\r\n")
    assert table.header.cells == (Cell(2, 3, "a"),)
    assert texts(table.rows[0].cells) == ["1"]


# -- ranges from the document's blocks ---------------------------------------------------------


def test_table_and_paragraph_blocks_without_a_blank_line_form_one_range() -> None:
    text = "# H\n\n| a |\n|---|\n| 1 |\nb | c\n\npara\n"
    doc = parse_document(text, "t.md")
    blocks = [(block.kind, block.span.start, block.span.end) for block in doc.blocks]
    assert list(table_ranges(text, blocks)) == [(5, 28), (30, 34)]


def test_layout_12_a_short_row_keeps_the_table() -> None:
    text = field_report("layout-12")
    (table,) = tables_of(text)
    assert len(table.rows) == 4
    assert [(len(r.cells), r.missing) for r in table.rows] == [(4, 0), (3, 1), (4, 0), (4, 0)]
    assert table.alignments == ("left", "center", "center", "center")
    title = table.rows[3].cells[0]
    assert cell_at(text, title).startswith("[**Delta: A Made-Up Music Model**]")


def test_layout_13_a_row_without_the_leading_pipe_stays_in_the_table() -> None:
    text = field_report("layout-13")
    (table,) = tables_of(text)
    assert [r.leading_pipe for r in table.rows] == [True, False, True, True]
    assert [cell_at(text, r.cells[2]) for r in table.rows] == [
        "2024-05-02",
        "2024-04-03",
        "2024-01-04",
        "2024-03-05",
    ]


def test_missed_15_an_extra_cell_is_cut() -> None:
    text = field_report("missed-15")
    (table,) = tables_of(text)
    assert [len(r.cells) for r in table.rows] == [4, 5, 4]
    cut = table.rows[1].cut
    assert cut is not None and cell_at(text, cut) == "Speech benchmark"
    assert text[: cut.start].count("\n") + 1 == 6


def test_layout_10_and_false_03_04_read_every_row() -> None:
    layout_10 = field_report("layout-10")
    (table,) = tables_of(layout_10)
    assert [cell_at(layout_10, r.cells[0])[:18] for r in table.rows] == [
        "1) A Made-Up Diffu",
        "2) Made-Up Agent M",
    ]
    false_03 = field_report("false-03")
    assert [texts(r.cells)[3] for r in tables_of(false_03)[0].rows][2] == "-"
    false_04 = field_report("false-04")
    (table,) = tables_of(false_04)  # the bold blocks under it are not rows
    assert [r.cells[2].text for r in table.rows] == [
        "CVPR<br />2024",
        "ECCV<br />2024",
        "ICLR<br />2024",
    ]


def test_missed_03_04_cells_keep_their_inline_html() -> None:
    text = field_report("missed-04")
    (table,) = tables_of(text)
    assert cell_at(text, table.rows[2].cells[1]) == (
        "**Made-Up Gamma Net**<br/><sup><sub>*Cy Diaz*</sub></sup>"
    )


@needs_corpus
def test_every_corpus_table_is_read_and_mistune_tables_are_never_lost() -> None:
    read = 0
    for path in corpus_files():
        text = read_text(path)
        doc = corpus_document(path, path.name)
        starts = {t.start for t in document_tables(text, doc.blocks)}
        for block in doc.blocks:
            if block.kind == "table":
                assert block.span.start in starts, f"{path.name}:{block.span.line}"
                read += 1
    assert read > 0


# -- HTML tables -------------------------------------------------------------------------------


def test_html_table_rows_and_cells_with_offsets() -> None:
    text = "<table>\n<tr><th>A</th><th> B </th></tr>\n<tr><td>x<sup>1</sup></td><td>y\n<tr><td>z</table>"
    (table,) = read_html_tables(text)
    assert (table.start, table.end) == (0, len(text))
    header, first, second = table.rows
    assert [(c.start, c.end, c.text, c.header) for c in header.cells] == [
        (16, 17, "A", True),
        (27, 28, "B", True),
    ]
    assert (header.start, header.end) == (8, 39)
    assert [c.text for c in first.cells] == ["x<sup>1</sup>", "y"]
    assert first.end == second.start  # the row ends where the next one opens
    assert [(c.text, c.start) for c in second.cells] == [("z", 80)]


def test_html_cells_without_tr_nested_tables_and_stray_cells() -> None:
    text = "<td>stray</td><TABLE><td>a<table><tr><td>in</td></tr></table></td></TABLE>"
    outer, inner = read_html_tables(text)
    assert [c.text for c in inner.rows[0].cells] == ["in"]
    (row,) = outer.rows
    assert row.cells[0].text.startswith("a<table>")
    assert outer.end == len(text)


# -- hostile input: bounded, linear time (bench/tables_speed.py prints the figures) ------------


def test_hostile_inputs_are_read() -> None:
    pipes = "| a |\n|---|\n" + "|" * 100_000 + "\n"
    assert len(read_tables(pipes)[0].rows[0].cells) == 99_999
    escaped = "| a |\n|---|\n" + "\\|" * 50_000 + "\n"
    assert len(read_tables(escaped)[0].rows[0].cells) == 1
    rows = "| a | b |\n|---|---|\n" + "| x | y |\n" * 10_000
    assert len(read_tables(rows)[0].rows) == 10_000
    assert read_tables("-|-\n" * 20_000) != ()
    unclosed = "<table>" + "<td" * 100_000
    assert read_html_tables(unclosed)[0].rows == ()
    cells = "<table><tr>" + "<td>x" * 20_000
    assert len(read_html_tables(cells)[0].rows[0].cells) == 20_000
