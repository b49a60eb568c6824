"""The facts layer's speed choices give what the plain readings give (see
tests/test_rule_shortcuts.py for the rules' own shortcuts)."""

from __future__ import annotations

from functools import cached_property

import pytest

from awesome_lint.facts import EntryFacts, read_once

from .corpus import corpus_files, parsed, read_text

FACT_NAMES = [name for name, value in vars(EntryFacts).items() if isinstance(value, read_once)]


class PlainFacts(EntryFacts):
    """The same facts through functools.cached_property, the reading read_once replaces."""


for _name in FACT_NAMES:
    setattr(PlainFacts, _name, cached_property(vars(EntryFacts)[_name].compute))
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


@pytest.mark.parametrize("path", corpus_files()[:6], ids=lambda p: p.name[:40])
def test_read_once_facts_equal_cached_property_facts(path) -> None:
    doc = parsed(read_text(path), str(path))
    for entry in doc.entries:
        fast, plain = EntryFacts(entry, doc), PlainFacts(entry, doc)
        for name in FACT_NAMES:
            assert getattr(fast, name) == getattr(plain, name), (entry.span, name)
