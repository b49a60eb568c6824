"""Entry-shape rules AL101, AL103-AL107: exact findings on small inputs, fixes, the real lists."""

from __future__ import annotations

import pytest

from awesome_lint.rule import RuleContext

from .corpus import corpus_document, corpus_file, corpus_files, house_style, needs_corpus, read_text
from .rulebook import apply_safe_fixes, found, messages, rule_class, rule_options, run_rule

SEED = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__59825db"


def fixed(code: str, text: str, unsafe: bool = False) -> str:
    return apply_safe_fixes(text, run_rule(code, text), unsafe=unsafe)


def run_on_file(code: str, prefix: str):
    path = corpus_file(prefix)
    doc = corpus_document(path, path.name)
    rule = rule_class(code)
    ctx = RuleContext(house_style(read_text(path)), rule_options(rule, None))
    return doc, sorted(rule().check(doc, ctx), key=lambda d: d.sort_key)


def block(title: str, authors: str, dates: str, links: str, brk: str = " \\") -> str:
    return f"**{title}**{brk}\n*{authors}*{brk}\n{dates}{brk}\n{links}\n"


PAPER = "[[Paper](https://arxiv.org/abs/2203.0{n})]"
GOOD_BLOCKS = [
    block(f"Paper {n}", "Ann Lee, Bo Chen", f"[{n}th Mar., 2022] [MICCAI, 2022]", PAPER.format(n=n))
    for n in range(4, 8)
]


def house(*extra: str) -> str:
    return "\n".join([*GOOD_BLOCKS, *extra])


# -- AL101 entry-shape ------------------------------------------------------------------------


def test_al101_clean_list_is_clean() -> None:
    assert found("AL101", house()) == []


def test_al101_stray_text_before_the_links() -> None:
    text = house(block("Odd", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", "CoRR 2022. " + PAPER))
    assert found("AL101", text) == [("AL101", 24, 1)]
    assert messages("AL101", text) == [
        'stray text "CoRR 2022" is no part of the list\'s entries '
        "(title, authors, date, venue, links)"
    ]


def test_al101_missing_authors_and_missing_venue() -> None:
    no_authors = "**No authors** \\\n[1st Apr., 2022] [CoRR, 2022] \\\n" + PAPER + "\n"
    no_venue = block("No venue", "Cy Do", "[2nd Apr., 2022]", PAPER)
    text = house(no_authors, no_venue)
    assert found("AL101", text) == [("AL101", 21, 3), ("AL101", 27, 2)]
    assert messages("AL101", text)[0].startswith("no authors after the title;")
    assert messages("AL101", text)[1].startswith("no venue after the date;")


def test_al101_parts_out_of_order() -> None:
    text = house(block("Late date", "Cy Do", PAPER, "[1st Apr., 2022] [CoRR, 2022]"))
    assert found("AL101", text) == [("AL101", 24, 2)]
    assert messages("AL101", text)[0].startswith("the date comes after the links;")


def test_al101_a_resource_section_has_its_own_shape() -> None:
    resources = "\n".join(
        f"**Post {n}** \\\n*Writer {n}* \\\n[[Website](https://blog.example.org/{n})]\n"
        for n in range(3)
    )
    text = "## Papers\n\n" + house() + "\n## Posts\n\n" + resources
    assert found("AL101", text) == []


def test_al101_leaves_broken_links_to_al105() -> None:
    broken = block("Broken", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", "[[Paper(https://x.org/a)]")
    assert found("AL101", house(broken)) == []
    assert found("AL105", house(broken)) == [("AL105", 24, 8)]


# -- AL103 whitespace -------------------------------------------------------------------------


def test_al103_each_trigger() -> None:
    text = house(
        block("Spaced  title", "Cy Do,\tEd Fu", "[1st Apr., 2022] [CoRR, 2022]", " " + PAPER + " ")
    )
    assert found("AL103", text) == [
        ("AL103", 21, 9),
        ("AL103", 22, 8),
        ("AL103", 24, 1),
        ("AL103", 24, 44),
    ]
    assert messages("AL103", text) == [
        "2 spaces where one space belongs",
        "1 tab where one space belongs",
        "line starts with 1 space; block lines start at the margin",
        "trailing 1 space, not a line break: remove",
    ]


def test_al103_fix_is_idempotent() -> None:
    text = house(block("A  B", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", "  " + PAPER + "  "))
    once = fixed("AL103", text)
    assert once == house(block("A B", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", PAPER))
    assert fixed("AL103", once) == once


def test_al103_leaves_block_line_endings_to_al102() -> None:
    text = house(block("Paper", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", PAPER, brk="  "))
    assert found("AL103", text) == []


# -- AL104 link-label -------------------------------------------------------------------------


def test_al104_case_and_brand_spelling() -> None:
    text = house(
        block("A", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", "[[paper](https://x.org/a)]"),
        block("B", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", "[[Github](https://github.com/b)]"),
    )
    canonical = "[rules.AL104]\ncanonical-names = true\n"
    assert found("AL104", text) == [("AL104", 24, 3)]
    assert found("AL104", text, canonical) == [("AL104", 24, 3), ("AL104", 29, 3)]
    assert messages("AL104", text, canonical) == [
        'link label "paper" should be "Paper"',
        'link label "Github" should be "GitHub"',
    ]
    assert "[[Paper](https://x.org/a)]" in fixed("AL104", text)


def test_al104_the_house_spelling_of_a_brand_stands_unless_configured() -> None:
    """noise-03: a list that always writes "Github" is consistent; GitHub's own spelling is
    an opt-in option."""
    github = " [[Github](https://github.com/x)]"
    text = "\n".join(b.rstrip("\n") + github + "\n" for b in GOOD_BLOCKS)
    assert found("AL104", text) == []
    assert len(found("AL104", text, "[rules.AL104]\ncanonical-names = true\n")) == 4


def test_al104_typo_of_a_frequent_label_is_an_unsafe_fix() -> None:
    items = "".join(
        f"- [Paper {n}](https://p.org/{n}), Lee et al., CVPR 2021 | [bibtex](./c/{n}.txt)\n"
        for n in range(6)
    )
    text = items + "- [Odd](https://p.org/x), Lee et al., CVPR 2021 | [bibtext](./c/x.txt)\n"
    assert found("AL104", text) == [("AL104", 7, 52)]
    assert messages("AL104", text) == [
        'link label "bibtext" is not one of the list\'s labels; did you mean "bibtex"?'
    ]
    assert fixed("AL104", text) == text  # unsafe: not applied by default
    assert "[bibtex](./c/x.txt)" in fixed("AL104", text, unsafe=True)


def test_al104_free_text_labels_are_not_a_label_set() -> None:
    items = "".join(
        f"- [Paper {n}](https://p.org/{n})\n  - ExpEnv: [env{n}](https://e.org/{n})\n"
        for n in range(30)
    )
    assert found("AL104", items + "  - ExpEnv: [Env3](https://e.org/3)\n") == []


# -- AL105 link-format ------------------------------------------------------------------------


def test_al105_links_run_together_against_a_clear_house_separator() -> None:
    spaced = "".join(
        block(
            f"P{n}",
            "Cy Do",
            "[1st Apr., 2022] [CoRR, 2022]",
            f"[[Paper](https://x.org/{n})] [[Code](https://x.org/c{n})]",
        )
        for n in range(4)
    )
    run = block(
        "Run",
        "Cy Do",
        "[1st Apr., 2022] [CoRR, 2022]",
        "[[Paper](https://x.org/a)][[Code](https://x.org/b)]",
    )
    assert found("AL105", spaced + run) == [("AL105", 20, 27)]
    assert messages("AL105", spaced + run) == ['links run together; separate them with " "']


def test_al105_each_trigger_and_its_fix() -> None:
    dates = "[1st Apr., 2022] [CoRR, 2022]"
    text = house(
        block("Run", "Cy Do", dates, "[[Paper](https://x.org/a)][[Code](https://x.org/b)]"),
        block("Half", "Cy Do", dates, "[Paper](https://x.org/c)]"),
        block("Gap", "Cy Do", dates, "[[Paper] \\ (https://x.org/d)]"),
        block("Empty", "Cy Do", dates, "[[](https://x.org/e)] )]"),
    )
    assert found("AL105", text) == [
        ("AL105", 29, 1),
        ("AL105", 34, 9),
        ("AL105", 39, 2),
        ("AL105", 39, 23),
    ]
    assert messages("AL105", text) == [
        'no "[" before the link to open the "]" after it',
        '" \\ " between "]" and "(" breaks the link; write "[Paper]("',
        "link with an empty label",
        'unmatched ")]"',
    ]
    once = fixed("AL105", text)
    assert "[[Paper](https://x.org/a)][[Code](https://x.org/b)]" in once  # no house separator
    assert "\n[[Paper](https://x.org/c)]\n" in once
    assert "[[Paper](https://x.org/d)]" in once
    assert "[[](https://x.org/e)] )]" in once  # removing a stray bracket is unsafe
    assert fixed("AL105", once) == once


def test_al105_pipe_separated_list_is_its_own_house() -> None:
    items = "".join(
        f"- [P{n}](https://p.org/{n}), Lee et al., CVPR 2021 | [github](https://g.org/{n}) | "
        f"[bibtex](./c/{n}.txt)\n"
        for n in range(4)
    )
    assert found("AL105", items) == []
    odd = "- [Q](https://p.org/q), Lee et al., CVPR 2021 | [github](https://g.org/q) [bibtex](./q.txt)\n"
    assert messages("AL105", items + odd) == ['links separated by " " where the list writes " | "']


# -- AL106 title-format ------------------------------------------------------------------------


def test_al106_period_and_spaces_inside_the_bold() -> None:
    text = house(
        block("Ends with a period.", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", PAPER),
        block(" Spaced ", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", PAPER),
    )
    assert found("AL106", text) == [("AL106", 21, 21), ("AL106", 26, 3), ("AL106", 26, 10)]
    assert messages("AL106", text)[0] == "title ends with a period; the list's titles have none"
    once = fixed("AL106", text)
    assert "**Ends with a period** \\" in once and "**Spaced** \\" in once
    assert fixed("AL106", once) == once


def test_al106_abbreviations_and_questions_decide_nothing() -> None:
    text = house(
        block("Smith et al.", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", PAPER),
        block("Is it so?", "Cy Do", "[1st Apr., 2022] [CoRR, 2022]", PAPER),
    )
    assert found("AL106", text) == []


def test_al106_house_with_periods_wants_them() -> None:
    items = "".join(f"1. **Title {n}.** Venue 2020. [paper](https://p.org/{n})\n" for n in range(4))
    text = items + "1. **Bare title** Venue 2020. [paper](https://p.org/x)\n"
    assert found("AL106", text) == [("AL106", 5, 16)]
    assert "1. **Bare title.** Venue" in fixed("AL106", text)


def test_al106_mixed_list_has_no_house_period() -> None:
    items = "".join(
        f"1. **Title {n}{'.' if n % 2 else ''}** Venue 2020. [paper](https://p.org/{n})\n"
        for n in range(6)
    )
    assert found("AL106", items) == []


# -- AL107 authors-format ----------------------------------------------------------------------


def test_al107_each_trigger() -> None:
    dates = "[1st Apr., 2022] [CoRR, 2022]"
    text = house(
        block("A", "Cy Do; Ed Fu", dates, PAPER),
        block("B", "Cy Do and Ed Fu", dates, PAPER),
        block("C", "Cy Do,, Ed Fu,", dates, PAPER),
        block("D", "Cy Do ,Ed Fu", dates, PAPER),
        block("E", "N/A", dates, PAPER),
    )
    assert found("AL107", text) == [
        ("AL107", 22, 7),
        ("AL107", 27, 7),
        ("AL107", 32, 7),
        ("AL107", 32, 15),
        ("AL107", 37, 7),
        ("AL107", 42, 2),
    ]
    assert messages("AL107", text) == [
        'authors separated by "; " where the list writes ", "',
        'authors separated by " and " where the list writes ", "',
        'doubled comma ",," between authors; write ", "',
        "trailing comma after the last author",
        "space before a comma between authors",
        'no authors: "N/A" is a placeholder',
    ]
    once = fixed("AL107", text)
    assert once.count("*Cy Do, Ed Fu*") == 4
    assert fixed("AL107", once) == once


def test_al107_final_and_is_the_house_when_most_lists_use_it() -> None:
    items = "".join(
        f"{n}. **T{n}**. *Ann Lee, Bo Chen and Cy Do*. ACL 2019. [[pdf](https://p.org/{n})]\n"
        for n in range(1, 5)
    )
    assert found("AL107", items) == []
    odd = "5. **T5**. *Ann Lee, Bo Chen, Cy Do*. ACL 2019. [[pdf](https://p.org/5)]\n"
    assert messages("AL107", items + odd) == [
        'authors separated by ", " where the list writes " and "'
    ]
    etal = "5. **T5**. *Ann Lee, Bo Chen et al.*. ACL 2019. [[pdf](https://p.org/5)]\n"
    assert found("AL107", items + etal) == []


def test_al107_last_first_names_with_semicolons_have_no_fix() -> None:
    text = house(block("A", "Lee, Ann ; Chen, Bo", "[1st Apr., 2022] [CoRR, 2022]", PAPER))
    diagnostics = run_rule("AL107", text)
    assert [(d.span.line, d.span.column, d.fix) for d in diagnostics] == [(22, 10, None)]


# -- the real lists ---------------------------------------------------------------------------


@needs_corpus
def test_seed_list_reports_its_known_shape_defects() -> None:
    _, shape = run_on_file("AL101", SEED)
    assert [(d.span.line, d.span.column) for d in shape] == [(293, 1)]
    assert 'stray text "CoRR 2022"' in shape[0].message

    _, space = run_on_file("AL103", SEED)
    leading = [d.span.line for d in space if d.message.startswith("line starts with")]
    assert leading == [169, 170, 174, 175, 179, 180, 190]

    _, labels = run_on_file("AL104", SEED)
    # The seed writes "Github" 26 times and never "GitHub": its own spelling is its style.
    assert labels == []

    _, links = run_on_file("AL105", SEED)
    assert [(d.span.line, d.span.column, d.message) for d in links] == [
        (107, 44, 'links run together; separate them with " "')
    ]


@needs_corpus
def test_hee9joon_broken_links_are_reported_at_their_lines() -> None:
    _, links = run_on_file("AL105", "hee9joon__Awesome-Diffusion-Models")
    assert [d.span.line for d in links] == [1332, 1496, 1663, 2508, 8552, 9975, 10462, 14745, 15097]


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:30])
def test_shape_rules_stay_quiet_on_every_real_list(path) -> None:
    """Shape and link-format findings stay under 5% of a list's entries (no false alarms)."""
    doc = corpus_document(path, path.name)
    style = house_style(read_text(path))
    for code in ("AL101", "AL105", "AL106"):
        rule = rule_class(code)
        diagnostics = list(rule().check(doc, RuleContext(style, rule_options(rule, None))))
        assert len(diagnostics) <= max(2, 0.05 * len(doc.entries)), code


@needs_corpus
def test_real_defects_of_authors_and_titles_are_pinned() -> None:
    _, authors = run_on_file("AL107", "xmindflow__Awesome-Foundation-Models")
    assert [(d.span.line, d.message) for d in authors] == [
        (199, 'no authors: "none" is a placeholder'),
        (220, 'no authors: "none" is a placeholder'),
        (236, "trailing comma after the last author"),
    ]
    _, authors = run_on_file("AL107", "hee9joon__Awesome-Diffusion-Models")
    assert (59, 'authors separated by "," where the list writes ", "') in [
        (d.span.line, d.message) for d in authors
    ]
    _, labels = run_on_file("AL104", "awesome-NeRF")
    assert [d.span.line for d in labels] == [43, 44, 45]  # "bibtext"
