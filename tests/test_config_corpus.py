"""The real-list check: a configuration that pins the sort direction makes AL204 report the
lists sorted the other way, on the corpus of real lists (skipped when it is absent).

The corpus lists are newest-first; their oldest-first twins are made by the tool itself
(AL204's unsafe fix under a pinned oldest-first style), so both directions are real lists."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.facts import Facts

from .corpus import corpus_document, corpus_files, needs_corpus

OLDEST = '[style]\nsort-direction = "oldest-first"\n'
NEWEST = '[style]\nsort-direction = "newest-first"\n'


def newest_first_list(source: Path) -> bool:
    """Whether at least 80% of the steps between dated entries of a section go back in time."""
    from itertools import pairwise

    doc = corpus_document(source, source.name)
    older = newer = 0
    facts = Facts(doc)
    for section in doc.sections:
        values = [p.value for _, p in facts.dated(section.entries) if p.value is not None]
        older += sum(b < a for a, b in pairwise(values))
        newer += sum(b > a for a, b in pairwise(values))
    return older >= 10 and older >= 4 * newer


def sections_with_an_order(source: Path) -> int:
    """Sections with three or more different dates."""
    doc = corpus_document(source, source.name)
    facts = Facts(doc)
    return sum(
        len({p.value for _, p in facts.dated(section.entries) if p.value is not None}) >= 3
        for section in doc.sections
    )


def al204(path: Path, config: Path | None, *extra: str) -> int:
    args = ["--format", "json", "--select", "AL204", *extra, str(path)]
    args = ["--config", str(config), *args] if config else ["--isolated", *args]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code in (0, 1), result.output
    return len(json.loads(result.stdout)["diagnostics"])


@pytest.mark.slow  # the command seven times on each list, one of them a --fix of the whole list
@needs_corpus
@pytest.mark.parametrize("source", corpus_files(), ids=lambda p: p.name[:40])
def test_a_pinned_direction_reports_lists_sorted_the_other_way(source: Path, tmp_path: Path):
    if not newest_first_list(source):
        pytest.skip("not a dated list sorted newest first")
    oldest, newest = tmp_path / "oldest.toml", tmp_path / "newest.toml"
    oldest.write_text(OLDEST, encoding="utf-8")
    newest.write_text(NEWEST, encoding="utf-8")
    newest_first = tmp_path / "newest-first.md"
    shutil.copyfile(source, newest_first)

    # Pinning what the list does reports at least what the inferred order does; pinning the
    # reverse reports every section with an order (once each, when it is not sorted at all).
    pinned_newest = al204(newest_first, newest)
    assert pinned_newest >= al204(newest_first, None)
    assert al204(newest_first, oldest) >= sections_with_an_order(source)

    oldest_first = tmp_path / "oldest-first.md"
    shutil.copyfile(source, oldest_first)
    al204(oldest_first, oldest, "--fix", "--unsafe-fixes")  # the same list, oldest first
    assert al204(oldest_first, oldest) == 0
    assert al204(oldest_first, None) == 0  # inferred as oldest-first
    assert al204(oldest_first, newest) > 0  # and the reverse
