"""AL406 section-order: sibling sections not in the configured order (off unless configured)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity
from ..model import Document, Section
from ..rule import Rule, RuleContext
from .sections_common import (
    clean,
    fold,
    is_conventional,
    is_link_heading,
    longest_increasing,
)

# Catch-all sections that an alphabetical list conventionally keeps last.
CATCH_ALL: frozenset[str] = frozenset(
    {"other", "others", "misc", "miscellaneous", "miscellany", "more", "uncategorized"}
)


def _catch_all(name: str) -> bool:
    return name in CATCH_ALL or name.startswith("other ")


@dataclass(frozen=True)
class SectionOrderOptions:
    """AL406's options."""

    # "alphabetical", or the headings in their required order; empty: the rule checks nothing.
    order: str | list[str] = ""

    def __post_init__(self) -> None:
        order = self.order
        if isinstance(order, str):
            if order.strip() and order.strip().lower() != "alphabetical":
                raise ValueError(f'AL406 order must be "alphabetical" or a list, not {order!r}')
        elif not all(isinstance(name, str) for name in order):
            raise ValueError("AL406 order must be a list of heading names")


class SectionOrder(Rule):
    code = "AL406"
    name = "section-order"
    summary = "Sibling sections not in the configured order: alphabetical or an explicit list."
    severity = Severity.WARNING
    options_class = SectionOrderOptions
    enabled_by_default = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or SectionOrderOptions()
        order = options.order
        if not (order.strip() if isinstance(order, str) else order):
            return
        if isinstance(order, str):
            rank_of = None
        else:
            rank_of = {fold(name): rank for rank, name in enumerate(order)}
        after = doc.toc.span.end if doc.toc is not None else 0
        groups: dict[int | None, list[Section]] = {}
        for section in doc.sections:
            if section.span.start < after or is_conventional(doc, section):
                continue
            if is_link_heading(section):
                continue
            if rank_of is not None and fold(section.text) not in rank_of:
                continue
            groups.setdefault(section.parent, []).append(section)
        described = "alphabetical order" if rank_of is None else "the configured order"
        for group in groups.values():

            def key(s: Section) -> tuple[object, int]:
                name = fold(s.text)
                if rank_of is None:
                    return ((_catch_all(name), name), s.index)
                return (rank_of[name], s.index)

            ranked = sorted(group, key=key)
            ranks = [ranked.index(s) for s in group]
            kept = longest_increasing(ranks)
            for i, section in enumerate(group):
                if i in kept:
                    continue
                yield self.diagnostic(
                    doc, section.title_span, _message(group, ranks, kept, i, described)
                )


def _message(group: list[Section], ranks: list[int], kept: set[int], i: int, how: str) -> str:
    name, line = clean(group[i].text), group[i].span.line
    later = [j for j in sorted(kept) if j > i and ranks[j] < ranks[i]]
    if later:
        other = group[later[-1]]
        return f'section "{name}" (line {line}) should come after "{clean(other.text)}" in {how}'
    earlier = [j for j in sorted(kept) if j < i and ranks[j] > ranks[i]]
    other = group[earlier[0]]
    return f'section "{name}" (line {line}) should come before "{clean(other.text)}" in {how}'
