"""A list's entries as data: BibTeX for reference managers, CSV for spreadsheets.

Each entry gives its plain-text fields (Markdown and HTML removed), its paper link and, where
the link says, its arXiv id and DOI. BibTeX keys are stable (surname, year, first title word)
and unique within the export (``lee2024maps``, ``lee2024mapsb``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence

from .authors import author_names
from .dates import read_date
from .facts import is_paper_link
from .model import Document, PaperEntry
from .parse.fields import plain_text
from .urls import CODE_HOSTS, arxiv_id, doi, host_of

CSV_COLUMNS = (
    "path", "line", "section", "title", "authors", "date", "year", "venue",
    "paper_url", "code_url", "arxiv", "doi",
)  # fmt: skip
_STOP_WORDS = frozenset({"a", "an", "the", "on", "of", "for", "to", "in", "and", "with", "via"})
_BIBTEX_SPECIALS = re.compile(r"([&%$#_])")
_ET_AL = re.compile(r"\s*,?\s*(?:et\.?\s*al\.?|and others)\.?\s*$", re.I)


def plain(text: str | None) -> str:
    """The text a reader sees: Markdown and HTML removed, entities decoded, blanks folded."""
    return plain_text(text or "")


def authors_of(entry: PaperEntry) -> list[str]:
    """The entry's author names in order (``et al.`` kept as ``others``, BibTeX's word)."""
    return split_authors(plain(entry.authors.text if entry.authors else ""))


def split_authors(text: str) -> list[str]:
    """Names of an author list: ``A, B and C``, ``A; B``, BibTeX's ``Lee, Ann and Kim, Bo``."""
    text = text.rstrip(".")
    if not text:
        return []
    et_al = _ET_AL.search(text)
    if et_al:
        text = text[: et_al.start()]
    return author_names(text) + (["others"] if et_al else [])


def paper_link(entry: PaperEntry) -> str | None:
    for link in entry.links:
        if is_paper_link(entry, link):
            return link.url
    return None


def code_link(entry: PaperEntry) -> str | None:
    return next((link.url for link in entry.links if _is_code(link.url)), None)


def _is_code(url: str) -> bool:
    return host_of(url) in CODE_HOSTS


def _ids(entry: PaperEntry) -> tuple[str | None, str | None]:
    urls = [link.url for link in entry.links]
    found_arxiv = next(filter(None, map(arxiv_id, urls)), None)
    found_doi = next(filter(None, map(doi, urls)), None)
    return found_arxiv, found_doi


def _year(entry: PaperEntry) -> int | None:
    for field in (entry.date, entry.venue):
        if field is None:
            continue
        parts = read_date(plain(field.text))
        if parts is not None and parts.year is not None:
            return parts.year
        m = re.search(r"\b(?:19|20)\d{2}\b", field.text)
        if m:
            return int(m.group())
    return None


# -- CSV ---------------------------------------------------------------------------------------


def to_csv(docs: Iterable[Document]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for doc in docs:
        for entry in doc.entries:
            writer.writerow(_csv_row(doc, entry))
    return out.getvalue()


def _csv_row(doc: Document, entry: PaperEntry) -> list[object]:
    found_arxiv, found_doi = _ids(entry)
    section = doc.sections[entry.section].text if entry.section is not None else ""
    return [
        doc.path, entry.span.line, section, plain(entry.title.text if entry.title else ""),
        "; ".join(authors_of(entry)), plain(entry.date.text if entry.date else ""),
        _year(entry) or "", plain(entry.venue.text if entry.venue else ""),
        paper_link(entry) or "", code_link(entry) or "", found_arxiv or "", found_doi or "",
    ]  # fmt: skip


# -- BibTeX ------------------------------------------------------------------------------------


def to_bibtex(docs: Iterable[Document]) -> str:
    keys: set[str] = set()
    records = []
    for doc in docs:
        for entry in doc.entries:
            if entry.title is not None:
                records.append(_bibtex_record(entry, keys))
    return "\n".join(records)


def _bibtex_record(entry: PaperEntry, keys: set[str]) -> str:
    found_arxiv, found_doi = _ids(entry)
    venue = plain(entry.venue.text if entry.venue else "")
    venue = re.sub(r"[\s,]*\b(?:19|20)\d{2}\b\.?$", "", venue).strip(" ,.")
    year = _year(entry)
    authors = authors_of(entry)
    kind = "inproceedings" if venue and not venue.lower().startswith("arxiv") else "misc"
    fields = [
        ("title", plain(entry.title.text if entry.title else "")),
        ("author", " and ".join(authors)),
        ("booktitle" if kind == "inproceedings" else "", venue),
        ("year", str(year) if year else ""),
        ("eprint", found_arxiv or ""),
        ("archivePrefix", "arXiv" if found_arxiv else ""),
        ("doi", found_doi or ""),
        ("url", paper_link(entry) or ""),
    ]
    key = _unique(_key(authors, year, entry), keys)
    body = ",\n".join(
        f"  {name} = {{{_escape(value)}}}" for name, value in fields if name and value
    )
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _key(authors: Sequence[str], year: int | None, entry: PaperEntry) -> str:
    first = authors[0] if authors and authors[0] != "others" else ""
    surname = first.split(",")[0].split()[-1] if "," in first else (first.split() or [""])[-1]
    words = [w for w in re.findall(r"\w+", plain(entry.title.text if entry.title else ""))]
    word = next((w for w in words if w.lower() not in _STOP_WORDS), "paper")
    return _ascii(f"{surname}{year or ''}{word}").lower() or "paper"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", folded)


def _unique(key: str, keys: set[str]) -> str:
    candidate, suffix = key, ord("b")
    while candidate in keys:
        candidate, suffix = f"{key}{chr(suffix)}", suffix + 1
    keys.add(candidate)
    return candidate


def _escape(value: str) -> str:
    """A value safe inside ``{…}``: LaTeX specials escaped, braces kept balanced."""
    value = value.replace("\\", "").replace("{", "").replace("}", "")
    return _BIBTEX_SPECIALS.sub(r"\\\1", value)
