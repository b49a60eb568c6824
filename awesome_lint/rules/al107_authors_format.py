"""AL107 authors-format: empty authors, separators other than the house one, stray commas."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..authors import surname_first
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Field
from ..rule import Rule, RuleContext
from ..style import HouseStyle, author_separators, open_ended, separators_written
from ..style import separator_kind as kind

PLACEHOLDERS = frozenset({"", "none", "n/a", "na", "-", "--", "tbd", "todo", "unknown", "null"})


@dataclass(frozen=True)
class _House:
    """The separators a group writes between its authors."""

    separator: str | None  # between authors, e.g. ", "
    final: str | None  # before the last author, when the group agrees on it: ", " or " and "

    @classmethod
    def of(cls, style: HouseStyle) -> _House:
        """The group's separators, as the style module voted them."""
        return cls(style.authors_separator or style.authors_final, style.authors_final)


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
        for entry, _, style in ctx.each_entry(doc):
            authors = entry.authors
            if authors is None:
                continue
            house = _House.of(style)
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
        if as_the_house_writes(separators_written(authors.text), authors, house):
            return  # the usual case, in one pass (the loop below reads each separator)
        if surname_first(authors.text):
            return  # "Wu, Di and Ng, Ed": "and" is the only boundary between names
        yield from self._each_separator(doc, authors, house, author_separators(authors.text))

    def _each_separator(
        self, doc: Document, authors: Field, house: _House, found: tuple[re.Match[str], ...]
    ) -> Iterator[Diagnostic]:
        names_with_commas = any(kind(m.group()) == "semicolon" for m in found)
        for i, m in enumerate(found):
            sep = m.group()
            k = kind(sep)
            start = authors.span.start + m.start()
            end = authors.span.start + m.end()
            if _spaced_comma(sep):
                # "Dee Wu , Eli Ng": the page shows the space, whatever the house writes
                at = start + len(sep) - len(sep.lstrip(" \t"))
                comma = house.separator if kind(house.separator or "") == "comma" else None
                fix = Fix((Edit(start, end, comma or sep.lstrip(" \t")),), description="write it")
                yield self.diagnostic(
                    doc, doc.span(start, at), "space before a comma between authors", fix
                )
                continue
            final = i == len(found) - 1 and not open_ended(authors.text)
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


def _spaced_comma(separator: str) -> bool:
    """ "Dee Wu , Eli Ng": a comma after a space on one line."""
    return kind(separator) == "comma" and separator[:1] in " \t" and "\n" not in separator


def as_the_house_writes(texts: tuple[str, ...], authors: Field, house: _House) -> bool:
    """Every separator (``texts``, as written) is the one the house writes there, and none is
    a spaced comma: the separator loop would report nothing."""
    if not texts:
        return True
    inner = house.separator
    if inner is None or _spaced_comma(inner):
        return False
    if texts[:-1].count(inner) != len(texts) - 1:
        return False
    last = house.final if house.final and not open_ended(authors.text) else inner
    return texts[-1] == last and not _spaced_comma(last)


def _word_after(text: str, offset: int) -> int:
    """The length of an "and " or "& " that follows a separator (``;`` then ``and``)."""
    m = re.match(r"(?:and|&)[ \t]+", text[offset:])
    return m.end() if m else 0
