"""Facts about each entry that several rules need, computed once per document and shared.

Rules read these instead of re-deriving them: an entry's date as read, its arXiv identifier
and DOI, its paper links with their keys, its title key and its authors' surnames. Pure
functions of the document; built lazily (a run that needs none of them pays nothing), those
every lint reads of every entry as each entry's facts are made.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .date_order import SectionOrder
from .dates import DateParts, read_date
from .entries import break_kind
from .model import Document, Link, PaperEntry, Section
from .urls import (
    CODE_HOSTS,
    PAPER_HOSTS,
    ArxivId,
    ArxivLink,
    arxiv_identifier,
    arxiv_link,
    doi,
    host_of,
    paper_key,
)

# Labels of a paper's code links ("Code", "GitHub", "[Official code]").
_CODE_WORDS = r"code|github|gitlab|repo(?:sitory)?|implementation|official(?: code)?|source code"
_CODE = re.compile(rf"\W*(?:{_CODE_WORDS}|pytorch|tensorflow|jax)\W*", re.I)
_BADGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")  # the image a badge link shows: alt, source
_STARS = re.compile(r"github\.com|/github/|stars", re.I)
_BR_TAG = re.compile(r"<br\s*/?>", re.I)
# "\bet al\b" and ", ; & \band\b", each written to start with a character: the regex engine
# then leaps to candidates instead of trying every position.
_ET_AL = re.compile(r"e(?<!\we)t\s+al\b\.?")
_NAME_SEPARATOR = re.compile(r"[,;&]|a(?<!\wa)nd\b")
_NOT_LETTER = re.compile(r"[^a-z]+")
_NOT_ALNUM = re.compile(r"[\W_]+")  # exactly the characters str.isalnum() rejects
_ASCII_NOT_ALNUM = bytes(i for i in range(128) if not chr(i).isalnum())  # bytes to delete
PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "doi", "openreview", "preprint", "article"})


class read_once:
    """``functools.cached_property`` without its lock: Python 3.11 takes an RLock on every
    first read (about 3 µs; 20k first reads on the largest list). On a class with an instance
    ``__dict__`` the value is stored there, which later reads find before this descriptor;
    :class:`EntryFacts` has slots instead and reads it through ``compute`` (its ``__getattr__``)."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class _Readings:
    """How each fact of :class:`EntryFacts` is read from the entry."""

    __slots__ = ()
    entry: PaperEntry
    doc: Document

    @read_once
    def date(self) -> DateParts | None:
        """The date as read; None when absent or not a date."""
        return read_date(self.entry.date.text) if self.entry.date is not None else None

    @read_once
    def arxiv(self) -> ArxivId | None:
        """The first arXiv identifier among the links (the paper's own)."""
        return _first(arxiv_identifier, self.entry.links)

    @read_once
    def arxiv_gap(self) -> int | None:
        """Months from the arXiv identifier to the entry's date (None without both): read by
        the style's vote and by AL206."""
        parts = self.date
        if parts is None or parts.month_key is None or len(parts.year_text) != 4:
            return None
        arxiv = self.arxiv
        if arxiv is None or not arxiv.new_style:
            return None
        return (parts.year - arxiv.year) * 12 + parts.month - arxiv.month  # type: ignore[operator]

    @read_once
    def date_marks(self) -> tuple[str | None, str | None]:
        """How the date is set off (:func:`date_decoration`, items only) and the label before
        it (:func:`date_key`): read by the style's votes and AL201."""
        entry = self.entry
        decoration = date_decoration(self.doc, entry) if entry.family == "item" else None
        return decoration, date_key(self.doc, entry)

    @read_once
    def arxiv_links(self) -> tuple[ArxivLink, ...]:
        """The entry's arXiv abstract and PDF links, taken apart."""
        found = []  # (plain loops here: a comprehension per entry costs a function call)
        for link in self.entry.links:
            read = arxiv_link(link.url)
            if read is not None and read.shape in ("abs", "pdf"):
                found.append(read)
        return tuple(found)

    @read_once
    def breaks(self) -> tuple[tuple[str, int, int], ...]:
        """The entry's line breaks as written, with their offsets: its block lines' break
        tokens (not the last line's), the ``<br>`` tags inside a table row's cells."""
        entry = self.entry
        if entry.family == "row":
            found = _BR_TAG.finditer(self.doc.text, entry.span.start, entry.span.end)
            return tuple((m.group(), m.start(), m.end()) for m in found)
        if entry.family != "block":
            return ()
        found = []
        for line in entry.lines:
            if not line.last and _shows_break(token := line.break_token):
                found.append((token, line.span.end, line.span.end + len(token)))
        return tuple(found)

    @read_once
    def label_links(self) -> list[Link]:
        """The entry's labelled Markdown links (see :func:`label_links`): read by the style's
        votes, AL104 and AL105."""
        return label_links(self.entry)

    @read_once
    def label_extents(self) -> list[LinkExtent]:
        """The labelled links, each with its extent (:func:`link_extent`): read by the style's
        votes and AL105."""
        text, found = self.doc.text, []
        for link in self.label_links:
            found.append((link, *link_extent(text, link)))
        return found

    @read_once
    def doi(self) -> str | None:
        """The first DOI among the links, lower-cased."""
        return _first(doi, self.entry.links)

    @read_once
    def paper_links(self) -> tuple[tuple[str, Link], ...]:
        """Each paper link with its paper key, a key once."""
        entry, keys = self.entry, {}
        for link in entry.links:
            # An arXiv address (most paper links; already read for the style) is a paper on a
            # paper host, known without is_paper_link reading its host and label.
            arxiv = link.kind != "image" and arxiv_link(link.url) is not None
            if arxiv or is_paper_link(entry, link):
                keys.setdefault(paper_key(link.url), link)
        return tuple(keys.items())

    @read_once
    def title_key(self) -> str:
        """The title compared loosely ("" without a title)."""
        return title_key(self.entry.title.text) if self.entry.title is not None else ""

    @read_once
    def surnames(self) -> frozenset[str]:
        """The authors' surnames, compared loosely."""
        authors = self.entry.authors
        return surnames(authors.text) if authors is not None else frozenset()


FACT_NAMES = tuple(name for name, value in vars(_Readings).items() if isinstance(value, read_once))


_COMPUTE = {name: vars(_Readings)[name].compute for name in FACT_NAMES}
# The facts the house style and the rules on by default read of every entry, read as soon as
# the entry's facts are made (in an order where each finds the ones it reads already there): a
# fact first read through __getattr__ costs an AttributeError raised and caught before it,
# 24,000 on the largest list.
READ_AT_ONCE = (
    *("date", "arxiv", "arxiv_gap", "arxiv_links", "breaks"),
    *("label_links", "label_extents", "date_marks"),
    *("title_key", "paper_links"),  # (AL301's, AL302's and AL307's, of every entry)
)


class EntryFacts(_Readings):
    """One entry's facts, each kept in a slot of its name (a slot, not an instance
    ``__dict__``: a large list has tens of thousands of these): those of
    :data:`READ_AT_ONCE` read when made, the others on first use."""

    __slots__ = ("entry", "doc", *FACT_NAMES)

    def __init__(self, entry: PaperEntry, doc: Document) -> None:
        self.entry = entry
        self.doc = doc
        for name in READ_AT_ONCE:
            setattr(self, name, _COMPUTE[name](self))

    def __getattr__(self, name: str) -> Any:
        """A fact not read yet (its slot is empty): read and kept."""
        compute = _COMPUTE.get(name)
        if compute is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = compute(self)
        setattr(self, name, value)
        return value


def _first(read: Callable[[str], Any], links: Iterable[Link]) -> Any:
    """What ``read`` finds in the first link's address where it finds something (a plain loop:
    a third of ``next(filter(None, generator))``'s cost)."""
    for link in links:
        found = read(link.url)
        if found:
            return found
    return None


@functools.lru_cache(maxsize=256)
def _shows_break(token: str) -> bool:
    """A token that breaks the line on the page (tokens repeat: each is read once)."""
    return break_kind(token) in ("backslash", "br", "spaces")


_EMPHASIS = {"**": "bold", "*": "italic", "_": "italic", "__": "bold"}


def date_decoration(doc: Document, entry: PaperEntry) -> str | None:
    """How the date is set off: "bold", "italic" or "plain" (None without a date)."""
    if entry.date is None:
        return None
    text, start, end = doc.text, entry.date.span.start, entry.date.span.end
    for mark in ("**", "__", "*", "_"):
        if text[start - len(mark) : start] == mark and text[end : end + len(mark)] == mark:
            return _EMPHASIS[mark]
    return "plain"


def date_key(doc: Document, entry: PaperEntry) -> str | None:
    """The label before a date on its own line ("🗓️ Date:" in "- 🗓️ Date: 1st Jan., 2023"),
    None when the date does not start its line after such a label."""
    if entry.date is None:
        return None
    text, start = doc.text, entry.date.span.start
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip("*_ \t").lstrip(" \t-*+")
    return before if before.endswith(":") and len(before) <= 24 else None


def link_extent(text: str, link: Link) -> tuple[int, int, bool, bool]:
    """The link with its wrapping brackets, if any: (start, end, opened, closed)."""
    start, end = link.span.start, link.span.end
    opened = start > 0 and text[start - 1] == "["
    closed = text[end : end + 1] == "]"
    return start - opened, end + closed, opened, closed


LinkExtent = tuple[Link, int, int, bool, bool]  # a link and its link_extent


def label_links(entry: PaperEntry) -> list[Link]:
    """An entry's labelled Markdown links, without a link that is the entry's title."""
    title, found = entry.title, []
    for i, link in enumerate(entry.links):
        if (
            link.kind == "markdown"
            and link.label_span is not None
            and not (i == 0 and entry.layout == "link")
            and not (title is not None and link.span.start <= title.span.start < link.span.end)
        ):
            found.append(link)
    return found


def is_paper_link(entry: PaperEntry, link: Link) -> bool:
    """A link that names the paper itself: labelled so, on a paper host, or the title's link."""
    url = link.url.strip()
    if not url or url.startswith(("#", ".", "/")) or link.kind == "image":
        return False
    host = host_of(url if "://" in url else "https://" + url)
    if host in CODE_HOSTS or (host.endswith(".github.io") and "paper" not in url.lower()):
        return False
    if label_letters(link.label) in PAPER_LABELS or host in PAPER_HOSTS:
        return True
    title = entry.title
    return title is not None and link.span.start <= title.span.start < link.span.end


@functools.lru_cache(maxsize=4096)
def label_letters(label: str) -> str:
    """A label's letters in lower case ("[Paper]" -> "paper"): how labels are compared."""
    return _NOT_LETTER.sub("", label.lower())


def label_words(link: Link) -> str:
    """The link's label with its whitespace folded."""
    return " ".join(link.label.split())


def is_code_link(link: Link) -> bool:
    """A link labelled as the paper's code: "Code", "GitHub", "[Code]", a GitHub star badge
    (not an arXiv badge, which links the paper)."""
    return _code_label(label_words(link), link.kind == "image")


@functools.lru_cache(maxsize=4096)
def _code_label(label: str, image: bool) -> bool:
    """Labels repeat ("Code" on every entry): each is read once."""
    badge = _BADGE.fullmatch(label)
    if badge is not None:
        return _CODE.search(badge[1]) is not None or _STARS.search(badge[2]) is not None
    return not image and _CODE.fullmatch(label) is not None


@functools.lru_cache(maxsize=16384)
def title_key(text: str) -> str:
    """A title compared loosely: case, accents, punctuation and spacing ignored."""
    if text.isascii():  # most titles: nothing to decompose, and case folds as lower()
        # (as bytes: bytes.translate deletes from a table, str.translate asks a dict each time)
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    text = unicodedata.normalize("NFKD", text).casefold()
    return _NOT_ALNUM.sub("", text)


@functools.lru_cache(maxsize=16384)
def surnames(authors: str) -> frozenset[str]:
    """The last word of each name of an author list ("et al." dropped), compared loosely.
    Author lists repeat (a paper listed in two sections): each repeat shares one set."""
    names = _NAME_SEPARATOR.split(_ET_AL.sub("", authors))
    last_words = [words[-1] for words in map(str.split, names) if words]
    return frozenset(map(title_key, last_words)) - {""}


def short(text: str, limit: int = 60) -> str:
    """Text for a message: whitespace folded, cut with "…" past ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Facts:
    """The facts of one document's entries, each computed on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._facts: dict[int, EntryFacts] = {}
        self._every: list[EntryFacts] | None = None
        # Read once, as five date rules read every dated entry and two read sections' dates.
        self._all_dated: tuple[tuple[PaperEntry, DateParts], ...] | None = None
        self._calendar_dated: dict[int, list[tuple[PaperEntry, DateParts]]] = {}
        self._section_orders: tuple[SectionOrder, ...] | None = None  # the style's and AL204's

    def of(self, entry: PaperEntry) -> EntryFacts:
        found = self._facts.get(id(entry))
        if found is None:
            found = self._facts[id(entry)] = EntryFacts(entry, self.doc)
        return found

    def every(self) -> list[EntryFacts]:
        """The facts of each of the document's entries, in order."""
        if self._every is None:
            self._every = [self.of(entry) for entry in self.doc.entries]
        return self._every

    def dated(
        self, entries: Iterable[PaperEntry] | None = None
    ) -> Iterable[tuple[PaperEntry, DateParts]]:
        """The entries (default: all) whose date can be read, with the date as read."""
        if entries is not None:
            return self._dated(entries)
        if self._all_dated is None:
            self._all_dated = tuple(self._dated(self.doc.entries))
        return self._all_dated

    def calendar_dated(self, section: Section) -> list[tuple[PaperEntry, DateParts]]:
        """The section's entries whose date is a calendar date, with the date as read."""
        found = self._calendar_dated.get(section.index)
        if found is None:
            found = [(e, p) for e, p in self._dated(section.entries) if p.value is not None]
            self._calendar_dated[section.index] = found
        return found

    def section_orders(self) -> tuple[SectionOrder, ...]:
        """The date order of each section with two calendar dates or more, in document order."""
        if self._section_orders is None:
            orders = []
            for section in self.doc.sections:
                dated = self.calendar_dated(section)
                if len({p.value for _, p in dated}) > 1:
                    orders.append(SectionOrder.of(section, dated))
            self._section_orders = tuple(orders)
        return self._section_orders

    def _dated(self, entries: Iterable[PaperEntry]) -> Iterator[tuple[PaperEntry, DateParts]]:
        for entry in entries:
            if entry.date is not None:
                parts = self.of(entry).date
                if parts is not None:
                    yield entry, parts
