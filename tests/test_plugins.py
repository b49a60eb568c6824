"""Third-party rules through the entry-point group ``awesome_lint.rules``: a real plugin
distribution (tests/plugin_example) installed with pip and used by the real command, and every
way a plugin can be broken, each failing with its name and the reason (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli, plugins
from awesome_lint.diagnostics import Severity
from awesome_lint.registry import builtin_registry
from awesome_lint.rule import Rule

EXAMPLE = Path(__file__).resolve().parent / "plugin_example"
LIST = "# Papers\n\n## Diffusion\n\nTODO: more papers\n"


def pip_install(target: Path, work: Path) -> None:
    """Install the example plugin into ``target`` without the network: first with this
    environment's setuptools, then (older setuptools needs ``wheel``) with build isolation
    from the configured package index; skip when neither can install offline. A copy is
    built, so that no build files land in tests/."""
    import shutil

    source = work / "plugin_example"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target)]
    attempts = [
        [*pip, "--no-build-isolation", "--no-index", str(source)],
        [*pip, str(source)],
    ]
    errors = []
    for command in attempts:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode == 0:
            return
        errors.append(done.stderr.strip().splitlines()[-1:] or [""])
    pytest.skip(f"pip cannot install the example plugin offline: {errors}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    pip_install(target, tmp_path_factory.mktemp("build"))
    return target


def awesome_lint(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "awesome_lint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


@pytest.mark.slow  # pip installs the plugin
def test_an_installed_plugin_adds_its_rules(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    run = awesome_lint(installed, "list.md", cwd=tmp_path)
    assert "list.md:5:1: TODO001 [todo-left] TODO left in the list" in run.stdout.splitlines()
    run = awesome_lint(installed, "--select", "TODO", "list.md", cwd=tmp_path)
    assert run.stdout.splitlines()[0] == "list.md:5:1: TODO001 [todo-left] TODO left in the list"
    assert run.returncode == 0  # a warning
    run = awesome_lint(
        installed, "--select", "todo-left", "--severity", "TODO001=error", "list.md", cwd=tmp_path
    )
    assert run.returncode == 1
    # configured, suppressed and listed like a built-in rule
    (tmp_path / ".awesome-lint.toml").write_text('select = ["TODO001"]\n', encoding="utf-8")
    (tmp_path / "list.md").write_text(LIST + "<!-- awesome-lint-disable-file todo-left -->\n")
    run = awesome_lint(installed, "-q", "list.md", cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
    run = awesome_lint(installed, "--list-rules", cwd=tmp_path)
    assert any(line.startswith("TODO001  todo-left") for line in run.stdout.splitlines())


@pytest.mark.slow  # pip installs the plugin
def test_version_lists_the_loaded_plugins(installed: Path, tmp_path: Path) -> None:
    from awesome_lint import __version__

    run = awesome_lint(installed, "--version", cwd=tmp_path)
    assert run.stdout.splitlines() == [
        f"awesome-lint, version {__version__}",
        "plugin todo (awesome-lint-todo 1.2.0): TODO001",
    ]


# --- broken plugins, through fake entry points ------------------------------------------------


class Good(Rule):
    code = "XYZ001"
    name = "xyz-good"
    summary = "Fine."

    def check(self, doc, ctx):
        return []


def rule(**attributes) -> type[Rule]:
    return type("Broken", (Good,), attributes)


@pytest.fixture
def fake_plugin(monkeypatch: pytest.MonkeyPatch):
    """Install ``target`` as the entry point ``broken`` of a fake module."""

    def install(target: object, name: str = "broken") -> None:
        module = types.ModuleType("fake_awesome_plugin")
        module.TARGET = target  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "fake_awesome_plugin", module)
        point = metadata.EntryPoint(name, "fake_awesome_plugin:TARGET", plugins.GROUP)
        monkeypatch.setattr(plugins, "entry_points", lambda: [point])

    return install


BROKEN = [
    (
        rule(code="AL777"),
        "bad code 'AL777': use 1 to 5 capital letters other than AL and 3 digits, e.g. XYZ001",
    ),
    (rule(code="xyz1"), "bad code 'xyz1'"),
    (rule(code="XYZ0001"), "bad code 'XYZ0001'"),
    (rule(name="date-ordinal"), "'date-ordinal' is already DateOrdinal"),
    (rule(name="Bad Name"), "bad name 'Bad Name'"),
    ([Good, rule(name="xyz-other")], "'XYZ001' is already Good"),
    (rule(summary=None), "has no summary (a string)"),
    (rule(severity="error"), "severity must be a Severity"),
    (
        type("NoCheck", (Rule,), {"code": "XYZ002", "name": "x-y", "summary": "s"}),
        "does not implement check()",
    ),
    (42, "must name a Rule subclass or a list of them, not 42"),
    ([int], "<class 'int'> is not a subclass of awesome_lint.rule.Rule"),
    ([], "provides no rules"),
]


@pytest.mark.parametrize(("target", "reason"), BROKEN, ids=lambda v: str(v)[:30])
def test_a_broken_plugin_fails_with_its_name_and_the_reason(fake_plugin, target, reason) -> None:
    fake_plugin(target)
    with pytest.raises(plugins.PluginError) as caught:
        plugins.load_plugins(builtin_registry())
    message = str(caught.value)
    assert message.startswith("plugin 'broken' (fake_awesome_plugin:TARGET, from ? ?)")
    assert reason in message


def test_a_plugin_that_cannot_be_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    point = metadata.EntryPoint("gone", "no_such_module_for_awesome_lint:RULES", plugins.GROUP)
    monkeypatch.setattr(plugins, "entry_points", lambda: [point])
    with pytest.raises(
        plugins.PluginError, match=r"^plugin 'gone' .* cannot be loaded: ModuleNotFoundError: "
    ):
        plugins.load_plugins(builtin_registry())


@pytest.mark.parametrize("args", [("list.md",), ("--version",), ("--list-rules",)])
def test_the_command_reports_a_broken_plugin_without_a_traceback(
    fake_plugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args
) -> None:
    fake_plugin(rule(code="AL777"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("awesome-lint: error: plugin 'broken' ")
    assert "Traceback" not in result.output


def test_a_good_fake_plugin_is_loaded(fake_plugin) -> None:
    fake_plugin(Good, name="good")
    registry = builtin_registry()
    (loaded,) = plugins.load_plugins(registry)
    assert (loaded.name, loaded.codes) == ("good", ("XYZ001",))
    assert registry.get("XYZ001") is Good and registry.get("xyz-good") is Good
    assert registry.select(["XYZ"]).codes >= {"XYZ001"}
    assert Good.severity is Severity.ERROR
