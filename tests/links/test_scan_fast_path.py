"""The scan's fast path against its plain reference: ``scan_urls`` tries its pattern only at
the one start a "://" allows ("http" or "https" before it, told by the letter before the
colon) and reads a link's destination with one pattern; the reference below tries both
starts, matches a destination twice and searches again after each URL, as the scan did
before. Both must predict the same URLs, in
the same order, on every corpus list and on generated text full of the cases that matter."""

from __future__ import annotations

import contextlib
import random
import re

import pytest

from awesome_lint.links import collect
from awesome_lint.links.collect import normalise_url, scan_urls, url_problem

from ..corpus import corpus_files, read_text

DESTINATION = re.compile(r"(?i:https?)://[^\s<>`]+")  # after a match of collect._SCANNED_URL


def _next_url(text: str, pos: int) -> re.Match[str] | None:
    colon = text.find("://", pos)
    while colon >= 0:
        for start in (colon - 5, colon - 4):
            if start >= pos:
                m = collect._SCANNED_URL.match(text, start)
                if m is not None:
                    return m
        colon = text.find("://", colon + 1)
    return None


def reference_scan(text: str) -> list[str]:
    found: dict[str, None] = {}
    for chunk in collect._outside_code_and_comments(text):
        m = _next_url(chunk, 0)
        while m is not None:
            start = m.start()
            before = chunk[max(0, start - 2) : start]
            if before == "](":
                url = collect._balanced(DESTINATION.match(chunk, start).group())  # type: ignore[union-attr]
            else:
                url = collect._balanced(m.group())
            if before != "](" and before[-1:] != "<":
                url = url[: collect._bare_length(url)]
                if before[-1:] and collect._NO_AUTOLINK_AFTER.match(before[-1]):
                    url = ""
            if url:
                with contextlib.suppress(ValueError):
                    found[normalise_url(url)] = None
            m = _next_url(chunk, start + max(1, len(url)))
    return list(found)


# Schemes in every case (with the long s that folds to "s"), what may stand before a URL, and
# what ends or continues one.
PIECES = [
    *("http://", "https://", "HTTPS://", "hTtP://", "http\u017f://", "https\u017f://", "://"),
    *("ftp://", "xhttp://", "p://", "s://", "](", "](<", "<", "[", "(", ")", "'", '"', "`"),
    *("a", "Z", "9", "_", "/", ".", ",", " ", "\n", "=", "é", "\u212a", "x.org", "/p?q=1#f"),
    *("```\n", "~~~\n", "<!--", "-->", "%41", "%zz", "[a]", "**"),
]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))


def test_the_fast_scan_is_the_reference_scan_on_generated_text() -> None:
    rng = random.Random(1604)
    for _ in range(20_000):
        text = random_text(rng)
        assert scan_urls(text) == reference_scan(text), repr(text)


def test_the_fast_scan_is_the_reference_scan_on_the_corpus() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is not available")
    for path in files:
        text = read_text(path)
        assert scan_urls(text) == reference_scan(text), path.name


def test_a_url_the_plain_reading_gave_reads_the_same_again() -> None:
    """``url_problem`` trusts a URL the plain reading gave (no second reading): each such URL
    is its own plain reading, and has no problem."""
    rng = random.Random(16)
    texts = [read_text(path) for path in corpus_files()]
    texts += [random_text(rng) for _ in range(5_000)]
    for text in texts:
        for url in scan_urls(text):
            if url in collect._PLAIN_READ:
                assert collect._plain_url(url) == url
                assert url_problem(url) is None


def test_a_url_yarl_reads_is_still_judged() -> None:
    """A URL yarl normalises (not the plain reading) gets its problem, whatever was read."""
    assert normalise_url("https://x.org/a") == "https://x.org/a"
    assert url_problem("http://1.2.3.4.5/") == "1.2.3.4.5 is not an IPv4 address"
    assert url_problem("http:///path") == "no host"
