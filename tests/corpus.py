"""Access to the real paper lists in ../shared/corpus (tests skip cleanly when it is absent),
and the session's cache of parsed texts: many tests read the same large lists, each of which
takes a second or more to parse and to give a house style."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.style import HouseStyle

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*.md") if p.name not in ("FORMATS.md", "PROVENANCE.md"))


def corpus_file(prefix: str) -> Path:
    matches = [p for p in corpus_files() if p.name.startswith(prefix)]
    if not matches:
        pytest.skip(f"../shared/corpus/{prefix}* is not available")
    return matches[0]


@functools.cache
def read_text(path: Path) -> str:
    """The list's text as the tool decodes it (BOM dropped, CRLF folded)."""
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")


@functools.lru_cache(maxsize=256)
def _parsed(text: str, newline: str = "\n", bom: bool = False) -> Document:
    from awesome_lint.parse import parse_document

    return parse_document(text, newline=newline, bom=bom)


def parsed(text: str, path: str = "<text>") -> Document:
    """``text`` parsed once per session, as the file ``path``: a Document is immutable, and
    its ``path`` is the only field that depends on the name."""
    doc = _parsed(text, "\n", False)  # the arguments of source_document's call: one cache key
    return doc if doc.path == path else replace(doc, path=path)


def source_document(path: Path) -> Document:
    """The file at ``path`` as the command reads and parses it (``Engine.lint``), parsed once
    per session."""
    from awesome_lint.source import read_source

    source = read_source(str(path))
    return replace(_parsed(source.text, source.newline, source.bom), path=source.path)


@functools.lru_cache(maxsize=256)
def house_style(text: str) -> HouseStyle:
    """The house style inferred from ``text`` (it does not depend on the file's name)."""
    from awesome_lint.style import infer_style

    return infer_style(_parsed(text, "\n", False))


def corpus_document(path: Path, name: str | None = None) -> Document:
    """The corpus list at ``path`` parsed once per session, as ``name`` (default: the path)."""
    return parsed(read_text(path), str(path) if name is None else name)


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
