"""``--fix`` then ``--fix`` again on every corpus list and every ``fix-*`` and ``false-*``
field report, safe fixes and with ``--unsafe-fixes``: each run writes (exit 0 or 1, never 2),
the second changes nothing, and nothing is lost (entries, titles, URLs, author names, BOM, CRLF,
a missing final newline). Slow: about a minute for the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import CORPUS, corpus_files
from .fixrun import fix_twice, lost, windows_form

REPORTS = CORPUS.parent / "field-reports"


def field_reports() -> list[Path]:
    if not REPORTS.is_dir():
        return []
    return sorted(p for p in REPORTS.glob("*.md") if p.name.startswith(("fix-", "false-")))


# Every field report twice: as written, and with a BOM, CRLF newlines and no final newline;
# one corpus list in that form too.
LISTS = [(p, False) for p in corpus_files() + field_reports()]
LISTS += [(p, True) for p in field_reports() + corpus_files()[:1]]


@pytest.mark.slow
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize(
    ("path", "windows"),
    LISTS,
    ids=[f"{p.stem[:40]}{'-crlf-bom' if w else ''}" for p, w in LISTS],
)
def test_fix_twice_writes_settles_and_loses_nothing(
    path: Path, windows: bool, unsafe: bool, tmp_path: Path
) -> None:
    data = path.read_bytes()
    run = fix_twice(windows_form(data) if windows else data, tmp_path, unsafe=unsafe)
    assert run.exit_codes[0] in (0, 1) and run.exit_codes[1] in (0, 1)
    assert (run.second_fixed, run.second_changed) == (0, False)
    assert run.lost == []


ENTRY = "**Paper {n}** \\\n*Wu, Di and Ng, Ed* \\\n[[Paper](https://arxiv.org/abs/2301.0000{n})]\n"
TWO = (ENTRY.format(n=1) + "\n" + ENTRY.format(n=2)).encode()


@pytest.mark.parametrize(
    ("after", "found"),
    [
        (TWO.replace(b"Paper 2", b"paper 2."), []),  # case and punctuation aside
        (TWO.replace(b"abs/2301.00001", b"pdf/2301.00001v2"), []),  # one arXiv paper
        (
            TWO.split(b"\n\n")[0] + b"\n",
            ["entry 'paper2'", "URL 'arxiv:2301.00002'", "authors of 'paper2'"],
        ),
        (
            TWO.replace(b"Wu, Di and Ng", b"Wu, Di, Ng"),
            ["authors of 'paper1'", "authors of 'paper2'"],
        ),
        (b"\xef\xbb\xbf" + TWO, ["the BOM"]),
        (TWO.rstrip(b"\n"), ["the final newline (or its absence)"]),
        (TWO.replace(b"\n", b"\r\n"), []),
    ],
)
def test_the_comparison_finds_what_a_fix_lost(after: bytes, found: list[str]) -> None:
    assert lost(TWO, after) == found


def test_the_comparison_finds_crlf_turned_into_lf() -> None:
    assert lost(TWO.replace(b"\n", b"\r\n"), TWO) == ["CRLF newlines"]
