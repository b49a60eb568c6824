"""AL207 venue-format: a venue not in the house layout, with an impossible year, or misspelled."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..facts import EntryFacts
from ..model import Document, Field
from ..names import RENAMED_IN, VENUE, VENUE_ALIASES, spellings
from ..rule import Rule, RuleContext
from ..style import vote
from ..venues import ARXIV_VENUES, VENUE_EXAMPLES, Venue, read_venue

_WORD = re.compile(r"[A-Za-z]+")
# A venue without a year that the list writes this often is its own label ("Preprint").
LABEL_USES = 3
VENUE_SPELLINGS = {**spellings(VENUE), **VENUE_ALIASES}


@dataclass(frozen=True)
class VenueFormatOptions:
    """AL207's options."""

    # Known venues in their own spelling (arXiv, NeurIPS) even where the list consistently
    # writes them otherwise ("Arxiv" in every entry). Off by default: the house's consistent
    # spelling is its style; a spelling that is the odd one out is reported either way.
    canonical_names: bool = False


class VenueFormat(Rule):
    code = "AL207"
    name = "venue-format"
    summary = "A venue not in the house layout, with a year at odds with the entry, or misspelled."
    severity = Severity.WARNING
    fixable = True
    options_class = VenueFormatOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or VenueFormatOptions()
        venues = [(e, e.venue, read_venue(e.venue.text)) for e in doc.entries if e.venue]
        spellings = {} if options.canonical_names else _house_spellings(v for _, _, v in venues)
        labels = Counter(_yearless_key(read) for _, _, read in venues if not read.year_text)
        misspelled: dict[tuple[str, str], list[tuple[int, str, str]]] = {}  # venues repeat
        for entry, field, venue in venues:
            layout = ctx.style.of(entry).venue_layout
            key = (venue.name, venue.year_text)
            if key not in misspelled:
                misspelled[key] = _misspellings(venue, spellings)
            for offset, word, right in misspelled[key]:
                yield self._respell(doc, field.span.start + offset, word, right)
            if venue.year_text and len(venue.year_text) != 4:
                yield self._at(doc, field, venue, f'venue year "{venue.year_text}" is not a year')
            elif layout is not None and venue.layout != layout:
                if venue.year_text or labels[_yearless_key(venue)] < LABEL_USES:
                    house = VENUE_EXAMPLES[layout]
                    what = "has no year" if not venue.year_text else "is not in the house layout"
                    message = f'venue "{field.text}" {what}: the list writes "{house}"'
                    yield self.diagnostic(doc, field.span, message)
            elif venue.year_text:
                found = self._years(doc, ctx.facts.of(entry), field, venue)
                if found is not None:
                    yield found

    def _years(
        self, doc: Document, facts: EntryFacts, field: Field, venue: Venue
    ) -> Diagnostic | None:
        year = int(venue.year_text)
        words = venue.name.split()
        found = facts.arxiv
        arxiv = bool(words) and words[0].lower() in ARXIV_VENUES
        if arxiv and found is not None and found.year != year:
            message = f"venue year {year} differs from arXiv {found.text} ({found.year})"
            return self._at(doc, field, venue, message)
        parts = facts.date
        dated = parts.year if parts is not None and len(parts.year_text) == 4 else None
        # A paper shown at a venue one year and dated the next (its arXiv month, a journal
        # version) is common; more than a year apart is a copied venue: "[MICCAI, 2019]" on
        # a 2022 paper.
        if dated is not None and year < dated - 1:
            message = f"venue year {year} is more than a year before the entry's date ({dated})"
            return self._at(doc, field, venue, message)
        return None

    def _at(self, doc: Document, field: Field, venue: Venue, message: str) -> Diagnostic:
        start = field.span.start + venue.year_start
        return self.diagnostic(doc, doc.span(start, start + len(venue.year_text)), message)

    def _respell(self, doc: Document, start: int, word: str, right: str) -> Diagnostic:
        span = doc.span(start, start + len(word))
        message = f'"{word}" should be "{right}"'
        fix = Fix((Edit(start, span.end, right),), description=message)
        return self.diagnostic(doc, span, message, fix)


def _misspellings(venue: Venue, house: dict[str, str]) -> list[tuple[int, str, str]]:
    """The venue name's misspelled words: (offset in the name, word, the right spelling)."""
    found = []
    for m in _WORD.finditer(venue.name):
        word = m.group()
        right = VENUE_SPELLINGS.get(word.lower())
        if right is None or word == right or house.get(word.lower()) == word:
            continue
        if word.lower() in house and word.lower() not in VENUE_ALIASES:
            right = house[word.lower()]  # "ArXiv" in a list of "Arxiv": the list's own
        renamed = RENAMED_IN.get(word.lower())
        if renamed and venue.year_text and int(venue.year_text) < renamed:
            continue  # the venue's name in that year: "NIPS 2017" is right
        found.append((m.start(), word, right))
    return found


def _yearless_key(venue: Venue) -> str:
    """Yearless venues counted together: every arXiv preprint alike ("arXiv", "arXiv
    preprint"), the date giving its year; others by their name."""
    words = venue.name.split()
    return "arxiv" if words and words[0].lower() in ARXIV_VENUES else venue.name


def _house_spellings(venues: Iterable[Venue]) -> dict[str, str]:
    """The list's own spelling of each known venue it names, where one is clear ("Arxiv" in
    45 of 46 venues): lower case -> spelling."""
    written: dict[str, Counter[str]] = {}  # lower case -> each spelling's uses
    # Each name read once (venues repeat: "arXiv" on most entries), its words counted as often
    # as it is used, in the order first seen: the votes (ties too) of a reading of every venue.
    for name, uses in Counter(venue.name for venue in venues).items():
        for m in _WORD.finditer(name):
            if m.group().lower() in VENUE_SPELLINGS:
                written.setdefault(m.group().lower(), Counter())[m.group()] += uses
    voted = {key: vote(words.elements()).value for key, words in written.items()}
    return {key: value for key, value in voted.items() if value is not None}
