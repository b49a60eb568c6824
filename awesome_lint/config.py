"""Configuration files: ``.awesome-lint.toml`` or ``[tool.awesome-lint]`` in ``pyproject.toml``.

Found from the linted file's folder upwards (the nearest wins; a ``pyproject.toml`` counts only
when it has a ``[tool.awesome-lint]`` table); ``--config PATH`` overrides, ``--isolated`` ignores
them all. Every key and value is validated: an error names the file, the key and what is
allowed, with a close match for typos (:class:`ConfigError`, exit 2).

Precedence: defaults < file < command line. Rule selection goes in layers, the file's then the
command line's: a layer's ``select`` starts the set afresh, ``extend-select`` adds to it,
``ignore``/``extend-ignore`` take away. So ``--select`` replaces the file's selection (its
ignores included) and ``--ignore`` takes away from it. Severities: the file's, then
``--severity``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Severity
from .inputs import glob_matches
from .registry import Registry, Selection

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEDICATED = ".awesome-lint.toml"
PYPROJECT = "pyproject.toml"
TOP_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "extend-ignore",
    "per-file-ignores",
    "severity",
    "style",
    "rules",
    "links",
    "exclude",
    "baseline",
)
# Nesting deeper than this is no configuration (and would exhaust Python's recursion).
MAX_DEPTH = 20


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    style: Mapping[str, Any] = field(default_factory=dict)  # HouseStyle field -> pinned value
    rules: Mapping[str, Any] = field(default_factory=dict)  # rule code -> options instance
    links: Mapping[str, Any] = field(default_factory=dict)  # LinkOptions field -> value
    exclude: tuple[str, ...] = ()  # gitignore patterns: files a folder or glob input skips
    baseline: Path | None = None  # the baseline file (relative paths: from the config's folder)
    warnings: tuple[str, ...] = ()  # settings read but not applied, each with the reason

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """The selectors ``per-file-ignores`` names for ``path``: a glob matches the path
        relative to the config's folder, or the file name alone."""
        if not self.per_file_ignores:
            return ()
        target = Path(path).resolve()
        relative = target.name
        if self.path is not None:
            with contextlib.suppress(ValueError):  # a file outside the config's folder
                relative = target.relative_to(self.path.parent.resolve()).as_posix()
        found: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if glob_matches(pattern, relative) or glob_matches(pattern, target.name):
                found.extend(codes)
        return tuple(found)


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start``'s folder upwards. A folder that cannot be
    searched (no permission, a name too long, a symbolic link loop) holds none."""
    try:
        start = start.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
        start = Path(os.path.abspath(start))
    folder = start if _is_dir(start) else start.parent
    for candidate in (folder, *folder.parents):
        dedicated = candidate / DEDICATED
        if _is_file(dedicated):
            return dedicated
        pyproject = candidate / PYPROJECT
        if _is_file(pyproject) and _has_tool_table(pyproject):
            return pyproject
    return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _has_tool_table(path: Path) -> bool:
    try:
        if b"awesome-lint" not in path.read_bytes():
            return False
        return "awesome-lint" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # load_config reports what is wrong with it


def load_config(path: Path, registry: Registry) -> Config:
    """Read and validate one config file against the rule ``registry``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if _depth(data) > MAX_DEPTH:
        raise ConfigError(f"{path}: nested more than {MAX_DEPTH} levels deep")
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("awesome-lint", {})
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path}: tool.awesome-lint: must be a table")
    return _Validator(path, registry).config(data)


def _depth(value: Any) -> int:
    """How deeply tables and arrays nest in ``value`` (iterative: no recursion limit)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        if isinstance(item, Mapping):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def build_selection(
    registry: Registry,
    config: Config,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
) -> Selection:
    """The rules and severities for files under ``config``, with the command line's selectors
    (``select`` None: not given) over it. Raises SelectorError for an unknown CLI selector."""
    codes = registry.select().codes
    layers = (
        (config.select, config.extend_select, (*config.ignore, *config.extend_ignore)),
        (select, (), tuple(ignore)),
    )
    for chosen, extend, ignored in layers:
        if chosen is not None:
            codes = registry.select(list(chosen)).codes
        if extend:
            codes = codes | registry.select(list(extend)).codes
        for selector in ignored:
            codes = codes - registry.match(selector)[0]
    severities = {rule.code: rule.severity for rule in registry if rule.code in codes}
    for overrides in (config.severity, severity or {}):
        for selector, level in overrides.items():
            for code in registry.match(selector)[0] & codes:
                severities[code] = level
    rules = tuple(rule for rule in registry if rule.code in codes)
    return Selection(rules, severities, frozenset(rule.code for rule in registry))


class _Validator:
    def __init__(self, path: Path, registry: Registry) -> None:
        self.path = path
        self.registry = registry
        self.prefix = "tool.awesome-lint." if path.name == PYPROJECT else ""
        self.warnings: list[str] = []

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path}: {self.prefix}{key}: {message}")

    def unknown(self, key: str, where: str, allowed: Sequence[str]) -> ConfigError:
        close = difflib.get_close_matches(key.split(".")[-1], list(allowed), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return self.fail(key, f"unknown key in {where}{hint} (allowed: {', '.join(allowed)})")

    def config(self, data: Mapping[str, Any]) -> Config:
        for key in data:
            if key not in TOP_KEYS:
                raise self.unknown(key, "the configuration", TOP_KEYS)
        get = data.get
        return Config(
            path=self.path,
            select=self.selectors("select", get("select")) if "select" in data else None,
            ignore=self.selectors("ignore", get("ignore", [])),
            extend_select=self.selectors("extend-select", get("extend-select", [])),
            extend_ignore=self.selectors("extend-ignore", get("extend-ignore", [])),
            per_file_ignores=self.per_file(get("per-file-ignores", {})),
            severity=self.severities(get("severity", {})),
            style=self.style(get("style", {})),
            rules=self.rule_options(get("rules", {})),
            links=self.links(get("links", {})),
            exclude=self.strings("exclude", get("exclude", [])),
            baseline=self.baseline(get("baseline")),
            warnings=tuple(self.warnings),
        )

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f'must be a list of strings, e.g. ["drafts/"], not {_show(value)}')
        return tuple(value)

    def baseline(self, value: Any) -> Path | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            raise self.fail("baseline", f"must be a file name, not {_show(value)}")
        return self.path.parent / Path(value).expanduser()

    def table(self, key: str, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key, f"must be a table, not {_show(value)}")
        return value

    def selectors(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            example = 'e.g. ["AL2"]'
            raise self.fail(
                key,
                f"must be a list of rule codes, prefixes or names, {example}, not {_show(value)}",
            )
        for selector in value:
            try:
                self.registry.match(selector)
            except ValueError as exc:
                raise self.fail(key, str(exc)) from None
        return tuple(value)

    def per_file(self, value: Any) -> dict[str, tuple[str, ...]]:
        table = self.table("per-file-ignores", value)
        return {
            pattern: self.selectors(f"per-file-ignores.{pattern!r}", codes)
            for pattern, codes in table.items()
        }

    def severities(self, value: Any) -> dict[str, Severity]:
        result: dict[str, Severity] = {}
        for selector, level in self.table("severity", value).items():
            key = f"severity.{selector}"
            self.selectors(key, [selector])
            if not isinstance(level, str):
                raise self.fail(key, f"must be one of error, warning, info, not {_show(level)}")
            try:
                result[selector] = Severity.parse(level)
            except ValueError as exc:
                raise self.fail(key, str(exc)) from None
        return result

    def style(self, value: Any) -> dict[str, Any]:
        from .style import PINNABLE

        result: dict[str, Any] = {}
        for key, pinned in self.table("style", value).items():
            allowed = PINNABLE.get(key)
            where = f"style.{key}"
            if allowed is None:
                raise self.unknown(where, "[style]", list(PINNABLE))
            if isinstance(allowed, tuple):
                if pinned not in allowed or isinstance(pinned, bool):
                    choices = ", ".join(repr(a) for a in allowed)
                    raise self.fail(where, f"must be one of {choices}, not {_show(pinned)}")
            elif allowed is list:
                if not isinstance(pinned, list) or not all(isinstance(v, str) for v in pinned):
                    raise self.fail(where, f"must be a list of strings, not {_show(pinned)}")
            elif not isinstance(pinned, allowed):
                kind = "true or false" if allowed is bool else "a string"
                raise self.fail(where, f"must be {kind}, not {_show(pinned)}")
            result[key.replace("-", "_")] = pinned
        return result

    def rule_options(self, value: Any) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for selector, table in self.table("rules", value).items():
            key = f"rules.{selector}"
            rule = self.registry.get(selector)
            if rule is None:
                self.selectors(key, [selector])  # raises with a suggestion
                raise self.fail(key, "options belong to one rule: name it by its code or name")
            if rule.options_class is None:
                raise self.fail(key, f"{rule.code} ({rule.name}) has no options")
            values = self.fields(key, rule.options_class, self.table(key, table))
            try:
                result[rule.code] = rule.options_class(**values)
            except (TypeError, ValueError) as exc:
                raise self.fail(key, str(exc)) from None
        return result

    def links(self, value: Any) -> dict[str, Any]:
        from .links import LinkOptions
        from .links.options import COMMAND_LINE_ONLY, NOT_SETTINGS

        table = dict(self.table("links", value))
        for key in list(table):
            flag = COMMAND_LINE_ONLY.get(key.replace("-", "_"))
            if flag is not None:
                del table[key]
                self.warnings.append(
                    f"{self.path}: {self.prefix}links.{key}: ignored: it widens what the link "
                    f"checker may reach or where credentials go, so a file in the linted tree "
                    f"cannot set it; use {flag}"
                )
        skip = NOT_SETTINGS | COMMAND_LINE_ONLY.keys()
        values = self.fields("links", LinkOptions, table, frozenset(skip))
        if values.get("cache_path"):  # relative to the configuration's folder
            values["cache_path"] = str(self.path.parent / Path(values["cache_path"]).expanduser())
        try:
            LinkOptions(**values)
        except (TypeError, ValueError) as exc:
            raise self.fail("links", str(exc)) from None
        return values

    def fields(
        self, where: str, cls: type, table: Mapping[str, Any], skip: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        """``table`` checked against the fields of the dataclass ``cls`` (kebab-case keys,
        snake_case accepted), each value against the field's annotation."""
        fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in skip}
        values: dict[str, Any] = {}
        for key, value in table.items():
            name = key.replace("-", "_")
            if name not in fields:
                allowed = [n.replace("_", "-") for n in fields]
                raise self.unknown(f"{where}.{key}", f"[{where}]", allowed)
            values[name] = self.value(f"{where}.{key}", value, fields[name])
        return values

    def value(self, key: str, value: Any, spec: dataclasses.Field) -> Any:
        """``value`` as the field's type; the error says what was expected."""
        annotation = str(spec.type)
        default = _default_of(spec)
        if key == "links.accept" and isinstance(value, str):
            from .links import parse_accept

            try:
                return parse_accept(value)
            except ValueError as exc:
                raise self.fail(key, str(exc)) from None
        expected: list[str] = []
        if "bool" in annotation:
            expected.append("true or false")
            if isinstance(value, bool):
                return value
        if "int" in annotation and "[int]" not in annotation:
            expected.append("a whole number")
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        if "float" in annotation and "Mapping" not in annotation:
            expected.append("a number")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
        if "Mapping" in annotation or "dict" in annotation:
            expected.append("a table")
            if isinstance(value, Mapping):
                return self.mapping(key, value, default)
        for kind in ("tuple", "list", "frozenset", "set"):
            if annotation.startswith(kind) or f" {kind}[" in annotation:
                item = int if "[int]" in annotation else str
                expected.append(f"a list of {'whole numbers' if item is int else 'strings'}")
                if isinstance(value, list) and all(
                    isinstance(v, item) and not isinstance(v, bool) for v in value
                ):
                    builder = {"tuple": tuple, "frozenset": frozenset, "set": frozenset}
                    return builder.get(kind, list)(value)
                break
        if "str" in annotation and not annotation.startswith(("tuple", "frozenset")):
            expected.append("a string")
            if isinstance(value, str):
                return value
        allowed = " or ".join(dict.fromkeys(expected)) or "a value of its type"
        raise self.fail(key, f"must be {allowed}, not {_show(value)}")

    def mapping(self, key: str, value: Mapping[str, Any], default: Any) -> dict[str, Any]:
        default = dict(default or {})
        for name, item in value.items():
            if default and name not in default:
                raise self.unknown(f"{key}.{name}", f"[{key}]", list(default))
            if isinstance(item, bool) or not isinstance(item, (int, float)):
                raise self.fail(f"{key}.{name}", f"must be a number, not {_show(item)}")
        return {**default, **{name: float(item) for name, item in value.items()}}


def _default_of(spec: dataclasses.Field) -> Any:
    if spec.default is not dataclasses.MISSING:
        return spec.default
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return None


def _show(value: Any) -> str:
    """A TOML value as the user wrote it, with its kind."""
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    kind = next((name for t, name in kinds.items() if type(value) is t), None)
    if isinstance(value, list):
        kind = "a list"
    elif isinstance(value, Mapping):
        return "a table"
    shown = str(value).lower() if isinstance(value, bool) else repr(value)
    return f"{kind} {shown}" if kind else shown


def rule_options(config: Config, registry: Registry) -> dict[str, Any]:
    """The options instances of the configured rules. A pinned ``[style] sort-direction``
    is also AL204's order (unless ``[rules.AL204]`` sets one): every section, even one that
    looks unsorted, must then follow it."""
    options = dict(config.rules)
    direction = config.style.get("sort_direction")
    date_order = registry.get("AL204")
    if direction and date_order is not None and date_order.options_class is not None:
        options.setdefault("AL204", date_order.options_class(order=direction))
    return options


def _warn(message: str) -> None:
    from .terminal import printable

    print(f"awesome-lint: warning: {printable(message)}", file=sys.stderr)


class Configurations:
    """The configuration and the engine for each linted path, each config file read once."""

    def __init__(
        self,
        registry: Registry,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        severity: Mapping[str, Severity] | None = None,
        config_path: str | None = None,
        isolated: bool = False,
        inline_config: bool = True,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.registry = registry
        self.warn = warn or _warn
        self.cli = (select, tuple(ignore), dict(severity or {}))
        self.isolated = isolated
        self.inline_config = inline_config
        self._configs: dict[Path | None, Config] = {}
        self._engines: dict[Path | None, Any] = {}
        self.explicit: Path | None = None
        if config_path is not None:
            self.explicit = Path(config_path)
            if not self.explicit.is_file():
                raise ConfigError(f"{config_path}: --config: no such file")
            self.config_at(self.explicit)

    def config_at(self, path: Path | None) -> Config:
        if path not in self._configs:
            config = Config() if path is None else load_config(path, self.registry)
            for warning in config.warnings:
                self.warn(warning)
            self._configs[path] = config
        return self._configs[path]

    def locate(self, target: str) -> Path | None:
        if self.isolated:
            return None
        if self.explicit is not None:
            return self.explicit
        return find_config(Path(target))

    def config_for(self, target: str) -> Config:
        return self.config_at(self.locate(target))

    def engine_for(self, target: str) -> Any:
        from .engine import Engine

        where = self.locate(target)
        if where not in self._engines:
            config = self.config_at(where)
            select, ignore, severity = self.cli
            self._engines[where] = Engine(
                build_selection(self.registry, config, select, ignore, severity),
                options=rule_options(config, self.registry),
                style=dict(config.style),
                config=config,
                inline_config=self.inline_config,
                registry=self.registry,
            )
        return self._engines[where]
