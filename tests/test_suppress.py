"""Inline suppression comments through the real parser and rules: each form, codes and names,
none meaning all, fenced code, AL002 unknown-suppression, AL003 unused-suppression, and
--no-inline-config."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli, lint_text

ENTRY = """\
**Paper {n}** \\
*A. Author* \\
[{day} Apr., 2023] [arXiv, 2023] \\
[[Paper](https://arxiv.org/abs/2304.0000{n})]
"""


def entry(n: int, day: str = "22th") -> str:
    return ENTRY.format(n=n, day=day)


def found(text: str, *select: str) -> list[tuple[str, int]]:
    diagnostics = lint_text(text, "list.md", select=list(select or ["AL202", "AL0"]))
    return [(d.code, d.span.line) for d in diagnostics]


HEAD = "# Papers\n\n## Diffusion\n\n"  # entries start on line 5

CASES = [
    # (text after HEAD, what is reported: (code, line))
    ("" + entry(1) + "\n" + entry(2), [("AL202", 7), ("AL202", 12)]),
    # disable-next: the next block, a whole paper entry
    ("<!-- awesome-lint-disable-next AL202 -->\n" + entry(1) + "\n" + entry(2), [("AL202", 13)]),
    # by name; no code means every rule
    ("<!-- awesome-lint-disable-next date-ordinal -->\n" + entry(1), []),
    ("<!-- awesome-lint-disable-next -->\n" + entry(1), []),
    # by code prefix, several codes separated by spaces or commas
    ("<!-- awesome-lint-disable-next AL2, AL301 -->\n" + entry(1), []),
    # a comment for another rule leaves the finding
    ("<!-- awesome-lint-disable-next AL201 -->\n" + entry(1), [("AL202", 8)]),
    # disable-line: the comment's own line
    (
        entry(1).replace(
            "[22th Apr., 2023]", "[22th Apr., 2023] <!-- awesome-lint-disable-line AL202 -->"
        ),
        [],
    ),
    # a region, ended by an enable
    (
        "<!-- awesome-lint-disable AL202 -->\n\n"
        + entry(1)
        + "\n<!-- awesome-lint-enable AL202 -->\n\n"
        + entry(2),
        [("AL202", 16)],
    ),
    # a region never enabled again runs to the end of the file
    ("<!-- awesome-lint-disable -->\n\n" + entry(1) + "\n" + entry(2), []),
    # an enable of one code ends the region for that code only
    (
        "<!-- awesome-lint-disable AL202 AL204 -->\n\n"
        + entry(1)
        + "\n<!-- awesome-lint-enable AL204 -->\n\n"
        + entry(2),
        [],
    ),
    # disable-file, anywhere in the file
    (entry(1) + "\n" + entry(2) + "\n<!-- awesome-lint-disable-file AL202 -->\n", []),
    # fenced code holds no comments
    (
        "```markdown\n<!-- awesome-lint-disable-file AL202 -->\n```\n\n" + entry(1),
        [("AL202", 11)],
    ),
    # an unknown code: AL002, with a suggestion; the comment then suppresses nothing
    ("<!-- awesome-lint-disable-next AL2O2 -->\n" + entry(1), [("AL002", 5), ("AL202", 8)]),
    # an unknown directive
    ("<!-- awesome-lint-disable-nxt AL202 -->\n" + entry(1), [("AL002", 5), ("AL202", 8)]),
    # an unused comment: AL003; silenced by a comment naming AL003
    ("<!-- awesome-lint-disable-next AL202 -->\n" + entry(1, "22nd"), [("AL003", 5)]),
    (
        "<!-- awesome-lint-disable-file AL003 -->\n<!-- awesome-lint-disable-next AL202 -->\n"
        + entry(1, "22nd"),
        [],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES, ids=lambda v: str(v)[:40])
def test_each_suppression_form(body: str, expected: list[tuple[str, int]]) -> None:
    assert found(HEAD + body) == expected


def test_messages() -> None:
    text = HEAD + "<!-- awesome-lint-disable-next date-ordnal -->\n" + entry(1, "22nd")
    messages = [d.message for d in lint_text(text, "list.md", select=["AL0", "AL202"])]
    assert messages == [
        "unknown rule 'date-ordnal' in a suppression comment; did you mean 'date-ordinal'?"
    ]
    text = HEAD + "<!-- awesome-lint-disable-line -->\n"
    (unused,) = lint_text(text, "list.md", select=["AL0"])
    assert (unused.code, unused.name, str(unused.severity), unused.message) == (
        "AL003",
        "unused-suppression",
        "warning",
        "this awesome-lint-disable-line comment suppressed nothing",
    )


def test_a_comment_for_a_rule_that_did_not_run_is_not_unused() -> None:
    text = HEAD + "<!-- awesome-lint-disable-next AL204 AL901 -->\n" + entry(1, "22nd")
    assert found(text, "AL202", "AL0") == []


def test_suppression_findings_can_be_ignored_like_any_rule() -> None:
    text = HEAD + "<!-- awesome-lint-disable-next AL2O2 -->\n" + entry(1)
    codes = [d.code for d in lint_text(text, "list.md", select=["AL202"], ignore=["AL002"])]
    assert codes == ["AL202"]


def test_no_inline_config_ignores_every_comment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = "<!-- awesome-lint-disable-next AL202 -->\n" + entry(1) + "<!-- awesome-lint-x -->\n"
    (tmp_path / "list.md").write_text(HEAD + body, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli.main, ["--select", "AL202,AL0", "list.md"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("list.md:10:1: AL002 ")
    result = runner.invoke(cli.main, ["--select", "AL202,AL0", "--no-inline-config", "list.md"])
    assert result.stdout.splitlines()[0] == (
        'list.md:8:2: AL202 [*] [date-ordinal] "22th" should be "22nd"'
    )


def test_suppressed_findings_are_not_fixed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = HEAD + "<!-- awesome-lint-disable-next AL202 -->\n" + entry(1) + "\n" + entry(2)
    path = tmp_path / "list.md"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["--select", "AL202", "--fix", "list.md"])
    assert result.exit_code == 0, result.output
    fixed = path.read_text(encoding="utf-8")
    assert fixed.count("22th") == 1 and fixed.count("22nd") == 1
    assert fixed.index("22th") < fixed.index("22nd")


def test_per_file_ignores_and_suppression_apply_to_link_findings() -> None:
    from awesome_lint.diagnostics import Diagnostic, Severity
    from awesome_lint.engine import Engine
    from awesome_lint.parse import parse_document
    from awesome_lint.registry import builtin_registry

    text = (
        HEAD
        + "<!-- awesome-lint-disable-next AL901 -->\n"
        + entry(1, "22nd")
        + "\n"
        + entry(2, "22nd")
    )
    doc = parse_document(text, "list.md")
    engine = Engine(builtin_registry().select())
    dead = [
        Diagnostic(
            "AL901", "dead-link", Severity.ERROR, "list.md", doc.entries[i].links[0].span, "dead"
        )
        for i in (0, 1)
    ]
    kept = engine.decide(doc, dead, links_ran=True)
    assert [d.span.line for d in kept] == [14]
