"""Refuse to fetch private addresses: the checker runs in CI on URLs written by strangers.

An address is refused when it is not globally routable (private, loopback, link-local (the
cloud metadata address 169.254.169.254 among them), shared, documentation and other reserved
ranges, unspecified) or multicast, for IPv4 and IPv6, IPv4 embedded in IPv6 included. Host
names are checked after DNS resolution (:class:`GuardedResolver`, so the connection can only
go to an address that was checked) and literal addresses before connecting, at every hop of
a redirect chain.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Mapping

from aiohttp.abc import AbstractResolver, ResolveResult

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddressError(OSError):
    """Raised instead of connecting to a refused address."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to {address}, a private or reserved address")
        self.host = host
        self.address = address


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPAddress) -> bool:
    """True when ``ip`` is a globally routable unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        v4 = _embedded_ipv4(ip)
        if v4 is not None and not is_public(v4):
            return False
    return ip.is_global and not ip.is_multicast


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
    """The address when ``host`` is an IP literal (``[::1]`` or ``::1`` or ``10.0.0.1``)."""
    candidate = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class GuardedResolver(AbstractResolver):
    """Resolves through ``inner`` and returns only the addresses the policy allows.

    When none is left the lookup fails with :class:`BlockedAddressError`, so aiohttp never
    opens a socket to a refused address. Hosts in ``trusted`` (the configured service
    endpoints: the user chose them, not the list) are not checked.
    """

    def __init__(
        self,
        inner: AbstractResolver,
        policy: AddressPolicy,
        trusted: Iterable[str] = (),
    ) -> None:
        self.inner = inner
        self.policy = policy
        self.trusted = frozenset(h.lower() for h in trusted)

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self.inner.resolve(host, port, family)
        if host.lower().rstrip(".") in self.trusted:
            return results
        allowed = [r for r in results if self.policy.allows(r["host"])]
        if not allowed:
            raise BlockedAddressError(host, results[0]["host"] if results else "?")
        return allowed

    async def close(self) -> None:
        await self.inner.close()


class StaticResolver(AbstractResolver):
    """Answers from a fixed table (host name → addresses); other names do not exist.

    For tests and for pinning names, like ``curl --resolve``.
    """

    def __init__(self, table: Mapping[str, str | Iterable[str]]) -> None:
        self.table = {k.lower(): ([v] if isinstance(v, str) else list(v)) for k, v in table.items()}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = self.table.get(host.lower().rstrip("."))
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
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
