"""The parser's fast paths read what its general paths read: the lean reader of the usual
``**Title**`` / ``*Authors*`` / links block (``paragraphs._lined_block_entry``) against the
reader of any block, and the batched span makers of ``LineIndex`` against ``LineIndex.span``,
on every corpus list and on generated blocks of odd shapes."""

from __future__ import annotations

import random

import pytest

from awesome_lint.model import LineIndex
from awesome_lint.parse import paragraphs, parse_document

from .corpus import corpus_files, read_text

TITLES = [
    "**Title {i}**",
    "**A {i}: B**",
    "**Title [x] {i}**",
    "**T** *x*",
    "** **",
    "**  Spaced {i}  **",
    "**Wrapped {i}",
    "**12.**",
    "**Emoji 🔥 {i}**",
    "**:fire: {i}**",
    "**Ti`t`le {i}**",
    "**a***",
    "[**Linked {i}**](https://arxiv.org/abs/{i})",
    "[**ICLR 2023**] Plain {i}",
]
AUTHORS = [
    "*Ann Lee, Bo Kim*",
    "*None*",
    "_Ann Lee_",
    "*Ann* Lee",
    "* Ann Lee *",
    "*A. B. Lee et al.*",
    "*ICML 2011*",
    "*Ann Lee, [Bo](https://b.org)*",
    "Ann Lee, Bo Kim",
    ". *Ann Lee*",
    "*Ann Lee",
    "**Bold**",
    "*Zhen Xing, Qijun Feng and Yu-Gang Jiang*",
]
REST = [
    "arXiv 2023. [[Paper](https://arxiv.org/abs/2310.{i})]",
    "CVPR 2022. [[Paper](https://a.b/{i})] [[Code](https://github.com/a/{i})]",
    "[[Paper](https://arxiv.org/pdf/{i}.pdf)] [[Project](https://p.io)]",
    "16 Oct 2023",
    "Oct 2023",
    "[2023/10] [ICLR]",
    "(CVPR 2023) | [pdf](https://a.pdf)",
    "ICLR 2024, [[Paper](https://openreview.net/forum?id=x)], 1 Jan 2024",
    "https://arxiv.org/abs/{i}",
    "stray words here",
    "[[Paper](https://a.org/(x))] [[Code](<https://a b>)]",
    "[![badge](https://img.shields.io/x)](https://github.com/y)",
    "[[Paper](https://a.org/x 'title')] [Gap]",
    "[label\nwrapped](https://w.org)",
    "<a href='https://h.org'>h</a> 2021",
    "🔥 [[Code](https://github.com/x)]",
    "`code` [[x](https://y.org)]",
    "[link](#anchor) Dec. 2022; NeurIPS",
]
TOKENS = [" \\", "\\", "  ", "", " <br>", "\\ ", "   "]


def generated_blocks(count: int, seed: int) -> list[str]:
    """Documents of blocks in the usual shape and near it, one trait changed at a time."""
    rnd = random.Random(seed)
    documents = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(2, 12)):
            lines = [rnd.choice(TITLES), rnd.choice(AUTHORS)]
            lines += [rnd.choice(REST) for _ in range(rnd.randint(0, 4))]
            tokens = [rnd.choice(TOKENS) if rnd.random() < 0.3 else " \\" for _ in lines]
            tokens[-1] = rnd.choice(["", " ", " \\"])
            parts.append("\n".join(line + token for line, token in zip(lines, tokens, strict=True)))
            parts.append(rnd.choice(["\n\n", "\n", "\n\n## Section\n\n"]))
        documents.append("".join(parts).format(i=rnd.randint(1, 99)).replace("{i}", "1"))
    return documents


@pytest.fixture
def lean_against_general(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every lean reading checked against the general reader as the document is parsed; the
    list counts the entries checked."""
    lean, checked = paragraphs._lined_block_entry, []

    def both(*args):  # type: ignore[no-untyped-def]
        fast, general = lean(*args), paragraphs._any_block_entry(*args)
        assert fast == general
        assert (fast and fast.lines) == (general and general.lines)
        checked.append(1)
        return fast

    monkeypatch.setattr(paragraphs, "_lined_block_entry", both)
    return checked


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:48])
def test_lean_block_reader_is_the_general_one_on_real_lists(path, lean_against_general) -> None:
    parse_document(read_text(path))


def test_lean_block_reader_takes_most_entries_of_the_largest_list(lean_against_general) -> None:
    path = next((p for p in corpus_files() if p.name.startswith("hee9joon")), None)
    if path is None:
        pytest.skip("the corpus is not available")
    entries = len(parse_document(read_text(path)).entries)
    assert len(lean_against_general) > 0.95 * entries


def test_lean_block_reader_is_the_general_one_on_odd_blocks(lean_against_general) -> None:
    for text in generated_blocks(300, seed=14):
        parse_document(text)
    assert len(lean_against_general) > 200  # the lean shape is met, beside its near misses


def test_lean_shape_refuses_what_it_does_not_read() -> None:
    accepted = "**Title**\n*Ann Lee*\narXiv 2023. [[Paper](https://a.org)]"
    refused = [
        "**Title** x\n*Ann Lee*\n[[Paper](https://a.org)]",  # more than the title on its line
        "**Title**\n*Ann Lee* x\n[[Paper](https://a.org)]",  # more than the authors
        "**Title**\n*Ann [Lee](https://l.org)*\n2023",  # a link in the authors
        "**Title 🔥**\n*Ann Lee*\n[[Paper](https://a.org)]",  # an emoji
        "**Title**<br>\n*Ann Lee*\n[[Paper](https://a.org)]",  # HTML
        "**Title**\n*Ann Lee*\n[[Paper\nwrapped](https://a.org)]",  # a link over two lines
    ]
    for text, expected in [(accepted, True), *((text, False) for text in refused)]:
        doc = parse_document(text)
        lines = paragraphs.logical_lines(text, 0, len(text))
        shape = paragraphs._title_and_authors_lines(text, lines, list(doc.links), 0, len(text))
        assert shape is expected, text


def test_batched_spans_are_the_one_by_one_spans() -> None:
    rnd = random.Random(7)
    for _ in range(300):
        text = "".join(rnd.choice("ab \n") for _ in range(rnd.randint(0, 60)))
        cuts = sorted(rnd.randint(0, len(text)) for _ in range(6))
        one_by_one, batched = LineIndex(text), LineIndex(text)
        pairs = list(zip(cuts[::2], cuts[1::2], strict=True))
        assert batched.line_spans(pairs) == [one_by_one.span(a, b) for a, b in pairs]
        (a, _), (c, d), (e, f) = pairs
        label = (e, f) if rnd.random() < 0.8 else (-1, -1)
        expected = (
            one_by_one.span(a, f),
            one_by_one.span(c, d),
            one_by_one.span(*label) if label[0] >= 0 else None,
        )
        assert batched.link_spans(a, f, c, d, *label) == expected
