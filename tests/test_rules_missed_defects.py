"""The defects maintainers asked for (issue 16, item 7), each read from its field report in
../shared/field-reports: the exact code, line and column reported, and nothing where a report
shows a finding that must not be made."""

from __future__ import annotations

from pathlib import Path

import pytest

from .rulebook import expect_lines, run_rule

FIELD_REPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "field-reports"


def field_report(prefix: str) -> str:
    matches = sorted(FIELD_REPORTS.glob(f"{prefix}-*.md")) if FIELD_REPORTS.is_dir() else []
    if not matches:
        pytest.skip(f"../shared/field-reports/{prefix}-* is not available")
    return matches[0].read_text(encoding="utf-8")


def places(code: str, text: str, config: str | None = None) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in run_rule(code, text, config)]


@pytest.mark.parametrize(
    ("report", "code", "expected"),
    [
        ("missed-01", "AL305", [("AL305", 4, 42)]),  # [paper]()
        ("missed-16", "AL305", [("AL305", 7, 6)]),  # [PDF](Link to PDF): no link at all
        ("missed-02", "AL111", [("AL111", 7, 90)]),  # [Paper](url)/ and nothing after it
        ("missed-05", "AL111", [("AL111", 3, 65)]),  # [[PDF]( https://…)]
        ("missed-19", "AL111", [("AL111", 4, 26)]),  # Title](url) without its "["
        ("missed-20", "AL112", [("AL112", 7, 5)]),  # an entry indented into a code block
        ("missed-09", "AL113", [("AL113", 5, 1)]),  # "21." among "1."
        ("missed-10", "AL306", [("AL306", 6, 96)]),  # Code link = Paper link
        ("missed-11", "AL307", [("AL307", 3, 108), ("AL307", 4, 107)]),  # one repo, 3 papers
        ("missed-08", "AL408", [("AL408", 4, 16)]),  # "## Segmentation:"
        ("missed-12", "AL201", [("AL201", 7, 24)]),  # Publication Date: ICCV, 2023
        ("missed-13", "AL303", [("AL303", 3, 64), ("AL303", 4, 63)]),  # google.com/url, context
    ],
)
def test_missed_defect_is_reported(report: str, code: str, expected: list) -> None:
    assert places(code, field_report(report)) == expected


@pytest.mark.parametrize(
    ("report", "code"),
    [
        ("false-01", "AL111"),  # row numbers "1)" are not link syntax
        ("noise-02", "AL303"),  # arXiv abs against pdf, version pins: a style choice
        ("noise-10", "AL307"),  # a showcase section repeats its entries
        ("missed-17", "AL306"),
    ],
)
def test_no_finding_where_the_report_wants_none(report: str, code: str) -> None:
    assert places(code, field_report(report)) == []


def test_arxiv_shape_and_versions_are_checked_on_request() -> None:
    config = "[rules.AL303]\ncheck-arxiv-shape = true\ncheck-arxiv-version = true\n"
    assert places("AL303", field_report("noise-02"), config) == [
        ("AL303", 6, 51),
        ("AL303", 7, 53),
    ]


def test_redirect_fix_names_the_target_itself() -> None:
    (found,) = [d for d in run_rule("AL303", field_report("missed-13")) if d.span.line == 3]
    assert found.fix is not None and found.fix.safe
    assert [e.replacement for e in found.fix.edits] == ["https://openreview.net/pdf?id=abc123"]


SHOWCASE = """\
## Highlights

**Made-Up Quartz Net.** [1st Jan., 2023] [CVPR, 2023]<br>[[PDF](https://arxiv.org/abs/2301.01111)] [[Code](https://github.com/example/quartz)]<br>
**Made-Up Basalt Net.** [2nd Feb., 2023] [ICCV, 2023]<br>[[PDF](https://arxiv.org/abs/2302.02222)] [[Code](https://github.com/example/quartz)]<br>

## Papers

**Made-Up Slate Net.** [4th Apr., 2023] [ECCV, 2023]<br>[[PDF](https://arxiv.org/abs/2304.04444)] [[Code](https://github.com/example/slate)]<br>
**Made-Up Shale Net.** [5th Apr., 2023] [ECCV, 2023]<br>[[PDF](https://arxiv.org/abs/2304.05555)] [[Code](https://github.com/example/slate.git)]<br>
"""


def test_shared_code_link_skips_showcase_sections_and_ignores_git_suffix() -> None:
    assert places("AL307", SHOWCASE) == [("AL307", 9, 107)]


def test_counting_list_with_a_repeated_number_has_no_single_stray() -> None:
    text = "".join(f"{n}. **Paper {i}**. ICLR 2020.\n" for i, n in enumerate([1, 2, 3, 3, 4, 5]))
    assert places("AL113", text) == []


def test_heading_colon_fix_also_fixes_the_toc_label() -> None:
    text = (
        "- [Segmentation:](#segmentation)\n- [Registration](#registration)\n\n"
        "## Segmentation:\n\n## Registration\n"
    )
    (found,) = run_rule("AL408", text)
    assert expect_lines([found]) == ['4:16 AL408 heading "Segmentation:" ends with a colon']
    assert found.fix is not None
    assert [text[e.start : e.end] for e in found.fix.edits] == [":", ":"]
    assert [e.start for e in found.fix.edits] == [text.index(":"), text.index(":\n\n")]


def test_lists_nested_under_different_items_are_numbered_apart() -> None:
    text = "".join(
        f"- Topic {topic}\n"
        + "".join(f"  {n}. **Paper {topic}{n}**. ICLR 2020.\n" for n in numbers)
        for topic, numbers in (("A", [1, 2, 3, 4]), ("B", [1, 2, 9, 4, 5]))
    )
    assert places("AL113", text) == [("AL113", 9, 3)]


def test_separator_before_links_on_the_next_line_is_not_dangling() -> None:
    text = (
        "**Made-Up Net.** [[Paper](https://arxiv.org/abs/2401.00001)] /\n"
        "[[Code](https://github.com/example/net)] / [[Project](https://example.org/net)] /\n"
    )
    assert places("AL111", text) == [("AL111", 2, 80)]


def test_address_in_a_link_label_is_not_a_lost_bracket() -> None:
    text = "- [Made-Up Net(https://example.org/net)](https://example.org/net)\n"
    assert places("AL111", text) == []


def test_placeholder_address_with_punctuation() -> None:
    text = "- **Made-Up Net.** [Code](Coming soon!) [Paper](https://arxiv.org/abs/2401.00001)\n"
    assert places("AL305", text) == [("AL305", 1, 20)]


def test_arxiv_badge_linking_the_paper_is_no_code_link() -> None:
    text = (
        "+ [Made-Up Video Model One](https://arxiv.org/abs/2406.00001) (Jun., 2024)  \n"
        "  [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2406.00001)"
        " [![Star](https://img.shields.io/github/stars/example/one)](https://arxiv.org/abs/2406.00001)\n"
    )
    assert places("AL306", text) == [("AL306", 2, 154)]


def test_comments_and_inline_code_are_not_looked_at() -> None:
    text = (
        "## Papers\n\n"
        "- [A](https://a.org) <!-- [x]() B](https://b.org) --> [Code]() `C](https://c.org)`\n"
        "<!--\n- [Hidden]()\n-->\n"
        "- D](https://d.org)\n"
    )
    assert places("AL305", text) == [("AL305", 3, 55)]
    assert places("AL111", text) == [("AL111", 7, 4)]


BORROWED = """\
**Diffusion Models with Implicit Guidance for Medical Anomaly Detection** \\
*Cosmin I. Bercea, Daniel Rueckert* \\
[[Paper](https://arxiv.org/abs/2403.08464)] [[GitHub](https://github.com/JuliaWolleb/diffusion-anomaly)]

**Diffusion Models for Medical Anomaly Detection** \\
*Julia Wolleb, Florentin Bieder* \\
[[Paper](https://arxiv.org/abs/2203.04306)] [[Github](https://github.com/JuliaWolleb/diffusion-anomaly)]
"""


def test_shared_code_link_is_reported_on_the_entry_that_borrowed_it() -> None:
    """After amirhossein-kz/Awesome-Diffusion-Models-in-Medical-Imaging (da4e07e), line 188."""
    (found,) = run_rule("AL307", BORROWED)
    assert (found.span.line, found.span.column) == (3, 55)
    assert found.data == {"related_line": 5}
