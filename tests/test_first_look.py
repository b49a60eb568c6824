"""README's first command shows the product: it lints ``examples/first-look/README.md``, which
holds the defects real lists collect, and README shows exactly what it prints; the ``--diff``
that follows mends the safe ones."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SET_UP = README.split("## Set up\n", 1)[1].split("\n## ", 1)[0]
FIRST_LOOK = "examples/first-look/README.md"


def setup_commands() -> list[str]:
    """The awesome-lint commands of the set-up section, in order, without ``.venv/bin/``."""
    lines = [
        line
        for block in re.findall(r"```sh\n(.*?)```", SET_UP, re.S)
        for line in block.splitlines()
    ]
    found = []
    for line in lines:
        for part in line.split(" && "):
            if part.startswith(".venv/bin/awesome-lint "):
                found.append(part.removeprefix(".venv/bin/awesome-lint "))
    return found


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("in_root")
def test_the_first_command_prints_what_readme_shows() -> None:
    first, _ = setup_commands()
    assert first == FIRST_LOOK
    shown = SET_UP.split("```text\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(cli.main, shlex.split(first))
    assert result.exit_code == 1
    assert result.stdout == shown


@pytest.mark.usefixtures("in_root")
def test_the_example_holds_each_typical_defect() -> None:
    result = CliRunner().invoke(cli.main, [FIRST_LOOK, "--format", "json"])
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert codes >= {
        "AL202",  # a wrong ordinal
        "AL301",  # an arXiv link copied from another entry
        "AL204",  # an entry out of date order
        "AL403",  # a broken TOC anchor
        "AL102",  # a line break written another way
    }


def test_the_diff_mends_the_safe_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, diff = setup_commands()
    assert diff == f"--diff {FIRST_LOOK}"
    monkeypatch.chdir(ROOT)
    shown = CliRunner().invoke(cli.main, shlex.split(diff))
    assert shown.exit_code == 1
    changed = [
        line
        for line in shown.stdout.splitlines()
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == [
        "-[20nd Dec., 2021] [CVPR, 2022] \\",
        "+[20th Dec., 2021] [CVPR, 2022] \\",
        "-*Alex Nichol, Prafulla Dhariwal*<br>",
        "+*Alex Nichol, Prafulla Dhariwal* \\",
    ]
    copy = tmp_path / "README.md"
    shutil.copy(ROOT / FIRST_LOOK, copy)
    monkeypatch.chdir(tmp_path)
    fixed = CliRunner().invoke(cli.main, ["README.md", "--fix", "-q"])
    assert [line.split(": ", 1)[1].split(" [")[0] for line in fixed.stdout.splitlines()] == [
        "AL403",
        "AL206",
        "AL301",
        "AL204",
    ]  # what needs a person: the anchor, the copied link, the order
