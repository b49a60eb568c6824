"""awesome-lint: keeps curated paper lists correct.

The public API: :func:`lint_text` and :func:`lint_path` return the sorted diagnostics that the
command line would report with ``--isolated`` (no configuration file read; suppression comments
apply; no fixes applied, no link checks).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Severity
    from .registry import Registry

__version__ = "0.1.0"
__all__ = ["__version__", "lint_path", "lint_text"]


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
    from .engine import Engine
    from .registry import builtin_registry
    from .source import BOM, from_raw

    bom = text.startswith(BOM)
    source = from_raw(path, text[1:] if bom else text, bom=bom)
    selection = (registry or builtin_registry()).select(select, ignore, severity)
    return Engine(selection).lint(source)[1]


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
    from .engine import Engine
    from .registry import builtin_registry
    from .source import DEFAULT_MAX_SIZE, read_source

    source = read_source(path, max_size=max_size or DEFAULT_MAX_SIZE)
    selection = (registry or builtin_registry()).select(select, ignore, severity)
    return Engine(selection).lint(source)[1]
