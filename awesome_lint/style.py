"""The house style of a list, inferred per group from the majority of its own entries.

A list is its own style guide: rules report the entries that deviate from what most entries of
their group do (one list, one table, one run of blocks: ``Document.groups``), so no list's
habits are hard-coded and one group's style is never imposed on another.

Every judgement goes through one voting helper, :func:`vote`. A convention is **clear** when
at least :data:`CLEAR_SHARE` (80 %) of at least :data:`MIN_VOTES` (3) votes agree, or, with 3
or 4 votes, all but one: a short group still shows its habit, while a near tie (39 to 41) is no
convention at all. No clear convention: the field is None and no rule reports a deviation from
it. A group whose own vote is not clear takes the vote of every group of its family (blocks,
items or rows) in the document when it has fewer than :data:`GROUP_VOTES` (5) votes, or when it
leans the way the family clearly goes: a section of a consistent list with two odd papers is held
to the list's style, while a table is never held to the blocks' style. Configuration can pin
any field (``[style]``); ``--show-style`` prints every vote with its evidence.

The questions (:data:`QUESTIONS`): line breaks, date layout and its parts, month style, link
brackets and separators, link labels' case, arXiv link shape and version pins, venue layout,
title punctuation, whether dates give the arXiv month, how items set off and label their dates,
and the authors' separators; each label's spelling is voted apart (:func:`_labels`). A section's
date order is a run, not a vote (:func:`_sort_votes`). Rules read the result.

Speed: each entry is read once (:class:`Voter`, :data:`READERS`: one reader per fact, answering
every question that fact decides), each group's answers are counted once, and a family's and
the document's counts pool their groups'.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from sys import intern
from typing import Any

from .date_order import NEWEST_FIRST, OLDEST_FIRST
from .dates import MONTHS, DateParts
from .entries import break_kind
from .facts import EntryFacts, Facts, LinkExtent, read_once
from .model import Document, Group, PaperEntry
from .venues import read_venue

MIN_VOTES = 3  # a convention needs at least this many votes
GROUP_VOTES = 5  # a group with fewer votes and no clear one of its own takes its family's
CLEAR_SHARE = 0.8  # the share of votes a convention needs (or all but one of 3 or 4 votes)
AP_FULL = frozenset({3, 4, 5, 6, 7})  # AP style spells out March to July, abbreviates the rest
# Month styles, the simpler first: a group that fits AP style no better than it fits plain
# abbreviations ("Oct." fits both) abbreviates.
MONTH_STYLES = ("abbr-dot", "abbr", "full", "ap")
NO_ANSWER: list[Any] = []  # an entry that does not vote on a question (shared, never changed)


@dataclass(frozen=True)
class Vote:
    """How a group (or its family, or the configuration) decided one question of style."""

    value: Any  # the convention, None when there is none
    leader: Any  # the most common answer, clear or not
    count: int  # votes for the leader
    total: int  # votes cast
    scope: str = "group"  # group | family (borrowed by a small group) | pinned

    def evidence(self, unit: str = "entries") -> str:
        if self.scope == "pinned":
            return "pinned in [style]"
        where = " of the family" if self.scope == "family" else ""
        return f"{self.count} of {self.total} {unit}{where}"


def _decide(counts: Counter, total: int, scope: str = "group", prefer: tuple = ()) -> Vote:
    if not counts:
        return Vote(None, None, 0, total, scope)
    rank = {value: i for i, value in enumerate(prefer)}
    leader = max(counts, key=lambda value: (counts[value], -rank.get(value, len(rank))))
    count = counts[leader]
    clear = (
        total >= MIN_VOTES
        and count >= 2
        and (count >= CLEAR_SHARE * total or (total <= 4 and total - count <= 1))
    )
    return Vote(leader if clear else None, leader, count, total, scope)


def vote(values: Iterable[Hashable | None], scope: str = "group") -> Vote:
    """The convention of ``values`` (None: no vote), when it is clear."""
    counts = Counter(v for v in values if v is not None)
    return _decide(counts, sum(counts.values()), scope)


def vote_any(
    choices: Iterable[Iterable[Hashable] | None], scope: str = "group", prefer: tuple = ()
) -> Vote:
    """As :func:`vote`, where each voter names every convention it fits ("Oct." fits a list
    that abbreviates every month and one in AP style); ``prefer`` breaks a tie."""
    counts: Counter = Counter()
    total = 0
    for fits in choices:
        if fits is None:
            continue
        total += 1
        counts.update(fits)
    return _decide(counts, total, scope, prefer)


@dataclass(frozen=True)
class HouseStyle:
    """One group's conventions (``groups``: each group's; the document's own fields are the
    vote over all entries). A field is None where the vote found no clear convention."""

    entry_family: str | None = None  # block | item | row
    entry_layout: str | None = None  # e.g. "T|A|DV|L"
    break_token: str | None = None  # the token to write, e.g. " \\"
    break_tokens: frozenset[str] | None = None  # the breaks the house writes (visible forms)
    break_kind: str | None = None  # backslash | br | spaces
    date_layout: str | None = None  # dmy | my | iso | ym | y
    date_ordinal: bool | None = True  # days carry a suffix: "25th"
    date_zero_pad: bool | None = False  # "06 Jun 2022"
    month_style: str | None = None  # abbr-dot ("Jul.") | abbr ("Jul") | full ("July") | ap
    may_dot: bool = False  # "May." rather than "May" (the abbreviation of May is May)
    month_separator: str | None = None  # what stands between month and year: ", " or " "
    sort_direction: dict[int, str] = field(default_factory=dict)  # section index -> direction
    link_labels: dict[str, str] = field(default_factory=dict)  # lower-case -> house spelling
    label_counts: dict[str, int] = field(default_factory=dict)  # spelling as written -> uses
    label_votes: dict[str, Vote] = field(default_factory=dict, compare=False, repr=False)
    arxiv_shape: str | None = None  # abs | pdf
    link_brackets: bool | None = None  # links written "[[Label](url)]" rather than "[Label](url)"
    link_separator: str | None = None  # what stands between two links of a line: " ", "" …
    arxiv_version: bool = False  # arXiv links carry a version suffix: "2111.08005v2"
    venue_layout: str | None = None  # comma ("CVPR, 2023") | space ("CVPR 2023") | br
    title_period: bool | None = None  # titles end with a period
    arxiv_dates: bool | None = None  # dates give the month of the entry's arXiv identifier
    date_decoration: str | None = None  # an item's date set off: plain | italic | bold
    date_key: str | None = None  # the label before a date on its own line: "🗓️ Date:"
    label_lower_case: bool | None = None  # link labels written in lower case: "[paper]"
    authors_separator: str | None = None  # between authors, as written: ", "
    authors_final_kind: str | None = None  # before the last author: comma | and | amp
    authors_final: str | None = None  # that separator as written: " and " or ", and "
    votes: dict[str, Vote] = field(default_factory=dict, compare=False, repr=False)
    groups: tuple[HouseStyle, ...] = field(default=(), compare=False, repr=False)
    facts: Facts = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def of(self, entry: PaperEntry) -> HouseStyle:
        """The style of the entry's group (the document's when groups are unknown)."""
        if 0 <= entry.group < len(self.groups):
            return self.groups[entry.group]
        return self

    @read_once
    def entry_styles(self) -> tuple[HouseStyle, ...]:
        """What :meth:`of` gives for each entry of the document the style was inferred from
        (``facts``), in order: read once, for the rules that read every entry's."""
        return tuple([self.of(entry) for entry in self.facts.doc.entries])


# -- what each entry says ----------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def visible_break(token: str) -> str:
    """A break as the reader's page is concerned: spaces around a ``<br>`` or before a
    backslash change nothing, so ``" <br>"`` is ``"<br>"`` and ``"  \\"`` is ``"\\"``."""
    kind = break_kind(token)
    if kind == "backslash":
        return "\\"
    if kind == "spaces":
        return "  "
    return token.strip(" \t") if kind == "br" else token


def month_fits(parts: DateParts) -> frozenset[str] | None:
    """The month styles a written month fits; None for no month (and for "May", which fits
    every style but says nothing of the period)."""
    if parts.month is None or parts.layout not in ("dmy", "my"):
        return None
    word = parts.month_text
    if word.lower() == "may":
        return None
    dotted = parts.month_punct.startswith(".")
    ap = parts.month in AP_FULL
    if word.lower() == MONTHS[parts.month - 1] or (len(word) > 4 and word.lower() != "sept"):
        return frozenset({"full", "ap"} if ap else {"full"})
    if not dotted:
        return frozenset({"abbr"})
    if word.lower() == "sept":
        return frozenset({"ap"})
    return frozenset({"abbr-dot"} if ap else {"abbr-dot", "ap"})


def ends_with_period(title: str) -> bool | None:
    """True for "Title.", False for "Title", None when the ending decides nothing ("?", "…")."""
    title = title.rstrip()
    if not title:
        return None
    if title.endswith("."):
        if title.endswith("..") or _INITIALS.search(title):
            return None
        last = title.rsplit(None, 1)[-1].lower()
        return None if last in _ABBREVIATIONS else True
    return False if title[-1].isalnum() or title[-1] in ")]" else None


# Words whose period is an abbreviation's, not the end of a sentence.
_ABBREVIATIONS = frozenset({"al.", "etc.", "vs.", "inc.", "ltd.", "co.", "jr.", "sr.", "no."})
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")


def link_gaps(text: str, extents: list[LinkExtent]) -> Iterator[str]:
    """What stands between two neighbouring links of one line ("" when they touch)."""
    previous = None
    for _, start, end, _, _ in extents:
        if previous is not None and "\n" not in text[previous:start]:
            yield text[previous:start]
        previous = end


def _is_separator(gap: str) -> bool:
    return len(gap) <= 5 and not gap.strip(" |·,;/")


# A separator between authors: blanks, then ", and ", doubled commas, "," or ";" (or " & ",
# " and "), then any white space. Written as one branch per first character (" ", tab, ",",
# ";") so that the regex engine leaps from one such character to the next: two to three
# times faster than the plain pattern, with the same matches (the tests compare the two).
_AFTER_BLANK = r"[ \t]*(?:,[ \t]*and[ \t]+|,(?:[ \t]*,)+|[,;]|(?:&|and)[ \t])"
_AFTER_COMMA = r"(?:[ \t]*and[ \t]+|(?:[ \t]*,)+)?"
_AUTHOR_SEPARATOR = re.compile(rf"(?: {_AFTER_BLANK}|\t{_AFTER_BLANK}|,{_AFTER_COMMA}|;)\s*")
_ET_AL = re.compile(r"\bet al\.?$")  # what open_ended reads (the tests compare the two)


def author_separators(text: str) -> tuple[re.Match[str], ...]:
    """The separators between the authors of an author list (not one that ends it)."""
    found = tuple(_AUTHOR_SEPARATOR.finditer(text))
    # Matches are ordered and never empty: only the last can end the text.
    return found[:-1] if found and found[-1].end() == len(text) else found


@functools.lru_cache(maxsize=16384)
def separators_written(text: str) -> tuple[str, ...]:
    """What :func:`author_separators` finds, as written: read by the style's votes, then by
    AL107 (cached as shared strings, a handful per list, not as a match object each)."""
    return tuple([intern(m.group()) for m in author_separators(text)])


@functools.lru_cache(maxsize=256)
def separator_kind(separator: str) -> str:
    """comma | and | amp | semicolon | doubled."""
    s = separator.strip()
    if s.endswith("and"):
        return "and"
    if s == "&":
        return "amp"
    if s == ";":
        return "semicolon"
    return "doubled" if s.count(",") > 1 else "comma"


def open_ended(authors: str) -> bool:
    """ "A, B et al.": the last separator is not the one before the last author."""
    # What _ET_AL finds, read from the end: a search for "$" tries every position first.
    text = authors.rstrip()
    text = text[:-1] if text.endswith(".") else text
    if not text.endswith("et al"):
        return False
    before = text[-6:-5]  # "" at the start: a word boundary
    return not (before.isalnum() or before == "_")


@functools.lru_cache(maxsize=16384)
def _author_votes(text: str) -> tuple[list[str], list[str], list[str]]:
    """An author list's votes: its comma separators between authors but the last, and the
    separator before the last author (a comma, "and" or "&"; none after "et al."), as written
    and by kind (shared, never changed)."""
    found = separators_written(text)
    if not found:
        return NO_ANSWER, NO_ANSWER, NO_ANSWER
    if open_ended(text):
        return [s for s in found if separator_kind(s) == "comma"], NO_ANSWER, NO_ANSWER
    inner = [s for s in found[:-1] if separator_kind(s) == "comma"]
    last = separator_kind(found[-1])
    if last not in ("comma", "and", "amp"):
        return inner, NO_ANSWER, NO_ANSWER
    return inner, [found[-1]], [last]


# -- the votes ---------------------------------------------------------------------------------


class Voter:
    """One entry as the votes read it: its facts, and its labelled links with their extents
    (read once for the bracket, separator and label votes)."""

    __slots__ = ("breaks", "entry", "facts", "labels", "links")

    def __init__(self, doc: Document, found: EntryFacts) -> None:
        self.entry = found.entry
        self.facts = found
        self.links = found.label_extents
        self.labels = [label for link in found.label_links if (label := link.label.strip())]
        self.breaks = tuple([token for token, _, _ in found.breaks])  # as written


# What an entry says on each question of style: a list of answers per question (an entry may
# vote several times, once per link say; None casts no vote). Each reader reads one fact of the
# entry once and answers every question that fact decides. Month styles name every convention
# they fit (see vote_any).
Answers = tuple[list[Any], ...]
Reader = Callable[[Document, Voter], Answers]


def _day(parts: DateParts) -> DateParts | None:
    return parts if parts.day is not None and parts.layout == "dmy" else None


def _break_answers(doc: Document, voter: Voter) -> Answers:
    """break_tokens: each break as the page shows it; break_sets: the set of them (an entry
    may write two on purpose, ``<br>`` on most lines and ``" \\"`` after the date, which no
    single break outvotes)."""
    return _visible_breaks(voter.breaks)


@functools.lru_cache(maxsize=1024)
def _visible_breaks(tokens: tuple[str, ...]) -> Answers:
    each = [frozenset({visible_break(token)}) for token in tokens]
    return each, [frozenset().union(*each)] if each else NO_ANSWER


def _date_answers(doc: Document, voter: Voter) -> Answers:
    """date_layout, date_ordinal, date_zero_pad, month_style, may_dot, month_separator."""
    parts = voter.facts.date
    return _DATE_SILENT if parts is None else _date_votes(parts)


@functools.lru_cache(maxsize=4096)
def _date_votes(parts: DateParts) -> Answers:
    day = _day(parts)
    month = parts.year is not None and parts.layout in ("dmy", "my")
    return (
        [parts.layout],
        [bool(day.suffix)] if day else NO_ANSWER,
        [day.day_text.startswith("0")] if day and (day.day or 10) < 10 else NO_ANSWER,
        [month_fits(parts)],
        [parts.month_punct.startswith(".")] if parts.month_text.lower() == "may" else NO_ANSWER,
        [parts.month_punct.lstrip(".") or None] if month else NO_ANSWER,
    )


_DATE_SILENT: Answers = (NO_ANSWER,) * 6


def _link_answers(doc: Document, voter: Voter) -> Answers:
    """link_brackets, link_separator, label_lower_case."""
    brackets = [opened and closed for _, _, _, opened, closed in voter.links]
    if len(voter.links) < 2:
        separators = NO_ANSWER
    else:
        separators = [gap for gap in link_gaps(doc.text, voter.links) if _is_separator(gap)]
    return brackets, separators, [label == label.lower() for label in voter.labels]


def _arxiv_answers(doc: Document, voter: Voter) -> Answers:
    """arxiv_shape, arxiv_version, arxiv_dates (whether the date gives the arXiv month)."""
    links = voter.facts.arxiv_links
    gap = voter.facts.arxiv_gap
    return (
        [a.shape for a in links],
        [bool(a.version) for a in links],
        NO_ANSWER if gap is None else [abs(gap) <= 1],
    )


def _venue_answers(doc: Document, voter: Voter) -> Answers:
    """venue_layout."""
    venue = voter.entry.venue
    return ([read_venue(venue.text).layout] if venue is not None else NO_ANSWER,)


def arxiv_gap(facts: Facts, entry: PaperEntry) -> int | None:
    """Months from the entry's arXiv identifier to its date (None without both)."""
    return facts.of(entry).arxiv_gap


def _date_mark_answers(doc: Document, voter: Voter) -> Answers:
    """date_decoration (items only), date_key."""
    decoration, key = voter.facts.date_marks
    return [decoration] if decoration else NO_ANSWER, [key] if key is not None else NO_ANSWER


def _title_answers(doc: Document, voter: Voter) -> Answers:
    """title_period."""
    title = voter.entry.title
    return ([ends_with_period(title.text)] if title is not None else NO_ANSWER,)


def _author_answers(doc: Document, voter: Voter) -> Answers:
    """authors_separator, authors_final_kind."""
    authors = voter.entry.authors
    if authors is None:
        return NO_ANSWER, NO_ANSWER
    inner, _, final_kind = _author_votes(authors.text)
    return inner, final_kind


# Each reader and the questions it answers, in the order of its answers.
READERS: tuple[tuple[Reader, tuple[str, ...]], ...] = (
    (_break_answers, ("break_tokens", "break_sets")),
    (
        _date_answers,
        (
            "date_layout",
            "date_ordinal",
            "date_zero_pad",
            "month_style",
            "may_dot",
            "month_separator",
        ),
    ),
    (_link_answers, ("link_brackets", "link_separator", "label_lower_case")),
    (_arxiv_answers, ("arxiv_shape", "arxiv_version", "arxiv_dates")),
    (_venue_answers, ("venue_layout",)),
    (_title_answers, ("title_period",)),
    (_date_mark_answers, ("date_decoration", "date_key")),
    (_author_answers, ("authors_separator", "authors_final_kind")),
)
# HouseStyle field -> (whether voters name every convention they fit, vote unit)
QUESTIONS: dict[str, tuple[bool, str]] = {
    "break_tokens": (False, "breaks"),
    "break_sets": (False, "entries"),
    "date_layout": (False, "dates"),
    "date_ordinal": (False, "days"),
    "date_zero_pad": (False, "days before the 10th"),
    "month_style": (True, "months"),
    "may_dot": (False, "Mays"),
    "month_separator": (False, "dates"),
    "link_brackets": (False, "links"),
    "link_separator": (False, "pairs of links"),
    "arxiv_shape": (False, "arXiv links"),
    "arxiv_version": (False, "arXiv links"),
    "venue_layout": (False, "venues"),
    "title_period": (False, "titles"),
    "arxiv_dates": (False, "dated arXiv papers"),
    "date_decoration": (False, "dates of items"),
    "date_key": (False, "labelled dates"),
    "label_lower_case": (False, "labels"),
    "authors_separator": (False, "separators"),
    "authors_final_kind": (False, "author lists"),
}
# What a field holds when its vote finds no convention (None unless a rule needs a default).
NO_CONVENTION: dict[str, Any] = {"may_dot": False, "arxiv_version": True}


Tally = tuple[dict[Any, int], int]  # each value's count (in the order first given), votes cast


def _tally(answers: Iterable[list[Any]], any_of: bool) -> Tally:
    """The votes in some entries' answers to one question (None casts none). ``any_of``: each
    answer names every convention it fits (a vote for each, one voter)."""
    said = Counter(chain.from_iterable(answers))
    said.pop(None, None)
    total = sum(said.values())
    if not any_of:
        return said, total
    counts: dict[Any, int] = {}
    for fits, n in said.items():
        for value in fits:
            counts[value] = counts.get(value, 0) + n
    return counts, total


def _pool(tallies: Iterable[Tally]) -> Tally:
    """The tallies of consecutive runs of entries, as one tally of them all."""
    counts: dict[Any, int] = {}
    total = 0
    for some, cast in tallies:
        total += cast
        for value, n in some.items():
            counts[value] = counts.get(value, 0) + n
    return counts, total


def _as_range(indices: tuple[int, ...]) -> Iterable[int]:
    """Consecutive indices as a range (their answers are then a slice of each column)."""
    run = range(indices[0], indices[-1] + 1) if indices else range(0)
    return run if tuple(run) == tuple(indices) else indices


class _Ballots:
    """Each entry's answers to every question, read once from its facts, then counted once
    per group; a family's and the document's counts pool those of their groups."""

    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.facts = facts
        self.voters = [Voter(doc, found) for found in facts.every()]
        self.answers: dict[str, list[list[Any]]] = {}  # question -> each entry's answers
        for read, names in READERS:
            said = [read(doc, voter) for voter in self.voters]
            columns = zip(*said, strict=True) if said else ((),) * len(names)
            self.answers.update(
                (name, list(column)) for name, column in zip(names, columns, strict=True)
            )
        self.families = {i: self._family(group) for i, group in enumerate(doc.groups)}
        self.members = [_as_range(group.entries) for group in doc.groups]
        # Pooling the groups' counts counts the same votes in the same order (which breaks a
        # tie) when the groups hold every entry, in order, each of one family.
        in_order = [i for group in doc.groups for i in group.entries]
        self.poolable = in_order == list(range(len(doc.entries))) and all(
            all(doc.entries[i].family == self.families[g] for i in group.entries)
            for g, group in enumerate(doc.groups)
        )
        self.group_tallies: dict[tuple[str, int], Tally] = {}
        self.family_votes: dict[tuple[str, str], Vote] = {}
        self._family_finals: dict[str, dict[str, int]] = {}
        self.sort_votes = _sort_votes(facts)

    def family_finals(self, family: str) -> dict[str, int]:
        """The separators before the last author the family writes (see _finals_written)."""
        if family not in self._family_finals:
            members = (v for v in self.voters if v.entry.family == family)
            self._family_finals[family] = _finals_written(members)
        return self._family_finals[family]

    def _family(self, group: Group) -> str | None:
        return self.doc.entries[group.entries[0]].family if group.entries else None

    def _count(self, name: str, indices: Iterable[int]) -> Tally:
        column = self.answers[name]
        if isinstance(indices, range) and indices.step == 1:
            return _tally(column[indices.start : indices.stop], QUESTIONS[name][0])
        return _tally((column[i] for i in indices), QUESTIONS[name][0])

    def _group_tally(self, name: str, group: int) -> Tally:
        key = (name, group)
        if key not in self.group_tallies:
            self.group_tallies[key] = self._count(name, self.members[group])
        return self.group_tallies[key]

    def _vote(self, name: str, tally: Tally, scope: str = "group") -> Vote:
        return _decide(*tally, scope, MONTH_STYLES if QUESTIONS[name][0] else ())

    def whole(self, name: str) -> Vote:
        """The document's own vote."""
        if self.poolable:
            tally = _pool(self._group_tally(name, g) for g in range(len(self.doc.groups)))
        else:
            tally = self._count(name, range(len(self.doc.entries)))
        return self._vote(name, tally)

    def family(self, name: str, family: str) -> Vote:
        """The vote of every entry of the family (blocks, items or rows) in the document."""
        key = (name, family)
        if key not in self.family_votes:
            if self.poolable:
                groups = (g for g, f in self.families.items() if f == family)
                tally = _pool(self._group_tally(name, g) for g in groups)
            else:
                members = (i for i, e in enumerate(self.doc.entries) if e.family == family)
                tally = self._count(name, members)
            self.family_votes[key] = self._vote(name, tally, scope="family")
        return self.family_votes[key]

    def ask(self, name: str, group: int) -> Vote:
        """The group's vote when it is clear; else the family's, where the group has too few
        votes or leans the family's clear way without the numbers (a section of a consistent
        list with a few odd entries)."""
        found = self._vote(name, self._group_tally(name, group))
        family = self.families[group]
        if found.value is not None or family is None:
            return found
        pooled = self.family(name, family)
        if found.total < GROUP_VOTES or (pooled.value is not None and pooled.value == found.leader):
            return pooled
        return found


def _style_of(ballots: _Ballots, group: int | None) -> HouseStyle:
    """The style of one group (None: the whole document's)."""
    if group is None:
        votes = {name: ballots.whole(name) for name in QUESTIONS}
        voters = ballots.voters
    else:
        votes = {name: ballots.ask(name, group) for name in QUESTIONS}
        voters = [ballots.voters[i] for i in ballots.doc.groups[group].entries]
    if votes["break_tokens"].value is None and votes["break_sets"].value is not None:
        votes["break_tokens"] = votes["break_sets"]  # each entry mixes breaks, all alike
    del votes["break_sets"]
    values = {
        name: NO_CONVENTION.get(name) if v.value is None else v.value for name, v in votes.items()
    }
    if group is not None and ballots.doc.groups[group].section in ballots.sort_votes:
        votes["sort_direction"] = ballots.sort_votes[ballots.doc.groups[group].section]
    family = vote(v.entry.family for v in voters)
    votes["entry_layout"] = vote(v.entry.layout for v in voters if v.entry.family == family.leader)
    token = _house_token(voters, values["break_tokens"])
    values["authors_final"] = _final_written(ballots, group, voters, votes, values)
    return HouseStyle(
        entry_family=family.leader,
        entry_layout=votes["entry_layout"].leader,
        break_token=token,
        break_kind=break_kind(token) if token is not None else None,
        sort_direction={i: found.leader for i, found in ballots.sort_votes.items()},
        **_labels(voters),
        **values,
        votes=votes,
    )


def _finals_written(voters: Iterable[Voter]) -> dict[str, int]:
    """How often each separator before the last author is written, as written."""
    return Counter(
        final
        for voter in voters
        if voter.entry.authors is not None
        for final in _author_votes(voter.entry.authors.text)[1]
    )


def _final_written(
    ballots: _Ballots,
    group: int | None,
    voters: list[Voter],
    votes: dict[str, Vote],
    values: dict[str, Any],
) -> str | None:
    """The separator before the last author, as the house writes the kind it voted: the
    list's separator for a comma, else the one of that kind its entries (or its family's, when
    the vote is the family's) write most."""
    kind, separator = values["authors_final_kind"], values["authors_separator"]
    if kind is None or (kind == "comma" and separator):
        return separator if kind else None
    if votes["authors_final_kind"].scope == "family":
        written = ballots.family_finals(ballots.families[group])  # type: ignore[index]
    else:
        written = _finals_written(voters)
    return _commonest(written, lambda final: separator_kind(final) == kind)


def _house_token(voters: list[Voter], house: frozenset[str] | None) -> str | None:
    """The break to write where one is off the house: the one its entries write most, as
    written (``" \\"`` rather than ``"\\"``)."""
    if not house:
        return None
    written = Counter(chain.from_iterable(voter.breaks for voter in voters))
    return _commonest(written, lambda token: visible_break(token) in house)


def _commonest(written: dict[str, int], keep: Callable[[str], bool]) -> str | None:
    """The most written of the spellings ``keep`` accepts (the first written of a tie)."""
    kept = {spelling: n for spelling, n in written.items() if keep(spelling)}
    return max(kept, key=kept.__getitem__) if kept else None


def infer_style(doc: Document) -> HouseStyle:
    facts = Facts(doc)
    ballots = _Ballots(doc, facts)
    whole = _style_of(ballots, None)
    groups = tuple(_style_of(ballots, g) for g in range(len(doc.groups)))
    return replace(whole, groups=groups, facts=facts)


def _sort_votes(facts: Facts) -> dict[int, Vote]:
    """Each dated section's order as AL204 reads it: the direction of its longest run of
    entries in date order (newest first on a tie), clear when that run holds two thirds of its
    dated entries. An order is a run, not a count of votes: one entry out of place breaks two
    neighbouring pairs but moves only itself."""
    votes: dict[int, Vote] = {}
    for order in facts.section_orders():
        direction = order.direction(NEWEST_FIRST)
        clear = direction if order.is_sorted(direction) else None
        kept = len(order.kept[direction])
        votes[order.section.index] = Vote(clear, direction, kept, len(order.dated))
    return votes


def _labels(voters: list[Voter]) -> dict[str, dict]:
    """The house spelling of each label: the spelling most of its uses write, when clear
    (``Github`` in a list that always writes it); labels without one keep every spelling."""
    counts = Counter(label for voter in voters for label in voter.labels)
    by_key: dict[str, Counter] = {}
    for label, n in counts.items():
        by_key.setdefault(label.lower(), Counter())[label] += n
    spellings = {}
    label_votes = {}
    for key, written in by_key.items():
        found = label_votes[key] = _decide(written, sum(written.values()))
        if found.value is not None or len(written) == 1:
            spellings[key] = found.leader
    return {"link_labels": spellings, "label_counts": dict(counts), "label_votes": label_votes}


# -- configuration -----------------------------------------------------------------------------

# The house-style fields a configuration may pin ([style] keys, kebab-case), with the values
# each accepts: a tuple of choices, or a type.
PINNABLE: dict[str, tuple[object, ...] | type] = {
    "entry-family": ("block", "item", "row"),
    "entry-layout": str,
    "break-token": str,
    "date-layout": ("dmy", "my", "iso", "ym", "y"),
    "date-ordinal": bool,
    "date-zero-pad": bool,
    "month-style": ("abbr-dot", "abbr", "full", "ap"),
    "may-dot": bool,
    "month-separator": str,
    "sort-direction": (NEWEST_FIRST, OLDEST_FIRST),
    "link-labels": list,
    "arxiv-shape": ("abs", "pdf"),
    "link-brackets": bool,
    "link-separator": str,
    "arxiv-version": bool,
    "venue-layout": ("comma", "space", "br"),
    "title-period": bool,
    "arxiv-dates": bool,
    "date-decoration": ("plain", "italic", "bold"),
    "date-key": str,
    "label-lower-case": bool,
    "authors-separator": str,
    "authors-final": str,
}


def pin_style(style: HouseStyle, pins: dict[str, object], doc: Document) -> HouseStyle:
    """The inferred style with the configured fields (snake_case keys) put over it, in every
    group.

    A pinned sort direction applies to every section; pinned link labels are the house
    spellings of those labels (the rest of the list's labels keep theirs); a pinned break token
    also sets its kind and the breaks the house writes, a pinned last authors' separator its
    kind.
    """

    def pinned(one: HouseStyle) -> HouseStyle:
        values = dict(pins)
        if "sort_direction" in values:
            values["sort_direction"] = {s.index: values["sort_direction"] for s in doc.sections}
        if "link_labels" in values:
            labels = [str(label) for label in values["link_labels"]]  # type: ignore[attr-defined]
            values["link_labels"] = {**one.link_labels, **{x.lower(): x for x in labels}}
        if "break_token" in values:
            token = str(values["break_token"])
            values["break_kind"] = break_kind(token)
            values["break_tokens"] = frozenset({visible_break(token)})
        if "authors_final" in values:
            values["authors_final_kind"] = separator_kind(str(values["authors_final"]))
        votes = dict(one.votes)
        for name in pins:
            votes[name] = Vote(pins[name], pins[name], 0, 0, "pinned")
        if "break_token" in pins:
            votes["break_tokens"] = votes["break_token"]
        if "authors_final" in pins:
            votes["authors_final_kind"] = Vote(*[values["authors_final_kind"]] * 2, 0, 0, "pinned")
        return replace(one, **values, votes=votes)

    return replace(pinned(style), groups=tuple(pinned(g) for g in style.groups))
