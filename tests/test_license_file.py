"""AL502 and the license file beside the list: the command line lists the list's folder and the
rule reads the names from its context (rules do no I/O)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.engine import parse_source
from awesome_lint.rules.al502_license import license_file, license_statement
from awesome_lint.source import from_raw

UNLICENSED = "# Awesome Things\n\nPapers about things.\n"


def lint(folder: Path) -> list[str]:
    result = CliRunner().invoke(cli.main, [str(folder / "README.md"), "--select", "AL502", "-q"])
    return result.stdout.splitlines()


@pytest.mark.parametrize("name", ["LICENSE", "LICENSE.md", "COPYING", "License.txt", "LICENCE"])
def test_a_license_file_beside_the_list_silences_al502(tmp_path: Path, name: str) -> None:
    (tmp_path / "README.md").write_text(UNLICENSED, encoding="utf-8")
    assert lint(tmp_path) == [
        f"{tmp_path / 'README.md'}:1:3: AL502 [license] the list states no license: add a "
        "License section, a license badge or a LICENSE file"
    ]
    (tmp_path / name).write_text("MIT License\n", encoding="utf-8")
    assert lint(tmp_path) == []


@pytest.mark.parametrize("name", ["LICENSES", "license-plate.md", "NOTICE"])
def test_other_files_do_not_count(tmp_path: Path, name: str) -> None:
    (tmp_path / "README.md").write_text(UNLICENSED, encoding="utf-8")
    (tmp_path / name).write_text("x\n", encoding="utf-8")
    assert len(lint(tmp_path)) == 1


def test_a_license_folder_or_a_file_in_another_folder_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text(UNLICENSED, encoding="utf-8")
    (tmp_path / "README.md").write_text(UNLICENSED, encoding="utf-8")
    (tmp_path / "docs" / "COPYING").write_text("x\n", encoding="utf-8")
    assert len(lint(tmp_path)) == 1  # LICENSE is a folder here
    assert lint(tmp_path / "docs") == []


def test_license_statement_says_what_it_found() -> None:
    def statement(text: str, neighbours: tuple[str, ...] = ()) -> str | None:
        return license_statement(parse_source(from_raw("README.md", text)), neighbours)

    assert statement(UNLICENSED) is None
    assert statement(UNLICENSED, ("README.md", "COPYING")) == "the file COPYING beside the list"
    assert statement(UNLICENSED + "\n## License\n\nMIT.\n") == 'the section "License" at line 5'
    badge = "[![License: MIT](https://img.shields.io/badge/License-MIT-green.svg)](https://x.org)"
    assert statement(f"{UNLICENSED}\n{badge}\n") == "a license badge at line 5"
    sentence = f"{UNLICENSED}\nReleased under the Apache 2.0 license.\n"
    assert statement(sentence) == 'the sentence "Released under the" at line 5'
    assert license_file(["notes.txt", "LICENSE.md", "COPYING"]) == "COPYING"


def test_a_license_sentence_counts_between_entries_not_inside_one_or_in_code() -> None:
    def statement(text: str) -> str | None:
        return license_statement(parse_source(from_raw("README.md", text)))

    entry = (
        "**Public Domain Models** <br>\nDee Wu <br>\n[[Paper](https://arxiv.org/abs/2301.00001)]\n"
    )
    code = "```\nReleased under the MIT License\n```\n"
    assert statement(f"{UNLICENSED}\n{entry}\n{code}\n{entry}") is None
    closing = f"{UNLICENSED}\n{entry}\n{code}\n{entry}\nThis list is CC0.\n\n{entry}"
    assert statement(closing) == 'the sentence "CC0" at line 17'
