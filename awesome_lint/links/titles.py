"""Paper titles compared (AL904): the title an entry writes against the one arXiv gives, up to
case, accents, punctuation and a typo or two. No network here: a cached run reports with it."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"\w+")
# ASCII: letters lower-cased, digits kept, every other byte a space (``\w`` but for "_").
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256)
)


def normalise_title(title: str) -> str:
    """Case, accents, punctuation, Markdown/LaTeX markup and spacing removed."""
    if title.isascii():  # no accents to strip (NFKD leaves ASCII as it is), words in C
        return " ".join(title.encode().translate(_ASCII_WORDS).decode().split())
    text = unicodedata.normalize("NFKD", title).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(text.replace("_", " ")))


def titles_match(written: str, actual: str) -> bool:
    """Same title up to case, punctuation and a typo or two (similarity ≥ 0.9), or one is
    the other shortened (``MedSegDiff`` for ``MedSegDiff: Medical Image Segmentation …``)."""
    if written == actual:
        return True
    a, b = normalise_title(written), normalise_title(actual)
    if not a or not b or a == b:
        return True
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    # Upper bounds of ratio() (which is quadratic) first: most pairs that are different
    # titles are told apart without it. These are real_quick_ratio() and quick_ratio() (the
    # characters in common), without a matcher nor difflib's import (a few milliseconds).
    if 2.0 * min(len(a), len(b)) / (len(a) + len(b)) < 0.9:
        return False
    if 2.0 * (Counter(a) & Counter(b)).total() / (len(a) + len(b)) < 0.9:
        return False
    from difflib import SequenceMatcher  # only for titles close in length and letters

    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


# Labels of links that point at something else than the entry's own paper.
NOT_THE_PAPER = frozenset(
    {
        *("code", "github", "gitlab", "project", "project page", "page", "homepage", "website"),
        *("video", "demo", "slides", "poster", "blog", "talk", "data", "dataset", "datasets"),
        *("supp", "supplementary", "extension", "journal version", "bibtex", "model", "models"),
    }
)


@functools.lru_cache(maxsize=1024)  # a list writes a handful of labels thousands of times
def links_the_paper(label: str) -> bool:
    """Whether a link with this label stands for the entry's paper (for AL904)."""
    return normalise_title(label) not in NOT_THE_PAPER
