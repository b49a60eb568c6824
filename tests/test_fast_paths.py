"""Speed choices of the facts layer, the style and the rules give what the plain readings
give (tests/test_rule_shortcuts.py holds the earlier ones)."""

from __future__ import annotations

import random
import re
from functools import cached_property

import pytest

from awesome_lint.dates import read_date
from awesome_lint.facts import FACT_NAMES, EntryFacts, Facts, _Readings, read_once
from awesome_lint.inline import _BACKTICKS, backtick_runs
from awesome_lint.rules.al101_entry_shape import entry_shape, parts, shape
from awesome_lint.rules.al107_authors_format import AuthorsFormat, _House, as_the_house_writes
from awesome_lint.rules.al303_url_style import _WRAPPER_HOST_WORD, _may_be_wrapped
from awesome_lint.rules.al305_empty_link import _NOT_A_LINK, _spaced_lines
from awesome_lint.style import (
    _AUTHOR_SEPARATOR,
    _ET_AL,
    author_separators,
    open_ended,
    separators_written,
)
from awesome_lint.urls import (
    arxiv_link,
    host_of,
    normalise,
    normalise_any,
    split_any_url,
    split_url,
)

from .corpus import corpus_files, house_style, parsed, read_text
from .test_rule_shortcuts import TRICKY_URLS


class PlainFacts(EntryFacts):
    """The same facts through functools.cached_property, the reading the slots replace (each
    read on first use, none when made)."""

    def __init__(self, entry, doc) -> None:
        self.entry = entry
        self.doc = doc


for _name in FACT_NAMES:
    setattr(PlainFacts, _name, cached_property(vars(_Readings)[_name].compute))
    vars(PlainFacts)[_name].__set_name__(PlainFacts, _name)


def test_read_once_computes_once_and_keeps_the_value() -> None:
    calls = []

    class Box:
        @read_once
        def value(self) -> list[int]:
            """The docstring stays."""
            calls.append(1)
            return [len(calls)]

    box = Box()
    assert box.value == [1] and box.value is box.value
    assert calls == [1]
    assert Box().value == [2]  # each instance its own value
    assert Box.value.__doc__ == "The docstring stays."


def test_every_fact_is_read_once() -> None:
    assert set(FACT_NAMES) >= {"date", "arxiv", "arxiv_links", "breaks", "paper_links"}


def test_entry_facts_keep_each_fact_in_its_slot_read_once() -> None:
    doc = parsed(
        "# Papers\n\n- **A Title** Ann Lee, Bo Chen. [Paper](https://arxiv.org/abs/2101.00001)\n"
    )
    facts = EntryFacts(doc.entries[0], doc)
    assert not hasattr(facts, "__dict__")  # slots: no dictionary per entry
    assert facts.surnames == frozenset({"lee", "chen"})
    assert facts.surnames is facts.surnames and facts.arxiv is facts.arxiv
    assert PlainFacts(doc.entries[0], doc).__dict__ == {}  # the comparison reads every fact
    with pytest.raises(AttributeError, match="no attribute 'colour'"):
        facts.colour  # noqa: B018


@pytest.mark.parametrize("path", corpus_files()[:6], ids=lambda p: p.name[:40])
def test_read_once_facts_equal_cached_property_facts(path) -> None:
    doc = parsed(read_text(path), str(path))
    for entry in doc.entries:
        fast, plain = EntryFacts(entry, doc), PlainFacts(entry, doc)
        for name in FACT_NAMES:
            assert getattr(fast, name) == getattr(plain, name), (entry.span, name)


def _house_verdicts(doc, style, house_of=_House.of) -> list[tuple[bool, list]]:
    """Each author list's (fast verdict, what the separator loop reports)."""
    rule, verdicts = AuthorsFormat(), []
    for entry in doc.entries:
        if entry.authors is None:
            continue
        house = house_of(style.of(entry))
        found = author_separators(entry.authors.text)
        slow = list(rule._each_separator(doc, entry.authors, house, found))
        written = separators_written(entry.authors.text)
        verdicts.append((as_the_house_writes(written, entry.authors, house), slow))
    return verdicts


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_al107_fast_path_only_skips_lists_the_loop_passes(path) -> None:
    text = read_text(path)
    doc, style = parsed(text, str(path)), house_style(text)
    verdicts = _house_verdicts(doc, style)
    assert all(not slow for fast, slow in verdicts if fast)
    # and with houses that write otherwise, so that the fast path is also refused
    for house in (_House(" and ", None), _House(" , ", None), _House(", ", " and ")):
        assert all(
            not slow for fast, slow in _house_verdicts(doc, style, lambda _, h=house: h) if fast
        )


def test_al107_fast_path_takes_the_usual_list_and_refuses_the_rest() -> None:
    doc = parsed("- A B, C D, E F and G H. **Title**. 2023\n")
    house = _House(", ", " and ")
    authors = doc.entries[0].authors
    assert authors is not None
    written = separators_written(authors.text)
    assert written == (", ", ", ", " and ")
    assert as_the_house_writes(written, authors, house)
    assert not as_the_house_writes(written, authors, _House(", ", ", "))
    assert not as_the_house_writes(written, authors, _House(" , ", " and "))
    assert not as_the_house_writes(written, authors, _House(None, None))


def _host_by_urlsplit(url: str) -> str:
    parts = split_any_url(url.strip())
    return ((parts.hostname if parts else None) or "").removeprefix("www.")


def _addresses() -> set[str]:
    """Awkward addresses, and every address of every corpus list."""
    urls = {*TRICKY_URLS, "https://WWW.Example.org", "http://www.", "https://x.org:8080/a"}
    urls |= {"//arxiv.org/abs/1", "https://a@b.org/", "HTTPS://Sub.Domain.ORG/p?q#f "}
    urls |= {"http:////x", "https://x.org//", "https://x.org/a/?", "https://x.org/?utm_a=1"}
    urls |= {"x.org/a/", "https://www.x.org#top", "https://x.org/a?b=1&utm_source=y#c"}
    for path in corpus_files():
        urls |= set(re.findall(r"\S*://[^\s)>\]\"]+", read_text(path)))
    return urls


def test_host_of_is_urlsplits_hostname() -> None:
    for url in _addresses():
        assert host_of.__wrapped__(url) == _host_by_urlsplit(url), url


def test_normalise_of_a_plain_address_is_urllibs_reading() -> None:
    for url in _addresses():
        assert normalise.__wrapped__(url) == normalise_any(url.strip()), url


def test_arxiv_links_host_is_the_netloc_urlsplit_reads() -> None:
    urls = _addresses() | {" https://arXiv.org/abs/2101.00001 ", "export.arxiv.org/pdf/2101.00001"}
    urls |= {"HTTP://WWW.ARXIV.ORG/PDF/2101.00001V2.pdf", "https://arxiv.org/abs/2101.00001?x\ty"}
    seen = 0
    for url in urls:
        found = arxiv_link.__wrapped__(url)
        if found is not None:
            seen += 1
            parts = split_url(url if "://" in url else "https://" + url)
            assert parts is not None and found.host == parts.netloc.lower(), url
    assert seen >= 4


def test_backtick_runs_are_the_regexs() -> None:
    rng = random.Random(7)
    samples = ["", "`", "``a```", "a`b``c", "```", "x" * 5]
    samples += ["".join(rng.choice("`a\n") for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in samples:
        for start, end in ((0, len(text)), (1, len(text) - 1), (2, 5)):
            expected = [m.span() for m in _BACKTICKS.finditer(text, start, end)]
            assert backtick_runs(text, start, end) == expected, (text, start, end)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_entry_shape_is_the_shape_of_the_parts(path) -> None:
    doc = parsed(read_text(path), str(path))
    for entry in doc.entries:
        assert entry_shape(entry) == shape(parts(entry)), entry.span


def test_entry_shape_merges_only_neighbouring_links() -> None:
    text = (
        "- **Title**. A B, C D. [Paper](https://a.org) [Code](https://b.org) stray [Web](c) 2023\n"
    )
    (entry,) = parsed(text).entries
    assert entry_shape(entry) == shape(parts(entry)) == "TALLD"  # stray text parts the links


@pytest.mark.parametrize("path", corpus_files()[:8], ids=lambda p: p.name[:40])
def test_dated_entries_read_once_are_the_plain_reading(path) -> None:
    doc = parsed(read_text(path), str(path))
    facts = Facts(doc)
    plain = [
        (e, read_date(e.date.text))
        for e in doc.entries
        if e.date is not None and read_date(e.date.text) is not None
    ]
    assert list(facts.dated()) == plain and facts.dated() is facts.dated()
    for section in doc.sections:
        expected = [(e, p) for e, p in plain if e in section.entries and p.value is not None]
        assert facts.calendar_dated(section) == expected


def test_open_ended_is_the_et_al_search() -> None:
    rng = random.Random(11)
    samples = ["", "et al", "et al.", "et al..", "A et al", "Xet al", "_et al", "é et al", "ét al"]
    samples += ["A, B et al. \n", "A et al.\n", "et al .", "A, B, and C"]
    samples += [
        "".join(rng.choice("et al._xé \n") for _ in range(rng.randint(0, 12))) for _ in range(20000)
    ]
    for path in corpus_files():
        samples += [e.authors.text for e in parsed(read_text(path), str(path)).entries if e.authors]
    for text in samples:
        assert open_ended(text) == bool(_ET_AL.search(text.rstrip())), text


def test_al305_spaced_lines_hold_every_match_with_a_spaced_destination() -> None:
    rng = random.Random(13)
    samples = ["[a](b c)", "![a]( b c )", "[a](x) [b](y z)\n[c](d e)", "[a](x [b](c d)", "](a b)"]
    samples += ["[a](x [b] c)", "[[a](b c)](d)", "[a]\n(b c)", "[a](b\tc)", "x [a](b c"]
    samples += [
        "".join(rng.choice("[]() a!\n") for _ in range(rng.randint(0, 16))) for _ in range(20000)
    ]
    samples += [read_text(path) for path in corpus_files()]
    for text in samples:
        expected = [m.span() for m in _NOT_A_LINK.finditer(text) if " " in m[2]]
        found = [
            m.span()
            for start, end in _spaced_lines(text)
            for m in _NOT_A_LINK.finditer(text, start, end)
            if " " in m[2]
        ]
        assert found == expected, text


def test_al303_wrapper_word_check_is_the_regexs() -> None:
    urls = [*TRICKY_URLS, "https://WWW.Google.com/url?q=x", "https://l.facebook.com/l.php"]
    urls += [
        "https://\u017fafelinks.protection.outlook.com/",
        "https://lin\u212aedin.com/x",
        "google",
    ]
    for path in corpus_files():
        urls += [link.url for link in parsed(read_text(path), str(path)).links]
    for url in urls:
        assert _may_be_wrapped(url) == bool(_WRAPPER_HOST_WORD.search(url)), url


# The separators between authors as first written: blanks, a separator, white space.
_PLAIN_AUTHOR_SEPARATOR = re.compile(
    r"[ \t]*(?:,[ \t]*and[ \t]+|,(?:[ \t]*,)+|[,;]|[ \t]&[ \t]|[ \t]and[ \t])\s*"
)


def _separator_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_author_separator_branches_find_what_the_plain_pattern_finds() -> None:
    rng = random.Random(14)
    pieces = [" ", "\t", ",", ";", "&", "and", " and ", ", and ", " & ", "a", "n", "d", "x", "\n"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(20000)]
    for text in [*texts, "A, B", "A ,B", "A  and B", "A\tand\tB", "A,, B", "A , , and B"]:
        found = _separator_spans(_AUTHOR_SEPARATOR, text)
        assert found == _separator_spans(_PLAIN_AUTHOR_SEPARATOR, text), repr(text)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_author_separator_branches_on_every_corpus_author_list(path) -> None:
    doc = parsed(read_text(path), str(path))
    for entry in doc.entries:
        if entry.authors is not None:
            text = entry.authors.text
            found = _separator_spans(_AUTHOR_SEPARATOR, text)
            assert found == _separator_spans(_PLAIN_AUTHOR_SEPARATOR, text), text
