"""Finding and reading a configuration file: ``.awesome-lint.toml``, or the
``[tool.awesome-lint]`` table of a ``pyproject.toml``, from the linted file's folder upwards.

The nearest wins; in one folder ``.awesome-lint.toml`` before ``pyproject.toml``, which counts
only when it has the table. What the table may hold is :mod:`awesome_lint.config_schema`'s.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEDICATED = ".awesome-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "tool.awesome-lint"
# Nesting deeper than this is no configuration (and would exhaust Python's recursion).
MAX_DEPTH = 20


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


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


def key_prefix(path: Path) -> str:
    """What error messages put before a key: the tool table's name in a ``pyproject.toml``."""
    return f"{TOOL_TABLE}." if path.name == PYPROJECT else ""


def read_table(path: Path) -> Mapping[str, Any]:
    """The awesome-lint table of the file at ``path``, parsed but not validated."""
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
            raise ConfigError(f"{path}: {TOOL_TABLE}: must be a table")
    return data


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
        return True  # read_table reports what is wrong with it


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
