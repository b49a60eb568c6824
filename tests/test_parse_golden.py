"""The parsed model of every real list, pinned: one line per entry (its span, group, family and
layout, every field's plain text and span, the date's ISO reading, each link's kind and URL),
then the groups and the groups not understood. A change in what the parser reads shows up as a
reviewable diff of tests/golden/entries/<list>.txt; a speed change must leave it byte-identical.

After a deliberate change, rewrite the files with ``UPDATE_GOLDEN=1 python -m pytest
tests/test_parse_golden.py`` and review the diff entry by entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.entrydump import compact_lines

from .corpus import corpus_document, corpus_files, needs_corpus
from .golden_files import assert_matches_golden

GOLDEN = Path(__file__).resolve().parent / "golden" / "entries"


def parsed_model(path: Path) -> str:
    doc = corpus_document(path)  # parsed once per session
    return "".join(f"{line}\n" for line in compact_lines(doc))


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:48])
def test_parsed_model_of_real_lists_matches_the_golden_file(path: Path) -> None:
    assert_matches_golden(GOLDEN / f"{path.stem}.txt", parsed_model(path))
