"""Helpers for the engine, fix, reporter and CLI tests: tiny rules and a throwaway parser.

``mini_parse`` knows just enough Markdown for these tests: a paragraph that starts with
``**Title**`` is an entry, ``[label](url)`` is a link. The real parser is tested elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from awesome_lint import engine as engine_module
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import Engine
from awesome_lint.model import Document, Field, LineIndex, Link, PaperEntry
from awesome_lint.registry import Registry
from awesome_lint.rule import Rule, RuleContext
from awesome_lint.source import SourceText, from_raw

LINK_RE = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
TITLE_RE = re.compile(r"^\*\*([^*\n]+)\*\*", re.MULTILINE)


def mini_document(text: str, path: str = "list.md", newline: str = "\n") -> Document:
    index = LineIndex(text)
    links = tuple(
        Link(m[1], m[2], index.span(m.start(), m.end()), index.span(m.start(2), m.end(2)))
        for m in LINK_RE.finditer(text)
    )
    entries = []
    for m in TITLE_RE.finditer(text):
        end = text.find("\n\n", m.start())
        end = len(text) if end < 0 else end
        span = index.span(m.start(), end)
        title = Field(m[1], index.span(m.start(1), m.end(1)))
        own = tuple(link for link in links if span.start <= link.span.start < end)
        entries.append(PaperEntry("block", "A", title, None, None, None, own, span, None, text))
    return Document(
        path, text, newline, False, (), (), tuple(entries), links, None, frozenset(), (), index
    )


def mini_parse(source: SourceText) -> Document:
    return mini_document(source.text, source.path, source.newline)


@pytest.fixture
def mini_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the engine on ``mini_parse`` with no house style (the test rules read none)."""
    monkeypatch.setattr(engine_module, "parse_source", mini_parse)
    monkeypatch.setattr(engine_module, "infer", lambda doc: None)


class Typo(Rule):
    """Flags every ``teh`` with a safe fix to ``the``."""

    code = "AL501"
    name = "typo-teh"
    summary = "Flags the typo 'teh'."
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        for m in re.finditer(r"\bteh\b", doc.text):
            span = doc.span(m.start(), m.end())
            fix = Fix((Edit(m.start(), m.end(), "the"),), description="Write 'the'")
            yield self.diagnostic(doc, span, '"teh" should be "the"', fix)


class Shout(Rule):
    """A warning for every ``TODO`` (no fix)."""

    code = "AL502"
    name = "todo-left"
    summary = "Flags TODO markers."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        for m in re.finditer("TODO", doc.text):
            yield self.diagnostic(doc, doc.span(m.start(), m.end()), "TODO left in the list")


class Crashing(Rule):
    code = "AL503"
    name = "always-crashes"
    summary = "Crashes after yielding one diagnostic."

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        yield self.diagnostic(doc, doc.span(0, 0), "partial result")
        raise ZeroDivisionError("division by zero")


class OffByDefault(Rule):
    code = "AL201"
    name = "strict-dates"
    summary = "Off unless selected."
    severity = Severity.INFO
    enabled_by_default = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        yield self.diagnostic(doc, doc.span(0, 0), "strict dates are on")


class Network(Rule):
    code = "AL901"
    name = "dead-link"
    summary = "Reported by the link checker."
    network = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        raise AssertionError("the engine must never run a network rule")


TEST_RULES: tuple[type[Rule], ...] = (Typo, Shout, Crashing, OffByDefault, Network)


def registry(*rules: type[Rule]) -> Registry:
    return Registry(rules or TEST_RULES)


def engine(*selectors: str, ignore: tuple[str, ...] = ()) -> Engine:
    selection = registry().select(list(selectors) or None, ignore)
    return Engine(selection)


def source(text: str, path: str = "list.md") -> SourceText:
    return from_raw(path, text)
