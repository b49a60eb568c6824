"""The runner (``awesome_lint/runner.py``): one way through a run for the command line, the
public API and the views, and one decision for the rules' and the link checker's findings.

The link step here is the runner's extension point (documents in, findings out), standing for
the link checker; the checker itself is tested against real servers in ``tests/links``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli, lint_path, lint_paths, lint_text, runner
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import Engine
from awesome_lint.fix import fix_source
from awesome_lint.model import Document
from awesome_lint.registry import SelectorError, builtin_registry
from awesome_lint.source import from_raw

from .helpers_engine import Network, Typo, mini_pipeline, registry  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parent.parent
FIRST_LOOK = ROOT / "examples" / "first-look" / "README.md"


def dead_links(docs: Sequence[Document], selection: object) -> list[Diagnostic]:
    """A link step that finds every link dead."""
    return [
        Diagnostic("AL901", "dead-link", Severity.ERROR, doc.path, link.url_span, "dead")
        for doc in docs
        for link in doc.links
    ]


def no_links(docs: Sequence[Document], selection: object) -> list[Diagnostic]:
    return []


def run_text(tmp_path: Path, text: str, link_step: runner.LinkStep | None) -> list[tuple]:
    path = tmp_path / "list.md"
    path.write_text(text, encoding="utf-8")
    engine = Engine(builtin_registry().select(["AL0", "AL901"]))
    (result,) = runner.run([str(path)], engine, runner.RunOptions(), link_step)
    return [(d.code, d.span.line) for d in result.diagnostics]


# --- one decision: link findings meet the suppression comments the rules' findings meet --------

NAMED = "<!-- awesome-lint-disable-next AL901 -->\nSee [x](https://x.org/a).\n"
BLANKET = "<!-- awesome-lint-disable-next -->\nSee [x](https://x.org/a).\n"


def test_a_comment_for_a_link_rule_is_unused_only_when_the_links_were_checked(
    tmp_path: Path,
) -> None:
    assert run_text(tmp_path, NAMED, None) == []  # no --check-links: the rule did not run
    assert run_text(tmp_path, NAMED, no_links) == [("AL003", 1)]  # it ran, found nothing
    assert run_text(tmp_path, NAMED, dead_links) == []  # it ran and was suppressed


def test_a_blanket_comment_that_suppressed_a_link_finding_is_used(tmp_path: Path) -> None:
    # Before the one decision, the rules' pass called this comment unused (AL003) while the
    # link pass used it to suppress the dead link.
    assert run_text(tmp_path, BLANKET, dead_links) == []
    second = BLANKET + "\nSee [y](https://y.org/b).\n"
    assert run_text(tmp_path, second, dead_links) == [("AL901", 4)]


def test_link_findings_get_severity_overrides_order_and_de_duplication(tmp_path: Path) -> None:
    def twice(docs: Sequence[Document], selection: object) -> list[Diagnostic]:
        return [*dead_links(docs, selection), *dead_links(docs, selection)]

    path = tmp_path / "list.md"
    path.write_text("See [y](https://y.org/b).\n\nSee [x](https://x.org/a).\n", encoding="utf-8")
    selection = builtin_registry().select(["AL901"], (), {"AL901": Severity.WARNING})
    (result,) = runner.run([str(path)], Engine(selection), runner.RunOptions(), twice)
    assert [(d.code, d.span.line, d.span.column, d.severity) for d in result.diagnostics] == [
        ("AL901", 1, 9, Severity.WARNING),
        ("AL901", 3, 9, Severity.WARNING),
    ]


# --- one fix loop: link fixes carried through the passes with the rules' -----------------------


@pytest.mark.usefixtures("mini_pipeline")
def test_a_link_fix_on_text_a_rule_fixed_is_dropped_not_applied() -> None:
    source = from_raw("list.md", "teh\n")
    moved = Fix((Edit(0, 3, "xyz"),), description="use the new URL")
    late = [Diagnostic("AL901", "dead-link", Severity.ERROR, "list.md", source_span(), "x", moved)]
    engine = Engine(registry(Typo, Network).select())
    outcome = fix_source(source, engine, late=late)
    assert outcome.source.text == "the\n"  # the rule's fix, sorted first, wins the place
    assert [(d.code, d.fix) for d in outcome.diagnostics] == [("AL901", None)]


def source_span():
    from awesome_lint.model import Span

    return Span(1, 1, 1, 4, 0, 3)


# --- views of the same read files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (("--dump-links",), "https://x.org/a\t<stdin>:1:9\n"),
        (("--dump-links", "--stdin-filename", "list.md"), "https://x.org/a\tlist.md:1:9\n"),
    ],
)
def test_views_read_standard_input_as_the_lint_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: tuple[str, ...], expected: str
) -> None:
    # Before, a view read the file named like standard input from disk (or failed).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text("See [x](https://on-disk.org/).\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, [*flags, "-"], input="See [x](https://x.org/a).\n")
    assert (result.exit_code, result.stdout) == (0, expected)


def test_dump_entries_reads_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = FIRST_LOOK.read_text(encoding="utf-8")
    from_stdin = CliRunner().invoke(cli.main, ["--dump-entries", "--format", "json", "-"], text)
    shutil.copy(FIRST_LOOK, tmp_path / "README.md")
    from_file = CliRunner().invoke(cli.main, ["--dump-entries", "--format", "json", "README.md"])
    assert from_stdin.exit_code == from_file.exit_code == 0
    entries = json.loads(from_stdin.stdout)["files"][0]["entries"]
    assert entries == json.loads(from_file.stdout)["files"][0]["entries"]
    assert len(entries) > 5


# --- the public API through the same runner -----------------------------------------------------


def test_lint_paths_reads_configuration_as_the_command_line_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIRST_LOOK, tmp_path / "README.md")
    (tmp_path / ".awesome-lint.toml").write_text('ignore = ["AL202"]\n', encoding="utf-8")
    (result,) = lint_paths(["."])
    found = [(d.code, d.span.line, d.span.column) for d in result.diagnostics]
    cli_run = CliRunner().invoke(cli.main, ["--format", "json", "--show-info", "."])
    shown = json.loads(cli_run.stdout)["diagnostics"]
    assert found == [(d["code"], d["line"], d["column"]) for d in shown]
    assert ("AL403", 11, 13) in found and "AL202" not in {code for code, *_ in found}
    isolated = [d.code for d in lint_path(str(tmp_path / "README.md"))]
    assert "AL202" in isolated  # lint_path reads no configuration
    assert lint_text((tmp_path / "README.md").read_text(), "README.md") == lint_path("README.md")


def test_lint_paths_reports_an_unreadable_input_as_a_result(tmp_path: Path) -> None:
    (result,) = lint_paths([str(tmp_path / "missing.md")], isolated=True)
    assert result.error == f"{tmp_path / 'missing.md'}: error: no such file"
    assert result.diagnostics == []
    with pytest.raises(SelectorError, match="unknown rule selector 'AL2x'"):
        lint_paths([str(tmp_path / "missing.md")], select=["AL2x"])


# --- [links]: one table for a run, and a warning when the files' differ --------------------------


def test_a_second_links_table_is_named_as_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, timeout in (("a", 3), ("b", 4)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "list.md").write_text("No links here.\n", encoding="utf-8")
        config = f"[links]\ntimeout = {timeout}\n"
        (tmp_path / name / ".awesome-lint.toml").write_text(config, encoding="utf-8")
    args = ["--check-links", "--no-cache", "--select", "AL9", "-q", "a/list.md", "b/list.md"]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"awesome-lint: warning: b/list.md: the [links] table of its configuration "
        f"({tmp_path}/b/.awesome-lint.toml) is not applied: one link check serves the run, with "
        f"the first file's ({tmp_path}/a/.awesome-lint.toml)\n"
    )
    (tmp_path / "b" / ".awesome-lint.toml").unlink()  # b/list.md: no configuration file
    assert CliRunner().invoke(cli.main, args).stderr == (
        "awesome-lint: warning: b/list.md: the [links] table of its configuration (no "
        "configuration file: the defaults) is not applied: one link check serves the run, with "
        f"the first file's ({tmp_path}/a/.awesome-lint.toml)\n"
    )
    (tmp_path / "b" / ".awesome-lint.toml").write_text("[links]\ntimeout = 3\n", "utf-8")
    assert CliRunner().invoke(cli.main, args).stderr == ""


def test_readme_api_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("The same runner is a Python API:\n\n```python\n", 1)[1].split("```")[0]
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIRST_LOOK, tmp_path / "README.md")
    namespace: dict[str, object] = {}
    exec(example, namespace)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == (
        'README.md 11 AL403 "#survey" matches no heading or HTML anchor; did you mean "#surveys"?'
    )
    assert len(printed) == len(namespace["findings"]) == 6


def test_the_report_streams_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each file's findings are written before the next file is read (a long run shows its
    findings as it goes), and the exit code still counts every file."""
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# List\n\n- [Go](#nowhere)\n", encoding="utf-8")
    written_when_read: dict[str, str] = {}
    parse = runner.engines.parse_source

    def spying_parse(source):  # type: ignore[no-untyped-def]
        written_when_read[Path(source.path).name] = capsys.readouterr().out
        return parse(source)

    monkeypatch.setattr(runner.engines, "parse_source", spying_parse)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        cli.main(["--isolated", "a.md", "b.md"], standalone_mode=False)
    assert exited.value.code == 1
    assert written_when_read["a.md"] == ""
    finding = '3:8: AL403 [broken-anchor] "#nowhere" matches no heading or HTML anchor\n'
    assert written_when_read["b.md"] == "a.md:" + finding
    assert capsys.readouterr().out.startswith("b.md:" + finding)
