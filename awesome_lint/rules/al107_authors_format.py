"""AL107 authors-format: empty authors, separators other than the house one, stray commas."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..authors import surname_first
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Field, PaperEntry
from ..rule import Rule, RuleContext
from ..style import vote

PLACEHOLDERS = frozenset({"", "none", "n/a", "na", "-", "--", "tbd", "todo", "unknown", "null"})
_SEPARATOR = re.compile(
    r"[ \t]*(?:,[ \t]*and[ \t]+|,(?:[ \t]*,)+|[,;]|[ \t]&[ \t]|[ \t]and[ \t])\s*"
)


def kind(separator: str) -> str:
    """comma | and | amp | semicolon | doubled."""
    s = separator.strip()
    if s.endswith("and"):
        return "and"
    if s == "&":
        return "amp"
    if s == ";":
        return "semicolon"
    return "doubled" if s.count(",") > 1 else "comma"


@dataclass(frozen=True)
class _House:
    separator: str | None  # between authors, e.g. ", "
    final: str | None  # before the last author, when the list agrees on it: ", " or " and "


def _separators(authors: Field) -> tuple[re.Match[str], ...]:
    return _separators_in(authors.text)


@functools.lru_cache(maxsize=16384)
def _separators_in(text: str) -> tuple[re.Match[str], ...]:
    """Read once per author list: every group's vote and the check read them again."""
    return tuple(m for m in _SEPARATOR.finditer(text) if m.end() < len(text))


def _house(entries: Iterable[PaperEntry], document: _House | None = None) -> _House:
    """The separators of a group's author lists, by the style module's vote (each separator
    between two authors votes; the one before the last author votes apart). Where the group
    shows no habit, the ``document``'s holds."""
    inner: Counter[str] = Counter()
    finals: Counter[str] = Counter()
    for entry in entries:
        if entry.authors is None:
            continue
        found = [m.group() for m in _separators(entry.authors)]
        if found and _open_ended(entry.authors):
            inner.update(s for s in found if kind(s) == "comma")
        elif found:
            inner.update(s for s in found[:-1] if kind(s) == "comma")
            if kind(found[-1]) in ("comma", "and", "amp"):
                finals[found[-1]] += 1
    separator = vote(inner.elements()).value
    if separator is None and document is not None:
        separator = document.separator
    final = None
    if finals:
        best = vote(kind(s) for s in finals.elements()).value
        if best is None and document is not None:
            final = document.final
        elif best is not None:
            final = next(s for s, _ in finals.most_common() if kind(s) == best)
            final = separator if best == "comma" and separator else final
    return _House(separator or final, final)


def _open_ended(authors: Field) -> bool:
    """ "A, B et al.": the last separator is not the one before the last author."""
    return bool(re.search(r"\bet al\.?$", authors.text.rstrip()))


class AuthorsFormat(Rule):
    code = "AL107"
    name = "authors-format"
    summary = (
        "Empty authors, separators other than the house one (; or and), a trailing or doubled "
        "comma."
    )
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        whole = _house(doc.entries)
        houses = [_house(doc.group_entries(group), whole) for group in doc.groups]
        for entry in doc.entries:
            authors = entry.authors
            if authors is None:
                continue
            house = houses[entry.group] if entry.group < len(houses) else whole
            if authors.text.strip().strip(".").lower() in PLACEHOLDERS:
                yield self.diagnostic(
                    doc,
                    authors.span,
                    f'no authors: "{authors.text}" is a placeholder'
                    if authors.text.strip()
                    else "empty authors",
                )
                continue
            yield from self._separators(doc, authors, house)
            text = authors.text.rstrip()
            if text.endswith(",") and not text.endswith(",,"):
                end = authors.span.start + len(text)
                yield self.diagnostic(
                    doc,
                    doc.span(end - 1, end),
                    "trailing comma after the last author",
                    Fix((Edit(end - 1, end, ""),), description="remove the comma"),
                )

    def _separators(self, doc: Document, authors: Field, house: _House) -> Iterator[Diagnostic]:
        if surname_first(authors.text):
            return  # "Wu, Di and Ng, Ed": "and" is the only boundary between names
        found = _separators(authors)
        names_with_commas = any(kind(m.group()) == "semicolon" for m in found)
        for i, m in enumerate(found):
            sep = m.group()
            k = kind(sep)
            start = authors.span.start + m.start()
            end = authors.span.start + m.end()
            if k == "comma" and sep[:1] in " \t" and "\n" not in sep:
                # "Dee Wu , Eli Ng": the page shows the space, whatever the house writes
                at = start + len(sep) - len(sep.lstrip(" \t"))
                comma = house.separator if kind(house.separator or "") == "comma" else None
                fix = Fix((Edit(start, end, comma or sep.lstrip(" \t")),), description="write it")
                yield self.diagnostic(
                    doc, doc.span(start, at), "space before a comma between authors", fix
                )
                continue
            final = i == len(found) - 1 and not _open_ended(authors)
            expected = house.final if final and house.final else house.separator
            if expected is None or sep == expected:
                continue
            if final and house.final is None and k in ("and", "amp"):
                continue  # the list has no habit for the last separator
            same = k == kind(expected) and sep.strip() == expected.strip()
            if same and (sep.startswith(expected) or sep.endswith(expected)):
                continue  # only doubled spaces, which the page does not show
            if "\n" in sep and k == kind(expected):
                continue  # authors wrapped over lines
            if k == "comma" and names_with_commas:
                continue  # "Last, First; …": the comma is inside a name
            span = doc.span(start, end)
            if k == "doubled":
                message = f'doubled comma "{sep.strip()}" between authors; write "{expected}"'
            else:
                message = f'authors separated by "{sep}" where the list writes "{expected}"'
            if k == "semicolon" and any(kind(x.group()) == "comma" for x in found):
                yield self.diagnostic(doc, span, message)  # "Last, First; …": no clear fix
                continue
            # "A; and B": the word after ";" goes too, or the fix would write "A and and B".
            end += _word_after(authors.text, m.end())
            yield self.diagnostic(
                doc, span, message, Fix((Edit(start, end, expected),), description="write it")
            )


def _word_after(text: str, offset: int) -> int:
    """The length of an "and " or "& " that follows a separator (``;`` then ``and``)."""
    m = re.match(r"(?:and|&)[ \t]+", text[offset:])
    return m.end() if m else 0
