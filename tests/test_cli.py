"""The command line with test rules (``helpers_engine``): options, output, exit codes, fixing.

End-to-end runs of the real pipeline (built-in rules, real parser) are in test_bad_input.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from awesome_lint import __version__, cli, runner
from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.engine import Engine
from awesome_lint.model import Span

from .helpers_engine import (
    Network,
    OffByDefault,
    Shout,
    Typo,
    mini_pipeline,  # noqa: F401 (fixture)
    registry,
)

pytestmark = pytest.mark.usefixtures("mini_pipeline", "test_rules")

CLI_RULES = (Typo, Shout, OffByDefault, Network)
LIST = "**A teh paper** \\\n[[Paper](https://a.org)]\n\nTODO: teh rest\n"


@pytest.fixture
def test_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI sees the test rules (without the one that always crashes)."""
    reg = registry(*CLI_RULES)
    monkeypatch.setattr(cli, "builtin_registry", lambda: reg)


@pytest.fixture
def real_rules(mini_pipeline: None, test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.undo()  # this module's default patches off: built-in rules, real parser


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli.main, args)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode())
    return path


def test_lints_a_file(folder: Path) -> None:
    write(folder, "list.md", LIST)
    result = lint("list.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'list.md:1:5: AL501 [*] [typo-teh] "teh" should be "the"',
        "list.md:4:1: AL502 [todo-left] TODO left in the list",
        'list.md:4:7: AL501 [*] [typo-teh] "teh" should be "the"',
        "Found 3 problems (2 errors, 1 warning) in 1 file.",
        "2 fixable with --fix.",
    ]
    assert result.stderr == ""


def test_default_path_is_readme_in_the_current_folder(folder: Path) -> None:
    result = lint()
    assert (result.exit_code, result.stderr) == (2, "README.md: error: no such file\n")
    write(folder, "README.md", "All good.\n")
    result = lint()
    assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")


def test_warnings_alone_exit_zero(folder: Path) -> None:
    write(folder, "list.md", "TODO\n")
    assert lint("list.md").exit_code == 0


def test_several_paths_an_unreadable_one_is_reported_and_the_others_linted(folder: Path) -> None:
    write(folder, "a.md", "teh\n")
    write(folder, "b.md", "fine\n")
    result = lint("a.md", "missing.md", "b.md", "a.md")  # a repeated path is linted once
    assert result.exit_code == 2
    assert result.stderr == "missing.md: error: no such file\n"
    assert result.stdout.splitlines() == [
        'a.md:1:1: AL501 [*] [typo-teh] "teh" should be "the"',
        "Found 1 problem (1 error) in 2 files.",
        "1 fixable with --fix.",
        "Could not lint 1 file.",
    ]


@pytest.mark.parametrize(
    ("args", "stdout_lines"),
    [
        (["--select", "AL502"], ["list.md:4:1: AL502 [todo-left] TODO left in the list"]),
        (["--select", "typo-teh,todo-left", "--ignore", "AL501"], ["list.md:4:1: AL502"]),
        (["--ignore", "AL5"], []),
        (["--select", "AL201"], ["list.md:1:1: AL201 [strict-dates] strict dates are on"]),
    ],
)
def test_select_and_ignore(folder: Path, args: list[str], stdout_lines: list[str]) -> None:
    write(folder, "list.md", LIST)
    lines = lint("list.md", "--quiet", *args).stdout.splitlines()
    assert [line[: len(want)] for line, want in zip(lines, stdout_lines, strict=False)] == (
        stdout_lines
    )
    assert len(lines) == len(stdout_lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "AL5O2"], "Error: unknown rule selector 'AL5O2'; did you mean 'AL502'?"),
        (["--ignore", "todo-lef"], "Error: unknown rule selector 'todo-lef'; did you mean"),
        (["--severity", "AL501"], "Error: Invalid value for '--severity': 'AL501' is not"),
        (["--severity", "AL501=fatal"], "Error: Invalid value for '--severity': unknown severity"),
        (["--severity", "AL9999=info"], "Error: unknown rule selector 'AL9999'"),
        (["--format", "xml"], "Error: Invalid value for '--format'"),
        (["--max-size", "lots"], "Error: Invalid value for '--max-size': invalid size 'lots'"),
        (["--diff", "--format", "json"], "Error: --diff prints a diff; it cannot be combined"),
        (["--explain", "AL5O1"], "Error: Invalid value for '--explain': unknown rule selector"),
        (["--explain", "AL5"], "Error: Invalid value for '--explain': 'AL5' names several"),
    ],
)
def test_usage_errors_exit_2(folder: Path, args: list[str], message: str) -> None:
    write(folder, "list.md", LIST)
    result = lint("list.md", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_severity_override_changes_the_exit_code(folder: Path) -> None:
    write(folder, "list.md", "teh\n")
    result = lint("list.md", "--severity", "typo-teh=warning")
    assert result.exit_code == 0
    assert "Found 1 problem (1 warning) in 1 file." in result.stdout
    assert lint("list.md", "--severity", "AL5=info", "--format", "json").exit_code == 0


def test_max_size_refuses_large_inputs(folder: Path) -> None:
    write(folder, "big.md", "x" * 3000)
    result = lint("big.md", "--max-size", "2kB")
    assert result.exit_code == 2
    assert result.stderr == (
        "big.md: error: file is 2.9 kB, larger than the limit of 2.0 kB"
        " (raise it with --max-size)\n"
    )


def test_fix_writes_and_a_second_run_changes_nothing(folder: Path) -> None:
    path = write(folder, "list.md", LIST.replace("\n", "\r\n"))
    result = lint("list.md", "--fix")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "list.md:4:1: AL502 [todo-left] TODO left in the list",
        "Fixed 2 problems.",
        "Found 1 problem (1 warning) in 1 file.",
    ]
    fixed = LIST.replace("teh", "the").replace("\n", "\r\n").encode()
    assert path.read_bytes() == fixed
    again = lint("list.md", "--fix")
    assert again.stdout.splitlines()[-1] == "Found 1 problem (1 warning) in 1 file."
    assert "Fixed" not in again.stdout
    assert path.read_bytes() == fixed


def test_fix_json_reports_what_remains(folder: Path) -> None:
    write(folder, "list.md", LIST)
    report = json.loads(lint("list.md", "--fix", "--format", "json").stdout)
    assert [d["code"] for d in report["diagnostics"]] == ["AL502"]
    assert report["summary"]["fixed"] == 2


def test_diff_prints_and_writes_nothing(folder: Path) -> None:
    path = write(folder, "list.md", "ok\nteh\n")
    result = lint("list.md", "--diff", "--fix")
    assert result.exit_code == 1
    assert result.stdout == "--- list.md\n+++ list.md\n@@ -1,2 +1,2 @@\n ok\n-teh\n+the\n"
    assert result.stderr == "Would fix 1 problem.\n"
    assert path.read_bytes() == b"ok\nteh\n"
    path.write_bytes(b"ok\n")
    result = lint("list.md", "--diff")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_a_harmful_fix_is_dropped_with_a_line_and_the_file_left_as_it_was(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from awesome_lint.diagnostics import Edit, Fix

    from .helpers_engine import Typo

    class DropsLinks(Typo):  # a buggy fix that deletes the whole link line
        def check(self, doc, ctx):
            start = doc.text.index("[[")
            end = doc.text.index("\n", start) + 1
            fix = Fix((Edit(start, end, ""),))
            yield self.diagnostic(doc, doc.span(start, end), "bad", fix)

    reg = registry(DropsLinks)
    monkeypatch.setattr(cli, "builtin_registry", lambda: reg)
    path = write(folder, "list.md", LIST)
    result = lint("list.md", "--fix")
    assert result.exit_code == 1  # the finding's error, not a failure to fix
    assert result.stderr == (
        "list.md:2:1: warning: AL501 fix not applied: it would lose the link URL 'https://a.org'\n"
    )
    assert result.stdout.splitlines() == [
        "list.md:2:1: AL501 [typo-teh] bad",  # its fix dropped: not marked fixable
        "Found 1 problem (1 error) in 1 file.",
    ]
    assert path.read_bytes() == LIST.encode()


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(
    folder: Path, monkeypatch: pytest.MonkeyPatch, test_rules: None
) -> None:
    path = write(folder, "list.md", "ok\nteh\n")
    real_fix_file = runner.fix_file

    def fix_then_someone_edits(result, engine, options, late=None):
        real_fix_file(result, engine, options, late)
        path.write_bytes(b"ok\nteh\nadded meanwhile\n")

    monkeypatch.setattr(runner, "fix_file", fix_then_someone_edits)
    result = lint("list.md", "--fix")
    assert result.exit_code == 2
    assert result.stderr == (
        "list.md: error: changed on disk since it was read; not overwritten (run again)\n"
    )
    assert path.read_bytes() == b"ok\nteh\nadded meanwhile\n"


def test_unsafe_fixes_are_counted_then_applied(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from awesome_lint.diagnostics import Fix

    from .helpers_engine import Typo

    class Risky(Typo):
        def check(self, doc, ctx):
            for d in super().check(doc, ctx):
                yield replace(d, fix=Fix(d.fix.edits, safe=False))

    reg = registry(Risky)
    monkeypatch.setattr(cli, "builtin_registry", lambda: reg)
    path = write(folder, "list.md", "teh\n")
    result = lint("list.md", "--fix")
    assert result.stdout.splitlines()[-1] == "1 fixable with --unsafe-fixes."
    assert path.read_bytes() == b"teh\n"
    result = lint("list.md", "--fix", "--unsafe-fixes")
    assert (result.exit_code, path.read_bytes()) == (0, b"the\n")


def test_list_rules() -> None:
    result = lint("--list-rules")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "CODE   NAME          SEVERITY  FIXABLE  SUMMARY",
        "AL201  strict-dates  info      no       Off unless selected.",
        "AL501  typo-teh      error     yes      Flags the typo 'teh'.",
        "AL502  todo-left     warning   no       Flags TODO markers.",
        "AL901  dead-link     error     no       Reported by the link checker.",
    ]
    rules = json.loads(lint("--list-rules", "--format", "json").stdout)
    assert rules[0] == {
        "code": "AL201",
        "name": "strict-dates",
        "severity": "info",
        "fixable": False,
        "summary": "Off unless selected.",
        "enabled_by_default": False,
        "network": False,
        "tool": False,
    }


def test_explain_a_rule_without_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "rulebook_page", lambda code: None)
    result = lint("--explain", "todo-left")
    assert (result.exit_code, result.stderr) == (
        2,
        "awesome-lint: error: AL502 has no page in the rule book\n",
    )


def test_version() -> None:
    result = lint("--version")
    assert (result.exit_code, result.stdout) == (0, f"awesome-lint, version {__version__}\n")


def test_colour_is_forced_or_refused_by_flag(folder: Path) -> None:
    write(folder, "list.md", "teh\n")
    assert "\x1b[" in lint("list.md", "--color").stdout
    assert "\x1b[" not in lint("list.md", "--no-color").stdout
    assert "\x1b[" not in lint("list.md").stdout  # not a terminal


def test_use_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.use_color(None) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.use_color(None) is False
    assert cli.use_color(True) is True
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    monkeypatch.delenv("NO_COLOR")
    assert cli.use_color(None) is False


def test_progress_only_when_enabled(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(runner.progress(["a.md", "b.md"], enabled=False)) == ["a.md", "b.md"]
    assert capsys.readouterr().err == ""
    assert list(runner.progress(["a.md", "b.md"], enabled=True)) == ["a.md", "b.md"]
    assert capsys.readouterr().err == "\r[1/2] a.md\r[2/2] b.md\r          \r"


def test_link_step_extension_point(folder: Path) -> None:
    write(folder, "list.md", "teh\n")
    seen = []

    def link_step(docs, selection) -> list[Diagnostic]:
        seen.append(sorted(selection.codes))
        span = Span(1, 1, 1, 5, 0, 4)
        dead = Diagnostic(
            "AL901", "dead-link", Severity.ERROR, docs[0].path, span, "dead", data={"url": "u"}
        )
        return [dead, dead]

    selection = registry(*CLI_RULES).select(["AL5", "dead-link"], (), {"AL9": Severity.WARNING})
    results = runner.run(["list.md"], Engine(selection), runner.RunOptions(), link_step)
    assert seen == [["AL501", "AL502", "AL901"]]
    # sorted in, de-duplicated, its severity overridden
    found = [(d.code, d.severity, d.data) for d in results[0].diagnostics]
    assert found == [
        ("AL501", Severity.ERROR, {}),
        ("AL901", Severity.WARNING, {"url": "u"}),
    ]
    assert cli.exit_code(results) == 1


# --- packaging: the wheel ships the rule book -----------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_lists_every_package() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "awesome_lint").rglob("__init__.py")
    }
    assert set(config["packages"]) == on_disk | {"awesome_lint.rulebook"}
    assert config["package-dir"] == {"awesome_lint.rulebook": "rules"}


@pytest.mark.slow
def test_installed_wheel_explains_rules_and_lints(tmp_path: Path) -> None:
    """Build the wheel, install it in a fresh virtual environment, run the console script."""
    import subprocess
    import sys
    import venv
    import zipfile

    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", dist, ROOT], check=True)
    [wheel] = dist.glob("*.whl")
    pages = sorted(p.name for p in (ROOT / "rules").glob("*.md"))
    names = zipfile.ZipFile(wheel).namelist()
    assert [n.rsplit("/", 1)[1] for n in names if n.startswith("awesome_lint/rulebook/")] == pages
    assert "awesome_lint/awesome-lint.schema.json" in names  # for editors (README)

    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / "bin"
    subprocess.run([bin_dir / "python", "-m", "pip", "install", "-q", wheel], check=True)
    script = bin_dir / "awesome-lint"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([script, *args], cwd=tmp_path, capture_output=True, text=True)

    for key in ("AL202", "date-ordinal"):
        explained = run("--explain", key)
        assert explained.returncode == 0, explained.stderr
        assert explained.stdout == (ROOT / "rules" / "AL202.md").read_text().rstrip("\n") + "\n"
    listed = run("--list-rules")
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[0].split() == [
        "CODE",
        "NAME",
        "SEVERITY",
        "FIXABLE",
        "SUMMARY",
    ]
    example = run(str(ROOT / "examples" / "README.md"))  # the clean example list
    assert (example.returncode, example.stderr) == (0, "")
    assert example.stdout.splitlines()[-1].endswith("in 1 file.")


def test_ci_runs_the_test_command_readme_gives() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    setup = readme.split("## Set up", 1)[1].split("## Usage", 1)[0]
    commands = [line for line in setup.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 2  # the two set-up commands, each from a fresh machine
    assert "'.[test]'" in commands[1]  # the second: test extras, then the tests
    test_command = commands[1].split(" && ")[-1].removeprefix(".venv/bin/")
    assert test_command == "python -m pytest -q"
    assert "\npython -m pip install --quiet --disable-pip-version-check '.[test]'\n" in ci
    assert ci.endswith(f"\n{test_command}\n")
    assert (ROOT / "examples" / "README.md").is_file()


def test_fixes_that_never_settle_are_written_with_a_warning(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from awesome_lint.diagnostics import Edit, Fix

    class Grows(Typo):  # each pass appends one more "!": never settles
        def check(self, doc, ctx):
            end = len(doc.text)
            yield self.diagnostic(doc, doc.span(end, end), "more", Fix((Edit(end, end, "!"),)))

    reg = registry(Grows)
    monkeypatch.setattr(cli, "builtin_registry", lambda: reg)
    path = write(folder, "list.md", "x")
    result = lint("list.md", "--fix", "--quiet")
    assert result.stderr == "list.md: warning: fixes still apply after 10 passes\n"
    assert path.read_bytes() == b"x" + b"!" * 10
    assert result.exit_code == 1  # the finding remains


@pytest.mark.usefixtures("real_rules")
def test_the_example_list_is_clean_under_every_rule() -> None:
    result = lint(str(ROOT / "examples" / "README.md"), "--select", "ALL")
    assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")
