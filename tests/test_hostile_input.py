"""The inline scanners on generated worst cases (``tests/hostile_inputs.py``) at 100 kB and
1 MB: each finds exactly what is there. A scanner that retried from every opener would take
minutes to hours here (``bench/hostile_speed.py`` prints the times)."""

from __future__ import annotations

import pytest

from awesome_lint.inline import (
    bare_urls,
    comments,
    html_anchors,
    html_links,
    markdown_links,
    reference_definitions,
)

from .hostile_inputs import HOSTILE

SIZES = [100_000, pytest.param(1_000_000, marks=pytest.mark.slow)]


def scan(text: str) -> dict[str, int]:
    end = len(text)
    links = markdown_links(text, 0, end)
    definitions = reference_definitions(text, 0, end)
    taken = [(link.start, link.end) for link in links + definitions]
    return {
        "markdown": len(links),
        "definitions": len(definitions),
        "bare": len(list(bare_urls(text, 0, end, taken))),
        "html": len(list(html_links(text, 0, end))),
        "anchors": len(list(html_anchors(text, 0, end))),
        "comments": len(list(comments(text, 0, end))),
    }


NOTHING = {"markdown": 0, "definitions": 0, "bare": 0, "html": 0, "anchors": 0, "comments": 0}


def expected(name: str, text: str) -> dict[str, int]:
    if name == "closed <img src=x>":
        return {**NOTHING, "html": text.count("<img")}
    if name == "backtick runs":
        return {**NOTHING, "markdown": 1, "bare": 0}
    if name == "links and bare URLs":
        return {**NOTHING, "markdown": text.count("[a]"), "bare": text.count(" https")}
    if name == "definitions":
        return {**NOTHING, "definitions": text.count("[p]")}
    if name == "url with nested parens":
        return {**NOTHING, "bare": 1}
    return NOTHING


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", HOSTILE)
def test_scanners_on_worst_cases(name: str, size: int) -> None:
    text = HOSTILE[name](size)
    assert len(text) >= size * 0.9
    assert scan(text) == expected(name, text)


def test_a_bare_url_keeps_its_balanced_parentheses() -> None:
    text = HOSTILE["url with nested parens"](1000)
    (url,) = bare_urls(text, 0, len(text), [])
    assert url.url == text[len("see ") : -1]  # every ")" closes a "(", the "." is not the URL


def test_a_quote_never_closed_ends_the_tag_scan() -> None:
    """As for a browser, an attribute value whose quote never closes swallows the rest."""
    text = '<a title="x <a href="https://a.org/">'
    assert list(html_links(text, 0, len(text))) == []
    closed = '<a title="x>y" href="https://a.org/">'
    (link,) = html_links(closed, 0, len(closed))
    assert (link.url, link.url_start) == ("https://a.org/", closed.index("https"))


def test_attribute_names_are_whole_words() -> None:
    text = '<img data-src="lazy.png" src="real.png"> <div data-id="x" id="y">'
    assert [link.url for link in html_links(text, 0, len(text))] == ["real.png"]
    assert list(html_anchors(text)) == ["y"]
