"""Options for running in CI: ``--fail-on``.

Kept apart from ``cli.py``: the command only applies the decorator and hands the value to
:func:`failing_level`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from .diagnostics import Severity

FAIL_ON = ("error", "warning", "info", "never")

_OPTIONS = (
    click.option(
        "--fail-on",
        type=click.Choice(FAIL_ON, case_sensitive=False),
        default="error",
        show_default=True,
        help="The lowest severity that makes the exit code 1 ('never': findings never do).",
    ),
)


def ci_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def failing_level(fail_on: str) -> Severity | None:
    """The lowest severity that fails the run, or None for ``never``."""
    return None if fail_on.lower() == "never" else Severity.parse(fail_on)
