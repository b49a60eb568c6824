"""AL302 duplicate-entry: the same paper listed twice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from ..diagnostics import Diagnostic, Severity
from ..facts import short
from ..model import Block, Document, PaperEntry
from ..rule import Rule, RuleContext

_DETAILS = re.compile(r"<(/?)details\b[^>]*>", re.I)
T = TypeVar("T")
_LEVELS = {"info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


@dataclass(frozen=True)
class DuplicateEntryOptions:
    """AL302's options."""

    cross_section: str = "info"  # info | warning | error | off

    def __post_init__(self) -> None:
        if self.cross_section not in (*_LEVELS, "off"):
            raise ValueError(
                f"cross_section must be info, warning, error or off, not {self.cross_section!r}"
            )


Group = tuple[int | None, int | None]


def details_spans(doc: Document, blocks: Iterable[Block]) -> list[tuple[int, int]]:
    """The ``<details>`` groups that tags in ``blocks`` (code blocks aside) open and close."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for block in blocks:
        if block.kind == "code":
            continue
        for m in _DETAILS.finditer(doc.text, block.span.start, block.span.end):
            if not m[1]:
                stack.append(m.start())
            elif stack:
                spans.append((stack.pop(), m.end()))
    spans.extend((start, len(doc.text)) for start in stack)
    return spans


def _group_finder(doc: Document) -> Callable[[PaperEntry], Group]:
    """Where an entry sits: its section and its innermost ``<details>`` group, if any."""
    # A tag a block's search finds is one a search of the whole text finds: one search in C
    # tells most lists, which have no <details>, that no block need be searched.
    spans = details_spans(doc, doc.blocks) if _DETAILS.search(doc.text) else []

    def group(entry: PaperEntry) -> Group:
        """The entry's list (``Document.groups``), and its ``<details>``."""
        inner = [s for s in spans if s[0] <= entry.span.start < s[1]]
        return entry.group, max(inner)[0] if inner else None

    return group


class DuplicateEntry(Rule):
    code = "AL302"
    name = "duplicate-entry"
    summary = (
        "The same paper listed twice: a warning in one list of entries, info across lists or "
        "sections."
    )
    severity = Severity.WARNING
    options_class = DuplicateEntryOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or DuplicateEntryOptions()
        group_of = _group_finder(doc)
        # Per title: the first entry of each (authors, group) seen, so that a title listed
        # a thousand times is compared with a few entries, not with all the others.
        seen: dict[str, dict[tuple[frozenset[str], Group], PaperEntry]] = {}
        message, related = _Shared(_message), _Shared(_related)  # a paper listed 16 times
        for entry in _titles_listed_twice(doc, ctx):
            facts = ctx.facts.of(entry)
            key, surnames = facts.title_key, facts.surnames
            group = group_of(entry)
            firsts = seen.setdefault(key, {})
            earlier = [e for (names, _), e in firsts.items() if not _disjoint(names, surnames)]
            firsts.setdefault((surnames, group), entry)
            if not earlier:
                continue
            same = next((e for e in earlier if group_of(e) == group), None)
            nearby = next((e for e in earlier if e.section == entry.section), None)
            if same is not None:
                text = message(same, "is already listed in this list")
                yield self.diagnostic(doc, entry.title.span, text, data=related(same))
            elif nearby is not None:
                # Two lists of one section (a showcase of "our surveys" and "our benchmarks"):
                # a paper may belong to both.
                text = message(nearby, "is also listed in this section")
                found = self.diagnostic(doc, entry.title.span, text, data=related(nearby))
                yield replace(found, severity=Severity.INFO)
            elif options.cross_section != "off":
                text = message(earlier[0], "is also listed in another section")
                found = self.diagnostic(doc, entry.title.span, text, data=related(earlier[0]))
                yield replace(found, severity=_LEVELS[options.cross_section])


def _titles_listed_twice(doc: Document, ctx: RuleContext) -> list[PaperEntry]:
    """The entries whose title key another entry shares, in order: only they can be
    duplicates, so the others' authors and groups are never read (most titles are unique)."""
    keyed = [(e, ctx.facts.of(e).title_key) for e in doc.entries if e.title is not None]
    uses = Counter(key for _, key in keyed)
    return [e for e, key in keyed if key and uses[key] > 1]


class _Shared(Generic[T]):
    """``describe(entry, *words)`` computed once per entry and words: the findings that name
    one copy of a paper share one message and one mapping instead of holding a copy each."""

    def __init__(self, describe: Callable[..., T]) -> None:
        self.describe = describe
        self.found: dict[tuple[int, tuple[str, ...]], T] = {}

    def __call__(self, entry: PaperEntry, *words: str) -> T:
        key = (id(entry), words)
        value = self.found.get(key)
        if value is None:
            value = self.found[key] = self.describe(entry, *words)
        return value


def _message(earlier: PaperEntry, verb: str) -> str:
    return f"the same paper {verb}: {_where(earlier)}"


def _related(earlier: PaperEntry) -> dict[str, int]:
    """The line of the copy a finding names (``--changed-since`` reports a duplicate when
    either copy changed)."""
    assert earlier.title is not None
    return {"related_line": earlier.title.span.line}


def _disjoint(first: frozenset[str], second: frozenset[str]) -> bool:
    """Two works that share a title but no author: a blog post and a video, say."""
    return bool(first and second) and not first & second


def _where(entry: PaperEntry) -> str:
    assert entry.title is not None
    return f'"{short(entry.title.text)}" (line {entry.title.span.line})'
