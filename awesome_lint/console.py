"""The ``awesome-lint`` command (and ``python -m awesome_lint``): the click command, run as one
short process.

Only here, not for library users: cyclic garbage collection is off (a lint builds its model
once and keeps it to the end, so the collector's passes find almost nothing to free), and the
process ends with ``os._exit`` once stdout and stderr are flushed, skipping the teardown that
frees every object one by one. Exit codes and output are those of ``awesome_lint.cli:main``.
"""

from __future__ import annotations

import gc
import os
import sys
import threading


def run() -> None:
    gc.disable()
    from .cli import main

    try:
        main()  # standalone: ends with SystemExit
    except SystemExit as stop:
        fast_exit(stop.code)
    fast_exit(0)


def fast_exit(code: object) -> None:
    """Exit with ``code`` as ``sys.exit`` would, without the interpreter's teardown; where the
    teardown still has work to do (a flush that fails, a thread still running), exit normally."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the interpreter reports it as usual
        sys.exit(code)
    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        os._exit(0)
    if isinstance(code, int):
        os._exit(code)
    sys.exit(code)  # a message: printed to stderr with status 1
