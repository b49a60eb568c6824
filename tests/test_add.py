"""``awesome-lint add``, offline: identifiers, metadata records, the entry written in the house
style, and where it goes. The command against local service doubles: tests/links/test_add_command.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from awesome_lint.add.command import insert_papers
from awesome_lint.add.compose import Overrides, render_authors, render_date, render_venue
from awesome_lint.add.metadata import (
    Paper,
    paper_from_csl,
    papers_from_arxiv_feed,
    venue_in_comment,
)
from awesome_lint.add.place import PlacementError
from awesome_lint.add.refs import PaperRef, read_ref
from awesome_lint.engine import Engine, parse_source
from awesome_lint.registry import builtin_registry
from awesome_lint.source import decode
from awesome_lint.style import HouseStyle

from .corpus import corpus_files, read_text

ARXIV = PaperRef("arxiv", "2401.01234")


def paper(**fields: object) -> Paper:
    base: dict[str, object] = {
        "ref": ARXIV,
        "title": "Made-Up Diffusion for Lesion Maps",
        "authors": ("Ann Lee", "Bo Kim", "Cy Ng"),
        "year": 2024,
        "month": 1,
        "day": 3,
    }
    base.update(fields)
    return Paper(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2207.12268", PaperRef("arxiv", "2207.12268")),
        ("arXiv:2207.12268v2", PaperRef("arxiv", "2207.12268")),
        ("https://arxiv.org/pdf/2207.12268v1.pdf", PaperRef("arxiv", "2207.12268")),
        ("hep-th/9901001", PaperRef("arxiv", "hep-th/9901001")),
        ("10.1145/3592433", PaperRef("doi", "10.1145/3592433")),
        ("https://doi.org/10.1145/3592433", PaperRef("doi", "10.1145/3592433")),
        ("README.md", None),
        ("10.1/x", None),
    ],
)
def test_papers_are_named_by_arxiv_id_or_doi_in_every_usual_form(text, expected) -> None:
    assert read_ref(text) == expected


FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
<entry><id>http://arxiv.org/abs/2401.01234v3</id><published>2024-01-03T18:00:00Z</published>
<title>Made-Up Diffusion
  for Lesion Maps</title>
<author><name>Ann Lee</name></author><author><name>Bo Kim</name></author>
<arxiv:comment>12 pages. Accepted at MICCAI 2024</arxiv:comment></entry>
<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_bad</id><title>Error</title></entry>
</feed>"""


def test_an_arxiv_record_gives_title_authors_first_version_date_and_the_venue_of_its_comment():
    assert papers_from_arxiv_feed(FEED) == {
        "2401.01234": Paper(
            ARXIV,
            "Made-Up Diffusion for Lesion Maps",
            ("Ann Lee", "Bo Kim"),
            2024,
            1,
            3,
            venue="MICCAI",
            venue_year=2024,
        )
    }


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("Accepted to CVPR'23", ("CVPR", 2023)),
        ("To appear in the NeurIPS 2023 Workshop on Things", ("NeurIPS", 2023)),
        ("Accepted by IEEE TMI", ("IEEE TMI", None)),
        ("12 pages, 3 figures", (None, None)),
        ("accepted to the main conference", (None, None)),
    ],
)
def test_the_venue_is_read_from_an_arxiv_comment_only_when_it_names_one(comment, expected):
    assert venue_in_comment(comment) == expected


def test_a_csl_record_gives_title_authors_issued_date_and_container() -> None:
    record = {
        "title": ["A DOI Paper"],
        "author": [{"given": "Ann", "family": "Lee"}, {"literal": "The Consortium"}],
        "issued": {"date-parts": [[2023, 3]]},
        "container-title": "Nature Methods",
        "container-title-short": "Nat. Methods",
    }
    ref = PaperRef("doi", "10.1000/x")
    assert paper_from_csl(ref, record) == Paper(
        ref, "A DOI Paper", ("Ann Lee", "The Consortium"), 2023, 3, None, "Nat. Methods", 2023
    )


DOTTED = HouseStyle(month_style="abbr-dot")


@pytest.mark.parametrize(
    ("template", "house", "when", "expected"),
    [
        ("25th Jul., 2022", DOTTED, (2024, 1, 3), "3rd Jan., 2024"),
        ("25th Jul., 2022", DOTTED, (2024, 5, 22), "22nd May, 2024"),  # "May" takes no period
        ("25th Jul., 2022", replace(DOTTED, may_dot=True), (2024, 5, 22), "22nd May., 2024"),
        ("7th Jul., 2022", replace(DOTTED, date_zero_pad=True), (2024, 6, 1), "01st Jun., 2024"),
        ("16 Oct 2023", HouseStyle(month_style="abbr"), (2024, 9, 11), "11 Sep 2024"),
        ("25 July 2022", HouseStyle(month_style="full"), (2024, 9, 11), "11 September 2024"),
        ("5th Mar., 2024", HouseStyle(month_style=None), (2024, 1, 3), "3rd Jan., 2024"),
        ("Jul. 2022", HouseStyle(month_style="ap"), (2024, 9, 11), "Sept. 2024"),
        ("Jul. 2022", HouseStyle(month_style="ap"), (2024, 6, 11), "June 2024"),
        ("2022-07-25", HouseStyle(), (2024, 1, 3), "2024-01-03"),
        ("2022/07", HouseStyle(), (2024, 1, 3), "2024/01"),
        ("2022", HouseStyle(), (2024, 1, 3), "2024"),
    ],
)
def test_the_date_is_written_in_the_templates_layout_and_the_groups_month_style(
    template, house, when, expected
) -> None:
    year, month, day = when
    assert render_date(template, paper(year=year, month=month, day=day), house) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Pedro Sanchez, Antanas Kascenas", "Ann Lee, Bo Kim, Cy Ng"),
        ("Schwarz et al.", "Lee et al."),
        ("Ann One and Bo Two", "Ann Lee, Bo Kim and Cy Ng"),
        ("Ann One, Bo Two, and Cy Three", "Ann Lee, Bo Kim, and Cy Ng"),
        ("Lee; Kim", "Lee; Kim; Ng"),
        ("Ann One, Bo Two.", "Ann Lee, Bo Kim, Cy Ng."),
    ],
)
def test_authors_are_joined_as_the_template_joins_its_own(template, expected) -> None:
    assert render_authors(template, paper()) == expected


@pytest.mark.parametrize(
    ("template", "venue", "year", "expected"),
    [
        ("MICCAI Workshop, 2022", "CVPR", 2023, "CVPR, 2023"),
        ("arXiv 2022", "arXiv", 2024, "arXiv 2024"),
        ("NeurIPS", "ICLR", 2024, "ICLR"),
    ],
)
def test_the_venue_keeps_the_templates_shape(template, venue, year, expected) -> None:
    assert render_venue(template, venue, year) == expected


LIST = """# Papers

## Segmentation

**Newer Paper** \\
*Ann One, Bo Two* \\
[5th Mar., 2024] [CVPR, 2024] \\
[[Paper](https://arxiv.org/abs/2403.00001)] [[Code](https://github.com/a/newer)]

**Older Paper** \\
*Cy Three* \\
[1st Jun., 2023] [arXiv, 2023] \\
[[Paper](https://arxiv.org/abs/2306.00001)]

## Generation

**Other Paper** \\
*Di Four* \\
[1st Jun., 2023] [arXiv, 2023] \\
[[Paper](https://arxiv.org/abs/2306.00002)]
"""


def add_to(text: str, new: Paper, section: str | None = "Segmentation", **over: str):
    result, added = insert_papers(
        decode(text.encode(), "README.md"), [new], section, Overrides(**over)
    )
    return result.text, added


def test_the_new_entry_is_written_like_its_neighbours_where_the_order_puts_it() -> None:
    text, added = add_to(LIST, paper(), code="https://github.com/lee/maps")
    assert added == [
        (
            10,
            "**Made-Up Diffusion for Lesion Maps** \\\n*Ann Lee, Bo Kim, Cy Ng* \\\n"
            "[3rd Jan., 2024] [arXiv, 2024] \\\n"
            "[[Paper](https://arxiv.org/abs/2401.01234)] [[Code](https://github.com/lee/maps)]",
        )
    ]
    assert text.index("**Newer Paper**") < text.index("**Made-Up") < text.index("**Older Paper**")
    assert "\n\n**Made-Up" in text and "Code](https://github.com/lee/maps)]\n\n**Older" in text


def test_without_a_code_url_the_neighbours_code_link_is_not_copied() -> None:
    _, added = add_to(LIST, paper(venue="MICCAI", venue_year=2024))
    assert added[0][1].endswith(
        "[3rd Jan., 2024] [MICCAI, 2024] \\\n[[Paper](https://arxiv.org/abs/2401.01234)]"
    )


def test_a_paper_older_than_every_entry_goes_last_in_a_newest_first_section() -> None:
    text, added = add_to(LIST, paper(year=2020, month=2, day=1))
    assert added[0][0] == 15
    assert text.index("**Older Paper**") < text.index("**Made-Up") < text.index("## Generation")


def test_a_paper_listed_already_is_refused_with_its_line() -> None:
    with pytest.raises(PlacementError, match=r"2306.00001 is listed already, at line 10"):
        add_to(LIST, paper(ref=PaperRef("arxiv", "2306.00001")))
    with pytest.raises(PlacementError, match=r"listed already, at line 17"):
        add_to(LIST, paper(title="other paper"))


def test_without_a_section_and_several_candidates_the_error_lists_them() -> None:
    with pytest.raises(
        PlacementError, match=r"'Segmentation' \(line 3\), 'Generation' \(line 15\)"
    ):
        add_to(LIST, paper(), section=None)
    with pytest.raises(PlacementError, match=r"no section 'Nope'"):
        add_to(LIST, paper(), section="Nope")
    assert add_to(LIST, paper(), section="#generation")[1][0][0] == 22


def _largest_dated_group(path: Path):
    doc = parse_source(decode(path.read_bytes(), str(path)))
    dated = [g for g in doc.groups if any(doc.entries[i].date for i in g.entries)]
    if not dated or max(len(g.entries) for g in dated) < 3:
        return doc, None
    return doc, max(dated, key=lambda g: len(g.entries))


@pytest.mark.slow  # lints each whole list again with its new entry
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:40])
def test_on_every_corpus_list_with_dates_the_new_entry_reads_back_and_lints_clean(path) -> None:
    doc, group = _largest_dated_group(path)
    if group is None:
        pytest.skip("no group of dated entries")
    section = doc.sections[group.section].text if group.section is not None else None
    new = paper(
        title="Made-Up Counterfactual Maps for Lesion Finding", venue="MICCAI", venue_year=2024
    )
    result, [(line, entry_text)] = insert_papers(
        decode(path.read_bytes(), str(path)), [new], section, Overrides()
    )
    after = parse_source(result)
    entry = next(e for e in after.entries if e.span.line == line)
    assert entry.title is not None and entry.title.text == new.title
    dated = entry.date.text if entry.date else entry.venue.text if entry.venue else ""
    assert "2024" in dated
    assert [link.url for link in entry.links if "2401.01234" in link.url]
    _, findings = Engine(builtin_registry().select()).lint(result)
    last = line + entry_text.count("\n")
    assert [f"{d.code} {d.message}" for d in findings if line <= d.span.line <= last] == []
    assert len(after.entries) == len(doc.entries) + 1
    assert read_text(path).count("\n") + entry_text.count("\n") < result.text.count("\n") + 1


def test_a_table_row_keeps_only_the_new_papers_cells() -> None:
    table = (
        "## Milestones\n\n| Date | Model | Paper |\n| --- | --- | --- |\n"
        "| 2023-03 | GPT-4 | [Made-Up Report](https://arxiv.org/abs/2303.08774) |\n"
        "| 2022-06 | Other | [Made-Up Other](https://arxiv.org/abs/2206.01234) |\n"
    )
    _, [(line, row)] = add_to(table, paper(), section=None)
    assert (line, row) == (
        5,
        "| 2024-01 |       | [Made-Up Diffusion for Lesion Maps](https://arxiv.org/abs/2401.01234) |",
    )
