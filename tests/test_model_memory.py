"""The model's memory economies keep every value as it was: spans share their ints and, for a
paragraph that is one entry, the span itself; an entry's raw text and a line's break span are
computed when asked."""

from __future__ import annotations

from awesome_lint.model import LineIndex, Span
from awesome_lint.parse import parse_document

TEXT = (
    "intro\n\n" * 150 + "**A Title**  \nAna Bo, Cy Do\\\n*CVPR 2024.* [[Paper](https://x.org/p)]\n"
)


def test_spans_on_one_line_share_the_line_number_object() -> None:
    index = LineIndex(TEXT)
    first, second = index.span(1052, 1054), index.span(1055, 1058)
    assert first.line == second.line == 301
    assert first.line is second.line is first.end_line


def test_a_span_at_a_line_start_holds_the_index_offset() -> None:
    index = LineIndex(TEXT)
    start = int(str(150 * 7))  # a new int object of the same value
    span = index.span(start, start + 3)
    assert span == Span(301, 1, 301, 4, 1050, 1053)
    assert span.start is index.starts[300]


def test_the_same_span_over_several_lines_asked_twice_in_a_row_is_one_object() -> None:
    index = LineIndex(TEXT)
    block = index.span(1050, len(TEXT) - 1)
    assert index.span(1050, len(TEXT) - 1) is block
    assert block == Span(301, 1, 303, 40, 1050, len(TEXT) - 1)
    other = index.span(1056, len(TEXT) - 1)
    assert other.start == 1056 and index.span(1050, len(TEXT) - 1) == block


def test_entry_raw_and_break_spans_are_those_of_the_text() -> None:
    doc = parse_document(TEXT)
    (entry,) = doc.entries
    assert entry.raw == TEXT[entry.span.start : entry.span.end]
    assert entry.raw.startswith("**A Title**") and entry.raw.endswith("(https://x.org/p)]")
    title_line, authors_line, last_line = entry.lines
    assert title_line.break_token == "  " and authors_line.break_token == "\\"
    assert title_line.break_span == Span(301, 12, 301, 14, 1061, 1063)
    assert authors_line.break_span == Span(302, 14, 302, 15, 1077, 1078)
    assert last_line.break_span is None
    assert TEXT[1061:1063] == "  " and TEXT[1077:1078] == "\\"
