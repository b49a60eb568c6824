"""A safe fix never changes what a reader sees beyond what its finding names: each fixable rule
fixes an entry, both versions are rendered (mistune HTML, reduced to visible text) and the
visible differences are exactly the named ones. Also the fixes of the ``fix-*`` field reports.
"""

from __future__ import annotations

from collections import Counter

import pytest

from awesome_lint.engine import Engine, parse_source
from awesome_lint.fix import fix_source, redirect_fix
from awesome_lint.registry import builtin_registry
from awesome_lint.source import from_raw, read_source

from .corpus import CORPUS
from .rendered import visible_changes, visible_text
from .rulebook import run_rule

FIELD_REPORTS = CORPUS.parent / "field-reports"

BLOCK = (
    "**Made-Up {title} Net.** \\\n*Ann Lee, Bo Kim and Cy Park* \\\n[{day} Jan., 2023] "
    "[CVPR, 2023] \\\n[[Paper](https://arxiv.org/abs/2301.0000{n})] "
    "[[Code](https://github.com/example/p{n})]\n"
)
HOUSE = [("Quartz", "1st"), ("Basalt", "2nd"), ("Slate", "4th"), ("Shale", "5th")]
ODD = BLOCK.format(title="Gneiss", day="3rd", n=9)


def house_with(odd: str) -> str:
    """Four entries in the house style, then ``odd``."""
    good = [BLOCK.format(title=t, day=d, n=n) for n, (t, d) in enumerate(HOUSE)]
    return "## Papers\n\n" + "\n".join([*good, odd])


def fix(code: str, text: str, unsafe: bool = False) -> str:
    engine = Engine(builtin_registry().select([code]))
    outcome = fix_source(from_raw("list.md", text), engine, unsafe=unsafe)
    assert outcome.applied and not outcome.dropped
    return outcome.source.text


PAPER9 = "[[Paper](https://arxiv.org/abs/2301.00009)]"
CASES = [
    # (rule, the odd entry, what a reader sees change: (before, after) stretches)
    ("AL102", ODD.replace("Net.** \\\n", "Net.**<br>\n"), []),  # one break for another
    ("AL103", ODD.replace("[CVPR", "[\tCVPR").replace("Ann Lee", "Ann  Lee"), [(" ", "")]),
    ("AL104", ODD.replace("[[Code]", "[[code]"), [("c", "C")]),
    ("AL105", ODD.replace(PAPER9, "[[Paper]](https://arxiv.org/abs/2301.00009)"), []),
    (
        "AL105",
        ODD.replace(PAPER9, "[Paper](https://arxiv.org/abs/2301.00009)"),
        [("", "["), ("", "]")],
    ),
    ("AL105", ODD.replace(")] [[Code]", ")][[Code]"), [("", " ")]),
    (
        "AL105",
        ODD.replace(PAPER9, "[[Paper(https://arxiv.org/abs/2301.00009)]"),
        [("[", ""), ("(https://arxiv.org/abs/2301.00009)", "")],  # the broken link's text
    ),
    ("AL106", ODD.replace("Net.**", "Net**"), [("", ".")]),
    ("AL106", ODD.replace("**Made-Up", "** Made-Up"), [("** ", ""), ("**", "")]),
    ("AL107", ODD.replace("Ann Lee, Bo Kim and", "Ann Lee; Bo Kim; and"), [(";", ","), (";", "")]),
    ("AL202", ODD.replace("3rd", "3th"), [("th", "rd")]),
    ("AL203", ODD.replace("Jan.", "January"), [("uary", ".")]),
    ("AL207", ODD.replace("CVPR, 2023", "cvpr, 2023"), [("cvpr", "CVPR")]),
    ("AL303", ODD.replace("abs/2301.00009", "abs/2301.00009?context=cs"), []),  # the URL only
]


@pytest.mark.parametrize(("code", "odd", "changes"), CASES, ids=[c[0] for c in CASES])
def test_a_safe_fix_changes_only_what_its_finding_names(
    code: str, odd: str, changes: list[tuple[str, str]]
) -> None:
    before = house_with(odd)
    assert visible_changes(before, fix(code, before)) == changes


def test_al503_changes_only_the_spelling_it_names() -> None:
    before = "# Tools\n\n## Tensorflow\n\nCode in `pytorch` or [PyTorch](https://pytorch.org), on Arxiv and Github.\n"
    assert visible_changes(before, fix("AL503", before)) == [
        ("f", "F"),
        ("A", "a"),
        ("x", "X"),
        ("h", "H"),
    ]


def test_a_redirect_fix_changes_the_link_target_only() -> None:
    before = house_with(ODD)
    doc = parse_source(from_raw("list.md", before))
    link = next(link for link in doc.links if link.url.endswith("2301.00009"))
    edit = redirect_fix(link, "https://example.org/new (1)").edits[0]  # type: ignore[union-attr]
    after = before[: edit.start] + edit.replacement + before[edit.end :]
    assert visible_changes(before, after) == []


UNSORTED = "## Papers\n\n" + "\n".join(
    BLOCK.format(title=t, day=d, n=n)
    for n, (t, d) in enumerate([("A", "9th"), ("B", "7th"), ("C", "8th"), ("D", "5th")])
)
TOC_OUT_OF_ORDER = (
    "# List\n\n## Contents\n\n- [Diffusion](#diffusion)\n- [Agents](#agents)\n\n"
    f"## Agents\n\n{ODD}\n## Diffusion\n\n{BLOCK.format(title='E', day='1st', n=1)}"
)


@pytest.mark.parametrize(("code", "before"), [("AL204", UNSORTED), ("AL402", TOC_OUT_OF_ORDER)])
def test_an_unsafe_reordering_moves_lines_and_changes_none(code: str, before: str) -> None:
    after = fix(code, before, unsafe=True)
    assert after != before
    assert Counter(visible_text(after).split("\n")) == Counter(visible_text(before).split("\n"))


needs_reports = pytest.mark.skipif(
    not FIELD_REPORTS.is_dir(), reason="../shared/field-reports is absent"
)


def fixed_report(name: str) -> tuple[str, str, list[str]]:
    """The report fixed by the default rules and AL103 (invisible whitespace is opt-in)."""
    source = read_source(str(FIELD_REPORTS / name))
    registry = builtin_registry()
    chosen = [rule.code for rule in registry if rule.enabled_by_default] + ["AL103"]
    outcome = fix_source(source, Engine(registry.select(chosen)))
    return source.text, outcome.source.text, [d.note() for d in outcome.dropped]


@needs_reports
@pytest.mark.parametrize(
    ("name", "changes"),
    [
        # fix-01: the title's final period and the ordinal, both written
        ("fix-01-title-period-blocks-all-fixes.md", [("", "."), ("th", "rd")]),
        # fix-03: [[PDF]](url) becomes [[PDF](url)], shown as before
        ("fix-03-link-shape-adds-third-bracket.md", []),
        # fix-06: the tab goes, no space stays
        ("fix-06-tab-replaced-by-space.md", [(" ", "")]),
    ],
)
def test_the_field_report_fixes_are_written_as_named(name: str, changes: list) -> None:
    before, after, dropped = fixed_report(name)
    assert (after != before, dropped) == (True, [])
    assert visible_changes(before, after) == changes


@needs_reports
@pytest.mark.parametrize(
    "name",
    [
        "fix-02-linked-title-blocks-all-fixes.md",  # no AL105 on the linked title
        "fix-04-bibtex-authors-lose-boundaries.md",  # "Wu, Di and Ng, Ed" left alone
        "fix-05-prose-links-get-brackets.md",  # no brackets around a link in a sentence
    ],
)
def test_the_field_report_fixes_that_harmed_are_gone(name: str) -> None:
    before, after, dropped = fixed_report(name)
    assert dropped == []
    for old, new in visible_changes(before, after):
        assert "[" not in new and "," not in old, (old, new)


# -- the rules whose fixes changed: exact findings -------------------------------------------


def findings(code: str, text: str) -> list[tuple[str, int, int, str, str | None]]:
    return [
        (
            d.code,
            d.span.line,
            d.span.column,
            d.message,
            d.fix.edits[0].replacement if d.fix else None,
        )
        for d in run_rule(code, text)
    ]


def test_al103_a_tab_after_a_bracket_goes_and_one_between_words_becomes_a_space() -> None:
    text = house_with(ODD.replace("[CVPR", "[\tCVPR").replace("Bo Kim", "Bo\tKim"))
    assert findings("AL103", text) == [
        ("AL103", 24, 13, "1 tab where one space belongs", " "),
        ("AL103", 25, 19, "1 tab where no space belongs", ""),
    ]


def test_al105_leaves_a_linked_title_alone() -> None:
    linked = ODD.replace("**Made-Up Gneiss Net.**", "[**Made-Up Gneiss Net.**](https://e.org)")
    assert findings("AL105", house_with(linked)) == []


def test_al105_offers_no_brackets_around_a_link_inside_a_sentence() -> None:
    odd = ODD.replace(PAPER9, "see [the paper](https://arxiv.org/abs/2301.00009)")
    assert findings("AL105", house_with(odd)) == [
        ("AL105", 26, 5, "link not in the list's shape: write [[Label](url)]", None)
    ]


def test_al105_moves_the_brackets_of_a_bracketed_label() -> None:
    odd = ODD.replace(PAPER9, "[[Paper]](https://arxiv.org/abs/2301.00009)")
    assert findings("AL105", house_with(odd)) == [
        ("AL105", 26, 1, "link not in the list's shape: write [[Label](url)]", "")
    ]


def test_al107_leaves_surname_first_lists_alone() -> None:
    odd = ODD.replace("Ann Lee, Bo Kim and Cy Park", "Lee, Ann and Kim, Bo and Park, Cy")
    assert findings("AL107", house_with(odd)) == []


def test_al107_takes_the_and_after_a_semicolon_with_it() -> None:
    odd = ODD.replace("Ann Lee, Bo Kim and", "Ann Lee; Bo Kim; and")
    assert findings("AL107", house_with(odd)) == [
        ("AL107", 24, 9, 'authors separated by "; " where the list writes ", "', ", "),
        ("AL107", 24, 17, 'authors separated by "; " where the list writes " and "', " and "),
    ]
    assert "*Ann Lee, Bo Kim and Cy Park*" in fix("AL107", house_with(odd))
