"""Private addresses are refused unless allowed: literal, after DNS, and after redirects."""

from __future__ import annotations

import ipaddress

import pytest
from aiohttp import web

from awesome_lint.links import Verdict, check_links_async
from awesome_lint.links.collect import browser_ipv4
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


# The IANA special-purpose address registries, copied here entry by entry (address block,
# name) from iana-ipv4-special-registry and iana-ipv6-special-registry, so that the test does
# not read the guard's own table.
IANA_IPV4 = [
    ("0.0.0.0/8", "This network"),
    ("0.0.0.0/32", "This host on this network"),
    ("10.0.0.0/8", "Private-Use"),
    ("100.64.0.0/10", "Shared Address Space"),
    ("127.0.0.0/8", "Loopback"),
    ("169.254.0.0/16", "Link Local"),
    ("172.16.0.0/12", "Private-Use"),
    ("192.0.0.0/24", "IETF Protocol Assignments"),
    ("192.0.0.0/29", "IPv4 Service Continuity Prefix"),
    ("192.0.0.8/32", "IPv4 dummy address"),
    ("192.0.0.9/32", "Port Control Protocol Anycast"),
    ("192.0.0.10/32", "Traversal Using Relays around NAT Anycast"),
    ("192.0.0.170/32", "NAT64/DNS64 Discovery"),
    ("192.0.0.171/32", "NAT64/DNS64 Discovery"),
    ("192.0.2.0/24", "Documentation (TEST-NET-1)"),
    ("192.31.196.0/24", "AS112-v4"),
    ("192.52.193.0/24", "AMT"),
    ("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)"),
    ("192.168.0.0/16", "Private-Use"),
    ("192.175.48.0/24", "Direct Delegation AS112 Service"),
    ("198.18.0.0/15", "Benchmarking"),
    ("198.51.100.0/24", "Documentation (TEST-NET-2)"),
    ("203.0.113.0/24", "Documentation (TEST-NET-3)"),
    ("240.0.0.0/4", "Reserved"),
    ("255.255.255.255/32", "Limited Broadcast"),
]
IANA_IPV6 = [
    ("::1/128", "Loopback Address"),
    ("::/128", "Unspecified Address"),
    ("::ffff:0:0/96", "IPv4-mapped Address"),
    ("64:ff9b::/96", "IPv4-IPv6 Translat."),
    ("64:ff9b:1::/48", "IPv4-IPv6 Translat."),
    ("100::/64", "Discard-Only Address Block"),
    ("100:0:0:1::/64", "Dummy IPv6 Prefix"),
    ("2001::/23", "IETF Protocol Assignments"),
    ("2001::/32", "TEREDO"),
    ("2001:1::1/128", "Port Control Protocol Anycast"),
    ("2001:1::2/128", "Traversal Using Relays around NAT Anycast"),
    ("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast"),
    ("2001:2::/48", "Benchmarking"),
    ("2001:3::/32", "AMT"),
    ("2001:4:112::/48", "AS112-v6"),
    ("2001:10::/28", "Deprecated (previously ORCHID)"),
    ("2001:20::/28", "ORCHIDv2"),
    ("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix"),
    ("2001:db8::/32", "Documentation"),
    ("2002::/16", "6to4"),
    ("2620:4f:8000::/48", "Direct Delegation AS112 Service"),
    ("3fff::/20", "Documentation"),
    ("5f00::/16", "Segment Routing (SRv6) SIDs"),
    ("fc00::/7", "Unique-Local"),
    ("fe80::/10", "Link-Local Unicast"),
]
# Ranges that carry an IPv4 address, judged by it: a public one passes, a private one not.
CARRIERS = {"::ffff:0:0/96", "64:ff9b::/96"}


def _samples(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> list[str]:
    first, last = int(network.network_address), int(network.broadcast_address)
    middle = (first + last) // 2
    return [
        str(ipaddress.ip_address(n))
        for n in {first, first + 1 if last > first else first, middle, last}
    ]


@pytest.mark.parametrize(("block", "name"), IANA_IPV4 + IANA_IPV6)
def test_every_iana_special_purpose_range_is_refused(block: str, name: str) -> None:
    network = ipaddress.ip_network(block)
    policy = AddressPolicy()
    if block in CARRIERS:
        inside = [str(network[0] + (127 << 24) + 1), str(network[0] + 0x0A000001)]
        assert not any(policy.allows(a) for a in inside), name
        assert policy.allows(str(network[0] + 0x08080808)), name  # 8.8.8.8 inside
        return
    refused = [a for a in _samples(network) if not policy.allows(a)]
    assert refused == _samples(network), f"{block} ({name})"


@pytest.mark.parametrize(
    "address",
    [
        "::7f00:1",  # IPv4-compatible 127.0.0.1
        "::a9fe:a9fe",  # IPv4-compatible 169.254.169.254
        "::808:808",  # IPv4-compatible, even of a public address: deprecated, never routed
        "64:ff9b:1::7f00:1",  # local-use NAT64
        "fec0::1",  # site-local
        "ff05::2",  # multicast
        "4000::1",  # outside global unicast (2000::/3)
        "224.0.0.251",  # multicast
    ],
)
def test_guard_gaps_closed(address: str) -> None:
    assert not AddressPolicy().allows(address)


@pytest.mark.parametrize(
    ("host", "dotted"),
    [
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("169.254.43518", "169.254.169.254"),
        ("10.1.", "10.0.0.1"),
        ("134744072", "8.8.8.8"),
        ("example.com", None),
        ("1.2.3.example", None),
        ("0xg", None),
    ],
)
def test_numeric_hosts_are_read_as_browsers_read_them(host: str, dotted: str | None) -> None:
    assert browser_ipv4(host) == dotted


@pytest.mark.parametrize("host", ["1.2.3.4.5", "256.1.1.1", "1.2.3.256", "4294967296", "09.1.1.1"])
def test_numbers_that_are_no_address_are_invalid(host: str) -> None:
    with pytest.raises(ValueError):
        browser_ipv4(host)


async def test_numeric_loopback_spellings_are_blocked_not_invalid(serve: ServerFactory) -> None:
    s = await serve(ok_app)
    urls = [f"http://{host}:{s.port}/ok" for host in ("127.1", "2130706433", "0x7f.0.0.1")]
    report = await check_links_async([links_doc(*urls)], fast_options(allow_private=False))
    assert [report.results[f"http://127.0.0.1:{s.port}/ok"].verdict] == [Verdict.BLOCKED]
    assert report.counts == {**report.counts, "blocked": 1, "dead": 0}
    assert s.recorder.total == 0
    allowed = await check_links_async([links_doc(*urls)], fast_options(allow_private=True))
    assert allowed.counts["ok"] == 1 and s.recorder.count("/ok") == 1


async def test_a_static_resolver_can_forward_a_port(serve: ServerFactory) -> None:
    """How the internet bench serves named hosts from 127.0.0.1: name and port both mapped."""

    async def paper(request: web.Request) -> web.Response:
        return web.Response(text="a paper")

    s = await serve(lambda app: app.router.add_get("/paper", paper))
    resolver = StaticResolver({"papers.test": "127.0.0.1"}, ports={80: s.port})
    url = "http://papers.test/paper"
    report = await check_links_async([links_doc(url)], fast_options(dns_resolver=resolver))
    assert report.results[url].verdict is Verdict.OK
    assert s.recorder.hits == {("GET", "/paper"): 1}
