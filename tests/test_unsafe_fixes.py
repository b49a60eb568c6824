"""--unsafe-fixes end to end (real parser and rules): AL204 reordering a section and AL402
reordering the TOC are applied only with the flag; without it the report says how many more."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli

BLOCK = "**Paper {n}** \\\n*A. Author* \\\n[{date}] [arXiv, 2023] \\\n[[Paper](https://arxiv.org/abs/{n})]\n"
LIST = f"""\
# Papers

## Contents

- [Diffusion](#diffusion)
- [Agents](#agents)

## Agents

{BLOCK.format(n="2305.00001", date="1st May, 2023")}
{BLOCK.format(n="2306.00002", date="3rd Jun., 2023")}
{BLOCK.format(n="2304.00003", date="2nd Apr., 2023")}
## Diffusion

{BLOCK.format(n="2305.00004", date="1st May, 2023")}
## License

MIT
"""


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "list.md"
    target.write_text(LIST, encoding="utf-8")
    return target


def lint(*args: str):
    return CliRunner().invoke(cli.main, ["--isolated", *args])


def test_without_the_flag_the_report_counts_the_unsafe_fixes(path: Path) -> None:
    result = lint("--fix", "list.md")
    assert result.exit_code == 0
    assert [line.split(" ")[1] for line in result.stdout.splitlines()[:2]] == ["AL402", "AL204"]
    assert result.stdout.splitlines()[-1] == "2 fixable with --unsafe-fixes."
    assert path.read_text(encoding="utf-8") == LIST


def test_diff_shows_them_only_with_the_flag(path: Path) -> None:
    assert lint("--diff", "list.md").stdout == ""
    result = lint("--diff", "--unsafe-fixes", "list.md")
    assert result.exit_code == 1
    assert "\n+- [Agents](#agents)\n" in result.stdout


def test_with_the_flag_sections_and_toc_are_reordered(path: Path) -> None:
    result = lint("--fix", "--unsafe-fixes", "list.md")
    assert (result.exit_code, result.stdout) == (
        0,
        "Fixed 2 problems.\nNo problems found in 1 file.\n",
    )
    text = path.read_text(encoding="utf-8")
    assert text.index("- [Agents](#agents)") < text.index("- [Diffusion](#diffusion)")
    dates = [text.index(d) for d in ("3rd Jun., 2023", "1st May, 2023", "2nd Apr., 2023")]
    assert dates == sorted(dates)
    assert sorted(text.splitlines()) == sorted(LIST.splitlines())  # nothing lost
    assert lint("--fix", "--unsafe-fixes", "list.md").stdout == "No problems found in 1 file.\n"
