"""AL503 blanks what is not prose (code, titles, venues, link destinations, tags, code spans,
comments) and reads the blanked text a slice at a time, never building it whole: the tags and
code spans are found in slices too, cut where neither can cross, and the code spans are closed
from the runs of backticks of the whole text. The blanked text and the words reported are those
of the whole-text method it replaced (kept below as the reference), on every corpus list and on
generated hostile texts, wherever the slices are cut."""

from __future__ import annotations

import random
import re
from array import array

import pytest

from awesome_lint.inline import code_spans
from awesome_lint.model import Document
from awesome_lint.names import PROSE, spellings
from awesome_lint.parse import parse_document
from awesome_lint.rules import al503_spelling
from awesome_lint.rules.al503_spelling import (
    _TAG,
    _WORD,
    _blanked,
    _hidden_spans,
    _in_identifier,
    _misspelled_words,
    _slices,
    _visible_cuts,
)
from awesome_lint.urls import PAPER_HOSTS, host_of

from .corpus import corpus_files, source_document

NAMES = {**spellings(PROSE), "llava": "LLaVA"}


def whole_text_masked(doc: Document, link_labels: bool) -> str:
    """The masked text as AL503 built it whole, before it was built a slice at a time (0a0971f)."""
    hidden = [(b.span.start, b.span.end) for b in doc.blocks if b.kind == "code"]
    for entry in doc.entries:
        hidden += [(f.span.start, f.span.end) for f in (entry.title, entry.venue) if f is not None]
    in_entries = {link.span.start for entry in doc.entries for link in entry.links}
    paper_lines = {
        link.span.line
        for link in doc.links
        if "://" in link.url and host_of(link.url) in PAPER_HOSTS
    }
    in_entries |= {link.span.start for link in doc.links if link.span.line in paper_lines}
    for link in doc.links:
        if link.kind in ("autolink", "html") or link.label_span is None:
            hidden.append((link.span.start, link.span.end))
        else:
            label, in_entry = link.label_span, link.span.start in in_entries
            label_hidden = link.kind == "image" or (in_entry and not link_labels)
            hidden.append((label.start if label_hidden else label.end, link.span.end))
    hidden += [(comment.span.start, comment.span.end) for comment in doc.comments]
    text = whole_text_blanked(doc.text, hidden)
    hidden += [m.span() for m in _TAG.finditer(text)]
    hidden += list(code_spans(text))
    return whole_text_blanked(doc.text, hidden)


def whole_text_blanked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * len(chars[start:end])
    return "".join(chars)


def whole_text_words(masked: str) -> list[tuple[int, str]]:
    """Every word of the whole masked text that mis-spells a name, but in a path or handle."""
    return [
        (m.start(), m.group())
        for m in _WORD.finditer(masked)
        if NAMES.get(m.group().lower(), m.group()) != m.group() and not _in_identifier(masked, m)
    ]


def assert_same_as_whole_text(doc: Document, slice_size: int, mp: pytest.MonkeyPatch) -> None:
    mp.setattr(al503_spelling, "_SLICE", slice_size)
    for link_labels in (False, True):
        masked = whole_text_masked(doc, link_labels)
        hidden = _hidden_spans(doc, link_labels)
        pieces = [_blanked(doc.text, hidden, a, b) for a, b in _slices(doc.text, slice_size)]
        assert "".join(pieces) == masked
        assert list(_misspelled_words(doc.text, hidden, NAMES)) == whole_text_words(masked)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name[:40])
def test_corpus_lists_mask_and_report_as_the_whole_text_did(
    path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = source_document(path)
    for slice_size in (al503_spelling._SLICE, 4093):
        assert_same_as_whole_text(doc, slice_size, monkeypatch)


# Pieces of hostile Markdown: runs of backticks (closed, unclosed, longer closers), tags that
# are not closed or cross blanked links, letters whose lower case is longer, names to report.
PIECES = [
    "`",
    "``",
    "```",
    "````",
    "\\`",
    "` Github `",
    "``a ` Github``",
    "\n```\nGithub code\n```\n",
    "<a ",
    "<b>",
    "</a>",
    '<img alt="Arxiv">',
    "<",
    ">",
    "<!-- Pytorch -->",
    "<br/>",
    "[Github](https://github.com/a)",
    "![Arxiv](a.png)",
    "[Paper](https://arxiv.org/abs/1)",
    "<https://github.com>",
    "https://Github.com/x ",
    "[[Code](https://x.org)]",
    "**A Github paper** \\\n*A. Author* \\\n[Arxiv, 2022] [[Paper](https://x.org/p)]\n",
    "Github",
    "github",
    "GITHUB",
    "Arxiv",
    "pytorch",
    "Llava",
    "a.Github",
    "@github",
    "x-Pytorch",
    "İ",
    "Σ",
    "ß",
    "é",
    "日本",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "# ",
    "- ",
    "> ",
    "    ",
]


def hostile_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(5, 120)))


@pytest.mark.parametrize("seed", range(12))
def test_hostile_texts_mask_and_report_as_the_whole_text_did(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        doc = parse_document(hostile_text(rng), "<hostile>")
        assert_same_as_whole_text(doc, rng.choice((1, 2, 3, 7, 30)), monkeypatch)


def test_a_code_span_closed_many_slices_on_is_hidden() -> None:
    text = "Github `Arxiv\n" + "Pytorch\n" * 50 + "` Github <b\n>Arxiv <i " + "x\n" * 3
    doc = parse_document(text, "<text>")
    words = list(_misspelled_words(text, _hidden_spans(doc, False), NAMES))
    assert [word for _, word in words] == ["Github", "Github", "Arxiv"]
    assert words == whole_text_words(whole_text_masked(doc, False))


def test_the_hidden_text_is_searched_in_slices_cut_before_a_visible_newline_or_tag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "ab<cd\nef<gh\nij\n"
    hidden = array("Q", [8 << 32 | 12])  # "<gh\n": no place to cut
    assert list(_visible_cuts(text, hidden, 1)) == [(0, 2), (2, 5), (5, 14), (14, 15)]
    assert list(_visible_cuts(text, hidden, 4)) == [(0, 5), (5, 14), (14, 15)]
    monkeypatch.setattr(al503_spelling, "_SLICE", 1)  # a cut at every place one may be
    text = "a <b c\nd `e` <f>g\n"
    blanked = _blanked(text, _hidden_spans(parse_document(text, "<text>"), False), 0, len(text))
    # The tag "<f>" and the code span "`e`" are hidden; "<b c" is no tag (a newline ends it).
    assert re.sub(r"\S", "x", blanked) == "x xx x\nx" + " " * 8 + "x\n"
