"""Real aiohttp servers on 127.0.0.1 for the link checker's tests (no internet, no mocks)."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from awesome_lint.links import LinkOptions


@dataclass
class Recorder:
    """What a test server saw."""

    hits: Counter[tuple[str, str]] = field(default_factory=Counter)  # (method, path)
    times: dict[str, list[float]] = field(default_factory=dict)  # path -> request times
    in_flight: int = 0
    max_in_flight: int = 0
    user_agents: set[str] = field(default_factory=set)
    authorization: list[tuple[str, str | None]] = field(default_factory=list)  # (path, header)

    @property
    def total(self) -> int:
        return sum(self.hits.values())

    def count(self, path: str) -> int:
        return sum(n for (_, p), n in self.hits.items() if p == path)


def recording_app(recorder: Recorder) -> web.Application:
    @web.middleware
    async def record(request: web.Request, handler: Callable[..., Awaitable[web.StreamResponse]]):
        recorder.hits[(request.method, request.path)] += 1
        recorder.times.setdefault(request.path, []).append(time.monotonic())
        recorder.user_agents.add(request.headers.get("User-Agent", ""))
        recorder.authorization.append((request.path, request.headers.get("Authorization")))
        recorder.in_flight += 1
        recorder.max_in_flight = max(recorder.max_in_flight, recorder.in_flight)
        try:
            return await handler(request)
        finally:
            recorder.in_flight -= 1

    return web.Application(middlewares=[record])


@dataclass
class Server:
    server: TestServer
    recorder: Recorder

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    @property
    def port(self) -> int:
        assert self.server.port is not None
        return self.server.port


ServerFactory = Callable[..., Awaitable[Server]]


@dataclass(frozen=True)
class Tls:
    server: ssl.SSLContext  # for ``serve(setup, tls=…)``
    client: ssl.SSLContext  # LinkOptions(ssl_context=…): trusts the server's certificate


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    """A self-signed certificate for 127.0.0.1 (made by openssl), for https test servers."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert, key)
    return Tls(server, ssl.create_default_context(cafile=str(cert)))


@pytest.fixture
async def serve() -> AsyncIterator[ServerFactory]:
    """``await serve(setup)``: a server whose routes ``setup(app)`` adds, recorded."""
    servers: list[TestServer] = []

    async def start(
        setup: Callable[[web.Application], None], tls: ssl.SSLContext | None = None
    ) -> Server:
        recorder = Recorder()
        app = recording_app(recorder)
        setup(app)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server(ssl=tls)
        servers.append(server)
        return Server(server, recorder)

    yield start
    for server in servers:
        await server.close()


@pytest.fixture
def free_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fast_options(**overrides: object) -> LinkOptions:
    """Options with tiny timeouts and backoffs, private addresses allowed, no cache."""
    base: dict[str, object] = {
        "timeout": 1.0,
        "connect_timeout": 0.5,
        "retries": 2,
        "backoff": 0.01,
        "max_backoff": 0.05,
        "max_retry_after": 0.2,
        "min_interval": 0.0,
        "allow_private": True,
        "no_cache": True,
        "arxiv_interval": 0.0,
        # Service APIs nobody listens on: a test that reaches one by mistake fails fast.
        "arxiv_api": "http://127.0.0.1:9/api/query",
        "doi_api": "http://127.0.0.1:9/api/handles/",
        "github_api": "http://127.0.0.1:9",
    }
    base.update(overrides)
    return LinkOptions(**base)  # type: ignore[arg-type]


async def never(request: web.Request) -> web.StreamResponse:
    await asyncio.sleep(3600)
    raise AssertionError("unreachable")
