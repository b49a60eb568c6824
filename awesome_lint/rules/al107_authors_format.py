"""AL107 authors-format: empty authors, separators other than the house one, stray commas."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..authors import surname_first
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Field
from ..rule import Rule, RuleContext

PLACEHOLDERS = frozenset({"", "none", "n/a", "na", "-", "--", "tbd", "todo", "unknown", "null"})
_SEPARATOR = re.compile(
    r"[ \t]*(?:,[ \t]*and[ \t]+|,(?:[ \t]*,)+|[,;]|[ \t]&[ \t]|[ \t]and[ \t])\s*"
)
HOUSE_SHARE = 0.75  # the share of author lists that must end alike before the others are reported


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


def _separators(authors: Field) -> list[re.Match[str]]:
    return [m for m in _SEPARATOR.finditer(authors.text) if m.end() < len(authors.text)]


def _house(doc: Document) -> _House:
    inner: Counter[str] = Counter()
    finals: Counter[str] = Counter()
    for entry in doc.entries:
        if entry.authors is None:
            continue
        found = [m.group() for m in _separators(entry.authors)]
        if found and _open_ended(entry.authors):
            inner.update(s for s in found if kind(s) == "comma")
        elif found:
            inner.update(s for s in found[:-1] if kind(s) == "comma")
            if kind(found[-1]) in ("comma", "and", "amp"):
                finals[found[-1]] += 1
    separator = inner.most_common(1)[0][0] if inner else None
    final = None
    if finals:
        kinds = Counter({k: 0 for k in ("comma", "and", "amp")})
        for s, n in finals.items():
            kinds[kind(s)] += n
        best, n = kinds.most_common(1)[0]
        if n >= HOUSE_SHARE * sum(finals.values()):
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
        house = _house(doc)
        for entry in doc.entries:
            authors = entry.authors
            if authors is None:
                continue
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
            final = i == len(found) - 1 and not _open_ended(authors)
            expected = house.final if final and house.final else house.separator
            if expected is None or sep == expected:
                continue
            k = kind(sep)
            if final and house.final is None and k in ("and", "amp"):
                continue  # the list has no habit for the last separator
            same = k == kind(expected) and sep.strip() == expected.strip()
            if same and (sep.startswith(expected) or sep.endswith(expected)):
                continue  # only doubled spaces: AL103's business
            if "\n" in sep and k == kind(expected):
                continue  # authors wrapped over lines
            if k == "comma" and names_with_commas:
                continue  # "Last, First; …": the comma is inside a name
            start = authors.span.start + m.start()
            end = authors.span.start + m.end()
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
