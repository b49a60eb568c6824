"""The configuration's schema: one description of every key that both validates a parsed TOML
table (each kind of value converts it or says what it must be) and writes the JSON Schema that
editors complete ``.awesome-lint.toml`` keys from.

Rule options and ``[links]`` come from their dataclasses: each field's kind from its resolved
type (:func:`typing.get_type_hints`). ``python -m awesome_lint.config_schema`` writes the
shipped JSON Schema; ``--check`` exits 1 when it is stale.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Severity
from .registry import Registry

SCHEMA_PATH = Path(__file__).resolve().parent / "awesome-lint.schema.json"
LEVELS = ("error", "warning", "info")


class Invalid(Exception):
    """A value the schema refuses: the dotted key and what is wrong with it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def show(value: Any) -> str:
    """A TOML value as the user wrote it, with its kind."""
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    kind = next((name for t, name in kinds.items() if type(value) is t), None)
    if isinstance(value, list):
        kind = "a list"
    elif isinstance(value, Mapping):
        return "a table"
    shown = str(value).lower() if isinstance(value, bool) else repr(value)
    return f"{kind} {shown}" if kind else shown


def unknown_key(key: str, where: str, allowed: Sequence[str]) -> Invalid:
    close = difflib.get_close_matches(key.split(".")[-1], list(allowed), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return Invalid(key, f"unknown key in {where}{hint} (allowed: {', '.join(allowed)})")


def join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


Notes = list  # messages about settings read but not applied ("links.x: ignored: …")


class Kind:
    """A kind of value: converts a TOML value or raises :class:`Invalid`."""

    expected = "a value of its type"
    rank = 9  # where it stands in "must be A or B" (the order the messages always used)

    def convert(self, value: Any, key: str, notes: Notes) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def invalid(self, key: str, value: Any) -> Invalid:
        return Invalid(key, f"must be {self.expected}, not {show(value)}")


class TableKind(Kind):
    """A kind whose value is a TOML table."""

    expected = "a table"
    rank = 3

    def convert(self, value: Any, key: str, notes: Notes) -> Any:
        if not isinstance(value, Mapping):
            raise self.invalid(key, value)
        return self.convert_table(value, key, notes)

    def convert_table(self, table: Mapping[str, Any], key: str, notes: Notes) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Scalar(Kind):
    types: tuple[type, ...]
    json_type: str
    expected: str
    rank: int
    cast: Callable[[Any], Any] = lambda value: value

    def convert(self, value: Any, key: str, notes: Notes) -> Any:
        if isinstance(value, self.types) and (bool in self.types or not isinstance(value, bool)):
            return self.cast(value)
        raise self.invalid(key, value)

    def schema(self) -> dict[str, Any]:
        return {"type": self.json_type}


BOOLEAN = Scalar((bool,), "boolean", expected="true or false", rank=0)
INTEGER = Scalar((int,), "integer", expected="a whole number", rank=1)
NUMBER = Scalar((int, float), "number", expected="a number", rank=2, cast=float)
STRING = Scalar((str,), "string", expected="a string", rank=5)
SCALARS: Mapping[Any, Scalar] = {bool: BOOLEAN, int: INTEGER, float: NUMBER, str: STRING}
PLURALS = {INTEGER: "whole numbers", STRING: "strings"}


@dataclass(frozen=True)
class ListOf(Kind):
    item: Scalar
    build: Callable[[list[Any]], Any] = tuple
    example: str = ""  # shown in the message: 'e.g. ["drafts/"]'
    rank = 4

    @property
    def expected(self) -> str:  # type: ignore[override]
        example = f", {self.example}" if self.example else ""
        return f"a list of {PLURALS[self.item]}{example}"

    def convert(self, value: Any, key: str, notes: Notes) -> Any:
        if isinstance(value, list):
            try:
                return self.build([self.item.convert(item, key, notes) for item in value])
            except Invalid:
                pass
        raise self.invalid(key, value)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


@dataclass(frozen=True)
class Choice(Kind):
    values: tuple[str, ...]
    rank = 6

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(repr(value) for value in self.values)

    def convert(self, value: Any, key: str, notes: Notes) -> Any:
        if isinstance(value, bool) or value not in self.values:
            raise self.invalid(key, value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


@dataclass(frozen=True)
class AnyOf(Kind):
    kinds: tuple[Kind, ...]  # ranked

    @property
    def expected(self) -> str:  # type: ignore[override]
        return " or ".join(dict.fromkeys(kind.expected for kind in self.kinds))

    def convert(self, value: Any, key: str, notes: Notes) -> Any:
        for kind in self.kinds:
            try:
                return kind.convert(value, key, notes)
            except Invalid:
                continue
        raise self.invalid(key, value)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [kind.schema() for kind in self.kinds]}


@dataclass(frozen=True)
class NumberTable(TableKind):
    """Names to numbers; with defaults, only their names (the result keeps the others)."""

    defaults: Mapping[str, float]

    def convert_table(self, value: Mapping[str, Any], key: str, notes: Notes) -> Any:
        for name, item in value.items():
            if self.defaults and name not in self.defaults:
                raise unknown_key(join(key, name), f"[{key}]", list(self.defaults))
            NUMBER.convert(item, join(key, name), notes)
        return {**self.defaults, **{name: float(item) for name, item in value.items()}}

    def schema(self) -> dict[str, Any]:
        if not self.defaults:
            return {"type": "object", "additionalProperties": NUMBER.schema()}
        properties = {name: NUMBER.schema() for name in self.defaults}
        return {"type": "object", "properties": properties, "additionalProperties": False}


@dataclass(frozen=True)
class Table(TableKind):
    """Known keys (kebab-case), each of its kind; the result's keys are snake_case.
    ``aliases``: a key may also be written in snake_case."""

    fields: Mapping[str, Kind]
    where: str = ""  # "the configuration"; default "[key]"
    aliases: bool = True
    descriptions: Mapping[str, str] = field(default_factory=dict)

    def convert_table(self, value: Mapping[str, Any], key: str, notes: Notes) -> Any:
        result: dict[str, Any] = {}
        for name, item in value.items():
            kebab = name.replace("_", "-") if self.aliases else name
            kind = self.fields.get(kebab)
            if kind is None:
                raise unknown_key(join(key, name), self.where or f"[{key}]", list(self.fields))
            result[kebab.replace("-", "_")] = kind.convert(item, join(key, name), notes)
        return result

    def schema(self) -> dict[str, Any]:
        properties = {}
        for name, kind in self.fields.items():
            described = (
                {"description": self.descriptions[name]} if name in self.descriptions else {}
            )
            properties[name] = {**described, **kind.schema()}
        return {"type": "object", "properties": properties, "additionalProperties": False}


# Rule selection


@dataclass(frozen=True)
class Selectors(Kind):
    registry: Registry
    expected = 'a list of rule codes, prefixes or names, e.g. ["AL2"]'
    rank = 4

    def convert(self, value: Any, key: str, notes: Notes) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.invalid(key, value)
        for selector in value:
            try:
                self.registry.match(selector)
            except ValueError as exc:
                raise Invalid(key, str(exc)) from None
        return tuple(value)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string"}}


@dataclass(frozen=True)
class PerFileIgnores(TableKind):
    selectors: Selectors

    def convert_table(
        self, value: Mapping[str, Any], key: str, notes: Notes
    ) -> dict[str, tuple[str, ...]]:
        return {
            pattern: self.selectors.convert(codes, f"{key}.{pattern!r}", notes)
            for pattern, codes in value.items()
        }

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.selectors.schema()}


@dataclass(frozen=True)
class Severities(TableKind):
    selectors: Selectors

    def convert_table(
        self, value: Mapping[str, Any], key: str, notes: Notes
    ) -> dict[str, Severity]:
        result: dict[str, Severity] = {}
        for selector, level in value.items():
            where = join(key, selector)
            self.selectors.convert([selector], where, notes)
            if not isinstance(level, str):
                raise Invalid(where, f"must be one of {', '.join(LEVELS)}, not {show(level)}")
            try:
                result[selector] = Severity.parse(level)
            except ValueError as exc:
                raise Invalid(where, str(exc)) from None
        return result

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"enum": list(LEVELS)}}


# Options from dataclasses


def field_kinds(
    cls: type, skip: frozenset[str] = frozenset(), overrides: Mapping[str, Kind] | None = None
) -> dict[str, Kind]:
    """Each field of the dataclass ``cls`` (kebab-case) with the kind of its resolved type."""
    fields = [f for f in dataclasses.fields(cls) if f.name not in skip]
    # Resolve only the fields kept: the others may name types imported for type checking only.
    annotations = {f.name: f.type for f in fields}
    kept = type("Fields", (), {"__annotations__": annotations, "__module__": cls.__module__})
    hints = typing.get_type_hints(kept)
    kinds = {}
    for spec in fields:
        kind = (overrides or {}).get(spec.name) or kind_of(hints[spec.name], _default_of(spec))
        if kind is None:
            raise TypeError(f"{cls.__name__}.{spec.name}: no configuration kind for its type")
        kinds[spec.name.replace("_", "-")] = kind
    return kinds


def kind_of(hint: Any, default: Any = None) -> Kind | None:
    """The kind of a resolved type; None for one a TOML value cannot be (``os.PathLike``)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in SCALARS:
        return SCALARS[hint]
    if origin in (typing.Union, types.UnionType):
        members = [kind_of(arg) for arg in args if arg is not type(None)]
        kinds = sorted((kind for kind in members if kind is not None), key=lambda k: k.rank)
        return (kinds[0] if len(kinds) == 1 else AnyOf(tuple(kinds))) if kinds else None
    builders: Mapping[Any, Callable[[list[Any]], Any]] = {
        tuple: tuple,
        list: list,
        frozenset: frozenset,
        set: frozenset,
    }
    if origin in builders and args and args[0] in (int, str):
        return ListOf(SCALARS[args[0]], builders[origin])
    if origin in (Mapping, dict) and args[1:] in ((float,), (int,)):
        return NumberTable(dict(default or {}))
    return None


def _default_of(spec: dataclasses.Field) -> Any:
    if spec.default is not dataclasses.MISSING:
        return spec.default
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return None


@dataclass(frozen=True)
class RuleOptions(TableKind):
    """``[rules.X]``: X a rule's code or name, its table the fields of its options class."""

    registry: Registry

    def convert_table(self, value: Mapping[str, Any], key: str, notes: Notes) -> dict[str, Any]:
        return {
            code: options
            for code, options in (self.one(s, t, key, notes) for s, t in value.items())
        }

    def one(self, selector: str, table: Any, key: str, notes: Notes) -> tuple[str, Any]:
        where = join(key, selector)
        rule = self.registry.get(selector)
        if rule is None:
            Selectors(self.registry).convert([selector], where, notes)  # with a suggestion
            raise Invalid(where, "options belong to one rule: name it by its code or name")
        if rule.options_class is None:
            raise Invalid(where, f"{rule.code} ({rule.name}) has no options")
        values = Table(field_kinds(rule.options_class)).convert(table, where, notes)
        try:
            return rule.code, rule.options_class(**values)
        except (TypeError, ValueError) as exc:
            raise Invalid(where, str(exc)) from None

    def schema(self) -> dict[str, Any]:
        properties = {}
        for rule in self.registry:
            if rule.options_class is not None:
                options = Table(field_kinds(rule.options_class)).schema()
                for key in (rule.code, rule.name):
                    properties[key] = {"description": f"{rule.code}: {rule.summary}", **options}
        return {"type": "object", "properties": properties, "additionalProperties": False}


@dataclass(frozen=True)
class StatusCodes(Kind):
    """``[links] accept``: a list of status codes or a string of codes and ranges."""

    expected = 'a list of whole numbers or a string such as "200..299,403"'

    def convert(self, value: Any, key: str, notes: Notes) -> frozenset[int]:
        from .links import parse_accept

        if not isinstance(value, str):
            return ListOf(INTEGER, frozenset).convert(value, key, notes)
        try:
            return parse_accept(value)
        except ValueError as exc:
            raise Invalid(key, str(exc)) from None

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [ListOf(INTEGER).schema(), STRING.schema()]}


@dataclass(frozen=True)
class Links(TableKind):
    """``[links]``: the link checker's settings. One that widens what the checker may reach or
    where credentials go is only the command line's: a file in the linted tree cannot set it
    (read, noted, not applied)."""

    def convert_table(self, value: Mapping[str, Any], key: str, notes: Notes) -> dict[str, Any]:
        from .links import LinkOptions
        from .links.options import COMMAND_LINE_ONLY

        table = dict(value)
        for name in list(table):
            flag = COMMAND_LINE_ONLY.get(name.replace("-", "_"))
            if flag is not None:
                del table[name]
                notes.append(
                    f"{join(key, name)}: ignored: it widens what the link checker may reach or "
                    f"where credentials go, so a file in the linted tree cannot set it; use {flag}"
                )
        values = self.table().convert(table, key, notes)
        try:
            LinkOptions(**values)
        except (TypeError, ValueError) as exc:
            raise Invalid(key, str(exc)) from None
        return values

    @staticmethod
    def table() -> Table:
        from .links import LinkOptions
        from .links.options import COMMAND_LINE_ONLY, NOT_SETTINGS

        skip = frozenset(NOT_SETTINGS | COMMAND_LINE_ONLY.keys())
        return Table(field_kinds(LinkOptions, skip, {"accept": StatusCodes()}))

    def schema(self) -> dict[str, Any]:
        return self.table().schema()


def style_kinds() -> dict[str, Kind]:
    """``[style]``: the parts of the house style a list may pin (``style.PINNABLE``)."""
    from .style import PINNABLE

    pinned: dict[str, Kind] = {}
    for key, allowed in PINNABLE.items():
        if isinstance(allowed, tuple):
            pinned[key] = Choice(tuple(str(value) for value in allowed))
        elif allowed is list:
            pinned[key] = ListOf(STRING, list)
        else:
            pinned[key] = SCALARS[allowed]
    return pinned


DESCRIPTIONS = {
    "select": "The rules that run, instead of those on by default: codes (AL202), code "
    "prefixes (AL2), names (date-ordinal) or ALL.",
    "ignore": "Rules taken away from the selection.",
    "extend-select": "Rules added to the selection (a rule that is off by default).",
    "extend-ignore": "Rules taken away from the selection.",
    "per-file-ignores": "A pattern (as in .gitignore, from this file's folder, or a file name) "
    "to the rules it does not run.",
    "severity": "A rule's code, prefix or name to error, warning or info.",
    "style": "Parts of the house style pinned instead of inferred from the list.",
    "rules": "Each rule's options, under its code or name: see its page in rules/.",
    "links": "The link checker's settings (--check-links); its flags override them.",
    "exclude": "Patterns (as in .gitignore, from this file's folder) of files that folder and "
    "glob inputs skip.",
    "baseline": "The baseline file: findings recorded there are not reported.",
}


def config_table(registry: Registry) -> Table:
    """The whole configuration's schema, its selectors and rules those of ``registry``."""
    selectors = Selectors(registry)
    kinds: dict[str, Kind] = {
        "select": selectors,
        "ignore": selectors,
        "extend-select": selectors,
        "extend-ignore": selectors,
        "per-file-ignores": PerFileIgnores(selectors),
        "severity": Severities(selectors),
        "style": Table(style_kinds(), "[style]", aliases=False),
        "rules": RuleOptions(registry),
        "links": Links(),
        "exclude": ListOf(STRING, example='e.g. ["drafts/"]'),
        "baseline": NonEmptyString("a file name"),
    }
    return Table(kinds, "the configuration", aliases=False, descriptions=DESCRIPTIONS)


@dataclass(frozen=True)
class NonEmptyString(Kind):
    expected: str

    def convert(self, value: Any, key: str, notes: Notes) -> str:
        if not isinstance(value, str) or not value:
            raise self.invalid(key, value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


def json_schema(registry: Registry | None = None) -> dict[str, Any]:
    """The JSON Schema of ``.awesome-lint.toml`` (the built-in rules' options by default)."""
    from .registry import builtin_registry

    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "awesome-lint configuration",
        "description": ".awesome-lint.toml, or [tool.awesome-lint] in pyproject.toml",
        **config_table(registry or builtin_registry()).schema(),
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the shipped schema; with ``--check``, exit 1 when it is stale instead."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = schema_text()
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.is_file() else ""
    if current == text:
        return 0
    if "--check" in args:
        print(f"{SCHEMA_PATH}: stale; run python -m awesome_lint.config_schema", file=sys.stderr)
        return 1
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
