"""The CI reporters (``--format github``, ``--format sarif``) and ``--fail-on``, through the real
command and the built-in rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from awesome_lint import cli
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import FileResult
from awesome_lint.registry import builtin_rules
from awesome_lint.reporters import FORMATS, Summary, render
from awesome_lint.reporters.github import (
    command,
    escape_data,
    escape_property,
    step_summary,
)

from .helpers_engine import mini_document

ROOT = Path(__file__).parents[1]
# The official SARIF 2.1.0 schema (OASIS, errata01), copied from ../shared/schemas.
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

# The example list with two defects: a wrong ordinal (error, fixable) and a broken line
# break (warning, fixable).
EXAMPLE = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
DEFECTS = EXAMPLE.replace("[20th Dec., 2021]", "[20nd Dec., 2021]", 1).replace(
    "*Prafulla Dhariwal, Alex Nichol* \\\n", "*Prafulla Dhariwal, Alex Nichol* \\ \n", 1
)
ORDINAL = (17, 2, 6)  # line, column, end column of "20nd"
BREAK = (21, 33, 36)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "README.md").write_text(DEFECTS, encoding="utf-8")
    return tmp_path


def lint(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, args, env=env)


def test_example_defects_are_where_the_tests_expect(folder: Path) -> None:
    assert DEFECTS != EXAMPLE
    out = lint("-q", "README.md").output.splitlines()
    assert out == [
        'README.md:17:2: AL202 [*] [date-ordinal] "20nd" should be "20th"',
        'README.md:21:33: AL102 [*] [line-break-style] "\\ " has a space after the backslash, so '
        'GitHub shows no line break; write " \\"',
    ]


# -- --fail-on -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "text", "code"),
    [
        ("error", DEFECTS, 1),  # the default
        ("never", DEFECTS, 0),
        ("error", DEFECTS.replace("[20nd", "[20th"), 0),  # a warning alone
        ("warning", DEFECTS.replace("[20nd", "[20th"), 1),
        ("info", DEFECTS.replace("[20nd", "[20th"), 1),
        ("WARNING", EXAMPLE, 0),  # clean
    ],
)
def test_fail_on(folder: Path, fail_on: str, text: str, code: int) -> None:
    (folder / "README.md").write_text(text, encoding="utf-8")
    assert lint("--fail-on", fail_on, "README.md").exit_code == code
    if fail_on == "error":
        assert lint("README.md").exit_code == code


def test_fail_on_info_counts_info(folder: Path) -> None:
    args = ("--severity", "AL102=info", "README.md")
    (folder / "README.md").write_text(DEFECTS.replace("[20nd", "[20th"), encoding="utf-8")
    assert lint("--fail-on", "warning", *args).exit_code == 0
    assert lint("--fail-on", "info", *args).exit_code == 1


def test_fail_on_never_still_fails_unreadable_inputs(folder: Path) -> None:
    assert lint("--fail-on", "never", "missing.md").exit_code == 2


def test_fail_on_rejects_unknown_levels(folder: Path) -> None:
    result = lint("--fail-on", "fatal", "README.md")
    assert result.exit_code == 2
    assert "'fatal' is not one of 'error', 'warning', 'info', 'never'" in result.output


# -- --format github -------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    doc = mini_document("**T** x\nmore\n", "dir/we,ird:name.md")
    span = doc.span(0, 5)
    found = Diagnostic("AL101", "entry-shape", Severity.INFO, doc.path, span, "50% of it\nhere")
    assert command(found) == (
        "::notice file=dir/we%2Cird%3Aname.md,line=1,endLine=1,col=1,endColumn=6,"
        "title=AL101 entry-shape::50%25 of it%0Ahere"
    )
    # Columns only on one-line annotations, as GitHub takes them.
    multi = Diagnostic("AL101", "entry-shape", Severity.WARNING, doc.path, doc.span(2, 10), "m")
    assert command(multi) == (
        "::warning file=dir/we%2Cird%3Aname.md,line=1,endLine=2,title=AL101 entry-shape::m"
    )


def test_github_paths_are_relative_to_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "repo"
    (workspace / "lists").mkdir(parents=True)
    monkeypatch.chdir(workspace / "lists")  # the tool runs in a subfolder
    monkeypatch.setenv("GITHUB_WORKSPACE", str(workspace))
    for given, shown in [
        (str(workspace / "lists" / "README.md"), "lists/README.md"),
        ("README.md", "lists/README.md"),
        ("../top.md", "top.md"),
        (str(tmp_path / "elsewhere.md"), str(tmp_path / "elsewhere.md")),  # outside: as given
    ]:
        doc = mini_document("x\n", given)
        found = Diagnostic("AL101", "entry-shape", Severity.ERROR, given, doc.span(0, 1), "m")
        assert command(found).startswith(f"::error file={escape_property(shown)},line=1,")
    monkeypatch.delenv("GITHUB_WORKSPACE")
    doc = mini_document("x\n", "README.md")
    found = Diagnostic("AL101", "entry-shape", Severity.ERROR, "README.md", doc.span(0, 1), "m")
    assert command(found).startswith("::error file=README.md,line=1,")  # outside Actions


def test_format_github(folder: Path) -> None:
    result = lint("--format", "github", "README.md", "missing.md")
    assert result.exit_code == 2
    line, col, end = ORDINAL
    bline, bcol, bend = BREAK
    assert result.stdout.splitlines() == [
        f"::error file=README.md,line={line},endLine={line},col={col},endColumn={end},"
        'title=AL202 date-ordinal::"20nd" should be "20th"',
        f"::warning file=README.md,line={bline},endLine={bline},col={bcol},endColumn={bend},"
        'title=AL102 line-break-style::"\\ " has a space after the backslash, so GitHub shows '
        'no line break; write " \\"',
        "::error file=missing.md::missing.md: error: no such file",
        "Found 2 problems (1 error, 1 warning) in 1 file.",
        "2 fixable with --fix.",
        "Could not lint 1 file.",
    ]


def test_format_github_writes_the_step_summary_and_outputs(folder: Path) -> None:
    summary, outputs = folder / "summary.md", folder / "output.txt"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs)}
    assert lint("--format", "github", "-q", "README.md", env=env).exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### awesome-lint\n")  # appended, never replaced
    assert "| README.md | 1 | 1 | 0 |" in text
    assert "2 findings (1 error, 1 warning, 0 info); 2 fixable with `--fix` ([*])." in text
    assert (
        "| AL202 date-ordinal | error | 1 | 1 |\n| AL102 line-break-style | warning | 1 | 1 |"
        in text
    )
    assert "<details><summary>AL202 date-ordinal: 1 finding, 1 fixable</summary>" in text
    assert '| README.md:17:2 | error | [*] | "20nd" should be "20th" |' in text
    assert outputs.read_text(encoding="utf-8") == "errors=1\nwarnings=1\ninfo=0\nproblems=2\n"
    # Other formats leave the files alone.
    lint("--format", "text", "README.md", env=env)
    assert summary.read_text(encoding="utf-8") == text


def test_github_annotations_most_severe_first() -> None:
    doc = mini_document("a\nb\nc\n", "a.md")

    def at(line: int, severity: Severity) -> Diagnostic:
        return Diagnostic(
            "AL101", "entry-shape", severity, doc.path, doc.span(2 * line - 2, 2 * line - 1), "m"
        )

    found = [
        at(1, Severity.INFO),
        at(2, Severity.WARNING),
        at(3, Severity.ERROR),
        at(3, Severity.INFO),
    ]
    results = [FileResult(doc.path, doc, found)]
    lines = render(results, "github", quiet=True).splitlines()
    assert [line.split(",", 2)[:2] for line in lines] == [
        ["::error file=a.md", "line=3"],
        ["::warning file=a.md", "line=2"],
        ["::notice file=a.md", "line=1"],
        ["::notice file=a.md", "line=3"],
    ]


def test_step_summary_groups_every_finding_by_rule() -> None:
    doc = mini_document("x\n" * 300, "a.md")
    fix = Fix((Edit(0, 1, "y"),))
    unsafe = Fix((Edit(0, 1, "y"),), safe=False)

    def finding(code: str, severity: Severity, line: int, fix: Fix | None = None) -> Diagnostic:
        span = doc.span(2 * line - 2, 2 * line - 1)
        return Diagnostic(code, f"rule-{code}", severity, doc.path, span, f"m{line}", fix)

    found = [finding("AL104", Severity.WARNING, n, fix) for n in range(1, 251)]
    found += [finding("AL204", Severity.ERROR, 260, unsafe), finding("AL502", Severity.WARNING, 1)]
    results = [FileResult(doc.path, doc, found)]
    text = step_summary(results, Summary.of(results))
    assert (
        "| AL204 rule-AL204 | error | 1 | 0 |\n"
        "| AL104 rule-AL104 | warning | 250 | 250 |\n"
        "| AL502 rule-AL502 | warning | 1 | 0 |\n"
    ) in text
    assert (
        text.index("<summary>AL204") < text.index("<summary>AL104") < text.index("<summary>AL502")
    )
    assert "| a.md:260:1 | error | unsafe | m260 |" in text
    assert all(f"| a.md:{n}:1 | warning | [*] | m{n} |" in text for n in range(1, 251))  # all 250
    assert "more (GitHub takes" not in text
    # Past GitHub's size limit the rest are counted, and the Markdown stays well formed.
    from awesome_lint.reporters.github import findings_by_rule, findings_tables

    short = findings_tables(findings_by_rule(results), 3_000)
    assert short.count("<details>") == short.count("</details>")
    assert short.endswith(" more (GitHub takes at most 1 MiB of summary).\n")
    shown = short.count("| a.md:")
    assert 10 < shown < 252
    assert f"…and {252 - shown} more" in short


def test_step_summary_cells_are_escaped() -> None:
    doc = mini_document("x\n", "a|b.md")
    found = Diagnostic(
        "AL101", "entry-shape", Severity.ERROR, doc.path, doc.span(0, 1), "<b>|`x`\nend"
    )
    results = [FileResult(doc.path, doc, [found])]
    text = step_summary(results, Summary.of(results))
    assert "| a&#124;b.md | 1 | 0 | 0 |" in text
    assert "| &lt;b&gt;&#124;&#96;x&#96; end |" in text


# -- --format sarif --------------------------------------------------------------------------


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def test_format_sarif_is_valid_sarif_2_1_0(folder: Path) -> None:
    result = lint("--format", "sarif", "README.md", "missing.md")
    assert result.exit_code == 2
    sarif = json.loads(result.stdout)
    sarif_validator().validate(sarif)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(rule.code for rule in builtin_rules())
    ordinal = next(rule for rule in rules if rule["id"] == "AL202")
    assert ordinal["name"] == "date-ordinal"
    assert ordinal["helpUri"].endswith("/rules/AL202.md")
    assert ordinal["shortDescription"]["text"]
    for rule in rules:  # every help page exists in the rule book
        assert (ROOT / "rules" / f"{rule['id']}.md").is_file()

    first, second = run["results"]
    assert first["ruleId"] == "AL202"
    assert rules[first["ruleIndex"]]["id"] == "AL202"
    assert first["level"] == "error"
    assert second["level"] == "warning"
    assert first["message"] == {"text": '"20nd" should be "20th"'}
    location = first["locations"][0]["physicalLocation"]
    line, col, end = ORDINAL
    assert location == {
        "artifactLocation": {"uri": "README.md"},
        "region": {"startLine": line, "startColumn": col, "endLine": line, "endColumn": end},
    }
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "README.md"}
    assert change["replacements"] == [
        {
            "deletedRegion": {
                "startLine": line,
                "startColumn": col,
                "endLine": line,
                "endColumn": end,
            },
            "insertedContent": {"text": "20th"},
        }
    ]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "missing.md: error: no such file"}}
    ]


def test_sarif_levels_unknown_codes_and_data() -> None:
    text = "**T** é x\n"
    doc = mini_document(text, "sub dir/list.md")
    crash = Diagnostic("AL000", "rule-crashed", Severity.ERROR, doc.path, doc.span(0, 0), "boom")
    note = Diagnostic(
        "AL902",
        "link-unverified",
        Severity.INFO,
        doc.path,
        doc.span(6, 9),
        "could not",
        Fix((Edit(8, 9, "y"),), safe=False),
        {"url": "https://x.org", "http_status": None},
    )
    sarif = json.loads(render([FileResult(doc.path, doc, [crash, note])], "sarif"))
    sarif_validator().validate(sarif)
    run = sarif["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids.count("AL000") == 1  # a registry rule (a tool rule), described once
    crashed, unverified = run["results"]
    assert crashed["ruleIndex"] == ids.index("AL000")
    assert "fixes" not in crashed
    assert unverified["level"] == "note"
    assert unverified["properties"] == {"url": "https://x.org", "http_status": None}
    region = unverified["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (7, 10)  # code points: "é" is one
    assert unverified["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "sub%20dir/list.md"
    }
    assert unverified["fixes"][0]["properties"] == {"safe": False}


def test_sarif_related_location_of_a_duplicate(folder: Path) -> None:
    start = EXAMPLE.index("**Diffusion Models Beat GANs")
    entry = EXAMPLE[start : EXAMPLE.index("\n\n", start) + 2]
    (folder / "README.md").write_text(EXAMPLE.replace(entry, entry + entry), encoding="utf-8")
    sarif = json.loads(lint("--format", "sarif", "--select", "AL302", "README.md").stdout)
    sarif_validator().validate(sarif)
    (duplicate,) = sarif["runs"][0]["results"]
    assert duplicate["locations"][0]["physicalLocation"]["region"]["startLine"] == 25
    assert duplicate["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "README.md"},
                "region": {"startLine": 20},
            },
        }
    ]
    assert duplicate["properties"] == {"related_line": 20}


def test_formats_are_listed_in_help() -> None:
    assert set(FORMATS) == {"text", "json", "github", "sarif"}
    help_text = CliRunner().invoke(cli.main, ["--help"]).output
    assert "[text|json|github|sarif|bibtex|csv]" in help_text
    assert "--fail-on" in help_text


def test_diff_refuses_the_ci_formats(folder: Path) -> None:
    for fmt in ("github", "sarif"):
        result = lint("--diff", "--format", fmt, "README.md")
        assert result.exit_code == 2
        assert f"cannot be combined with --format {fmt}" in result.output


def test_sarif_describes_a_code_no_rule_owns() -> None:
    doc = mini_document("**T** x\n", "list.md")
    stray = Diagnostic("ZZ999", "gone-plugin", Severity.WARNING, doc.path, doc.span(0, 1), "x")
    sarif = json.loads(render([FileResult(doc.path, doc, [stray])], "sarif"))
    sarif_validator().validate(sarif)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[-1]["id"] == "ZZ999"
    assert sarif["runs"][0]["results"][0]["ruleIndex"] == len(rules) - 1
