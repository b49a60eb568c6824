"""Configuration: what a configuration file sets (:class:`Config`), and each linted path's
configuration and engine (:class:`Configurations`).

Finding and reading the file is :mod:`.config_discovery`'s; what it may hold, and every error
message about it, is :mod:`.config_schema`'s (which also writes the shipped JSON Schema).
``--config PATH`` overrides discovery, ``--isolated`` ignores every file.

Precedence: defaults < file < command line. Rule selection goes in layers, the file's then the
command line's (:meth:`Registry.select_layers`): a layer's ``select`` starts the set afresh,
``extend-select`` adds to it, ``ignore``/``extend-ignore`` take away. So ``--select`` replaces
the file's selection (its ignores included) and ``--ignore`` takes away from it. Severities: the
file's, then ``--severity``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config_discovery import ConfigError, find_config, key_prefix, read_table
from .diagnostics import Severity
from .inputs import glob_matches
from .registry import Registry, Selection, SelectorLayer

__all__ = ["Config", "ConfigError", "Configurations", "build_selection", "find_config"]


@dataclass(frozen=True)
class Config:
    """One configuration file's settings, read and checked."""

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

    def selector_layer(self) -> SelectorLayer:
        return SelectorLayer(
            self.select, self.extend_select, (*self.ignore, *self.extend_ignore), self.severity
        )


def load_config(path: Path, registry: Registry) -> Config:
    """Read and validate one config file against the rule ``registry``."""
    from .config_schema import Invalid, config_table  # only when there is a file to validate

    notes: list[str] = []
    prefix = key_prefix(path)
    try:
        values = config_table(registry).convert(read_table(path), "", notes)
    except Invalid as exc:
        raise ConfigError(f"{path}: {prefix}{exc}") from None
    links = values.get("links", {})
    if links.get("cache_path"):  # relative to the configuration's folder
        links["cache_path"] = str(path.parent / Path(links["cache_path"]).expanduser())
    baseline = values.get("baseline")
    return Config(
        path=path,
        select=values.get("select"),
        ignore=values.get("ignore", ()),
        extend_select=values.get("extend_select", ()),
        extend_ignore=values.get("extend_ignore", ()),
        per_file_ignores=values.get("per_file_ignores", {}),
        severity=values.get("severity", {}),
        style=values.get("style", {}),
        rules=values.get("rules", {}),
        links=links,
        exclude=values.get("exclude", ()),
        baseline=path.parent / Path(baseline).expanduser() if baseline else None,
        warnings=tuple(f"{path}: {prefix}{note}" for note in notes),
    )


def build_selection(
    registry: Registry,
    config: Config,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
) -> Selection:
    """The rules and severities for files under ``config``, with the command line's selectors
    (``select`` None: not given) over it. Raises SelectorError for an unknown CLI selector."""
    command_line = SelectorLayer(select, ignore=tuple(ignore), severity=severity or {})
    return registry.select_layers((config.selector_layer(), command_line))


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
