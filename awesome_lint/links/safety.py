"""Refuse to fetch private addresses: the checker runs in CI on URLs written by strangers.

An address is refused when it lies in a range of the IANA special-purpose registries (private,
loopback, link-local (the cloud metadata address 169.254.169.254 among them), shared,
documentation and other reserved ranges, unspecified), is multicast, or, for IPv6, lies outside
global unicast; an IPv4 address inside IPv6 (mapped, NAT64) is judged as IPv4. Numeric host
names are read as browsers read them (``127.1`` is 127.0.0.1). Host
names are checked after DNS resolution (:class:`GuardedResolver`, so the connection can only
go to an address that was checked) and literal addresses before connecting, at every hop of
a redirect chain.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Mapping

from aiohttp.abc import AbstractResolver, ResolveResult

from .collect import browser_ipv4

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BlockedAddressError(OSError):
    """Raised instead of connecting to a refused address."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to {address}, a private or reserved address")
        self.host = host
        self.address = address


# Every entry of the IANA special-purpose address registries (iana-ipv4-special-registry and
# iana-ipv6-special-registry): loopback, private, shared, link-local, documentation,
# benchmarking, protocol and anycast assignments. No page a list links to lives there, and
# several reach inside the machine or its network, so all are refused.
SPECIAL_IPV4 = tuple(
    ipaddress.IPv4Network(n)
    for n in (
        *("0.0.0.0/8", "0.0.0.0/32", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8"),
        *("169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32"),
        *("192.0.0.9/32", "192.0.0.10/32", "192.0.0.170/32", "192.0.0.171/32", "192.0.2.0/24"),
        *("192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16"),
        *("192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24"),
        *("240.0.0.0/4", "255.255.255.255/32"),
        "224.0.0.0/4",  # multicast (its own registry)
    )
)
SPECIAL_IPV6 = tuple(
    ipaddress.IPv6Network(n)
    for n in (
        *("::1/128", "::/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64"),
        *("100:0:0:1::/64", "2001::/23", "2001::/32", "2001:1::1/128", "2001:1::2/128"),
        *("2001:1::3/128", "2001:2::/48", "2001:3::/32", "2001:4:112::/48", "2001:10::/28"),
        *("2001:20::/28", "2001:30::/28", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48"),
        *("3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10"),
        *("fec0::/10", "ff00::/8"),  # site-local (deprecated) and multicast
    )
)
# Global unicast: every other IPv6 block is reserved (IPv4-compatible ``::a.b.c.d`` among
# them) or special.
GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
# Two IPv6 ranges carry an IPv4 address and are judged by it: IPv4-mapped addresses, and the
# well-known NAT64 prefix (a DNS64 network, such as an IPv6-only CI runner, answers with it).
MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public(ip: IPAddress) -> bool:
    """True when ``ip`` is a globally routable unicast address outside every special range."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip.is_global and not any(ip in net for net in SPECIAL_IPV4)
    if ip in MAPPED or ip in NAT64:
        return is_public(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return ip in GLOBAL_UNICAST and ip.is_global and not any(ip in net for net in SPECIAL_IPV6)


class AddressPolicy:
    """Which addresses may be connected to."""

    def __init__(self, allow_private: bool = False, allow_networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.allowed: tuple[Network, ...] = tuple(
            ipaddress.ip_network(n, strict=False) for n in allow_networks
        )

    def allows(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        if self.allow_private or is_public(ip):
            return True
        return any(ip.version == net.version and ip in net for net in self.allowed)


def literal_address(host: str) -> str | None:
    """The address when ``host`` is an IP literal (``[::1]`` or ``::1`` or ``10.0.0.1``), in
    any IPv4 spelling a browser accepts (``127.1``, ``2130706433``, ``0x7f.0.0.1``)."""
    candidate = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        pass
    try:
        return browser_ipv4(candidate)
    except ValueError:
        return None


class GuardedResolver(AbstractResolver):
    """Resolves through ``inner`` and returns only the addresses the policy allows.

    When none is left the lookup fails with :class:`BlockedAddressError`, so aiohttp never
    opens a socket to a refused address. Every host goes through it, the service APIs' too:
    a mirror on a private address needs ``--allow-network`` like any other.
    """

    def __init__(self, inner: AbstractResolver, policy: AddressPolicy) -> None:
        self.inner = inner
        self.policy = policy
        # Answers kept for the run: each name is looked up once, and the checker can tell
        # which names share a server (a hanging server is given up once, not once a name).
        self.answers: dict[tuple[str, int, int], list[ResolveResult]] = {}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        key = (host.lower().rstrip("."), port, int(family))
        if key in self.answers:
            return self.answers[key]
        results = await self.inner.resolve(host, port, family)
        allowed = [r for r in results if self.policy.allows(r["host"])]
        if not allowed:
            raise BlockedAddressError(host, results[0]["host"] if results else "?")
        self.answers[key] = allowed
        return allowed

    def addresses(self, host: str) -> set[str]:
        """The addresses ``host`` resolved to so far in this run."""
        name = host.lower().rstrip(".")
        return {r["host"] for (h, _, _), found in self.answers.items() if h == name for r in found}

    async def close(self) -> None:
        await self.inner.close()


class StaticResolver(AbstractResolver):
    """Answers from a fixed table (host name → addresses); other names do not exist.

    For tests and for pinning names, like ``curl --resolve``. ``ports`` forwards ports
    (443 → 8443: every name's https connections go to port 8443): how ``bench/internet.py``
    serves github.com, arxiv.org and the rest from 127.0.0.1. A library object, never a
    setting: no configuration file can reach it.
    """

    def __init__(
        self, table: Mapping[str, str | Iterable[str]], ports: Mapping[int, int] | None = None
    ) -> None:
        self.table = {k.lower(): ([v] if isinstance(v, str) else list(v)) for k, v in table.items()}
        self.ports = dict(ports or {})

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        name = host.lower().rstrip(".")
        addresses = self.table.get(name)
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        port = self.ports.get(port, port)
        return [
            {
                "hostname": host,
                "host": a,
                "port": port,
                "family": socket.AF_INET6 if ":" in a else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for a in addresses
        ]

    async def close(self) -> None:
        return None
