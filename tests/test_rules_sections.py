"""AL4xx: table of contents, anchors, empty sections, heading levels, section order, entries
outside sections. Exact (code, line, column) findings on small inputs, the fixes, and the real
lists of ../shared/corpus (defects of PROVENANCE.md at their lines; clean lists stay clean).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from awesome_lint.rule import RuleContext
from awesome_lint.rules.al406_section_order import SectionOrderOptions

from .corpus import corpus_document, corpus_file, corpus_files, house_style, needs_corpus, read_text
from .rulebook import apply_safe_fixes, found, messages, rule_class, run_rule

SECTION_RULES = ("AL401", "AL402", "AL403", "AL404", "AL405", "AL407")


def block(title: str, arxiv: str = "2203.04306") -> str:
    """A paper entry in the seed list's block format (format A)."""
    return (
        f"**{title}** \\\n*Julia Wolleb, Florentin Bieder* \\\n[8th Mar., 2022] [MICCAI, 2022] \\\n"
        f"[[Paper](https://arxiv.org/abs/{arxiv})]\n"
    )


def page(toc: str, *sections: str, title: str = "# Awesome List") -> str:
    """A document: title, a "## Contents" TOC, then ``## Name`` sections with one entry each
    (a name starting with "#" is written as is, with no entry)."""
    parts = [title, "", "## Contents", toc.strip("\n"), ""]
    for i, name in enumerate(sections):
        if name.startswith("#"):
            parts += [name, ""]
        else:
            parts += [f"## {name}", "", block(f"Paper {i} on {name}", f"2203.0{i:04d}")]
    return "\n".join(parts)


# -- AL401 toc-mismatch ----------------------------------------------------------------------------


def test_al401_heading_missing_item_without_heading_and_differing_labels() -> None:
    text = page(
        "- [Survey](#survey)\n- [Segment.](#segmentation)\n- [Biology](#biology)\n",
        "Survey",
        "Segmentation",
        "Reconstruction",
    )
    assert found("AL401", text) == [
        ("AL401", 5, 4),  # "Segment." is a truncated "Segmentation"
        ("AL401", 22, 4),  # "Reconstruction" is not listed
    ]
    assert messages("AL401", text) == [
        'TOC label "Segment." is a truncated form of its heading "Segmentation" (line 15)',
        'heading "Reconstruction" is missing from the table of contents',
    ]
    # No "Biology" section at all: a dangling anchor, reported once, by AL403 (noise-06)
    assert found("AL403", text) == [("AL403", 6, 13)]


def test_al401_label_with_other_words_differs() -> None:
    text = page("- [Surveys](#survey)\n- [Papers](#papers)\n", "Survey", "Papers")
    assert messages("AL401", text) == [
        'TOC label "Surveys" differs from its heading "Survey" (line 7)'
    ]


def test_al401_a_broken_anchor_whose_text_names_a_heading_is_left_to_al403() -> None:
    text = page("- [Survey](#surveys)\n- [Papers](#papers)\n", "Survey", "Papers")
    assert found("AL401", text) == []
    assert found("AL403", text) == [("AL403", 4, 12)]


def test_al401_conventional_headings_and_intro_and_deeper_levels_are_not_required() -> None:
    text = "\n".join(
        [
            "# Awesome List",
            "## Updates",
            "- New papers.",
            "## Contents",
            "- [Papers](#papers)",
            "- [Talks](#talks)",
            "## Papers",
            "#### Brain",
            block("A Brain Paper"),
            "## Talks",
            block("A Talk"),
            "## Contributing",
            "PRs welcome.",
            "## Acknowledgements",
            "Thanks.",
            "## Star History",
            "![chart](https://api.star-history.com/svg?repos=a/b)",
            "## License",
            "MIT",
        ]
    )
    assert found("AL401", text) == []


def test_al401_markdown_in_labels_and_headings_is_compared_as_shown() -> None:
    # zhaozh10/Awesome-CLIP-in-Medical-Imaging 822a9e9, lines 1 and 29 (shortened).
    text = (
        "# <p align=center>`Awesome CLIP in Medical Imaging`</p>\n\n"
        "- [`Awesome CLIP in Medical Imaging`](#awesome-clip-in-medical-imaging)\n"
        "  - [Overview](#overview)\n"
        "  - [**Pre-training**](#pre-training)\n\n"
        "## Overview\n\nText.\n\n## *Pre-training*\n\n" + block("A CLIP Paper")
    )
    assert found("AL401", text) == []
    assert found("AL403", text) == []


def test_al401_an_item_pointing_to_an_html_anchor_is_not_reported() -> None:
    text = page(
        "- [Survey](#survey)\n- [Start](#start)\n", "Survey", title='# <a id="start"></a>List'
    )
    assert found("AL401", text) == []


def test_al401_no_toc_no_finding() -> None:
    assert found("AL401", "# List\n\n## Survey\n\n" + block("A Paper")) == []


# -- AL402 toc-order -------------------------------------------------------------------------------

# amirhossein-kz/Awesome-Diffusion-Models-in-Medical-Imaging 08b235e, lines 30-51 (shortened):
# the TOC lists "Other Applications" before "Multi-task", the document the other way round.
INVERTED = (
    "# Awesome List\n"
    "\n"
    "## Contents\n"
    "- [Survey Papers](#survey-papers)\n"
    "\n"
    "- [Papers](#papers)\n"
    "  - [Time Series](#time-series)\n"
    "  - [Other Applications](#other-applications)\n"
    "  - [Multi-task](#multi-task)\n"
    "  \n"
    "## Survey Papers\n\n"
    + block("A Survey")
    + "\n## Papers\n\n### Time Series\n\n"
    + block("A Time Series Paper", "2203.00001")
    + "\n### Multi-task\n\n"
    + block("A Multi-task Paper", "2203.00002")
    + "\n### Other Applications\n\n"
    + block("An Other Paper", "2203.00003")
)


def test_al402_reports_the_moved_item_once() -> None:
    assert found("AL402", INVERTED) == [("AL402", 9, 6)]
    assert messages("AL402", INVERTED) == [
        'TOC lists "Multi-task" after "Other Applications", but the document has it before '
        "(line 27); list the sections in document order"
    ]


def test_al402_fix_is_unsafe_sorts_the_lines_and_is_stable() -> None:
    diagnostics = run_rule("AL402", INVERTED)
    assert all(not d.fix.safe for d in diagnostics if d.fix)
    assert apply_safe_fixes(INVERTED, diagnostics) == INVERTED  # not applied without unsafe
    fixed = apply_safe_fixes(INVERTED, diagnostics, unsafe=True)
    assert fixed == INVERTED.replace(
        "  - [Other Applications](#other-applications)\n  - [Multi-task](#multi-task)\n",
        "  - [Multi-task](#multi-task)\n  - [Other Applications](#other-applications)\n",
    )
    assert run_rule("AL402", fixed) == []
    assert found("AL401", fixed) == []


def test_al402_an_item_moved_far_is_the_one_reported() -> None:
    toc = "- [E](#e)\n- [A](#a)\n- [B](#b)\n- [C](#c)\n- [D](#d)\n"
    text = page(toc, "A", "B", "C", "D", "E")
    assert found("AL402", text) == [("AL402", 4, 4)]
    assert messages("AL402", text)[0].startswith('TOC lists "E" before "D"')
    fixed = apply_safe_fixes(text, run_rule("AL402", text), unsafe=True)
    assert "- [A](#a)\n- [B](#b)\n- [C](#c)\n- [D](#d)\n- [E](#e)\n" in fixed


@pytest.mark.parametrize(
    "toc",
    [
        "1. [B](#b)\n2. [A](#a)\n",  # numbered: moving lines would break the numbers
        "- [B](#b)\n- [A](#a)\n- [Gone](#gone)\n",  # a broken item: no safe place for it
    ],
)
def test_al402_no_fix_when_lines_cannot_simply_be_sorted(toc: str) -> None:
    diagnostics = run_rule("AL402", page(toc, "A", "B"))
    assert [d.code for d in diagnostics] == ["AL402"]
    assert diagnostics[0].fix is None


def test_al401_al402_html_toc_is_checked_but_not_rewritten() -> None:
    toc = (
        '<p align="center">\n  <a href="#b">B</a> ·\n  <a href="#a">A</a> ·\n'
        '  <a href="#c">Sea</a>\n</p>\n'
    )
    text = page(toc, "A", "B", "C")
    assert found("AL401", text) == [("AL401", 7, 3)]
    assert messages("AL401", text) == ['TOC label "Sea" differs from its heading "C" (line 24)']
    diagnostics = run_rule("AL402", text)
    assert [(d.span.line, d.span.column, d.fix) for d in diagnostics] == [(6, 3, None)]


def test_al402_in_order_toc_is_clean() -> None:
    assert found("AL402", page("- [A](#a)\n- [B](#b)\n", "A", "B")) == []


# -- AL403 broken-anchor ---------------------------------------------------------------------------


def test_al403_broken_anchors_anywhere_with_a_suggestion() -> None:
    text = (
        "# List\n\n## Image-to-Image Translation\n\n"
        + block("A Paper")
        + "\nSee [the section](#image-to-timage-translation) or "
        '<a href="#nowhere-at-all">this</a>.\n'
    )
    assert found("AL403", text) == [("AL403", 10, 19), ("AL403", 10, 61)]
    assert messages("AL403", text) == [
        '"#image-to-timage-translation" matches no heading or HTML anchor; did you mean '
        '"#image-to-image-translation"?',
        '"#nowhere-at-all" matches no heading or HTML anchor',
    ]


def test_al403_valid_targets() -> None:
    text = (
        '<a name="Start"></a>\n# List\n\n## Été 2023\n\n## Generation\n\n## Generation\n\n'
        + block("A Paper")
        + "\n[a](#top) [b](#Start) [c](#%C3%A9t%C3%A9-2023) [d](#GENERATION-1) [e](#)\n"
        "<!-- [hidden](#not-checked) -->\n\n```\n[code](#not-a-link)\n```\n"
    )
    assert found("AL403", text) == []


# -- AL404 empty-section ---------------------------------------------------------------------------


def test_al404_empty_sections() -> None:
    text = (
        "# List\n\n## Survey\n\n<!-- to do -->\n\n---\n\n## Papers\n\n### Brain\n\n"
        + block("A Paper")
        + "\n### Heart\n\n<details><summary></summary>\n</details>\n\n## Datasets\n"
    )
    assert found("AL404", text) == [("AL404", 3, 4), ("AL404", 18, 5), ("AL404", 23, 4)]
    assert messages("AL404", text)[0] == (
        'section "Survey" is empty: add its entries or remove the heading'
    )


def test_al404_sections_with_prose_links_tables_or_images_are_not_empty() -> None:
    text = (
        "# List\n\n#### [How to submit a pull request?](https://example.org/how)\n\n"
        "## Papers\n\n" + block("A Paper") + "\n## Tutorial\n\n- [Blog] [Intro](https://x.org)\n\n"
        "## Datasets\n\n| name | size |\n| --- | --- |\n| ROCO | 87K |\n\n"
        '## Overview\n\n<p align="center"><img src="fig.png"></p>\n\n'
        "## Contributing\n\nPull requests are welcome.\n"
    )
    assert found("AL404", text) == []


# -- AL405 heading-increment -----------------------------------------------------------------------


def test_al405_skipped_levels_point_at_the_marks() -> None:
    text = "### Intro\n\n# List\n\n## Papers\n\n#### Brain ####\n\n## Talks\n\n### A\n\n##### B\n"
    assert found("AL405", text) == [("AL405", 7, 1), ("AL405", 13, 1)]
    diagnostics = run_rule("AL405", text)
    assert (diagnostics[1].span.start, diagnostics[1].span.end) == (64, 69)  # "#####"
    assert diagnostics[0].message == (
        'heading "Brain" is level 4 right after level 2 (line 5); use level 3'
    )


def test_al405_leaves_the_front_matter_alone() -> None:
    """noise-12: a small "#### Citation" under the title, before the first section."""
    text = "# List\n\n#### Citation\n\nCite us.\n\n## Papers\n\n#### Brain\n"
    assert found("AL405", text) == [("AL405", 9, 1)]


def test_al405_setext_and_going_back_up_are_fine() -> None:
    assert found("AL405", "List\n====\n\nPapers\n------\n\n### Brain\n\n# Other\n") == []


# -- AL406 section-order ---------------------------------------------------------------------------

ORDER_TEXT = (
    "# List\n\n## Contents\n- [Zoo](#zoo)\n- [Apes](#apes)\n\n"
    "## Zoo\n\n"
    + block("Z")
    + "\n## Misc\n\n"
    + block("M")
    + "\n## Apes\n\n"
    + block("A")
    + "\n### Gorilla\n\n"
    + block("G")
    + "\n### Bonobo\n\n"
    + block("B")
    + "\n## License\n\nMIT\n"
)


def test_al406_off_unless_configured() -> None:
    from awesome_lint.rules.al406_section_order import SectionOrder

    assert SectionOrder.enabled_by_default is False
    assert found("AL406", ORDER_TEXT) == []


def test_al406_alphabetical_siblings_with_catch_all_last() -> None:
    config = '[rules.AL406]\norder = "alphabetical"\n'
    assert found("AL406", ORDER_TEXT, config) == [("AL406", 21, 4), ("AL406", 35, 5)]
    assert messages("AL406", ORDER_TEXT, config) == [
        'section "Apes" (line 21) should come before "Zoo" in alphabetical order',
        'section "Bonobo" (line 35) should come before "Gorilla" in alphabetical order',
    ]


def test_al406_explicit_list_checks_only_the_named_headings() -> None:
    config = '[rules.section-order]\norder = ["apes", "zoo"]\n'
    assert found("AL406", ORDER_TEXT, config) == [("AL406", 21, 4)]
    assert found("AL406", ORDER_TEXT, '[rules.AL406]\norder = ["Zoo", "Apes"]\n') == []


def test_al406_rejects_an_unknown_order() -> None:
    with pytest.raises(ValueError, match="alphabetical"):
        SectionOrderOptions(order="by date")


# -- AL407 entry-outside-section -------------------------------------------------------------------


def test_al407_entries_before_the_first_category() -> None:
    text = block("Before Any Heading") + "\n# List\n\n" + block("Under The Title")
    text += "\n## Papers\n\n" + block("In A Section")
    assert found("AL407", text) == [("AL407", 1, 3), ("AL407", 8, 3)]
    assert messages("AL407", text)[1] == (
        'entry "Under The Title" sits before the first category heading ("Papers", line 13); '
        "move it into a section"
    )


def test_al407_a_list_without_categories_is_left_alone() -> None:
    assert found("AL407", "# List\n\n" + block("One") + "\n" + block("Two")) == []


# -- the real lists --------------------------------------------------------------------------------


@cache
def _lint(path: Path) -> dict[str, list]:
    """Every AL4xx rule (AL406 unconfigured) on one corpus file, parsed once."""
    doc = corpus_document(path, path.name)
    ctx = RuleContext(house_style(read_text(path)))
    return {
        code: sorted(rule_class(code)().check(doc, ctx), key=lambda d: d.sort_key)
        for code in SECTION_RULES
    }


def lint(prefix: str, code: str) -> list:
    return _lint(corpus_file(prefix))[code]


def corpus_findings(prefix: str, code: str) -> list[tuple[int, int]]:
    return [(d.span.line, d.span.column) for d in lint(prefix, code)]


SEED = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__"


def test_corpus_7361d6d_all_ten_toc_anchors_are_broken() -> None:
    broken = lint(SEED + "7361d6d", "AL403")
    assert [d.span.line for d in broken] == list(range(12, 22))
    assert broken[4].message.startswith('"#image-to-timage-translation" matches no heading')
    assert broken[0].message.endswith('did you mean "#paper-list"?')
    # The sections do not exist either, and "## Paper list" (L31) is not in the TOC.
    mismatch = lint(SEED + "7361d6d", "AL401")  # the dangling items are AL403's alone
    assert [d.span.line for d in mismatch] == [31]
    assert mismatch[-1].message == 'heading "Paper list" is missing from the table of contents'


@pytest.mark.parametrize(
    ("commit", "toc_line", "heading_line"),
    [
        ("08b235e", 51, 1017),
        ("da4e07e", 55, 1784),
        ("169ee0e", 56, 2732),
    ],
)
def test_corpus_other_applications_multi_task_toc_inversion(
    commit: str, toc_line: int, heading_line: int
) -> None:
    text = read_text(corpus_file(SEED + commit))
    diagnostics = lint(SEED + commit, "AL402")
    assert [(d.span.line, d.span.column) for d in diagnostics] == [(toc_line, 6)]
    assert f"(line {heading_line})" in diagnostics[0].message
    fixed = apply_safe_fixes(text, diagnostics, unsafe=True)
    assert run_rule("AL402", fixed) == []
    assert len(fixed) == len(text)


def test_corpus_model_based_rl_back_to_top_is_not_flagged() -> None:
    path = corpus_file("opendilab__awesome-model-based-RL")
    doc = corpus_document(path, "<text>")
    back = [link for link in doc.links if link.url == "#top"]
    assert [(link.kind, link.span.line) for link in back] == [("html", 1604)]  # the rule sees it
    assert lint("opendilab__awesome-model-based-RL", "AL403") == []
    assert lint("opendilab__awesome-model-based-RL", "AL401") == []


def test_corpus_clip_title_heading_is_the_target_of_its_toc_item() -> None:
    doc = corpus_document(corpus_file("zhaozh10__Awesome-CLIP-in-Medical-Imaging"), "<text>")
    first = doc.toc.items[0]
    assert (first.anchor, first.link.span.line) == ("awesome-clip-in-medical-imaging", 29)
    assert doc.sections[0].slug == first.anchor  # "# <p align=center>`Awesome CLIP …`</p>"
    assert lint("zhaozh10__Awesome-CLIP-in-Medical-Imaging", "AL403") == []
    assert lint("zhaozh10__Awesome-CLIP-in-Medical-Imaging", "AL401") == []


def test_corpus_hee9joon_duplicate_suffixed_slugs_resolve() -> None:
    doc = corpus_document(corpus_file("hee9joon__Awesome-Diffusion-Models"), "<text>")
    anchors = [item.anchor for item in doc.toc.items]
    assert {"generation-1", "generation-3", "miscellany-2"} <= set(anchors)
    for code in ("AL401", "AL402", "AL403"):
        assert lint("hee9joon__Awesome-Diffusion-Models", code) == [], code


def test_corpus_heading_increments() -> None:
    # "#### Citation" right under the title is front matter, left alone (noise-12)
    assert corpus_findings(SEED + "08b235e", "AL405") == []
    assert corpus_findings("awesome-NeRF", "AL405") == [(291, 1)]
    assert corpus_findings("zhaozh10", "AL405") == []


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_corpus_no_false_alarms(path) -> None:
    """Everything the AL4xx rules report on the real lists is one of the known defects."""
    known = {
        SEED + "7361d6d.md": {"AL401": 1, "AL403": 10},
        SEED + "08b235e.md": {"AL402": 1},
        SEED + "da4e07e.md": {"AL402": 1},
        SEED + "169ee0e.md": {"AL402": 1},
        "awesome-NeRF__awesome-NeRF__f263154.md": {"AL405": 1},
        # "LLM Training Framework" in the TOC for the heading "LLM Training Frameworks".
        "Hannibal046__Awesome-LLM__538eed0.md": {"AL401": 1},
    }.get(path.name, {})
    counts = {code: len(found) for code, found in _lint(path).items()}
    assert {code: n for code, n in counts.items() if n} == known
