"""The line-start block scan (``awesome_lint/parse/blocks.py``) gives mistune's own tokens.

Each text is parsed three ways: by our parser (line-start scan, offsets stamped), by the same
parser with mistune's own search (``Reference``), and by mistune's plain block parser with the
table plugin. All three must agree token for token (the stamps against ``Reference``), on
every corpus list, every field report, generated documents and the hostile inputs.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import mistune
import pytest
from mistune.block_parser import BlockParser
from mistune.core import Parser
from mistune.plugins import import_plugin

from awesome_lint.parse.blocks import _MARKDOWN, LineStartScanner, _StampedParser, starts_at_line

from .corpus import corpus_files, read_text
from .test_bad_input import ODD_INPUTS

FIELD_REPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "field-reports"


class Reference(_StampedParser):
    """Our parser with mistune's own character-by-character search."""

    compile_sc = Parser.compile_sc  # type: ignore[assignment]


_REFERENCE = mistune.Markdown(block=Reference(), plugins=[import_plugin("table")])
_PLAIN = mistune.create_markdown(renderer=None, plugins=["table"])


def tokens(markdown: mistune.Markdown, text: str) -> list[dict[str, Any]]:
    state = markdown.block.state_cls()
    state.process(text)
    markdown.block.parse(state)
    return state.tokens


def unstamped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in token.items() if k not in ("_start", "_end")} for token in items]


def assert_same_tokens(text: str, label: object = "") -> None:
    ours = tokens(_MARKDOWN, text)
    assert ours == tokens(_REFERENCE, text), label
    assert unstamped(ours) == tokens(_PLAIN, text), label


# -- the scanner itself ------------------------------------------------------------------------


def test_our_parser_scans_from_line_starts() -> None:
    assert isinstance(_MARKDOWN.block.compile_sc(), LineStartScanner)
    assert isinstance(_MARKDOWN.block.compile_sc(["blank_line", "list"]), LineStartScanner)


@pytest.mark.parametrize(
    ("regex", "anchored"),
    [
        (r"^ {0,3}#", True),
        (r"(^[ \t]*\n)+", True),
        (r"^(?: {4}| *\t)x|^y", True),
        (r"(?:^a|^b)c", True),
        (r"a|^b", False),  # the first alternative can match mid-line
        (r"(^a)*b", False),  # zero repetitions leave no anchor
        (r"x^", False),
        (r"(?<=\n)a", False),  # a line start, but not written as ^: not trusted
    ],
)
def test_starts_at_line(regex: str, anchored: bool) -> None:
    assert starts_at_line(regex) is anchored


def test_a_rule_that_can_match_mid_line_keeps_mistunes_search() -> None:
    parser = _StampedParser()
    parser.register("mark", r"==(?P<mark_text>[^\n]*)==", lambda *_: None)
    assert isinstance(parser.compile_sc(["mark", "blank_line"]), type(BlockParser().compile_sc()))
    assert isinstance(parser.compile_sc(["list", "blank_line"]), LineStartScanner)


@pytest.mark.parametrize(
    ("text", "pos", "start"),
    [
        ("**a**\n- b\n", 0, 6),  # the next line start that matches
        ("**a** - b\n\n", 0, 10),  # mid-line "- b" is not a list; the blank line is
        ("**a** x\nmore\n", 0, None),
        ("**a**\n- b\n", 3, 6),  # from mid-line: the next line start
        ("- a\n- b\n", 4, 4),
        ("- a", 3, None),
        ("- a\n", 4, None),
        ("- a\n", 9, None),
        ("- a\n", -2, 0),
    ],
)
def test_search_equals_the_regex_search(text: str, pos: int, start: int | None) -> None:
    pattern = BlockParser().compile_sc()
    found = LineStartScanner(pattern).search(text, pos)
    expected = pattern.search(text, pos)
    assert (found and found.start()) == (expected and expected.start()) == start
    if found and expected:
        assert (found.lastgroup, found.span(), found.groups()) == (
            expected.lastgroup,
            expected.span(),
            expected.groups(),
        )


# -- real lists ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_corpus_lists(path: Path) -> None:
    assert_same_tokens(read_text(path))


@pytest.mark.skipif(not FIELD_REPORTS.is_dir(), reason="../shared/field-reports is absent")
def test_field_reports() -> None:
    paths = sorted(FIELD_REPORTS.glob("*.md"))
    assert paths
    for path in paths:
        assert_same_tokens(read_text(path), path.name)


# -- generated documents -------------------------------------------------------------------------

PIECES = [
    "# Heading\n",
    "## Heading ##\n",
    "####### not a heading\n",
    "Setext\n=====\n",
    "Setext\n---\n",
    "---\n",
    "* * *\n",
    "- item\n- item\n  continued\nlazy continuation\n",
    "1. one\n2) two\n10. ten\n",
    "- [x](https://a.org) **b**\n    - nested\n        deep code?\n",
    "+ plus\n\n  loose\n",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
    "a | b\n--|--\n1 | 2\n",
    "|a|\n|x|\n",
    "```python\ncode\n```\n",
    "~~~\nunterminated fence\n",
    "```a`b\nnot a fence\n",
    "    indented code\n\n    more\n",
    "\tcode with a tab\n",
    "<div>\nhtml block\n</div>\n",
    "<!-- comment\nstill -->\n",
    "<details><summary>x</summary>\n",
    '<a href="x">type 7</a>\n',
    "<img src=x>\n",
    "</p>\n",
    "<?php x ?>\n",
    "<![CDATA[ x ]]>\n",
    "<!DOCTYPE html>\n",
    "> quote\nlazy line\n> - list in quote\n",
    ">     code in quote\n",
    "> # heading in quote\n>\n> para\n",
    "[ref]: https://a.org 'title'\n",
    "[ref]:\n  https://a.org\n",
    "**Title** \\\n*Authors* \\\n[Paper](https://a.org)\n",
    "**Title** - [paper](https://a.org) | x\n",
    "[**Title**](https://a.org), Venue 2020\n",
    "- **Title**, *A*, [[Paper]](https://a.org)\n",
    "(1) numbered in parens\n",
    "_emphasis_ starts with punctuation\n",
    "Plain words here\n",
    "12345 digits first\n",
    "\n",
    "\n\n",
    "   \n",
    "  - two-space item\n",
    "#hashtag not a heading\n",
    "=== after nothing\n",
]


def generated(seed: int) -> str:
    rng = random.Random(seed)
    parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 30))]
    joiners = ["", "\n", " ", "  ", "\t"]
    text = "".join(part + (rng.choice(joiners) if rng.random() < 0.3 else "") for part in parts)
    return text if rng.random() < 0.8 else text.rstrip("\n")


# Two chunks in the quick loop; all ten under -m slow (CI).
CHUNKS = [pytest.param(c, marks=[pytest.mark.slow] if c >= 2 else []) for c in range(10)]


@pytest.mark.parametrize("chunk", CHUNKS)
def test_generated_documents(chunk: int) -> None:
    for seed in range(chunk * 200, chunk * 200 + 200):
        text = generated(seed)
        assert_same_tokens(text, (seed, text))


# -- hostile inputs ------------------------------------------------------------------------------


@pytest.mark.slow  # inputs built to be slow
@pytest.mark.parametrize("text", ODD_INPUTS.values(), ids=ODD_INPUTS.keys())
def test_hostile_inputs(text: str) -> None:
    assert_same_tokens(text)
