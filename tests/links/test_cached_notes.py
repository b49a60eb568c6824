"""A re-run on a warm cache says what the first run said about GitHub links."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from awesome_lint.links import Verdict, check_links_async
from awesome_lint.links.safety import StaticResolver

from .conftest import ServerFactory, fast_options
from .docs import links_doc
from .doubles import github_api


async def test_the_token_note_survives_a_warm_cache(serve: ServerFactory, tmp_path: Path) -> None:
    api = await serve(github_api({"octo/limited": 403}))
    options = fast_options(
        github_api=api.url("/"),
        dns_resolver=StaticResolver({}),
        no_cache=False,
        cache_path=str(tmp_path / "links.sqlite"),
    )
    urls = ["https://github.com/octo/limited", "https://github.com/octo/other"]
    first = await check_links_async([links_doc(*urls)], options)
    second = await check_links_async([links_doc(*urls)], options)
    assert (second.cached, api.recorder.total) == (2, 1)  # nothing asked again
    assert [second.results[u].verdict for u in urls] == [Verdict.UNVERIFIED] * 2
    note = (
        "2 GitHub repository links are unverified: without a token the GitHub API answers 60 "
        "requests an hour; set GITHUB_TOKEN (5,000 an hour) to check them"
    )
    assert first.notes == [note] and second.notes == [note]
    with_token = await check_links_async([links_doc(*urls)], replace(options, github_token="t"))
    assert with_token.notes == []  # a token is set: nothing to advise
