"""The parsed model of every real list, pinned: one line per entry (its span, group, family and
layout, every field's plain text and span, the date's ISO reading, each link's kind and URL),
then the groups and the groups not understood. A change in what the parser reads shows up as a
reviewable diff of tests/golden/entries/<list>.txt; a speed change must leave it byte-identical.

After a deliberate change, rewrite the files with ``UPDATE_GOLDEN=1 python -m pytest
tests/test_parse_golden.py`` and review the diff entry by entry.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from awesome_lint.entrydump import compact_lines
from awesome_lint.parse import parse_document

from .corpus import corpus_files, needs_corpus, read_text

GOLDEN = Path(__file__).resolve().parent / "golden" / "entries"


def parsed_model(path: Path) -> str:
    return "".join(f"{line}\n" for line in compact_lines(parse_document(read_text(path))))


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:48])
def test_parsed_model_of_real_lists_matches_the_golden_file(path: Path) -> None:
    golden = GOLDEN / f"{path.stem}.txt"
    actual = parsed_model(path)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file for {path.name}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")
