"""Packaging as a Python user expects: one version source, a LICENSE, classifiers and project
URLs, dependency floors that really work (the oldest allowed releases pass the suite), and a
source distribution that holds what the tests need (install it, run pytest: it passes)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest

from awesome_lint import __version__

ROOT = Path(__file__).resolve().parents[1]
tomllib = pytest.importorskip("tomllib")  # Python 3.11+
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
# What the packaged test run leaves out: what builds or installs more (and the real
# pre-commit, which needs a git checkout), as .ci/run would have them from the checkout.
QUICK = "not slow and not index"


def test_the_version_has_one_source() -> None:
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    dynamic = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "awesome_lint.version.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert __version__ not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_license_classifiers_and_urls() -> None:
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n") and "WITHOUT WARRANTY OF ANY KIND" in licence
    classifiers = PROJECT["classifiers"]
    assert not any(c.startswith("License ::") for c in classifiers)  # PEP 639: the expression
    minor = int(PROJECT["requires-python"].removeprefix(">=3."))
    assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    assert {"Homepage", "Repository", "Issues", "Documentation"} <= set(PROJECT["urls"])


def floors() -> list[str]:
    """``name==X`` for every ``name>=X`` among the dependencies and the test extras (the
    requirements whose marker excludes this Python left out)."""
    pins = []
    for requirement in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]:
        spec, _, marker = requirement.partition(";")
        if marker and "python_version <" in marker and sys.version_info >= (3, 11):
            continue
        name, floor = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([\w.]+)", spec).groups()
        pins.append(f"{name}=={floor}")
    return pins


def test_every_dependency_has_a_floor() -> None:
    names = {pin.split("==")[0].lower() for pin in floors()}
    assert {"mistune", "click", "aiohttp", "pathspec", "pytest", "pytest-asyncio"} <= names


def make_venv(where: Path) -> Path:
    venv.create(where, with_pip=True)
    return where / ("Scripts" if os.name == "nt" else "bin") / "python"


def run(*args: object, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done


def copy_of_the_project(where: Path) -> Path:
    """The project without its environments and caches, and away from ``../shared``: the
    corpus tests (which pin findings, not dependencies) skip there, as in the sdist."""
    skip = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", "*.egg-info", "build", "dist", ".*_cache"
    )
    shutil.copytree(ROOT, where, ignore=skip)
    return where


@pytest.mark.slow
@pytest.mark.index
def test_minimum_versions_pass_the_suite(tmp_path: Path) -> None:
    """The oldest releases pyproject.toml allows, in a fresh environment, run the whole
    quick suite: a floor set too low fails here (it found click 8.1, aiohttp 3.9,
    pathspec 0.12.0, pytest 8.3, pytest-asyncio 0.23 and jsonschema 4.0 wanting)."""
    project = copy_of_the_project(tmp_path / "project")
    python = make_venv(tmp_path / "venv")
    constraints = tmp_path / "floors.txt"
    constraints.write_text("\n".join(floors()) + "\n", encoding="utf-8")
    pip = (python, "-m", "pip", "install", "-q", "--disable-pip-version-check")
    run(*pip, "-c", constraints, f"{project}[test]", cwd=tmp_path)
    frozen = run(python, "-m", "pip", "freeze", cwd=tmp_path).stdout.lower().splitlines()
    for pin in floors():
        assert any(line.startswith(pin.lower()) for line in frozen), pin
    run(python, "-m", "pytest", "-q", "-m", QUICK, "-p", "no:cacheprovider", cwd=project)


def build_sdist(tmp_path: Path) -> Path:
    """The source distribution, built by setuptools' own PEP 517 hook (as pip would)."""
    python = make_venv(tmp_path / "build-venv")
    run(python, "-m", "pip", "install", "-q", "setuptools>=77", cwd=tmp_path)
    dist = tmp_path / "dist"
    hook = f"from setuptools.build_meta import build_sdist; print(build_sdist({str(dist)!r}))"
    name = run(python, "-c", hook, cwd=ROOT).stdout.strip().splitlines()[-1]
    return dist / name


@pytest.mark.slow
@pytest.mark.index
def test_sdist_installs_and_its_tests_pass(tmp_path: Path) -> None:
    sdist = build_sdist(tmp_path)
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        archive.extractall(tmp_path / "unpacked", filter="data")
    for needed in (
        "LICENSE",
        "tests/links/test_verdicts.py",
        "tests/golden/thunlp__PLMpapers__0416bc3.txt",
        "tests/schemas/sarif-schema-2.1.0.json",
        "tests/plugin_example/pyproject.toml",
        "examples/README.md",
        "examples/first-look/README.md",
        "rules/AL202.md",
        "docs/ARCHITECTURE.md",
        "action.yml",
        ".pre-commit-hooks.yaml",
    ):
        assert needed in names, needed
    assert not any("__pycache__" in name for name in names)
    [source] = (tmp_path / "unpacked").iterdir()
    python = make_venv(tmp_path / "venv")
    run(python, "-m", "pip", "install", "-q", f"{sdist}[test]", cwd=tmp_path)
    run(python, "-m", "pytest", "-q", "-m", QUICK, "-p", "no:cacheprovider", cwd=source)
