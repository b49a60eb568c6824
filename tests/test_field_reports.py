"""The field reports (../shared/field-reports): each false-* and noise-* file gives no finding of
the kind it shows, each missed-* file the finding a maintainer expects (code, line, column).

The files are reproductions of what real lists do; README.md there says what each expects.
Reports owned elsewhere are left out: false-03, false-06, false-12, false-13 (the reader and
tables), noise-02 (AL303's defaults), fix-* (the fixes).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.engine import Engine
from awesome_lint.registry import builtin_registry
from awesome_lint.source import read_source

REPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "field-reports"
TODAY = datetime.date(2026, 11, 24)


def lint(name: str) -> list[Diagnostic]:
    """The default selection's findings on one field report (skipped when it is absent)."""
    matches = sorted(REPORTS.glob(f"{name}-*.md"))
    if not matches:
        pytest.skip(f"../shared/field-reports/{name}-*.md is not available")
    engine = Engine(builtin_registry().select(), today=TODAY)
    return engine.lint(read_source(str(matches[0])))[1]


def at(found: list[Diagnostic], code: str) -> list[tuple[int, int]]:
    return [(d.span.line, d.span.column) for d in found if d.code == code]


# (report, the codes it must not get) — the kind of finding each one shows.
QUIET = [
    ("false-01", "AL105"),  # row numbers "1)" are no brackets of a link
    ("false-02", "AL105"),  # "][" always: the empty separator is the house's
    ("false-04", "AL207"),  # "CVPR<br />2024" is the table's own venue layout
    ("false-05", "AL203"),  # AP-style months are one convention
    ("false-08", "AL301"),  # a dataset row linking its paper by the paper's title
    ("false-09", "AL201 AL105"),  # the table's style is not imposed on the blocks
    ("false-10", "AL207"),  # NIPS was the name until 2017
    ("false-11", "AL503"),  # labels of paper items are the list's own
    ("noise-01", "AL102 AL103"),  # whitespace that renders the same
    ("noise-03", "AL104"),  # a list that always writes "Github"
    ("noise-04", "AL102"),  # every entry mixes the same two breaks
    ("noise-05", "AL102"),  # " <br>" is "<br>"
    ("noise-07", "AL401"),  # "1. Survey" for "Survey"
    ("noise-08", "AL206"),  # a later publication date at a published venue
    ("noise-09", "AL404"),  # a banner heading
    ("noise-12", "AL405"),  # front matter before the first section
    ("noise-13", "AL207"),  # yearless arXiv venues alike
]


@pytest.mark.parametrize(("report", "codes"), QUIET, ids=[r for r, _ in QUIET])
def test_no_finding_of_the_kind_the_report_shows(report: str, codes: str) -> None:
    found = lint(report)
    assert [d for d in found if d.code in codes.split()] == []


def test_false_07_toc_items_tied_to_html_anchors_are_listed() -> None:
    found = lint("false-07")
    assert [d for d in found if "missing from the table of contents" in d.message] == []
    # An anchor wrapping the heading's text is compared like a slug: line 4's label is cut off;
    # an empty <a name> above a heading marks a place, its label ("Monocular") names no text.
    assert at(found, "AL401") == [(4, 4)]


def test_false_14_the_entry_that_moved_is_reported() -> None:
    assert at(lint("false-14"), "AL204") == [(2, 25)]


def test_noise_06_a_dangling_toc_item_is_reported_once() -> None:
    found = lint("noise-06")
    assert [(d.code, d.span.line) for d in found if d.span.line == 3] == [("AL403", 3)]


def test_missed_14_a_list_mixing_date_labels_and_emphasis_is_told_once() -> None:
    found = [d for d in lint("missed-14") if d.code == "AL201"]
    assert [(d.span.line, d.span.column, d.severity) for d in found] == [
        (6, 8, Severity.INFO),
        (6, 16, Severity.INFO),
    ]
    assert (
        found[0].message == 'dates labelled "🗓️ Date:" (1) and "📅 Date:" (1) in one list: pick one'
    )


def test_missed_18_the_section_sorted_the_other_way_is_info() -> None:
    assert [d.severity for d in lint("missed-18") if d.code == "AL204"] == [Severity.INFO]


def test_noise_10_and_11_are_no_errors() -> None:
    assert {d.severity for d in lint("noise-10") if d.code == "AL302"} == {Severity.INFO}
    assert [d for d in lint("noise-11") if d.code == "AL304"] == []


def test_noise_14_boilerplate_is_info() -> None:
    found = lint("noise-14")
    assert {(d.code, d.severity) for d in found} == {
        ("AL501", Severity.INFO),
        ("AL502", Severity.INFO),
    }


MISSED = [
    ("missed-04", "AL102", [(7, 34), (7, 77)]),  # <br/> where the table writes <br />
    ("missed-07", "AL204", [(4, 24), (7, 24)]),  # the two 2021 papers of a 2022 section
    ("missed-17", "AL104", [(8, 92)]),  # "Comins Soon" beside five "Coming soon"
    ("missed-18", "AL204", [(5, 4)]),  # Registration oldest-first, the rest newest-first
    ("missed-21", "AL107", [(8, 8), (8, 17)]),  # a space before the authors' commas
]


@pytest.mark.parametrize(("report", "code", "where"), MISSED, ids=[r for r, _, _ in MISSED])
def test_the_defect_the_report_shows_is_found(report: str, code: str, where: list) -> None:
    assert at(lint(report), code) == where
