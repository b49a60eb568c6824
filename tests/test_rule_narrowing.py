"""Searches the rules narrow for speed find what the full search finds (as
tests/test_rule_shortcuts.py and tests/test_fast_paths.py do for the earlier ones): each is
compared with the plain reading it replaces on every corpus list and on generated texts."""

from __future__ import annotations

import random

import pytest

from awesome_lint.facts import Facts, is_paper_link
from awesome_lint.model import Document, PaperEntry
from awesome_lint.rule import RuleContext
from awesome_lint.rules.al106_title_format import TitleFormat, _blank_inside
from awesome_lint.rules.al207_venue_format import _WORD, VENUE_SPELLINGS, _house_spellings
from awesome_lint.rules.al302_duplicate_entry import _group_finder, details_spans
from awesome_lint.rules.al305_empty_link import is_placeholder
from awesome_lint.rules.al307_shared_code_link import (
    MAX_SHARING,
    SharedCodeLink,
    _entries_by_code_link,
)
from awesome_lint.rules.rendered_text import SourceLine, markdown_lines
from awesome_lint.style import HouseStyle, infer_style, vote
from awesome_lint.urls import paper_key
from awesome_lint.venues import Venue, read_venue

from .corpus import corpus_files, house_style, parsed, read_text


def _groups_block_by_block(doc: Document) -> list[tuple[int | None, int | None]]:
    """AL302's groups from a search of every block (no search of the whole text first)."""
    spans = details_spans(doc, doc.blocks)
    found = []
    for entry in doc.entries:
        inner = [s for s in spans if s[0] <= entry.span.start < s[1]]
        found.append((entry.group, max(inner)[0] if inner else None))
    return found


def _details_texts(seed: int) -> list[str]:
    """Lists with <details> tags in odd places: in code, split over lines, in capitals,
    unclosed, nested, or none at all."""
    pieces = [
        "<details>\n<summary>More</summary>\n\n",
        "</details>\n\n",
        "<DETAILS open>\n\n",
        "```\n<details>\n```\n\n",
        "<details\nopen>\n\n",
        "- **Alpha: A Model** A. Lee. [[Paper](https://arxiv.org/abs/2101.00001)]\n\n",
        "- **Alpha: A Model** B. Chen. [[Paper](https://arxiv.org/abs/2101.00002)]\n\n",
        "## Section\n\n",
        "text <details> inline </details>\n\n",
    ]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(60)]


@pytest.mark.parametrize("seed", range(4))
def test_al302_groups_equal_the_block_by_block_search_on_generated_lists(seed: int) -> None:
    inside = 0
    for text in _details_texts(seed):
        doc = parsed(text)
        groups = _groups_block_by_block(doc)
        assert [_group_finder(doc)(e) for e in doc.entries] == groups, text
        inside += sum(details is not None for _, details in groups)
    assert inside > 0  # the texts do put entries inside <details>


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_al302_groups_equal_the_block_by_block_search_on_the_corpus(path) -> None:
    doc = parsed(read_text(path), str(path))
    assert [_group_finder(doc)(e) for e in doc.entries] == _groups_block_by_block(doc)


def test_markdown_lines_are_source_lines() -> None:
    doc = parsed("# Title\n\nOne `code` line\nand <!-- a comment --> another\n")
    lines = list(markdown_lines(doc))
    assert all(type(line) is SourceLine for line in lines)
    assert [(line.start, line.text) for line in lines] == [
        (0, "# Title"),
        (9, "One        line"),
        (25, "and                    another"),
    ]


def test_no_address_starting_with_http_is_a_placeholder() -> None:
    """AL305 takes an address starting with "http" for no placeholder without asking."""
    rng = random.Random(305)
    words = ["link", "url", " ", "tbd", "todo", "coming soon", "n/a", "...", "…", "xxx", "s://"]
    tails = ["".join(rng.choice(words) for _ in range(rng.randint(0, 5))) for _ in range(5000)]
    assert not any(is_placeholder(head + tail) for head in ("http", "HTTP") for tail in tails)
    for path in corpus_files():
        doc = parsed(read_text(path), str(path))
        urls = [link.url.strip() for link in doc.links]
        assert not any(is_placeholder(url) for url in urls if url.startswith("http"))


def _spellings_venue_by_venue(venues: list[Venue]) -> dict[str, str]:
    """AL207's house spellings as a reading of every venue, one after the other."""
    written: dict[str, list[str]] = {}
    for venue in venues:
        for m in _WORD.finditer(venue.name):
            if m.group().lower() in VENUE_SPELLINGS:
                written.setdefault(m.group().lower(), []).append(m.group())
    voted = {key: vote(words).value for key, words in written.items()}
    return {key: value for key, value in voted.items() if value is not None}


def test_al207_house_spellings_equal_a_reading_of_every_venue() -> None:
    rng = random.Random(207)
    names = ["arXiv", "ArXiv", "Arxiv", "CVPR", "cvpr", "NeurIPS", "Neurips", "ICLR", "Iclr"]
    for _ in range(400):  # near ties, where the order of first use decides
        venues = [read_venue(f"{rng.choice(names)} 2023") for _ in range(rng.randint(1, 12))]
        assert _house_spellings(venues) == _spellings_venue_by_venue(venues)
    for path in corpus_files():
        doc = parsed(read_text(path), str(path))
        venues = [read_venue(e.venue.text) for e in doc.entries if e.venue is not None]
        assert _house_spellings(venues) == _spellings_venue_by_venue(venues)


def _title_texts(seed: int) -> list[str]:
    """Entries whose bold titles have blanks (spaces, tabs) inside or outside their markers."""
    rng = random.Random(seed)
    blanks = ["", " ", "\t", "  "]
    texts = []
    for _ in range(300):
        before, after = rng.choice(blanks), rng.choice(blanks)
        texts.append(
            f"- **{before}Alpha Model{after}** A. Lee. [Paper](https://arxiv.org/abs/2101.00001)\n"
        )
    return texts


@pytest.mark.parametrize("seed", range(2))
def test_al106_looks_for_spaces_only_where_there_are_blanks(seed: int) -> None:
    rule = TitleFormat()
    texts = _title_texts(seed)
    docs = [parsed(text) for text in texts]
    docs += [parsed(read_text(path), str(path)) for path in corpus_files()]
    for doc in docs:
        for entry in doc.entries:
            if entry.title is not None and not _blank_inside(doc.text, entry.title):
                assert list(rule._spaces(doc, entry.title)) == []


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_al307_skips_only_code_links_on_one_entry(path) -> None:
    text = read_text(path)
    doc, style = parsed(text, str(path)), house_style(text)
    rule, ctx = SharedCodeLink(), RuleContext(style=style)
    every_key = [
        found
        for key, sharing in _entries_by_code_link(doc, style.facts).items()
        if len(sharing) <= MAX_SHARING
        for found in rule._unrelated(doc, style.facts, key, sharing)
    ]
    assert list(rule.check(doc, ctx)) == every_key


def _paper_links_read_in_full(entry: PaperEntry) -> tuple:
    """An entry's paper links and keys read without the arXiv shortcut of the facts."""
    keys: dict = {}
    for link in entry.links:
        if is_paper_link(entry, link):
            keys.setdefault(paper_key(link.url), link)
    return tuple(keys.items())


def _paper_link_lists(seed: int) -> str:
    """Entries whose links are arXiv addresses in every spelling a list may write (no scheme,
    www. or export., capitals, versions, .pdf, a query, blanks, old ids, look-alike hosts),
    as links, images and titles, beside other paper and code links."""
    rng = random.Random(seed)
    hosts = ["arxiv.org", "www.arxiv.org", "export.arxiv.org", "ARXIV.ORG", "arxiv.com"]
    hosts += ["arxiv.org.evil.com", "alphaxiv.org"]
    shapes = ["abs", "pdf", "html", "format", "ABS", "list"]
    ids = ["2101.00001", "2101.00001v2", "2101.0001", "hep-th/9901001", "cs.CL/0112017"]
    tails = ["", ".pdf", "/", "?context=cs", "#x", " "]
    others = ["https://doi.org/10.1000/X", "https://github.com/a/b", "https://a.github.io/"]
    others += ["https://openreview.net/forum?id=abc", "#section", "./paper.pdf", ""]
    labels = ["Paper", "PDF", "arXiv", "Code", "", "Project"]
    lines = []
    for i in range(120):
        links = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.6:
                scheme = rng.choice(["https://", "http://", "", " https://"])
                url = f"{scheme}{rng.choice(hosts)}/{rng.choice(shapes)}/{rng.choice(ids)}"
                url += rng.choice(tails)
            else:
                url = rng.choice(others)
            image = "!" if rng.random() < 0.1 else ""
            links.append(f"{image}[{rng.choice(labels)}]({url})")
        title = f"**Paper {i}**" if rng.random() < 0.8 else links.pop(0)
        lines.append(f"- {title} A. Lee, B. Chen. {' '.join(links) or 'none'}")
    return "\n".join(lines) + "\n"


def _assert_paper_links_read_in_full(doc: Document) -> None:
    facts = Facts(doc)
    for entry in doc.entries:
        assert facts.of(entry).paper_links == _paper_links_read_in_full(entry), entry.span


@pytest.mark.parametrize("seed", range(4))
def test_paper_links_equal_the_full_reading_on_generated_lists(seed: int) -> None:
    doc = parsed(_paper_link_lists(seed))
    assert len(doc.entries) > 80
    _assert_paper_links_read_in_full(doc)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_paper_links_equal_the_full_reading_on_the_corpus(path) -> None:
    _assert_paper_links_read_in_full(parsed(read_text(path), str(path)))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_each_entry_gives_what_of_gives_on_the_corpus(path) -> None:
    doc = parsed(read_text(path), str(path))
    style = infer_style(doc)
    ctx = RuleContext(style=style)
    read = [(entry, style.facts.of(entry), style.of(entry)) for entry in doc.entries]
    assert [tuple(map(id, x)) for x in ctx.each_entry(doc)] == [tuple(map(id, x)) for x in read]


def test_each_entry_of_a_style_made_apart_from_the_document() -> None:
    text = "- **Alpha** A. Lee. [Paper](https://arxiv.org/abs/2101.00001)\n"
    doc, other = parsed(text), parsed(text)
    by_hand = RuleContext(style=HouseStyle(date_layout="dmy"))  # no facts
    [(entry, facts, style)] = by_hand.each_entry(doc)
    assert entry is doc.entries[0] and style is by_hand.style
    assert facts.paper_links == (("arxiv:2101.00001", entry.links[0]),)
    of_another_parse = RuleContext(style=infer_style(other))
    [(entry, facts, style)] = of_another_parse.each_entry(doc)
    assert entry is doc.entries[0] and facts is of_another_parse.facts.of(entry)
