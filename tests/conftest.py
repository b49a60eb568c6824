"""What every test shares. The helpers the test files share are plain functions in modules of
their own, imported where used: ``tests/corpus.py`` (the real lists, and the session's cache of
parsed texts), ``tests/rulebook.py`` (the rule pages, ``run_rule``, ``found``),
``tests/helpers_engine.py`` (tiny rules), ``tests/internet.py`` (a local internet)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def private_link_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test, nor a command a test runs, reads or writes the user's link cache: its default
    folder is the session's own (one per worker when the tests run in parallel)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield
