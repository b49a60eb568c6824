"""Every layout of ../shared/field-reports (layouts seen on real paper lists) is read: the entries
it must give, each with the fields a maintainer expects (README.md there says which). Also the
non-papers that must not be read as entries, and the units a list must not pass in silence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from awesome_lint.entrydump import entry_record
from awesome_lint.parse import parse_document

REPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "field-reports"


def read_report(name: str):
    path = REPORTS / name
    if not path.is_file():
        pytest.skip(f"../shared/field-reports/{name} is not available")
    return parse_document(path.read_text(encoding="utf-8"), name)


def fields(entry, names: tuple[str, ...]) -> dict[str, Any]:
    record = entry_record(entry)
    return {name: record[name]["text"] if record[name] else None for name in names}


T, AL, A, D, V = "title", "alias", "authors", "date", "venue"

# file -> [(line, {field: plain text}), ...]: every entry it must give, and nothing else.
EXPECTED: dict[str, list[tuple[int, dict[str, str | None]]]] = {
    "layout-01-nested-entries.md": [
        (4, {T: "A Made-Up Open-World Detector", AL: "ABC", V: "CVPR, 2023"}),
        (5, {T: "Another Made-Up Detector", AL: "XYZ", V: "ICCV, 2023"}),
    ],
    "layout-02-alias-read-as-title.md": [
        (3, {T: "Made-Up Token Pruning", AL: "QRZ", V: "arXiv, 2021"}),
        (4, {T: "Made-Up Compression with Low Rank", AL: "QRZ", V: "arXiv, 2022"}),
        (5, {T: "Trainer: A Made-Up Curriculum", AL: "Trainer", V: "ICCV, 2023"}),
        (6, {T: "Trainer++: A Made-Up Journal Extension", AL: "Trainer++", V: "TPAMI, 2024"}),
    ],
    "layout-03-authors-first.md": [
        (
            3,
            {
                T: "A Made-Up Event-Based Flow Method",
                A: "Lee, A., Kim, B.",
                V: "IEEE Conf. Computer Vision and Pattern Recognition (CVPR), 2021",
            },
        ),
        (6, {T: "A Made-Up Policy Search Method", A: "Park, C., Wu, D.", V: "ICML, 2019"}),
    ],
    "layout-04-date-in-parentheses.md": [
        (3, {T: "Made-Up Video Model One", D: "Jun., 2024", V: "NeurIPS 2024", A: None}),
        (5, {T: "Made-Up Video Model Two", D: "May, 2024", V: None, A: None}),
        (7, {T: "Made-Up Video Model Three", D: "Apr., 2024", V: None, A: None}),
    ],
    "layout-05-venue-link-first.md": [
        (3, {T: "A Made-Up Quantization Method", V: "ICLR"}),
        (4, {T: "Another Made-Up Binary Network", V: "arXiv"}),
    ],
    "layout-06-author-line-after-blank-line.md": [
        (1, {T: "Made-Up Alpha Networks.", A: "Ann Lee, Bo Chen", V: "ICML 2019"}),
        (4, {T: "Made-Up Beta Networks.", A: "Cy Diaz, Di Evans", V: "ICLR 2020"}),
        (7, {T: "Made-Up Gamma Networks.", A: "Ed Fox", V: "KDD 2019"}),
        (10, {T: "Made-Up Delta Networks.", A: "Flo Gray, Gil Hu", V: None, D: "2018"}),
    ],
    "layout-07-year-and-authors-after-title.md": [
        (3, {T: "Made-Up Speech Model A", D: "2020", A: "Ann Lee et al", V: None}),
        (4, {T: "Made-Up Speech Model B", D: "2020", A: "Bo Kim et al", V: None}),
        (5, {T: "Made-Up Speech Model C", D: "2021", A: "Cy Park et al", V: None}),
    ],
    "layout-08-venue-in-parentheses-prefix.md": [
        (3, {T: "A Made-Up Text-to-Image Model", V: "CVPR 2023", A: "Ann Lee et al"}),
        (4, {T: "Another Made-Up Benchmark", V: "arXiv preprint 2023", A: "Bo Kim et al"}),
    ],
    "layout-09-date-prefix.md": [
        (3, {T: "A Made-Up Embodied Agent Study", D: "2023/10", A: "Ann Lee et al.", V: "arXiv"}),
        (5, {T: "A Made-Up Evaluation of Chat Models", D: "2023/08", A: "Bo Kim et al."}),
    ],
    "layout-10-table-title-cell-without-bold.md": [
        (5, {T: "A Made-Up Diffusion LM"}),
        (6, {T: "Made-Up Agent Memory"}),
    ],
    "layout-11-year-venue-prefix.md": [
        (3, {T: "A Made-Up Method for Noisy Labels", D: "2019", V: "CVPR"}),
        (4, {T: "Another Made-Up Robust Loss", D: "2019", V: "ICML"}),
    ],
    "layout-14-numbered-citation-paragraphs.md": [
        (3, {T: "A made-up deep network", A: "Doe, Jane, et al.", V: "Made-Up Journal", D: "2006"}),
        (7, {T: "A made-up detector", A: "Roe, John", V: "Made-Up Conference", D: "2015"}),
        (9, {T: "A made-up tracker", A: "Poe, Ann", V: "Made-Up Conference", D: "2016"}),
    ],
    "layout-15-bold-title-then-key-value-list.md": [
        (3, {T: "A Made-Up Backbone for Dense Prediction"}),
        (8, {T: "Another Made-Up Backbone"}),
    ],
    "layout-16-underlined-alias-prefix.md": [
        (3, {T: "A Made-Up Language Model", AL: "FooLM", A: "Ann Lee et al", V: "arXiv 2023"}),
        (4, {T: "Another Made-Up Language Model", AL: "BarLM", A: "Bo Kim et al", V: "ICLR 2023"}),
    ],
    "layout-17-quoted-title-without-bold.md": [
        (3, {T: "A Made-Up Survey of Vision Transformers", V: "arXiv, 2024"}),
        (4, {T: "Another Made-Up Survey", V: "TPAMI, 2023"}),
    ],
    "layout-18-bracketed-date-and-venue-in-item.md": [
        (2, {T: "Made-Up Quartz Net", D: "1st Jan., 2023", V: "CVPR, 2023"}),
        (3, {T: "Made-Up Basalt Net", D: "2nd Feb., 2023", V: "ICCV, 2023"}),
        (4, {T: "Made-Up Slate Net", D: "3th Apr., 2023", V: "ECCV, 2023"}),
    ],
    "layout-12-table-lost-on-cell-count.md": [
        (5, {T: "Alpha: A Made-Up Vision Model", D: "2024-05-02", V: "arXiv"}),
        (6, {T: "Beta: A Made-Up Speech Model", D: "2024-04-03", V: "arXiv"}),
        (7, {T: "Gamma: A Made-Up Reader for Arxiv Papers", D: "2024-01-04", V: "arXiv"}),
        (8, {T: "Delta: A Made-Up Music Model", D: "2024-03-05", V: "arXiv"}),
    ],
    "layout-13-table-row-without-leading-pipe.md": [
        (5, {T: "Alpha: A Made-Up Vision Model", D: "2024-05-02", V: "arXiv"}),
        (6, {T: "Beta: A Made-Up Speech Model", D: "2024-04-03", V: "arXiv"}),
        (7, {T: "Gamma: A Made-Up Video Model", D: "2024-01-04", V: "arXiv"}),
        (8, {T: "Delta: A Made-Up Music Model", D: "2024-03-05", V: "arXiv"}),
    ],
    # Not papers: a tool list, TOC lines to other files, news lines, dataset rows.
    "false-06-description-read-as-authors.md": [],
    "false-12-cross-file-toc-links.md": [(7, {T: "A Made-Up Classifier", AL: "Foo"})],
    "false-13-update-notes-as-entries.md": [(7, {T: "A Made-Up Classifier", AL: "Foo"})],
    "false-08-dataset-row-duplicate-link.md": [(3, {T: "Alpha: A Made-Up Vision Model"})],
    # "arXiv<br />2023": the venue arXiv and its year, as with a space (see
    # test_venue_and_year_split_by_br_are_checked_like_one_venue).
    "missed-06-venue-year-after-br-hides-arxiv-checks.md": [
        (5, {T: "Made-Up Alpha Net for Inpainting", D: "2024/05", V: "arXiv 2024"}),
        (6, {T: "Made-Up Beta Net for Inpainting", D: "2024/03", V: "arXiv 2024"}),
        (7, {T: "Made-Up Gamma Net for Inpainting", D: "2023/11", V: "arXiv 2023"}),
    ],
    # A placeholder link does not lose the item (nor its date for AL202).
    "missed-16-placeholder-link.md": [
        (2, {T: "Made-Up Quartz Net", D: "1st Jan., 2023"}),
        (5, {T: "Made-Up Basalt Net", D: "31th Jan., 2023"}),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_field_report_is_read(name: str) -> None:
    doc = read_report(name)
    expected = EXPECTED[name]
    assert [e.span.line for e in doc.entries] == [line for line, _ in expected]
    for entry, (_, wanted) in zip(doc.entries, expected, strict=True):
        assert fields(entry, tuple(wanted)) == wanted
    assert doc.unread == ()  # every paper-like unit was read


def test_every_layout_report_has_a_test() -> None:
    if not REPORTS.is_dir():
        pytest.skip("../shared/field-reports is absent")
    layouts = {p.name for p in REPORTS.glob("layout-*.md")}
    assert layouts == {n for n in EXPECTED if n.startswith("layout-")}


def test_links_of_a_key_value_list_belong_to_its_title() -> None:
    doc = read_report("layout-15-bold-title-then-key-value-list.md")
    assert [[(link.label, link.url) for link in e.links] for e in doc.entries] == [
        [
            ("https://arxiv.org/abs/2401.00001", "https://arxiv.org/abs/2401.00001"),
            ("https://github.com/example/backbone", "https://github.com/example/backbone"),
        ],
        [("https://arxiv.org/abs/2401.00002", "https://arxiv.org/abs/2401.00002")],
    ]


def test_a_paper_listed_twice_is_two_entries() -> None:
    item = "- **A Made-Up Detector** [[PDF](https://arxiv.org/abs/2301.00001)]\n"
    assert len(parse_document(item + item).entries) == 2


def test_units_with_paper_links_that_are_not_read_are_kept_per_group() -> None:
    text = (
        "## A\n\n- [[PDF](https://arxiv.org/abs/2301.00001)]\n- **Read** [[PDF](https://arxiv.org/abs/2)]\n"
        "- [[PDF](https://arxiv.org/abs/2302.00002)]\n\n## B\n\n| Model | Link |\n| --- | --- |\n"
        "| Alpha | [arXiv](https://arxiv.org/abs/2303.00003) |\n"
    )
    doc = parse_document(text)
    assert [e.title.text for e in doc.entries] == ["Read"]
    assert [(u.family, u.lines) for u in doc.unread] == [("item", (3, 5)), ("row", (11,))]


def test_notes_and_tool_links_are_not_paper_like() -> None:
    text = (
        "- Our survey paper on MedIA: [A Survey](https://arxiv.org/abs/2211.07804)\n"
        "- [Tool](https://example.org) - a book based on [A Survey](https://arxiv.org/abs/2303.1)\n"
    )
    doc = parse_document(text)
    assert doc.entries == () and doc.unread == ()


def test_a_category_bullet_is_not_an_entry_but_its_items_are() -> None:
    text = (
        "* Detection:\n"
        "    * **A Made-Up Detector** [[PDF](https://arxiv.org/abs/2301.00001)]\n"
        "    * **Another Made-Up Detector** [[PDF](https://arxiv.org/abs/2302.00002)]\n"
    )
    doc = parse_document(text)
    assert [(e.span.line, e.title.text) for e in doc.entries] == [
        (2, "A Made-Up Detector"),
        (3, "Another Made-Up Detector"),
    ]
    assert len(doc.groups) == 1


def test_a_paper_link_among_model_links_is_read_like_its_neighbours() -> None:
    # Hannibal046/Awesome-LLM 538eed0 L245-250: a list of models, one linking its paper.
    models = (
        "- [Gemma2-9|27B](https://blog.google/technology/developers/google-gemma-2/)\n"
        "- [RecurrentGemma-2B](https://github.com/google-deepmind/recurrentgemma)\n"
        "- [T5](https://arxiv.org/abs/1910.10683)\n"
    )
    assert parse_document(models).entries == ()
    papers = "- [A Made-Up Detector](https://arxiv.org/abs/2301.00001)\n" * 2
    assert len(parse_document(papers + models).entries) == 3  # papers are the majority


def test_metadata_sub_bullets_stay_with_their_entry() -> None:
    # benedekrozemberczki/awesome-graph-classification 39476c5 chapters/deep_learning.md L4-7.
    text = (
        "- **Principal Neighbourhood Aggregation for Graph Nets (ArXiV 2020)**\n"
        "  - Gabriele Corso, Luca Cavalleri, Dominique Beaini, Pietro Liò, Petar Veličković\n"
        "  - [[Paper]](https://arxiv.org/abs/2004.05718)\n"
        "  - [[Python Reference]](https://github.com/lukecavabarrett/pna)\n"
    )
    (entry,) = parse_document(text).entries
    assert fields(entry, (T, A, V)) == {
        T: "Principal Neighbourhood Aggregation for Graph Nets",
        A: "Gabriele Corso, Luca Cavalleri, Dominique Beaini, Pietro Liò, Petar Veličković",
        V: "ArXiV 2020",
    }
    assert [link.label for link in entry.links] == ["[Paper]", "[Python Reference]"]


def test_alias_and_venue_inside_a_link_label() -> None:
    # wzhe06/Reco-papers 7879696 L18 (URL shortened).
    text = "* [[DCN] Deep & Cross Network for Ad Click Predictions (Stanford 2017)](https://x.org/a.pdf) <br />\n"
    (entry,) = parse_document(text).entries
    assert fields(entry, (T, AL, V)) == {
        T: "Deep & Cross Network for Ad Click Predictions",
        AL: "DCN",
        V: "Stanford 2017",
    }


def test_venue_and_year_split_by_br_are_checked_like_one_venue() -> None:
    path = REPORTS / "missed-06-venue-year-after-br-hides-arxiv-checks.md"
    if not path.is_file():
        pytest.skip("../shared/field-reports is absent")
    from awesome_lint.engine import Engine
    from awesome_lint.registry import builtin_registry
    from awesome_lint.source import SourceText

    def found(text: str) -> list[tuple[str, int, int]]:
        engine = Engine(builtin_registry().select(["AL206", "AL207"]))
        _, diagnostics = engine.lint(SourceText("t.md", text, text, "\n", False))
        return [(d.code, d.span.line, d.span.column) for d in diagnostics]

    text = path.read_text(encoding="utf-8")
    # the year's column moves by the length of "<br />" less the space
    assert found(text) == [("AL206", 7, 3), ("AL207", 7, 63)]
    assert found(text.replace("<br />", " ")) == [("AL206", 7, 3), ("AL207", 7, 58)]


def test_rows_of_an_html_table_are_entries() -> None:
    text = (
        "## Papers\n\n<table>\n<tr><th>Title</th><th>Venue</th><th>Links</th></tr>\n"
        '<tr><td><a href="https://arxiv.org/abs/2301.00001">A Made-Up Detector</a></td>'
        '<td>CVPR 2023</td><td><a href="https://github.com/x/y">Code</a></td></tr>\n'
        "<tr><td><b>Another Made-Up Detector</b></td><td>ICCV 2023</td>"
        '<td><a href="https://arxiv.org/abs/2302.00002">Paper</a></td></tr>\n</table>\n'
    )
    doc = parse_document(text)
    assert [(e.family, e.span.line, e.title.text, e.venue.text) for e in doc.entries] == [
        ("row", 5, "A Made-Up Detector", "CVPR 2023"),
        ("row", 6, "Another Made-Up Detector", "ICCV 2023"),
    ]
    assert [e.title.span.column for e in doc.entries] == [52, 12]


def test_break_separated_lines_of_a_paragraph_are_entries_but_prose_is_not() -> None:
    text = (
        "## Papers\n\n"
        "[A Made-Up Detector](https://arxiv.org/abs/2301.00001) - Ann Lee, Bo Kim, CVPR 2023<br>\n"
        "[Another Made-Up Detector](https://arxiv.org/abs/2302.00002) - Cy Park et al., ICCV 2023<br>\n"
        "See [our blog](https://example.org) for more, and [the PDF](https://arxiv.org/abs/2303.1).\n"
    )
    doc = parse_document(text)
    assert [fields(e, (T, A, V)) for e in doc.entries] == [
        {T: "A Made-Up Detector", A: "Ann Lee, Bo Kim", V: "CVPR 2023"},
        {T: "Another Made-Up Detector", A: "Cy Park et al.", V: "ICCV 2023"},
    ]


# More item layouts of paper lists, one per line: (item, expected fields).
ITEM_LAYOUTS = [
    (
        "- A Made-Up Graph Method. Ann Lee, Bo Kim. ICML 2020. [paper](https://arxiv.org/abs/1)",
        {T: "A Made-Up Graph Method", A: "Ann Lee, Bo Kim", V: "ICML 2020"},
    ),
    (
        "* [A Made-Up Vision Model](https://arxiv.org/abs/2002.00002) (CVPR 2020)",
        {T: "A Made-Up Vision Model", V: "CVPR 2020"},
    ),
    (
        "- **[A Made-Up Speech Model](https://arxiv.org/abs/3)** - Cy Park, Di Wu (Interspeech 2021)",
        {T: "A Made-Up Speech Model", A: "Cy Park, Di Wu", V: "Interspeech 2021"},
    ),
    (
        "- [A Made-Up Language Model](https://arxiv.org/abs/4). Ed Fox, Fa Li. ACL, 2021.",
        {T: "A Made-Up Language Model", A: "Ed Fox, Fa Li", V: "ACL, 2021"},
    ),
    (
        "- **A Made-Up Speech Recognizer**(1997), J.G. Fiscus. [[pdf]](https://x.org/a.pdf)",
        {T: "A Made-Up Speech Recognizer", A: "J.G. Fiscus", D: "1997"},
    ),
    (
        "- *A Made-Up Italic Title*, Gil Hu et al., KDD 2019. [[PDF]](https://example.org/p.pdf)",
        {T: "A Made-Up Italic Title", A: "Gil Hu et al.", V: "KDD 2019"},
    ),
    (
        "- [OpenTool](https://github.com/x/t) - An Easy-to-use, Scalable and Fast RLHF Framework",
        None,
    ),
    (  # Yutong-Zhou-cv/Awesome-Text-to-Image b2a6b3f L469 (shortened): a tag inside the bold
        "* (INTERSPEECH 2020)**[Extent Version] S2IGAN: Speech-to-Image Generation**, Xinsheng "
        "Wang et al. [[Paper](https://arxiv.org/abs/2005.06968)]",
        {T: "S2IGAN: Speech-to-Image Generation", A: "Xinsheng Wang et al", V: "INTERSPEECH 2020"},
    ),
]


@pytest.mark.parametrize(("item", "expected"), ITEM_LAYOUTS, ids=range(len(ITEM_LAYOUTS)))
def test_more_item_layouts(item: str, expected: dict[str, str] | None) -> None:
    entries = parse_document(item + "\n").entries
    if expected is None:
        assert entries == ()
    else:
        (entry,) = entries
        assert fields(entry, tuple(expected)) == expected


MORE_PREFIXES = [
    ("- **CVPR 2023** A Made-Up Bold Venue Title [[paper](https://arxiv.org/abs/1)]", "CVPR 2023"),
    ("- `CVPR 2023` A Made-Up Code Venue Title [paper](https://arxiv.org/abs/2)", "CVPR 2023"),
    ("- [CVPR 2023] A Made-Up Bracket Venue Title [[paper](https://arxiv.org/abs/3)]", "CVPR 2023"),
    ("- A Made-Up Suffix Venue Title (CVPR 2023) [paper](https://arxiv.org/abs/4)", "CVPR 2023"),
]


@pytest.mark.parametrize(("item", "venue"), MORE_PREFIXES, ids=range(len(MORE_PREFIXES)))
def test_venue_before_or_after_a_plain_title(item: str, venue: str) -> None:
    (entry,) = parse_document(item + "\n").entries
    assert fields(entry, (V,)) == {V: venue}
    assert entry.title.text.startswith("A Made-Up") and entry.title.text.endswith("Title")


def test_authors_sentence_before_a_plain_title() -> None:
    item = "- Ann Lee, Bo Kim. A Made-Up Title. ICML 2020. [pdf](https://x.org/a.pdf)\n"
    (entry,) = parse_document(item).entries
    assert fields(entry, (T, A, V)) == {T: "A Made-Up Title", A: "Ann Lee, Bo Kim", V: "ICML 2020"}


def test_a_groups_majority_reads_its_minority() -> None:
    text = (
        "- [A Made-Up Detector](https://arxiv.org/abs/1), Ann Lee, Bo Kim, CVPR 2021\n"
        "- [Another Made-Up Detector](https://arxiv.org/abs/2), Cy Park, Di Wu, ICCV 2021\n"
        "- [A Third Made-Up Detector](https://arxiv.org/abs/3), Ed Fox, Fa Li, ECCV 2022\n"
        "- [A Fourth Made-Up Detector](https://arxiv.org/abs/4), zhengyao jiang and yaowang\n"
    )
    last = parse_document(text).entries[-1]
    assert fields(last, (A,)) == {A: "zhengyao jiang and yaowang"}
    assert last.extras == ()
    alone = parse_document(text.splitlines(keepends=True)[-1]).entries[0]
    assert fields(alone, (A,)) == {A: None}  # without neighbours, lower-case words are no names


def test_lines_after_a_marked_title_belong_to_its_entry() -> None:
    text = (
        "[A Made-Up Detector](https://arxiv.org/abs/2301.00001)<br>\n*Ann Lee, Bo Kim*<br>\n"
        "CVPR 2023<br>\n[Another Made-Up Detector](https://arxiv.org/abs/2302.00002)<br>\n"
        "*Cy Park*<br>\nICCV 2023\n"
    )
    doc = parse_document(text)
    assert [(e.span.line, e.span.end_line) for e in doc.entries] == [(1, 3), (4, 6)]
    assert [fields(e, (T, A, V)) for e in doc.entries] == [
        {T: "A Made-Up Detector", A: "Ann Lee, Bo Kim", V: "CVPR 2023"},
        {T: "Another Made-Up Detector", A: "Cy Park", V: "ICCV 2023"},
    ]
