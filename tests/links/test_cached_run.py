"""A run the cache answers in full makes no request and loads nothing of the network (no
asyncio, no aiohttp: the command's start-up stays short); one URL more than the cache holds is
fetched as usual. Each run is a fresh process (the modules it loaded are its own), the command
as a user runs it or the library's ``check_links``, against a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from .conftest import ServerFactory
from .test_cli import BLOCK, routes

# Fresh processes, each a Python start-up and more: not in the quick loop.
pytestmark = pytest.mark.slow

# Runs the command (``cli.main``) or ``check_links`` on argv's list, then writes the exit code
# and which network modules the process loaded to the file named last.
RUNNER = """
import json, sys
NETWORK = ("asyncio", "aiohttp", "ssl")
mode, out, args = sys.argv[1], sys.argv[-1], sys.argv[2:-1]
code = 0
if mode == "command":
    from awesome_lint.cli import main
    try:
        main(args, standalone_mode=True)
    except SystemExit as stop:
        code = stop.code
else:
    from awesome_lint.engine import parse_source
    from awesome_lint.links import LinkOptions, check_links
    from awesome_lint.source import read_source
    options = LinkOptions(allow_private=True, retries=0, cache_path=args[1], no_cache=False)
    report = check_links([parse_source(read_source(args[0]))], options)
    code = int(report.failed)
    print(report.summary_line(), file=sys.stderr)
loaded = [name for name in NETWORK if name in sys.modules]
with open(out, "w") as f:
    json.dump({"code": code, "loaded": loaded}, f)
"""


async def run(mode: str, readme: Path, cache: Path, out: Path) -> tuple[int, list[str], str]:
    """The exit code, the network modules loaded and stderr of one run in a fresh process."""
    if mode == "command":
        args = ["--check-links", "--allow-private", "--retries", "0", "--select", "AL9"]
        args += ["--cache", str(cache), str(readme)]
    else:
        args = [str(readme), str(cache)]
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-c", RUNNER, mode, *args, str(out)),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    found = json.loads(out.read_text())
    return found["code"], found["loaded"], err.decode()


@pytest.mark.parametrize("mode", ["command", "library"])
async def test_a_run_the_cache_answers_loads_no_network(
    serve: ServerFactory, tmp_path: Path, mode: str
) -> None:
    server = await serve(routes)
    readme, cache, out = tmp_path / "README.md", tmp_path / "links.sqlite", tmp_path / "out.json"
    urls = [server.url("/ok"), server.url("/gone")]
    readme.write_text("".join(BLOCK.format(n=i, url=url) for i, url in enumerate(urls)))

    code, loaded, err = await run(mode, readme, cache, out)
    assert (code, server.recorder.total) == (1, 2)  # the dead link fails the run
    assert "aiohttp" in loaded
    assert "links: 2 (2 checked, 0 excluded, 0 from cache): 1 ok, 0 redirected, 1 dead" in err

    code, loaded, err = await run(mode, readme, cache, out)
    assert (code, server.recorder.total) == (1, 2)  # no request: the same verdicts
    assert loaded == []
    assert "links: 2 (0 checked, 0 excluded, 2 from cache): 1 ok, 0 redirected, 1 dead" in err

    urls.append(server.url("/ok?page=2"))  # one URL the cache does not hold
    readme.write_text("".join(BLOCK.format(n=i, url=url) for i, url in enumerate(urls)))
    code, loaded, err = await run(mode, readme, cache, out)
    assert (code, server.recorder.total, server.recorder.count("/ok")) == (1, 3, 2)
    assert "aiohttp" in loaded
    assert "links: 3 (1 checked, 0 excluded, 2 from cache): 2 ok, 0 redirected, 1 dead" in err
