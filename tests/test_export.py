"""The list's entries as BibTeX and CSV, read back by a real BibTeX parser and the csv module."""

from __future__ import annotations

import csv
import io
import re

import bibtexparser
import pytest

from awesome_lint.export import CSV_COLUMNS, plain, split_authors, to_bibtex, to_csv
from awesome_lint.parse import parse_document

from .corpus import corpus_files, read_text

LIST = """## Papers

**Made-Up Maps: 100% {Lesion} & Co_Finding** \\
*Ann Lee, Bo Kim, Cy Ng* \\
[3rd Jan., 2024] [MICCAI, 2024] \\
[[Paper](https://arxiv.org/abs/2401.01234)] [[Code](https://github.com/lee/maps)]

**Made-Up Maps Again** \\
*Ann Lee et al.* \\
[4th Jan., 2024] [arXiv, 2024] \\
[[Paper](https://doi.org/10.1000/made.up)]
"""


def test_bibtex_records_carry_fields_ids_and_stable_unique_keys() -> None:
    text = to_bibtex([parse_document(LIST, "README.md")])
    library = bibtexparser.loads(text)
    assert [(e["ENTRYTYPE"], e["ID"]) for e in library.entries] == [
        ("inproceedings", "lee2024made"),
        ("misc", "lee2024madeb"),
    ]
    first, second = library.entries
    assert first["title"] == r"Made-Up Maps: 100\% Lesion \& Co\_Finding"
    assert first["author"] == "Ann Lee and Bo Kim and Cy Ng"
    assert (first["booktitle"], first["year"]) == ("MICCAI", "2024")
    assert (first["eprint"], first["archiveprefix"]) == ("2401.01234", "arXiv")
    assert first["url"] == "https://arxiv.org/abs/2401.01234"
    assert (second["author"], second["doi"]) == ("Ann Lee and others", "10.1000/made.up")
    assert to_bibtex([parse_document(LIST, "README.md")]) == text  # stable


def test_csv_has_one_row_per_entry_with_plain_fields() -> None:
    rows = list(csv.reader(io.StringIO(to_csv([parse_document(LIST, "README.md")]))))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1] == [
        "README.md", "3", "Papers", "Made-Up Maps: 100% {Lesion} & Co_Finding",
        "Ann Lee; Bo Kim; Cy Ng", "3rd Jan., 2024", "2024", "MICCAI, 2024",
        "https://arxiv.org/abs/2401.01234", "https://github.com/lee/maps", "2401.01234", "",
    ]  # fmt: skip
    assert rows[2][4] == "Ann Lee; others"


@pytest.mark.parametrize(
    ("authors", "names"),
    [
        ("*Ann Lee, Bo Kim and Cy Ng*", ["Ann Lee", "Bo Kim", "Cy Ng"]),
        ("Lee, Ann and Kim, Bo", ["Lee, Ann", "Kim, Bo"]),
        ("Ann Lee et al.", ["Ann Lee", "others"]),
    ],
)
def test_author_lists_are_split_into_names(authors: str, names: list[str]) -> None:
    assert split_authors(plain(authors)) == names


@pytest.mark.slow  # bibtexparser 1.x reads the largest list in about 10 s
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:40])
def test_every_corpus_list_round_trips_through_a_bibtex_parser(path) -> None:
    doc = parse_document(read_text(path), str(path))
    library = bibtexparser.loads(to_bibtex([doc]))
    titled = [e for e in doc.entries if e.title is not None]
    assert len(library.entries) == len(titled)
    assert len({e["ID"] for e in library.entries}) == len(titled)
    for record, entry in zip(library.entries, titled, strict=True):
        unescaped = record["title"].replace("\\", "")
        assert unescaped == re.sub(r"[{}\\]", "", plain(entry.title.text))
    rows = list(csv.reader(io.StringIO(to_csv([doc]))))
    assert len(rows) == len(doc.entries) + 1


def test_dump_entries_exports_bibtex_and_csv_and_only_with_dump_entries(tmp_path) -> None:
    from click.testing import CliRunner

    from awesome_lint import cli

    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    path = str(tmp_path / "README.md")
    runner = CliRunner()
    bib = runner.invoke(cli.main, ["--dump-entries", "--format", "bibtex", path])
    assert bib.exit_code == 0
    assert [e["ID"] for e in bibtexparser.loads(bib.stdout).entries] == [
        "lee2024made",
        "lee2024madeb",
    ]
    table = runner.invoke(cli.main, ["--dump-entries", "--format", "csv", path])
    assert table.exit_code == 0 and table.stdout.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert len(table.stdout.splitlines()) == 3
    misuse = runner.invoke(cli.main, ["--format", "csv", path])
    assert misuse.exit_code == 2
    assert "--format csv exports entries: use it with --dump-entries" in misuse.stderr
