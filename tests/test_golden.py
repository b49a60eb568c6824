"""Every finding on every real list, pinned: a change in what the tool reports shows up as a
reviewable diff of tests/golden/<list>.txt.

After a deliberate change, rewrite the files with ``UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and review the diff line by line: each finding must be a real defect.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from awesome_lint.engine import Engine
from awesome_lint.registry import builtin_registry

from .corpus import corpus_files, needs_corpus, source_document
from .golden_files import assert_matches_golden

GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = datetime.date(2026, 11, 24)  # AL205 future-date compares with "today": keep it fixed


def findings(path: Path) -> str:
    engine = Engine(builtin_registry().select(), today=TODAY)
    diagnostics = engine.check(source_document(path))  # parsed once per session
    return "".join(
        f"{d.span.line}:{d.span.column} {d.code} [{d.name}] {d.severity}: {d.message}\n"
        for d in diagnostics
    )


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:48])
def test_findings_on_real_lists_match_the_golden_file(path: Path) -> None:
    assert_matches_golden(GOLDEN / f"{path.stem}.txt", findings(path))
