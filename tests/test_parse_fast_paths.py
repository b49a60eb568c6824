"""The parser's fast paths give what its general paths give: the batched span makers of
``LineIndex`` against ``LineIndex.span``, the string-method reading of a line without tags
against the reader of lines with tags, and the bare-URL candidates, the brackets and backtick
runs of the link search and the refusals of paragraph starts and citation numbers against the
regexes' own answers, on generated text (and on the corpus, where it applies)."""

from __future__ import annotations

import random
import re

from awesome_lint.inline import (
    _AUTOLINK,
    _autolink_matches,
    _CodeSpanCloser,
    _interesting_positions,
)
from awesome_lint.model import LineIndex
from awesome_lint.parse.fields import _CITATION, citation_number
from awesome_lint.parse.lines import _tagged_lines, logical_lines
from awesome_lint.parse.paragraphs import _CITATION_START, _TITLE_START, citation_paragraph

from .corpus import corpus_files, read_text


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


def test_lines_without_tags_are_read_as_the_tag_reader_reads_them() -> None:
    """``logical_lines`` reads a line without "<" by string methods; the reader of lines with
    tags, given the same line, finds the same content, break token and indentation."""
    rnd = random.Random(11)
    pieces = ["a", " ", "\t", "\\", "\n", ">", "x", "*", "  \\", "\\ ", "\\\\"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 20)))
        start, end = sorted((rnd.randint(0, len(text)), rnd.randint(0, len(text))))
        expected, pos = [], start
        for physical in text[start:end].split("\n"):
            expected += _tagged_lines(text, pos, pos + len(physical))
            pos += len(physical) + 1
        assert logical_lines(text, start, end) == expected, (text, start, end)


def test_autolink_candidates_are_the_regexs_matches() -> None:
    """``_autolink_matches`` tries ``_AUTOLINK`` only at an "http" (or a "<" before it) and
    passes over one that a link's destination holds; it finds what ``finditer`` finds, on
    generated text and on every corpus list."""
    rnd = random.Random(5)
    pieces = [
        "http",
        "s://",
        "a.b",
        "(",
        ")",
        "/",
        "[",
        "]",
        "=",
        '"',
        "'",
        "<",
        ">",
        " ",
        "\n",
        "x",
    ]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]
    texts += [read_text(path) for path in corpus_files()]
    for text in texts:
        for start, end in ((0, len(text)), (len(text) // 3, len(text) - 2)):
            expected = [m.span() for m in _AUTOLINK.finditer(text, start, max(start, end))]
            found = [m.span() for m in _autolink_matches(text, start, max(start, end))]
            assert found == expected, (text, start, end)


def test_bracket_and_backtick_positions_are_the_regexs_matches() -> None:
    """``markdown_links`` reads the brackets and backtick runs found by ``str.find``: where each
    starts, and where each run ends, are what a regex search for them finds."""
    interesting = re.compile(r"`+|[\[\]]")
    rnd = random.Random(17)
    pieces = ["[", "]", "`", "``", "](", "a", " ", "\n", "\\"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]
    texts += [read_text(path) for path in corpus_files()]
    for text in texts:
        for start, end in ((0, len(text)), (len(text) // 3, len(text) - 2)):
            end = max(start, end)
            closing = _CodeSpanCloser(text, start, end) if "`" in text[start:end] else None
            matches = list(interesting.finditer(text, start, end))
            assert _interesting_positions(text, start, end, closing) == [
                m.start() for m in matches if closing is not None or m.group() != "`"
            ]
            for m in matches:
                if closing is not None and m.group().startswith("`"):
                    assert closing.runs[closing.index[m.start()]][1] == m.end()


def test_paragraph_starts_are_refused_as_their_regexes_refuse_them() -> None:
    """A citation is refused without its regex when no "[" stands in its first six characters,
    and a bold title start is seen by ``startswith`` before its regex: the same answers as the
    regexes alone, at every offset of generated text."""
    rnd = random.Random(19)
    pieces = ["**", "*", "[", "]", "[1]", "12", " ", "\t", "    ", "a", "\n"]
    for _ in range(5000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        for start in range(len(text) + 1):
            assert citation_paragraph(text, start) == bool(_CITATION_START.match(text, start))
            titled = text.startswith(("**", "[**"), start) or _TITLE_START.match(text, start)
            assert bool(titled) == bool(_TITLE_START.match(text, start))


def test_citation_numbers_refused_before_the_regex_are_the_regexs_refusals() -> None:
    rnd = random.Random(23)
    pieces = ["[", "]", "1", "12", "٣", "²", ".", " ", "\t", "x", "Title"]
    for _ in range(50000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        assert citation_number(text) == bool(_CITATION.fullmatch(text.strip())), text
