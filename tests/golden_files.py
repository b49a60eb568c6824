"""Golden files: a text the tests pin, rewritten on purpose with ``UPDATE_GOLDEN=1``."""

from __future__ import annotations

import os
from pathlib import Path


def assert_matches_golden(golden: Path, actual: str) -> None:
    """``actual`` equals the golden file (written first when ``UPDATE_GOLDEN`` is set)."""
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")
