"""The field readers of :mod:`awesome_lint.parse.fields`, one by one: each judges a piece of text
by what it is, whatever layout it came from."""

from __future__ import annotations

import pytest

from awesome_lint.parse.fields import (
    citation_number,
    is_date,
    known_venue,
    link_kind,
    looks_like_authors,
    looks_like_title,
    name_list,
    news_line,
    paper_url,
    plain_text,
    split_venue_suffix,
    venue_with_year,
    year_venue_prefix,
)


@pytest.mark.parametrize(
    "text",
    [
        "A. Lee, B. Kim",
        "Lee, A., Kim, B.",
        "Ann Lee et al.",
        "S. E. LEVINSON et al",
        "M Mohri et al",
        "Doe, Jane, et al.",
        "Jeremy Howard and Sebastian Ruder",
        "Zhen Xing, Qijun Feng, Haoran Chen, Zuxuan Wu and Yu-Gang Jiang",
        "Alison Q. O'Neil",
        "David A Bruns-Smith",
        "Thang-Anh-Quan Nguyen*, Amine Bourki*, Anthony Brunel",
        "Jiawei Zhang",
    ],
)
def test_author_lists_in_every_common_shape(text: str) -> None:
    assert looks_like_authors(text)


@pytest.mark.parametrize(
    "text",
    [
        "Paper With Code",
        "Text → Image, Text → Video",
        "parse and filter event data, plus plotting",
        "a viewer, a recorder, a converter",
        "A Challenging, Contamination-Free LLM Benchmark",
        "Univ A",
        "CVPR 2023",
        "Park, C., Wu, D., A Made-Up Policy Search Method, ICML",
    ],
)
def test_descriptions_venues_and_titles_are_no_authors(text: str) -> None:
    assert not looks_like_authors(text)


def test_a_loose_name_list_on_its_own_line() -> None:
    assert name_list("zhengyao jiang, Tianjun Zhang, Xiaojian (Shawn) Ma")
    assert not name_list("Text → Image, Text → Video")
    assert not name_list("Jiawei Zhang")  # one name: looks_like_authors decides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25th Jul., 2022", True),
        ("2022/07", True),
        ("Jun., 2024", True),
        ("2024-03-17", True),
        ("Jul 2022", True),
        ("2020", True),
        ("16 Oct 2023", True),
        ("CVPR 2023", False),
        ("Lab A", False),
    ],
)
def test_dates_in_every_shape(text: str, expected: bool) -> None:
    assert is_date(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CVPR 2023", True),
        ("MICCAI, 2022", True),
        ("arXiv preprint 2023", True),
        ("IEEE Transactions on Network Science and Engineering-2022", True),
        ("Stanford 2017", True),
        ("AI Open 2020", True),
        ("2023", False),
        ("Jun., 2024", False),
        ("ICLR", False),
    ],
)
def test_venue_with_a_year(text: str, expected: bool) -> None:
    assert venue_with_year(text) is expected


def test_known_venue_names() -> None:
    assert (
        known_venue("ICLR")
        and known_venue("arXiv preprint")
        and known_venue("The 18th BioNLP workshop")
    )
    assert not known_venue("Lab B") and not known_venue("Made-Up Agent Memory")


def test_year_venue_prefix() -> None:
    text = "2019-CVPR - A Made-Up Method"
    m = year_venue_prefix(text, 0, len(text))
    assert m is not None and (m.group(1), m.group(2), text[m.end() :]) == (
        "2019",
        "CVPR",
        "A Made-Up Method",
    )
    assert year_venue_prefix("2019 CVPR Title", 0, 15) is None


def test_venue_suffix_of_a_title() -> None:
    title = "Principal Neighbourhood Aggregation for Graph Nets (ArXiV 2020)"
    cut = split_venue_suffix(title)
    assert cut is not None and title[:cut] == "Principal Neighbourhood Aggregation for Graph Nets"
    assert split_venue_suffix("Kaldi (a toolkit)") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Made-Up Detector", True),
        ("T5", True),
        ("Paper", False),
        ("[PDF]", False),
        ("Project Page", False),
        ("[1]", False),
        ("2022", False),
        ("CVPR 2023", False),
    ],
)
def test_title_candidates(text: str, expected: bool) -> None:
    assert looks_like_title(text) is expected


def test_citation_numbers_but_not_years() -> None:
    assert citation_number("[1]") and citation_number("12.") and citation_number("[1024]")
    assert not citation_number("2023")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**[Update: June, 2023]** Added the papers", True),
        ("[24/02/29] Update **Version 2.0**!", True),
        ("Our survey paper on MedIA: [Title](url)", True),
        ("Our paper has been accepted by Medical Image Analysis: [x](y)", True),
        ("**A Made-Up Detector** [[PDF](url)]", False),
        ("[2023/10] **A Made-Up Agent Study**", False),
    ],
)
def test_news_lines(text: str, expected: bool) -> None:
    assert news_line(text) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/2301.00001", True),
        ("https://doi.org/10.1000/xyz", True),
        ("https://openaccess.thecvf.com/content/x.html", True),
        ("https://github.com/wzhe06/Reco-papers/blob/master/x.pdf", True),
        ("doi:10.1000/xyz", True),
        ("https://github.com/example/tool", False),
        ("README_2.md#detection", False),
        ("#papers", False),
    ],
)
def test_paper_urls(url: str, expected: bool) -> None:
    assert paper_url(url) is expected


@pytest.mark.parametrize(
    ("label", "url", "kind"),
    [
        ("Paper", "https://example.org/p", "paper"),
        ("[PDF]", "https://example.org/p.pdf", "paper"),
        ("Code", "https://example.org/c", "code"),
        ("Python Reference", "https://github.com/x/y", "code"),
        ("Project Page", "https://x.github.io", "project"),
        ("bibtex", "./c/x.txt", "bibtex"),
        ("A Made-Up Detector", "https://arxiv.org/abs/2301.00001", "paper"),
        ("Made-Up Tool", "https://github.com/x/tool", "code"),
        ("Section", "#section", "anchor"),
    ],
)
def test_link_kinds_by_label_then_host(label: str, url: str, kind: str) -> None:
    assert link_kind(label, url) == kind


def test_plain_text_removes_markup_and_decodes_entities() -> None:
    assert plain_text("**Title** &amp; <u>more</u>") == "Title & more"
    assert plain_text("arXiv<br />2023") == "arXiv 2023"
    assert plain_text("*[A Made-Up Method](https://x.org/a)*") == "A Made-Up Method"
    assert (
        plain_text("[![arXiv](https://img.shields.io/b.svg)](https://arxiv.org/abs/1)") == "arXiv"
    )
