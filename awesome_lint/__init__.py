"""awesome-lint: keeps curated paper lists correct.

The public API, through the same runner as the command line (:mod:`.runner`):

- :func:`lint_text` and :func:`lint_path` return the sorted diagnostics that the command line
  would report with ``--isolated`` (no configuration file read; suppression comments apply; no
  fixes applied, no link checks);
- :func:`lint_paths` reads the configuration as the command line does (the nearest
  ``.awesome-lint.toml`` or ``pyproject.toml`` of each file, or ``config``), expands folders
  and globs, and returns each file's :class:`~awesome_lint.engine.FileResult` (no link checks,
  no fixes; info findings and baselined ones included).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Severity
    from .engine import Engine, FileResult
    from .registry import Registry
    from .source import SourceText

__all__ = ["__version__", "lint_path", "lint_paths", "lint_text"]


def lint_text(
    text: str,
    path: str = "<text>",
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
    registry: Registry | None = None,
) -> list[Diagnostic]:
    """Lint Markdown text (any newline style; a leading BOM is dropped)."""
    from .source import BOM, from_raw

    bom = text.startswith(BOM)
    source = from_raw(path, text[1:] if bom else text, bom=bom)
    return _lint_source(source, _engine(registry, select, ignore, severity))


def lint_path(
    path: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
    registry: Registry | None = None,
    max_size: int | None = None,
) -> list[Diagnostic]:
    """Read, decode and lint a file; raise ``SourceError`` if it cannot be read or decoded."""
    from .source import DEFAULT_MAX_SIZE, read_source

    source = read_source(path, max_size=max_size or DEFAULT_MAX_SIZE)
    return _lint_source(source, _engine(registry, select, ignore, severity))


def lint_paths(
    paths: Sequence[str],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
    config: str | None = None,
    isolated: bool = False,
    registry: Registry | None = None,
    max_size: int | None = None,
) -> list[FileResult]:
    """Lint files, folders and globs as the command line does, each file under its own
    configuration (``select``, ``ignore`` and ``severity`` as the command line's options over
    it). A file that cannot be read is a result with ``error`` set; a bad configuration file
    raises ``ConfigError``, an unknown selector ``SelectorError``."""
    from .config import Configurations
    from .registry import builtin_registry
    from .runner import RunOptions, lint_configured
    from .source import DEFAULT_MAX_SIZE

    registry = registry or builtin_registry()
    registry.select(select, ignore, severity)  # an unknown selector fails before any file
    configs = Configurations(
        registry,
        select=select,
        ignore=ignore,
        severity=severity,
        config_path=config,
        isolated=isolated,
    )
    return lint_configured(paths, configs, RunOptions(max_size=max_size or DEFAULT_MAX_SIZE))


def _engine(
    registry: Registry | None,
    select: Sequence[str] | None,
    ignore: Sequence[str],
    severity: Mapping[str, Severity] | None,
) -> Engine:
    from .engine import Engine
    from .registry import builtin_registry

    return Engine((registry or builtin_registry()).select(select, ignore, severity))


def _lint_source(source: SourceText, engine: Engine) -> list[Diagnostic]:
    from .runner import RunOptions, run_source

    return run_source(source, engine, RunOptions()).diagnostics
