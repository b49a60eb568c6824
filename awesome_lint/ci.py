"""Options for running in CI and on pull requests: ``--fail-on`` and ``--changed-since``.

Kept apart from ``cli.py``: the command only applies the decorator and hands the two values
to :func:`failing_level` and :func:`changed_lines_or_exit`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from .diagnostics import Severity

if TYPE_CHECKING:
    from .changed import ChangedLines

FAIL_ON = ("error", "warning", "info", "never")

_OPTIONS = (
    click.option(
        "--fail-on",
        type=click.Choice(FAIL_ON, case_sensitive=False),
        default="error",
        show_default=True,
        help="The lowest severity that makes the exit code 1 ('never': findings never do).",
    ),
    click.option(
        "--changed-since",
        metavar="REF",
        help="Report only findings (and check only links) on lines changed since the git "
        "revision REF, e.g. origin/main.",
    ),
)


def ci_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def failing_level(fail_on: str) -> Severity | None:
    """The lowest severity that fails the run, or None for ``never``."""
    return None if fail_on.lower() == "never" else Severity.parse(fail_on)


def changed_lines_or_exit(paths: Sequence[str], ref: str | None) -> ChangedLines | None:
    """``--changed-since``: the changed lines of each path (None without the option); exit 2
    with a clear message when git cannot tell (no repository, unknown REF, no git)."""
    if ref is None:
        return None
    from .changed import ChangedError, changed_lines

    try:
        return changed_lines(paths, ref)
    except ChangedError as exc:
        click.echo(f"awesome-lint: error: {exc}", err=True)
        sys.exit(2)
