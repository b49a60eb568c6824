"""The GitHub Action (``action.yml``): a valid composite action whose inputs reach the shell only
through the environment, and its shell steps run here as the runner runs them (``bash
--noprofile --norc -eo pipefail``, inputs in ``INPUT_*`` variables, temporary
``GITHUB_STEP_SUMMARY`` and ``GITHUB_OUTPUT`` files, the workspace as the working directory).
The documented workflow ``examples/awesome-lint.yml`` is checked too."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW_TEXT = (ROOT / "examples" / "awesome-lint.yml").read_text(encoding="utf-8")
EXAMPLE = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
DEFECT = EXAMPLE.replace("[20th Dec., 2021]", "[20nd Dec., 2021]", 1)
WARNING_ONLY = EXAMPLE.replace(
    "*Prafulla Dhariwal, Alex Nichol* \\\n", "*Prafulla Dhariwal, Alex Nichol* \\ \n", 1
)
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
BASH = shutil.which("bash")


def steps() -> list[dict[str, Any]]:
    return ACTION["runs"]["steps"]


def step(name: str) -> dict[str, Any]:
    return next(s for s in steps() if s.get("name") == name)


# -- the action's YAML -------------------------------------------------------------------------


def test_action_is_a_valid_composite_action() -> None:
    assert isinstance(ACTION["name"], str) and ACTION["name"]
    assert isinstance(ACTION["description"], str) and ACTION["description"]
    assert set(ACTION) <= {"name", "description", "author", "branding", "inputs", "outputs", "runs"}
    assert set(ACTION["inputs"]) == {
        "files",
        "check-links",
        "args",
        "fail-on",
        "github-token",
        "python-version",
    }
    for name, spec in ACTION["inputs"].items():
        assert set(spec) <= {"description", "required", "default", "deprecationMessage"}, name
        assert spec["description"], name
        assert isinstance(spec.get("default", ""), str), name  # YAML `false` would be a bool
    runs = ACTION["runs"]
    assert runs["using"] == "composite"
    ids = {s["id"] for s in runs["steps"] if "id" in s}
    for s in runs["steps"]:
        assert ("uses" in s) != ("run" in s), s  # a step either uses an action or runs a script
        if "run" in s:
            assert s["shell"] == "bash"  # composite run steps must name their shell
        assert set(s) <= {"name", "id", "if", "uses", "with", "run", "shell", "env"}, s
    for name, spec in ACTION["outputs"].items():
        assert spec["description"], name
        (expression,) = EXPRESSION.findall(spec["value"])
        step_id, output = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression).groups()
        assert step_id in ids and output == name


def test_no_run_script_contains_an_expression() -> None:
    """Script injection: `${{ }}` in a `run:` is pasted into the script before bash reads it."""
    scripts = [s["run"] for s in steps() if "run" in s]
    assert scripts
    for script in scripts:
        assert "${{" not in script
    for s in [*steps(), *ACTION["outputs"].values()]:  # every expression names a known input
        for value in [*(s.get("env") or {}).values(), *(s.get("with") or {}).values()]:
            for expression in EXPRESSION.findall(str(value)):
                if expression.startswith("inputs."):
                    assert expression.removeprefix("inputs.") in ACTION["inputs"]


def test_every_input_reaches_the_lint_step() -> None:
    env = step("Lint")["env"]
    used = {m.removeprefix("inputs.") for v in env.values() for m in EXPRESSION.findall(v)}
    assert used == set(ACTION["inputs"]) - {"python-version"}
    assert "inputs.python-version" in str(steps()[0]["with"])
    assert env["GITHUB_TOKEN"] == "${{ inputs.github-token }}"


def test_documented_workflow() -> None:
    workflow = yaml.safe_load(WORKFLOW_TEXT)
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    job = workflow["jobs"]["lint"]
    uses = [s.get("uses", "") for s in job["steps"]]
    assert uses[0].startswith("actions/checkout@")
    assert job["steps"][0]["with"]["fetch-depth"] == 0  # --changed-since needs history
    cache = job["steps"][uses.index(next(u for u in uses if u.startswith("actions/cache@")))]
    assert cache["with"]["path"] == "~/.cache/awesome-lint"  # where the link cache lives
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    lint = next(s for s in job["steps"] if s.get("uses", "").startswith("awesome-lint/"))
    assert set(lint["with"]) <= set(ACTION["inputs"])
    assert "--changed-since origin/${{ github.base_ref }}" in lint["with"]["args"]
    for s in job["steps"]:
        assert "${{" not in s.get("run", "")


def test_link_cache_lives_where_the_workflow_caches_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from awesome_lint.links import default_cache_path

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert default_cache_path() == Path.home() / ".cache" / "awesome-lint" / "links.sqlite"


# -- the shell steps, run as the runner runs them ---------------------------------------------


def evaluate(value: str, inputs: dict[str, str]) -> str:
    """The runner's substitution of the `${{ inputs.* }}` expressions a step's env uses."""

    def one(match: re.Match[str]) -> str:
        expression = match[1]
        assert expression.startswith("inputs."), f"unexpected expression {expression!r}"
        return inputs[expression.removeprefix("inputs.")]

    return EXPRESSION.sub(one, value)


def run_step(
    name: str,
    workspace: Path,
    inputs: dict[str, str] | None = None,
    *,
    path: str | None = None,
    in_actions: bool = True,
) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    given = {key: str(spec.get("default", "")) for key, spec in ACTION["inputs"].items()}
    given["github-token"] = ""  # the default is ${{ github.token }}
    given.update(inputs or {})
    s = step(name)
    summary, outputs = workspace.parent / "summary.md", workspace.parent / "output.txt"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "INPUT_", "RUNNER_"))
    }
    env.update(
        PATH=path or f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_OUTPUT=str(outputs),
        XDG_CACHE_HOME=str(workspace.parent / "cache"),
    )
    if in_actions:
        env["GITHUB_ACTIONS"] = "true"
    env.update({key: evaluate(value, given) for key, value in (s.get("env") or {}).items()})
    script = workspace.parent / "step.sh"
    script.write_text(s["run"], encoding="utf-8")
    done = subprocess.run(
        [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done, summary, outputs


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    if BASH is None:
        pytest.skip("needs bash")
    folder = tmp_path / "workspace"
    folder.mkdir()
    (folder / "README.md").write_text(DEFECT, encoding="utf-8")
    return folder


@pytest.mark.slow  # the action's step in bash, running the command
def test_lint_step_annotates_summarises_and_fails(workspace: Path) -> None:
    done, summary, outputs = run_step("Lint", workspace)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "::error file=README.md,line=17,endLine=17,col=2,endColumn=6,"
        'title=AL202 date-ordinal::"20nd" should be "20th"'
    )
    assert "| README.md | 1 | 0 | 0 |" in summary.read_text(encoding="utf-8")
    assert outputs.read_text(encoding="utf-8") == "errors=1\nwarnings=0\ninfo=0\nproblems=1\n"


@pytest.mark.slow  # the action's step in bash, running the command
@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (DEFECT, "never", 0),
        (WARNING_ONLY, "error", 0),
        (WARNING_ONLY, "warning", 1),
        (EXAMPLE, "info", 0),
    ],
)
def test_lint_step_fail_on(workspace: Path, text: str, fail_on: str, code: int) -> None:
    (workspace / "README.md").write_text(text, encoding="utf-8")
    done, _, _ = run_step("Lint", workspace, {"fail-on": fail_on})
    assert done.returncode == code, done.stdout + done.stderr


@pytest.mark.slow  # the action's step in bash, running the command
def test_lint_step_files_globs_and_args(workspace: Path) -> None:
    (workspace / "README.md").write_text(EXAMPLE, encoding="utf-8")
    deep = workspace / "docs" / "deep"
    deep.mkdir(parents=True)
    (deep / "a list.md").write_text(DEFECT, encoding="utf-8")  # a space in its name
    (workspace / "docs" / "b.md").write_text(WARNING_ONLY, encoding="utf-8")
    inputs = {"files": "README.md\ndocs/**/*.md", "args": "--ignore AL102\n--quiet"}
    done, _, _ = run_step("Lint", workspace, inputs)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "::error file=docs/deep/a list.md,line=17,endLine=17,col=2,endColumn=6,"
        'title=AL202 date-ordinal::"20nd" should be "20th"'
    ]


@pytest.mark.slow  # the action's step in bash, running the command
def test_lint_step_outside_actions_prints_text(workspace: Path) -> None:
    done, summary, _ = run_step("Lint", workspace, {"args": "-q"}, in_actions=False)
    assert done.returncode == 1
    assert done.stdout == 'README.md:17:2: AL202 [*] [date-ordinal] "20nd" should be "20th"\n'
    assert not summary.exists()  # text output writes no step summary


@pytest.mark.slow  # the action's step in bash, running the command
def test_lint_step_refuses_a_bad_check_links_value(workspace: Path) -> None:
    done, _, _ = run_step("Lint", workspace, {"check-links": "yes please"})
    assert done.returncode == 2
    assert "check-links input must be true or false" in done.stderr


@pytest.mark.slow  # the action's step in bash, running the command
@pytest.mark.parametrize(
    "inputs",
    [
        {"args": "$(touch pwned) `touch pwned` ; touch pwned && touch pwned"},
        {"files": "README.md;touch${IFS}pwned $(touch${IFS}pwned) x`touch${IFS}pwned`"},
        {"fail-on": 'error" ; touch pwned ; echo "'},
        {"check-links": "true$(touch pwned)"},
    ],
)
def test_inputs_cannot_inject_shell_code(workspace: Path, inputs: dict[str, str]) -> None:
    done, _, _ = run_step("Lint", workspace, inputs)
    assert done.returncode == 2, done.stdout + done.stderr  # refused as options or files
    assert not (workspace / "pwned").exists()
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # the action's step in bash, running the command
def test_unmatched_pattern_is_reported_not_dropped(workspace: Path) -> None:
    done, _, _ = run_step("Lint", workspace, {"files": "lists/*.md"})
    assert done.returncode == 2
    assert "lists/*.md: error: no file matches this pattern" in done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.index
def test_install_step_installs_from_the_action_checkout(workspace: Path) -> None:
    """The install step for real: a fresh virtual environment stands for the Python that
    actions/setup-python provides; then the lint step runs the awesome-lint it installed."""
    venv = workspace.parent / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    path = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    done, _, _ = run_step("Install awesome-lint", workspace, path=path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (bin_dir / "awesome-lint").exists()
    done, _, outputs = run_step("Lint", workspace, path=path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=README.md,line=17,")
    assert outputs.read_text(encoding="utf-8").startswith("errors=1\n")


# -- pins ---------------------------------------------------------------------------------------

PINNED_USE = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def uses_lines(text: str) -> list[str]:
    """Every ``uses:`` value with its comment, as written (YAML drops comments)."""
    return [m.group(1).strip() for m in re.finditer(r"^\s*-?\s*uses:\s*(.+)$", text, re.M)]


def test_third_party_actions_are_pinned_by_commit() -> None:
    """action.yml, the example workflow and the README's snippets: every action but
    awesome-lint's own (a user's choice of release) by full commit, its tag in a comment."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippets = "\n".join(re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL))
    texts = {
        "action.yml": (ROOT / "action.yml").read_text(encoding="utf-8"),
        "examples/awesome-lint.yml": WORKFLOW_TEXT,
        "README.md": snippets,
    }
    for name, text in texts.items():
        uses = [u for u in uses_lines(text) if not u.startswith("awesome-lint/")]
        assert uses, name
        unpinned = [u for u in uses if not PINNED_USE.match(u)]
        assert unpinned == [], name


def constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and version, f"not name==version: {line!r}"
            pins[canonical(name)] = version
    return pins


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_constraints_pin_everything_the_install_can_pull() -> None:
    """The project's dependencies and build backend, and (through the installed packages'
    metadata) all of theirs, on any Python and system: each pinned to one version."""
    from importlib import metadata

    requirements = pytest.importorskip("packaging.requirements")
    tomllib = pytest.importorskip("tomllib")
    pins = constraints()
    if metadata.version("aiohttp") != pins["aiohttp"]:
        # Another environment (the floors of tests/test_packaging.py): the installed packages'
        # own requirements are not those of the pinned versions this test walks.
        pytest.skip(f"aiohttp {metadata.version('aiohttp')} installed, {pins['aiohttp']} pinned")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    seen: set[str] = set()
    while wanted:
        requirement = requirements.Requirement(wanted.pop())
        marker = str(requirement.marker or "")
        name = canonical(requirement.name)
        if "extra ==" in marker or name in seen:
            continue  # an optional extra is never installed
        seen.add(name)
        assert name in pins, f"{name} ({requirement}) is not in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), requirement
        # Not installed here (other Pythons or systems): its own pin was checked above.
        with contextlib.suppress(metadata.PackageNotFoundError):
            wanted += metadata.requires(name) or []
    assert seen >= {"aiohttp", "click", "mistune", "yarl", "setuptools"}
    assert set(pins) <= seen, f"pinned but never installed: {set(pins) - seen}"


def test_install_step_uses_the_constraints() -> None:
    script = step("Install awesome-lint")["run"]
    assert 'PIP_CONSTRAINT="$GITHUB_ACTION_PATH/constraints.txt"' in script
    assert '"$GITHUB_ACTION_PATH"' in script


# -- README's "Use it" snippets ----------------------------------------------------------------


def use_it_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Use it\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)


def test_readme_snippets_are_valid_yaml_for_their_tools(tmp_path: Path) -> None:
    precommit, workflow, sarif = use_it_blocks()
    # pre-commit: the config validates, with hooks this repository defines.
    config = yaml.safe_load(precommit)
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for hook in manifest}
    assert {hook["id"] for repo in config["repos"] for hook in repo["hooks"]} == ids
    clientlib = pytest.importorskip("pre_commit.clientlib")
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(precommit, encoding="utf-8")
    clientlib.load_config(path)
    # The workflow: the action's step takes only the action's inputs, like examples/.
    job = yaml.safe_load(workflow)["jobs"]["lint"]
    action_step = next(s for s in job["steps"] if s.get("uses", "").startswith("awesome-lint/"))
    assert set(action_step["with"]) <= set(ACTION["inputs"])
    example = yaml.safe_load(WORKFLOW_TEXT)["jobs"]["lint"]["steps"]
    assert [s.get("uses") for s in job["steps"]] == [s.get("uses") for s in example]
    # SARIF: steps that write the file the upload step sends.
    sarif_workflow = yaml.safe_load(sarif)
    assert sarif_workflow["permissions"]["security-events"] == "write"
    checkout, _, run, upload = sarif_workflow["jobs"]["sarif"]["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert "--format sarif" in run["run"] and "> awesome-lint.sarif" in run["run"]
    assert upload["with"]["sarif_file"] == "awesome-lint.sarif"
