"""Which hosts the app may fetch images from: public addresses only (no Qt, so the HTML tests use it too).

A digest is untrusted, and an image address in it is fetched by the user's computer, inside their network:
``http://127.0.0.1:8080/admin``, a router at ``192.168.0.1`` or a cloud metadata service at
``169.254.169.254`` must never be asked for anything. An address written as a number is judged here at once;
a name is refused when it can only be local (``localhost``, ``*.localhost``, a single label such as
``intranet``, ``*.local`` and the other private suffixes) and otherwise resolved by the media cache, off the
GUI thread, and refused when any of its addresses is not public.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Literal

Verdict = Literal["public", "private", "name"]

LOCAL_SUFFIXES = (".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home", ".corp",
                  ".home.arpa", ".test", ".invalid", ".example")
"""Name suffixes that never name a public host (RFC 6761, RFC 6762, RFC 8375 and common private uses)."""


def address_is_public(text: str) -> bool:
    """True for a literal IP address that is globally routable (IPv4-mapped IPv6 judged as its IPv4)."""
    try:
        address = ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def host_verdict(host: str) -> Verdict:
    """``public`` or ``private`` for a literal address or a local-only name; ``name`` when it must be resolved."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if not name:
        return "private"
    try:
        ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        pass
    else:
        return "public" if address_is_public(name) else "private"
    if name == "localhost" or "." not in name or name.endswith(LOCAL_SUFFIXES):
        return "private"
    if name.replace(".", "").isdigit():  # 127.1, 2130706433: numbers a resolver reads as addresses
        return "private"
    return "name"


def addresses_are_public(addresses: Iterable[str]) -> bool:
    """True when a name resolved to at least one address and every one of them is public."""
    found = list(addresses)
    return bool(found) and all(address_is_public(address) for address in found)
