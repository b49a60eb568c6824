"""``awesome-lint add`` as a user runs it: the real command in a subprocess, against local doubles
of arXiv's export API and doi.org (aiohttp servers on 127.0.0.1 started by the test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web

from .test_cli import awesome_lint

# The real command in a subprocess, each run a Python start-up and more: not in the quick loop.
pytestmark = pytest.mark.slow

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">{}</feed>"""
ENTRY = """<entry><id>http://arxiv.org/abs/{id}v2</id><published>{date}T10:00:00Z</published>
<title>{title}</title><author><name>Ann Lee</name></author><author><name>Bo Kim</name></author>
<arxiv:comment>{comment}</arxiv:comment></entry>"""
PAPERS = {
    "2401.01234": ("2024-01-03", "Made-Up Lesion Maps", "Accepted at MICCAI 2024"),
    "2302.00002": ("2023-02-02", "Made-Up Older Maps", "9 pages"),
}
CSL = {
    "title": "A Made-Up Journal Paper",
    "author": [{"given": "Cy", "family": "Ng"}],
    "issued": {"date-parts": [[2023, 11, 20]]},
    "container-title": "MedIA",
}


def doubles(app: web.Application) -> None:
    async def query(request: web.Request) -> web.Response:
        ids = request.query["id_list"].split(",")
        entries = "".join(
            ENTRY.format(id=i, date=PAPERS[i][0], title=PAPERS[i][1], comment=PAPERS[i][2])
            for i in ids
            if i in PAPERS
        )
        return web.Response(text=FEED.format(entries), content_type="application/atom+xml")

    async def resolve(request: web.Request) -> web.Response:
        if request.headers.get("Accept") != "application/vnd.citationstyles.csl+json":
            return web.Response(status=406)
        if request.match_info["doi"] != "10.1000/made.up":
            return web.Response(status=404)
        raise web.HTTPFound("/agency/10.1000/made.up")  # as doi.org hands over to Crossref

    async def agency(request: web.Request) -> web.Response:
        return web.json_response(CSL)

    app.router.add_get("/api/query", query)
    app.router.add_get("/doi/{doi:.+}", resolve)
    app.router.add_get("/agency/{doi:.+}", agency)


LIST = (
    "# Papers\r\n\r\n## Segmentation\r\n\r\n"
    "**Newer Paper** \\\r\n*Ann One, Bo Two* \\\r\n[5th Mar., 2024] [CVPR, 2024] \\\r\n"
    "[[Paper](https://arxiv.org/abs/2403.00001)]\r\n\r\n"
    "**Older Paper** \\\r\n*Cy Three* \\\r\n[1st Jun., 2022] [arXiv, 2022] \\\r\n"
    "[[Paper](https://arxiv.org/abs/2206.00001)]\r\n"
)


def services(server) -> tuple[str, ...]:
    return (
        "--arxiv-api",
        server.url("/api/query"),
        "--doi-resolver",
        server.url("/doi/"),
        "--allow-private",
        "--timeout",
        "5",
    )


async def test_add_prints_the_entry_and_the_diff_and_writes_nothing(serve, tmp_path: Path) -> None:
    server = await serve(doubles)
    path = tmp_path / "README.md"
    path.write_bytes(LIST.encode())
    code, out, err = await awesome_lint("add", "arXiv:2401.01234", str(path), *services(server))
    assert (code, err) == (0, "")
    assert out.startswith(
        f"{path}:10: new entry\n**Made-Up Lesion Maps** \\\n*Ann Lee, Bo Kim* \\\n"
        "[3rd Jan., 2024] [MICCAI, 2024] \\\n[[Paper](https://arxiv.org/abs/2401.01234)]\n"
    )
    added = [line for line in out.splitlines() if line.startswith("+") and line[:3] != "+++"]
    assert added == [
        "+**Made-Up Lesion Maps** \\",
        "+*Ann Lee, Bo Kim* \\",
        "+[3rd Jan., 2024] [MICCAI, 2024] \\",
        "+[[Paper](https://arxiv.org/abs/2401.01234)]",
        "+",
    ]
    assert path.read_bytes() == LIST.encode()


async def test_add_write_inserts_several_papers_in_order_keeping_crlf(serve, tmp_path) -> None:
    server = await serve(doubles)
    path = tmp_path / "README.md"
    path.write_bytes(LIST.encode())
    code, out, err = await awesome_lint(
        "add",
        "10.1000/made.up",
        "https://arxiv.org/pdf/2302.00002",
        str(path),
        "--write",
        *services(server),
    )
    assert (code, err) == (0, ""), err
    assert out.endswith(f"{path}: added 2 entries\n")
    written = path.read_bytes().decode()
    assert "\n" not in written.replace("\r\n", "")
    titles = [line for line in written.split("\r\n") if line.startswith("**")]
    assert titles == [
        "**Newer Paper** \\",
        "**A Made-Up Journal Paper** \\",
        "**Made-Up Older Maps** \\",
        "**Older Paper** \\",
    ]
    assert (
        "[20th Nov., 2023] [MedIA, 2023] \\\r\n[[Paper](https://doi.org/10.1000/made.up)]"
        in written
    )
    assert "[2nd Feb., 2023] [arXiv, 2023]" in written


async def test_add_refuses_a_paper_listed_already_and_an_unknown_one(serve, tmp_path) -> None:
    server = await serve(doubles)
    path = tmp_path / "README.md"
    path.write_bytes(LIST.encode())
    code, _, err = await awesome_lint("add", "2403.00001v2", str(path), *services(server))
    assert (code, err) == (2, f"{path}: error: 2403.00001 is listed already, at line 5\n")
    code, _, err = await awesome_lint("add", "2499.99999", str(path), "--write", *services(server))
    assert (code, err) == (2, "awesome-lint: error: no such paper: 2499.99999; nothing written\n")
    assert path.read_bytes() == LIST.encode()


async def test_add_offline_is_a_clear_error_and_writes_nothing(free_port, tmp_path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(LIST.encode())
    api = f"http://127.0.0.1:{free_port}/api/query"
    code, out, err = await awesome_lint(
        "add",
        "2401.01234",
        str(path),
        "--write",
        "--arxiv-api",
        api,
        "--allow-private",
        "--timeout",
        "2",
    )
    assert code == 2 and out == ""
    assert err.startswith("awesome-lint: error: cannot fetch the metadata: ")
    assert err.endswith("; nothing written\n") and "Traceback" not in err
    assert path.read_bytes() == LIST.encode()


async def test_service_addresses_on_loopback_are_refused_unless_allowed(serve, tmp_path) -> None:
    server = await serve(doubles)
    path = tmp_path / "README.md"
    path.write_bytes(LIST.encode())
    code, _, err = await awesome_lint(
        "add", "2401.01234", str(path), "--arxiv-api", server.url("/api/query")
    )
    assert code == 2 and "nothing written" in err
    assert server.recorder.total == 0
