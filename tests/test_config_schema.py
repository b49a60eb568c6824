"""The configuration's schema: field kinds from resolved type hints, the shipped JSON Schema in
step with the validator, and README's example configuration valid against it."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from awesome_lint import config_schema
from awesome_lint.config_schema import (
    BOOLEAN,
    INTEGER,
    NUMBER,
    STRING,
    AnyOf,
    Invalid,
    ListOf,
    NumberTable,
    field_kinds,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def shipped_schema() -> dict:
    text = resources.files("awesome_lint").joinpath("awesome-lint.schema.json").read_text("utf-8")
    return json.loads(text)


def test_shipped_schema_is_the_one_the_validator_describes() -> None:
    assert shipped_schema() == config_schema.json_schema(), (
        "stale: run python -m awesome_lint.config_schema"
    )
    assert config_schema.main(["--check"]) == 0


def test_the_schema_ships_as_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert (
        "awesome-lint.schema.json"
        in pyproject["tool"]["setuptools"]["package-data"]["awesome_lint"]
    )


def readme_example() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Configuration\n", 1)[1]
    return tomllib.loads(re.search(r"```toml\n(.*?)```", section, re.S)[1])


def test_readme_example_configuration_is_valid_against_the_schema() -> None:
    jsonschema.Draft7Validator.check_schema(shipped_schema())
    jsonschema.validate(readme_example(), shipped_schema(), cls=jsonschema.Draft7Validator)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"selct": ["AL2"]}, []),
        ({"select": "AL2"}, ["select"]),
        ({"style": {"sort-directon": "oldest-first"}}, ["style"]),
        ({"style": {"sort-direction": "oldest"}}, ["style", "sort-direction"]),
        ({"style": {"date-ordinal": 1}}, ["style", "date-ordinal"]),
        ({"severity": {"AL202": "fatal"}}, ["severity", "AL202"]),
        ({"rules": {"AL206": {"tolerance-month": 2}}}, ["rules", "AL206"]),
        (
            {"rules": {"duplicate-entry": {"cross-section": 1}}},
            ["rules", "duplicate-entry", "cross-section"],
        ),
        ({"rules": {"AL202": {"x": 1}}}, ["rules"]),  # AL202 has no options
        ({"links": {"timeout": "fast"}}, ["links", "timeout"]),
        ({"links": {"lifetimes": {"fine": 3600}}}, ["links", "lifetimes"]),
        ({"baseline": ""}, ["baseline"]),
    ],
)
def test_the_schema_refuses_what_the_validator_refuses(change: dict, path: list[str]) -> None:
    """What an editor marks: unknown keys and values of the wrong kind, where they are."""
    errors = list(
        jsonschema.Draft7Validator(shipped_schema()).iter_errors({**readme_example(), **change})
    )
    assert [list(error.absolute_path) for error in errors] == [path]


@dataclass(frozen=True)
class Example:
    flag: bool = False
    count: int = 1
    ratio: float | None = None
    name: str = ""
    names: tuple[str, ...] = ()
    codes: frozenset[int] = frozenset()
    order: str | list[str] = ""
    limits: dict[str, float] = field(default_factory=lambda: {"ok": 1.0})


def test_field_kinds_come_from_the_resolved_type_hints() -> None:
    kinds = field_kinds(Example)
    assert kinds == {
        "flag": BOOLEAN,
        "count": INTEGER,
        "ratio": NUMBER,
        "name": STRING,
        "names": ListOf(STRING, tuple),
        "codes": ListOf(INTEGER, frozenset),
        "order": AnyOf((ListOf(STRING, list), STRING)),
        "limits": NumberTable({"ok": 1.0}),
    }
    assert kinds["codes"].convert([200, 403], "x", []) == frozenset({200, 403})
    assert kinds["ratio"].convert(2, "x", []) == 2.0
    with pytest.raises(
        Invalid, match=r"^x: must be a list of strings or a string, not a list \[1\]$"
    ):
        kinds["order"].convert([1], "x", [])
    with pytest.raises(Invalid, match=r"^x: must be a whole number, not a boolean true$"):
        kinds["count"].convert(True, "x", [])


def test_a_field_type_the_schema_cannot_express_is_named() -> None:
    @dataclass(frozen=True)
    class Odd:
        pairs: tuple[tuple[str, str], ...] = ()

    with pytest.raises(TypeError, match=r"^Odd\.pairs: no configuration kind for its type$"):
        field_kinds(Odd)
