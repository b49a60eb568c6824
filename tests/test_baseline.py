"""The baseline: --write-baseline records today's findings, --baseline or ``baseline = FILE``
reports only new ones, matched by rule and content (not line), and writing again drops the
ones gone. Real rules, real parser, on the example list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from awesome_lint import cli

ROOT = Path(__file__).parents[1]
EXAMPLE = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
# Two defects: a wrong ordinal (error) and a venue out of the house layout (warning).
OLD = EXAMPLE.replace("[20th Dec., 2021] [CVPR, 2022]", "[20nd Dec., 2021] [CVPR 2022]", 1)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(OLD, encoding="utf-8")
    return tmp_path


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["README.md", *args])


def test_write_then_only_new_findings(folder: Path) -> None:
    written = lint("--write-baseline", "baseline.json")
    assert (written.exit_code, written.stdout) == (0, "")
    assert written.stderr == "Recorded 2 findings in baseline.json.\n"
    recorded = json.loads((folder / "baseline.json").read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    assert [(f["code"], f["text"], f["count"]) for f in recorded["findings"]] == [
        ("AL202", "20nd", 1),
        ("AL207", "CVPR 2022", 1),
    ]
    quiet = lint("--baseline", "baseline.json")
    assert (quiet.exit_code, quiet.stdout) == (0, "No problems found in 1 file.\n")
    assert quiet.stderr == "2 findings recorded in the baseline baseline.json not shown.\n"


def test_edits_above_and_on_the_line_do_not_bring_findings_back(folder: Path) -> None:
    lint("--write-baseline", "baseline.json")
    grown = "# New heading\n\nIntro.\n\n" + OLD.replace("[20nd Dec., 2021]", "[21nd Dec., 2021]")
    grown = grown.replace("[11th May, 2021]", "[11nd May, 2021]")  # a new defect
    (folder / "README.md").write_text(grown, encoding="utf-8")
    result = lint("--baseline", "baseline.json", "-q")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'README.md:21:2: AL202 [*] [date-ordinal] "21nd" should be "21st"',  # changed text: new
        'README.md:26:2: AL202 [*] [date-ordinal] "11nd" should be "11th"',
    ]  # the venue (AL207) moved four lines down and kept its content: still known


def test_a_second_copy_of_a_known_finding_is_new(folder: Path) -> None:
    lint("--write-baseline", "baseline.json")
    twice = OLD.replace("[11th May, 2021]", "[20nd May, 2021]")
    (folder / "README.md").write_text(twice, encoding="utf-8")
    result = lint("--baseline", "baseline.json", "-q", "--select", "AL202")
    assert result.stdout.splitlines() == [
        'README.md:22:2: AL202 [*] [date-ordinal] "20nd" should be "20th"'
    ]


def test_writing_again_drops_what_was_mended(folder: Path) -> None:
    other = folder / "other.md"
    other.write_text(OLD, encoding="utf-8")
    lint("other.md", "--write-baseline", "baseline.json")
    (folder / "README.md").write_text(OLD.replace("[20nd", "[20th"), encoding="utf-8")
    again = lint("--write-baseline", "baseline.json")  # README.md only: other.md's stay
    assert again.stderr == "Recorded 1 finding in baseline.json; 1 no longer found, dropped.\n"
    recorded = json.loads((folder / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["path"], f["code"]) for f in recorded] == [
        ("README.md", "AL207"),
        ("other.md", "AL202"),
        ("other.md", "AL207"),
    ]


def test_baseline_from_the_configuration(folder: Path) -> None:
    (folder / "lists").mkdir()
    (folder / "lists" / "README.md").write_text(OLD, encoding="utf-8")
    config = folder / ".awesome-lint.toml"
    config.write_text('baseline = "known.json"\n', encoding="utf-8")
    write = ["lists/README.md", "--write-baseline", "known.json"]
    assert CliRunner().invoke(cli.main, write).exit_code == 0
    result = CliRunner().invoke(cli.main, ["lists/README.md"])
    assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")
    top = CliRunner().invoke(cli.main, ["README.md"])
    assert top.exit_code == 1  # the same findings in another file are not known
    assert json.loads((folder / "known.json").read_text())["findings"][0]["path"] == (
        "lists/README.md"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline file (write it with --write-baseline missing.json)"),
        ("{", "cannot read the baseline: Expecting property name"),
        ('{"version": 1, "findings": [{"path": 1}]}', "not an awesome-lint baseline file"),
        ('{"version": 7, "findings": []}', "baseline version 7 is not 1"),
    ],
)
def test_a_bad_baseline_is_a_clear_error(folder: Path, content: str | None, message: str) -> None:
    if content is not None:
        (folder / "missing.json").write_text(content, encoding="utf-8")
    result = lint("--baseline", "missing.json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"awesome-lint: error: missing.json: {message}")
    assert "Traceback" not in result.output


def test_write_baseline_excludes_baseline_and_changed_since(folder: Path) -> None:
    result = lint("--write-baseline", "a.json", "--baseline", "b.json")
    assert result.exit_code == 2
    assert "--write-baseline records every finding" in result.stderr


def test_readme_adoption_path_works_as_written(folder: Path) -> None:
    """The commands of README's "Adopting awesome-lint on a list", run in order."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Adopting awesome-lint on a list\n", 1)[1].split("\n### ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    for command in commands:
        words = shlex.split(command)
        if words[0] == "awesome-lint":
            assert CliRunner().invoke(cli.main, words[1:]).exit_code in (0, 1), command
        elif words[0] == "echo":
            text, target = words[1], words[-1]
            with open(folder / target, "a", encoding="utf-8") as config:
                config.write(text + "\n")
        else:
            assert words[0] == "git", command
    fixed = (folder / "README.md").read_text(encoding="utf-8")
    assert "[20th Dec., 2021] [CVPR 2022]" in fixed  # --fix mended the ordinal, not the venue
    (folder / "README.md").write_text(fixed.replace("[11th May", "[11nd May"), encoding="utf-8")
    result = lint("-q")
    assert result.stdout == 'README.md:22:2: AL202 [*] [date-ordinal] "11nd" should be "11th"\n'
