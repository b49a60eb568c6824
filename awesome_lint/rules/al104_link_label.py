"""AL104 link-label: a link label outside the house label set or in the wrong case."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..facts import label_letters
from ..model import Document, Link
from ..names import LABEL, spellings
from ..rule import Rule, RuleContext

# Names with one spelling set by their owner: a label that names them is spelled this way (or
# in lower case, in a list whose labels are all lower case).
CANONICAL = spellings(LABEL)
_WORD = re.compile(r"[A-Za-z]+")
_URL = re.compile(r"(?:https?://|www\.)\S+$", re.I)


@dataclass(frozen=True)
class LinkLabelOptions:
    """AL104's options."""

    # Brand names in their owner's spelling (GitHub, BibTeX, arXiv) even where the list
    # consistently writes them otherwise ("Github"). Off by default: the house's own
    # consistent spelling is its style, and a list is told only what it does inconsistently.
    canonical_names: bool = False


def _distance_one(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@dataclass
class _Vocabulary:
    """The labels a group writes, and the spelling the house gives each."""

    spellings: dict[str, str]  # lower case -> house spelling
    counts: Counter[str]  # lower case -> uses
    lower: bool  # the list writes its labels in lower case
    # label -> (what it should read, safe fix): labels repeat, each is worked out once
    expected: dict[str, tuple[str, bool]] = field(default_factory=dict, init=False)

    @cached_property
    def frequent(self) -> list[tuple[str, int, str]]:
        """The labels by uses, most used first, each with its letters."""
        return [(other, n, label_letters(other)) for other, n in self.counts.most_common()]


def _vocabulary(doc: Document, ctx: RuleContext) -> _Vocabulary | None:
    """The house label set, or None when the labels are free text (no small vocabulary)."""
    counts: Counter[str] = Counter()
    for label, n in ctx.style.label_counts.items():
        counts[label.lower()] += n
    total = sum(counts.values())
    if total == 0 or sum(n for _, n in counts.most_common(10)) < 0.8 * total:
        return None
    return _Vocabulary(dict(ctx.style.link_labels), counts, ctx.style.label_lower_case is True)


class LinkLabel(Rule):
    code = "AL104"
    name = "link-label"
    summary = "A link label outside the house label set or in the wrong case: Github, bibtext."
    severity = Severity.WARNING
    fixable = True
    options_class = LinkLabelOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        vocab = _vocabulary(doc, ctx)
        if vocab is None:
            return
        options = ctx.options or LinkLabelOptions()
        by_group: dict[int, _Vocabulary] = {}  # id of a group's style -> its vocabulary
        for _, facts, group in ctx.each_entry(doc):
            here = by_group.get(id(group))
            if here is None:
                spellings = {**vocab.spellings, **group.link_labels}
                here = by_group[id(group)] = replace(vocab, spellings=spellings)
            for link in facts.label_links:
                diagnostic = self._check(doc, link, here, options)
                if diagnostic is not None:
                    yield diagnostic

    def _check(
        self, doc: Document, link: Link, vocab: _Vocabulary, options: LinkLabelOptions
    ) -> Diagnostic | None:
        assert link.label_span is not None
        label = link.label.strip()
        known = vocab.expected.get(label)  # (labels repeat: each is read once, URLs aside)
        if known is None:
            if not label or _URL.match(label):
                return None  # AL105 reports empty labels; a URL label names no kind of link
            known = vocab.expected[label] = self._expected(label, vocab, options)
        expected, safe = known
        if expected == label:
            return None
        if label.lower() == expected.lower() != expected and _owners_spelling(label):
            return None  # "GitHub" where the list writes "Github": not told to misspell it
        start = link.label_span.start + link.label.index(label)
        span = doc.span(start, start + len(label))
        if label.lower() == expected.lower():
            message = f'link label "{label}" should be "{expected}"'
        else:
            message = (
                f'link label "{label}" is not one of the list\'s labels; did you mean "{expected}"?'
            )
        fix = Fix((Edit(span.start, span.end, expected),), safe, f'write "{expected}"')
        return self.diagnostic(doc, span, message, fix)

    def _expected(
        self, label: str, vocab: _Vocabulary, options: LinkLabelOptions
    ) -> tuple[str, bool]:
        """What the label should read, and whether writing it is a safe fix."""
        key = label.lower()
        letters, uses = label_letters(key), vocab.counts.get(key, 0)
        for other, n, other_letters in vocab.frequent:
            # Close to a frequent house label: a typo ("bibtext", "Gitub"), not a variant
            # ("Github2", "Github-1").
            if n < 5 or n < 5 * uses or len(letters) < 4 or letters == other_letters:
                continue
            if _distance_one(letters, other_letters):
                return self._spell(vocab.spellings[other], vocab, options), False
        house = vocab.spellings.get(key, label)
        return self._spell(house, vocab, options), True

    def _spell(self, label: str, vocab: _Vocabulary, options: LinkLabelOptions) -> str:
        """Well-known names in their own spelling (lower case in a lower-case list)."""
        if not options.canonical_names:
            return label

        def name(m: re.Match[str]) -> str:
            canonical = CANONICAL.get(m.group().lower())
            if canonical is None:
                return m.group()
            return canonical.lower() if vocab.lower else canonical

        return _WORD.sub(name, label)


def _owners_spelling(label: str) -> bool:
    """Whether the label names a well-known name only, each in its owner's spelling."""
    words = _WORD.findall(label)
    return bool(words) and all(CANONICAL.get(w.lower()) == w for w in words)
