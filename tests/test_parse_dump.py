"""``--dump-entries`` (text and the JSON schema of the README, version 1) and the summary line
that says how much of a list was not read. The real command, offline, on files made here."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.entrydump import iso_date

from .corpus import corpus_document, corpus_files, needs_corpus

LIST = (
    "## Papers\n\n"
    "- **[Update: June, 2023]** Added [a workshop](https://example.org/ws)\n"
    '- <u>FooLM</u>: **"A Made-Up Language Model"**. *Ann Lee et al.* arXiv 2023. '
    "[[Paper](https://arxiv.org/abs/2301.00001)] (Jun., 2023)\n"
    "- [Made-Up Video Model](https://arxiv.org/abs/2406.00001) (25th Jul., 2024 | NeurIPS 2024)\n"
    "- [[PDF](https://arxiv.org/abs/2302.00002)] [[Code](https://github.com/x/y)]\n"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args))
    return result.exit_code, result.output


def test_dump_entries_json_schema(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(LIST, encoding="utf-8")
    code, out = run("--dump-entries", "--format", "json", str(path))
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    (file,) = data["files"]
    assert file["path"] == str(path)
    first, second = file["entries"]
    assert {k: first[k] for k in ("line", "column", "end_line", "group")} == {
        "line": 4,
        "column": 3,
        "end_line": 4,
        "group": 0,
    }
    assert first["title"] == {
        "text": "A Made-Up Language Model",
        "line": 4,
        "column": 20,  # after '- <u>FooLM</u>: **"'
        "end_line": 4,
        "end_column": 44,
    }
    assert first["alias"]["text"] == "FooLM"
    assert first["authors"]["text"] == "Ann Lee et al"
    assert first["venue"]["text"] == "arXiv 2023"
    assert (first["date"]["text"], first["date"]["iso"]) == ("Jun., 2023", "2023-06")
    assert first["links"] == [
        {
            "label": "Paper",
            "url": "https://arxiv.org/abs/2301.00001",
            "kind": "paper",
            "line": 4,
            "column": 79,  # the inner "[" of "[[Paper](…)]"
            "end_line": 4,
            "end_column": 120,
        }
    ]
    assert (second["date"]["iso"], second["venue"]["text"]) == ("2024-07-25", "NeurIPS 2024")
    assert [link["kind"] for link in second["links"]] == ["paper"]
    assert file["unread"] == [
        {"family": "item", "lines": [6], "line": 6, "column": 1, "end_line": 6, "end_column": 77}
    ]


def test_dump_entries_text(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(LIST, encoding="utf-8")
    code, out = run("--dump-entries", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{path}: 2 entries in 1 groups"
    assert lines[1:6] == [
        f"{path}:4:3: entry (group 0)",
        "  title: A Made-Up Language Model",
        "  alias: FooLM",
        "  authors: Ann Lee et al",
        "  date: Jun., 2023 (2023-06)",
    ]
    assert lines[-1] == f"{path}:6: not read (items): 6"


def test_dump_entries_refuses_other_formats_and_reports_unreadable_files(tmp_path: Path) -> None:
    code, out = run("--dump-entries", "--format", "sarif", str(tmp_path / "x.md"))
    assert code == 2 and "--dump-entries prints text, json, bibtex or csv" in out
    code, out = run("--dump-entries", str(tmp_path / "missing.md"))
    assert code == 2


def test_iso_dates_are_as_precise_as_written() -> None:
    assert [iso_date(d) for d in ("25th Jul., 2022", "2022/07", "2020", "Jul 2022", "Mayo")] == [
        "2022-07-25",
        "2022-07",
        "2020",
        "2022-07",
        None,
    ]


def test_summary_says_what_was_not_read(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(LIST, encoding="utf-8")
    code, out = run("--isolated", "--select", "AL108", str(path))
    assert code == 0
    assert out.splitlines() == [
        f"{path}:6:1: AL108 [entries-not-understood] 1 item with paper links not read as paper "
        "entries (line 6): no rule checks them",
        "Found 1 problem (1 info) in 1 file.",
        f"Read 2 paper entries; 1 group with 1 paper-like item not understood, first at "
        f"{path}:6 (AL108).",
    ]


def test_a_list_read_well_says_nothing_of_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(LIST.rsplit("- [[PDF]", 1)[0], encoding="utf-8")
    code, out = run("--isolated", "--select", "AL108", str(path))
    assert (code, out) == (0, "No problems found in 1 file.\n")


@needs_corpus
def test_every_corpus_list_is_read_without_units_left_unread() -> None:
    unread = {}
    for path in corpus_files():
        doc = corpus_document(path, path.name)
        if doc.unread:
            unread[path.stem] = [u.lines for u in doc.unread]
    assert unread == {}
