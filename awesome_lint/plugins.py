"""Third-party rules: entry points in the group ``awesome_lint.rules``.

Each entry point names a :class:`~awesome_lint.rule.Rule` subclass, or a sequence of them::

    [project.entry-points."awesome_lint.rules"]
    my-rules = "my_package.rules:RULES"

Every rule is validated on load: a Rule subclass with a code of its own prefix (1 to 5 capital
letters, not ``AL``, and 3 digits), a kebab-case name, a summary and a severity, clashing with
no other rule. A plugin that cannot be imported or breaks a condition is a :class:`PluginError`
naming the plugin and the reason (the command exits 2), never a bare traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.machinery import PathFinder
from typing import TYPE_CHECKING

from .diagnostics import Severity
from .registry import Registry
from .rule import Rule

if TYPE_CHECKING:
    from importlib import metadata

GROUP = "awesome_lint.rules"


class PluginError(Exception):
    """A plugin that cannot be used: the message names it and says why."""


@dataclass(frozen=True)
class Plugin:
    """An installed plugin: its entry point, its distribution and the rule codes it adds."""

    name: str  # the entry point's name
    distribution: str  # the distribution that provides it
    version: str
    codes: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.name} ({self.distribution} {self.version}): {', '.join(self.codes)}"


def entry_points() -> list[metadata.EntryPoint]:
    if not may_have_plugins():
        return []
    from importlib import metadata

    return sorted(metadata.entry_points(group=GROUP), key=lambda ep: ep.name)


def may_have_plugins(paths: Iterable[str] | None = None) -> bool:
    """False only when no distribution on ``paths`` (sys.path) can declare an entry point of
    the group: a look at each ``entry_points.txt`` spares the lint importing importlib.metadata
    (tens of milliseconds). Anything it cannot read so simply (a zip, an egg, a finder of
    distributions other than the standard one) counts as a maybe."""
    if any(
        finder is not PathFinder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    ):
        return True
    return any(
        _folder_may_have_plugins(path or ".") for path in (sys.path if paths is None else paths)
    )


def _folder_may_have_plugins(folder: str) -> bool:
    if not os.path.isdir(folder):
        return os.path.exists(folder)  # a zip file (or anything else that is not a folder)
    if folder.lower().endswith(".egg"):
        return True
    try:
        names = os.listdir(folder)
    except OSError:
        return True
    for name in names:
        if name.lower().endswith((".dist-info", ".egg-info")):
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as file:
                    if GROUP in file.read():
                        return True
            except (FileNotFoundError, NotADirectoryError):
                continue
            except (OSError, UnicodeDecodeError):
                return True
    return False


def load_plugins(registry: Registry) -> list[Plugin]:
    """Add every installed plugin's rules to ``registry``; the plugins loaded."""
    loaded = []
    for point in entry_points():
        dist = point.dist
        dist_name = dist.metadata["Name"] if dist is not None else "?"
        version = dist.version if dist is not None else "?"
        where = f"plugin {point.name!r} ({point.value}, from {dist_name} {version})"
        try:
            target = point.load()
        except Exception as exc:
            raise PluginError(f"{where} cannot be loaded: {type(exc).__name__}: {exc}") from None
        rules = _rules_of(target, where)
        codes = []
        for rule in rules:
            _check(rule, where)
            try:
                registry.add(rule)
            except ValueError as exc:
                raise PluginError(f"{where}: rule {rule.__name__}: {exc}") from None
            codes.append(rule.code)
        loaded.append(Plugin(point.name, dist_name, version, tuple(codes)))
    return loaded


def _rules_of(target: object, where: str) -> list[type[Rule]]:
    if isinstance(target, type):
        items: list[object] = [target]
    elif isinstance(target, Iterable) and not isinstance(target, (str, bytes)):
        items = list(target)
    else:
        raise PluginError(f"{where}: must name a Rule subclass or a list of them, not {target!r}")
    for item in items:
        if not (isinstance(item, type) and issubclass(item, Rule)):
            raise PluginError(f"{where}: {item!r} is not a subclass of awesome_lint.rule.Rule")
    if not items:
        raise PluginError(f"{where}: provides no rules")
    return items  # type: ignore[return-value]


def _check(rule: type[Rule], where: str) -> None:
    for attribute in ("code", "name", "summary"):
        if not isinstance(getattr(rule, attribute, None), str):
            raise PluginError(f"{where}: rule {rule.__name__} has no {attribute} (a string)")
    if not isinstance(rule.severity, Severity):
        raise PluginError(f"{where}: rule {rule.__name__}: severity must be a Severity")
    if rule.check is Rule.check and not (rule.network or rule.tool):
        raise PluginError(f"{where}: rule {rule.__name__} does not implement check()")
