"""A one-line progress bar for terminals; silent anywhere else."""

from __future__ import annotations

import time
from typing import TextIO

from .status import Result, Verdict


class Progress:
    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        isatty = getattr(stream, "isatty", None)
        self.enabled = enabled and total > 0 and bool(isatty and isatty())
        self.done = 0
        self.dead = 0
        self.unverified = 0
        self._last = 0.0

    def update(self, result: Result) -> None:
        self.done += 1
        self.dead += result.verdict is Verdict.DEAD
        self.unverified += result.verdict is Verdict.UNVERIFIED
        if self.enabled:
            now = time.monotonic()
            if now - self._last >= 0.1 or self.done == self.total:
                self._last = now
                self.render()

    def render(self) -> None:
        width = 30
        filled = width * self.done // max(1, self.total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\rchecking links [{bar}] {self.done}/{self.total}"
            f"  {self.dead} dead, {self.unverified} unverified"
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
