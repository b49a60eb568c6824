"""Private addresses are refused unless allowed: literal, after DNS, and after redirects."""

from __future__ import annotations

import ipaddress

import pytest
from aiohttp import web

from awesome_lint.links import Verdict, check_links_async
from awesome_lint.links.safety import AddressPolicy, StaticResolver, is_public

from .conftest import ServerFactory, fast_options
from .docs import links_doc


def ok_app(app: web.Application) -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app.router.add_get("/ok", ok)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # shared address space
        ("192.0.2.1", False),  # TEST-NET-1
        ("224.0.0.1", False),  # multicast
        ("240.0.0.1", False),  # reserved
        ("0.0.0.0", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("fd00:ec2::254", False),  # AWS metadata over IPv6
        ("ff02::1", False),
        ("2001:db8::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("2002:a00:1::", False),  # 6to4 of 10.0.0.1
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_policy_allows() -> None:
    assert not AddressPolicy().allows("127.0.0.1")
    assert AddressPolicy(allow_private=True).allows("127.0.0.1")
    policy = AddressPolicy(allow_networks=("127.0.0.1/32",))
    assert policy.allows("127.0.0.1") and not policy.allows("127.0.0.2")
    assert not policy.allows("::1") and not policy.allows("not an address")


async def test_private_addresses_blocked_before_connecting(serve: ServerFactory) -> None:
    s = await serve(ok_app)
    urls = [
        s.url("/ok"),  # loopback literal
        f"http://localhost:{s.port}/ok",  # a name resolving to loopback
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.test/computeMetadata/v1/",
        "http://intranet.test/",
    ]
    resolver = StaticResolver(
        {
            "localhost": "127.0.0.1",
            "metadata.test": "169.254.169.254",
            "intranet.test": ["10.0.0.7", "fd12::7"],
        }
    )
    options = fast_options(allow_private=False, dns_resolver=resolver)
    report = await check_links_async([links_doc(*urls)], options)
    assert {u: r.verdict for u, r in report.results.items()} == dict.fromkeys(urls, Verdict.BLOCKED)
    assert report.results["http://metadata.test/computeMetadata/v1/"].detail == (
        "metadata.test resolves to 169.254.169.254, a private or reserved address"
    )
    assert s.recorder.total == 0
    assert report.counts["blocked"] == 6


async def test_allow_private_lifts_the_block(serve: ServerFactory) -> None:
    s = await serve(ok_app)
    report = await check_links_async([links_doc(s.url("/ok"))], fast_options())
    assert report.results[s.url("/ok")].verdict is Verdict.OK


async def test_redirect_to_private_address_is_blocked(serve: ServerFactory) -> None:
    def setup(app: web.Application) -> None:
        for path, to in {
            "/to-literal": "http://169.254.169.254/latest/meta-data/",
            "/to-name": "http://metadata.test/",
            "/to-v6": "http://[::1]:80/",
        }.items():

            async def redirect(request: web.Request, to: str = to) -> web.Response:
                return web.Response(status=302, headers={"Location": to})

            app.router.add_get(path, redirect)

    s = await serve(setup)
    urls = [s.url(p) for p in ("/to-literal", "/to-name", "/to-v6")]
    options = fast_options(
        allow_private=False,
        allow_networks=("127.0.0.1/32",),  # the test server itself may be reached
        dns_resolver=StaticResolver({"metadata.test": "169.254.169.254"}),
    )
    report = await check_links_async([links_doc(*urls)], options)
    got = {u: (r.verdict, r.final_url) for u, r in report.results.items()}
    assert got == {
        urls[0]: (Verdict.BLOCKED, "http://169.254.169.254/latest/meta-data/"),
        urls[1]: (Verdict.BLOCKED, "http://metadata.test/"),
        urls[2]: (Verdict.BLOCKED, "http://[::1]/"),
    }
    assert s.recorder.total == 3  # one request each, to the allowed server only


async def test_numeric_host_forms_never_connect(serve: ServerFactory) -> None:
    s = await serve(ok_app)
    urls = [
        f"http://2130706433:{s.port}/ok",  # 127.0.0.1 as one number
        f"http://127.1:{s.port}/ok",
        f"http://0x7f.0.0.1:{s.port}/ok",
    ]
    report = await check_links_async([links_doc(*urls)], fast_options(allow_private=False))
    assert {r.verdict for r in report.results.values()} <= {Verdict.BLOCKED, Verdict.DEAD}
    assert s.recorder.total == 0


async def test_a_crashing_check_becomes_unverified(monkeypatch: pytest.MonkeyPatch) -> None:
    from awesome_lint.links.client import Client

    async def boom(self: Client, url: str) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(Client, "check", boom)
    options = fast_options(allow_private=False)  # were the patch to fail: still no traffic
    report = await check_links_async([links_doc("http://10.0.0.1/")], options)
    (result,) = report.results.values()
    assert (result.verdict, result.detail) == (
        Verdict.UNVERIFIED,
        "internal error: RuntimeError('bug')",
    )
