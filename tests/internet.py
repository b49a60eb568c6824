"""A small internet on 127.0.0.1 for the link rules' pages: one aiohttp test server over TLS
answers for every host the pages name (github.com, arxiv.org, a publisher …) and for the
services the link checker asks (the GitHub API, the arXiv export API, the DOI handle API).

The checker reaches it through the boundary it offers embedding programs: a
:class:`StaticResolver` that sends each name to 127.0.0.1 (port 443 to the server's port), an
SSL context that trusts the server's certificate, and ``allow_networks`` for 127.0.0.1 only.
Nothing is mocked: requests, TLS, redirects and the services' answers are real HTTP.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from awesome_lint.links import LinkOptions
from awesome_lint.links.safety import StaticResolver

from .links.doubles import arxiv_api, doi_api, github_api

# The services' hosts in the checker's default addresses (LinkOptions.github_api …).
SERVICE_HOSTS = ("api.github.com", "export.arxiv.org", "doi.org")


@dataclass(frozen=True)
class World:
    """What the internet answers for one page's examples. A page not listed answers 404."""

    pages: Mapping[str, int] = field(default_factory=dict)  # URL -> status of a GET
    papers: Mapping[str, str] = field(default_factory=dict)  # arXiv id -> title
    repos: Mapping[str, object] = field(default_factory=dict)  # as doubles.github_api takes
    dois: frozenset[str] = frozenset()


def hosts_of(texts: Iterable[str]) -> set[str]:
    """Every host named by an https URL in ``texts``."""
    import re

    found = set()
    for text in texts:
        for url in re.findall(r"https://[^\s)\]>]+", text):
            found.add(urlsplit(url).hostname or "")
    return found - {""}


def certificate(folder: Path, hosts: Iterable[str]) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A self-signed certificate for ``hosts`` (made by openssl): the server's context and a
    client context that trusts it."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    names = ",".join(f"DNS:{host}" for host in sorted(hosts))
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=awesome-lint test"),
            *("-addext", f"subjectAltName={names}"),
        ],
        check=True,
        capture_output=True,
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert, key)
    return server, ssl.create_default_context(cafile=str(cert))


def world_app(world: World) -> web.Application:
    app = web.Application()
    for setup in (arxiv_api(world.papers, []), doi_api(set(world.dois)), github_api(world.repos)):
        setup(app)

    async def page(request: web.Request) -> web.Response:
        url = f"https://{request.host.split(':')[0]}{request.path_qs}"
        return web.Response(status=world.pages.get(url, 404), text="page")

    app.router.add_route("*", "/{path:.*}", page)
    return app


@asynccontextmanager
async def served(
    world: World,
    hosts: Iterable[str],
    tls: tuple[ssl.SSLContext, ssl.SSLContext],
    configured: Mapping[str, object],
) -> AsyncIterator[LinkOptions]:
    """While open: ``world`` served on 127.0.0.1, and the options that reach it (those of
    ``configured``, a configuration's ``[links]`` table, with the test internet's boundary)."""
    server = TestServer(world_app(world), host="127.0.0.1")
    await server.start_server(ssl=tls[0])
    try:
        assert server.port is not None
        table = {host: "127.0.0.1" for host in (*hosts, *SERVICE_HOSTS)}
        yield replace(
            LinkOptions(**configured),
            dns_resolver=StaticResolver(table, ports={443: server.port}),
            ssl_context=tls[1],
            allow_networks=("127.0.0.1/32",),
            no_cache=True,
        )
    finally:
        await server.close()
