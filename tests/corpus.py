"""Access to the real paper lists in ../shared/corpus (tests skip cleanly when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
