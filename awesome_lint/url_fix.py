"""The fix that rewrites a link's URL (a permanent redirect's target, from the link checker),
written as a Markdown link destination may hold it. At the bottom of the layers, so that the
link checker makes the fix without importing the fix loop (:mod:`.fix`) above it."""

from __future__ import annotations

from urllib.parse import quote

from .diagnostics import Edit, Fix
from .model import Link


def redirect_fix(link: Link, final_url: str) -> Fix | None:
    """The fix of a permanent redirect: the link's URL replaced by its target (keeping the
    written fragment), written as a link destination may hold it; None when it cannot be."""
    target = link_destination(final_url)
    if target is None:
        return None
    fragment = link.url.partition("#")[2]
    if fragment and "#" not in target:
        target = f"{target}#{quote(fragment, safe=_URL_SAFE)}"
    span = link.url_span
    return Fix((Edit(span.start, span.end, target),), safe=True, description="use the new URL")


# Characters kept as they are in a path, query and fragment: not "(", ")", "<", ">", "[", "]",
# spaces, quotes, backslashes or controls, which end a Markdown link destination or break it.
_URL_SAFE = "/:@!$&'*+,;=-._~%?"


def link_destination(url: str) -> str | None:
    """An absolute http(s) URL as a Markdown link destination may hold it: host in IDNA
    form, unsafe characters percent-encoded; None for anything else (another scheme, no
    host, credentials, a host that cannot be encoded)."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
        if parts.scheme.lower() not in ("http", "https") or not host or parts.username:
            return None
        if ":" in host:
            netloc = f"[{host}]"  # IPv6
        else:
            netloc = host.encode("idna").decode("ascii")
            if not all(ch.isalnum() or ch in "-." for ch in netloc):
                return None
    except (ValueError, UnicodeError):
        return None
    netloc += f":{port}" if port is not None else ""
    path, query, fragment = (quote(part, safe=_URL_SAFE) for part in parts[2:])
    return urlunsplit((parts.scheme.lower(), netloc, path or "/", query, fragment))
