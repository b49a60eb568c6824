"""Triage of many findings: ``[*]`` on what --fix changes, ``--statistics`` (one line per rule)
and the line naming the one decision that removes most findings. Real rules, real parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Span
from awesome_lint.reporters.triage import RuleCount, biggest_decision, rule_counts

HEAD = "# Papers\n\n"


def block(day: str, title: str, label: str = "GitHub") -> str:
    return (
        f"**{title}** \\\n*A. Author* \\\n[{day} Jul., 2022] [CVPR, 2022] \\\n"
        f"[[Paper](https://arxiv.org/abs/2207.1{title[-1]}268)] [[{label}](https://github.com/a/{title[-1]})]\n\n"
    )


# Twelve entries newest first; eleven write "Github" (AL104, fixable), one "22th" (AL202).
LIST = HEAD + "".join(block(f"{20 - i}th", f"Paper {i}", "Github") for i in range(11))
LIST += block("15th", "Paper X", "GitHub").replace("15th", "22th")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    # "Github" is reported only where the list asks for the owners' spellings (AL104's option).
    (tmp_path / ".awesome-lint.toml").write_text("[rules.AL104]\ncanonical-names = true\n")
    return tmp_path


def lint(*args: str) -> list[str]:
    return CliRunner().invoke(cli.main, ["list.md", *args]).stdout.splitlines()


def test_text_marks_what_fix_changes_and_names_the_biggest_decision(folder: Path) -> None:
    lines = lint("--select", "AL104,AL202,AL502")
    assert (
        lines[0]
        == "list.md:1:3: AL502 [license] the list states no license: add a License section, a license badge or a LICENSE file"
    )
    assert lines[1] == 'list.md:6:47: AL104 [*] [link-label] link label "Github" should be "GitHub"'
    assert lines[-4] == 'list.md:60:2: AL202 [*] [date-ordinal] "22th" should be "22nd"'
    assert lines[-3:] == [
        "Found 13 problems (1 error, 11 warnings, 1 info) in 1 file.",
        "12 fixable with --fix.",
        "Most findings: 11 \u00d7 AL104 [link-label]: `--fix` changes them all.",
    ]


def test_statistics_one_line_per_rule(folder: Path) -> None:
    assert lint("--select", "AL104,AL202,AL502", "--statistics") == [
        "11  AL104  link-label    11 fixable",
        " 1  AL202  date-ordinal  1 fixable",
        " 1  AL502  license",
        "Found 13 problems (1 error, 11 warnings, 1 info) in 1 file.",
        "12 fixable with --fix.",
        "Most findings: 11 \u00d7 AL104 [link-label]: `--fix` changes them all.",
    ]
    assert lint("--select", "AL104,AL202,AL502", "--statistics", "-q") == [
        "11  AL104  link-label    11 fixable",
        " 1  AL202  date-ordinal  1 fixable",
        " 1  AL502  license",
    ]


def test_statistics_in_json(folder: Path) -> None:
    report = json.loads(
        "\n".join(lint("--select", "AL104,AL502", "--statistics", "--format", "json"))
    )
    assert report["statistics"] == [
        {"code": "AL104", "name": "link-label", "count": 11, "fixable": 11, "unsafe_fixable": 0},
        {"code": "AL502", "name": "license", "count": 1, "fixable": 0, "unsafe_fixable": 0},
    ]
    plain = json.loads("\n".join(lint("--select", "AL104", "--format", "json")))
    assert "statistics" not in plain


def test_statistics_refuses_the_ci_formats(folder: Path) -> None:
    result = CliRunner().invoke(cli.main, ["list.md", "--statistics", "--format", "github"])
    assert result.exit_code == 2
    assert "--statistics is for --format text or json, not github" in result.stderr


def finding(code: str, fix: Fix | None = None) -> Diagnostic:
    return Diagnostic(code, "rule", Severity.WARNING, "a.md", Span(1, 1, 1, 2, 0, 1), "m", fix)


SAFE = Fix((Edit(0, 1, "x"),))
UNSAFE = Fix((Edit(0, 1, "x"),), safe=False)


@pytest.mark.parametrize(
    ("found", "line"),
    [
        ([finding("AL104", SAFE)] * 10, "`--fix` changes them all."),
        ([finding("AL104", SAFE)] * 6 + [finding("AL104")] * 4, "`--fix` changes 6 of them."),
        (
            [finding("AL104", SAFE)] * 6 + [finding("AL104", UNSAFE)] * 4,
            "`--fix` changes 6, `--fix --unsafe-fixes` all of them.",
        ),
        (
            [finding("AL104", UNSAFE)] * 10,
            "`--fix --unsafe-fixes` changes them all (review `--diff` first).",
        ),
        (
            [finding("AL104")] * 10,
            "no automatic fix; `--explain AL104` says how to mend them, `--ignore AL104` if the "
            "list means it.",
        ),
    ],
)
def test_biggest_decision_wording(found: list[Diagnostic], line: str) -> None:
    assert biggest_decision(rule_counts(found)) == f"Most findings: 10 \u00d7 AL104 [rule]: {line}"


def test_biggest_decision_only_for_long_runs() -> None:
    nine = rule_counts([finding("AL104", SAFE)] * 9)
    assert nine == [RuleCount("AL104", "rule", 9, 9, 0)]
    assert biggest_decision(nine) is None  # a short run: every finding is on screen
    assert biggest_decision(nine, force=True) is not None  # --statistics asks for it
    assert biggest_decision(rule_counts([finding("AL104", SAFE)])) is None
    unsafe_counted = rule_counts([finding("AL104", UNSAFE)] * 2, unsafe_fixes=True)
    assert unsafe_counted == [RuleCount("AL104", "rule", 2, 2, 0)]
