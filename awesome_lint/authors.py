"""How a reader tells the names of an author list apart."""

from __future__ import annotations

import re

_AND = re.compile(r"\s+(?:and|&)\s+|,\s*and\s+")
_COMMA_OR_AND = re.compile(r"\s*(?:,\s*and\s+|,|;|\s(?:and|&)\s)\s*")


def surname_first(text: str) -> bool:
    """ "Wu, Di and Ng, Ed": names written "Surname, Given", joined by "and" (BibTeX style)."""
    parts = _AND.split(_clean(text))
    return len(parts) > 1 and all(part.count(",") == 1 for part in parts)


def author_names(text: str) -> list[str]:
    """The names: split at ";" if there is one; in a surname-first list at "and"; else at
    commas and "and"."""
    text = _clean(text)
    if ";" in text:
        parts = text.split(";")
    elif surname_first(text):
        parts = _AND.split(text)
    else:
        parts = _COMMA_OR_AND.split(text)
    return [part.strip() for part in parts if part.strip()]


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" .*_")
