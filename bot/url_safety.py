"""Which feed URLs may be fetched, and which addresses a chat-added feed may connect to.

Feeds added from chat are untrusted: anyone in a channel could point the bot at the
host's own admin ports or the cloud metadata service. So they may only be http(s), and
the connection itself refuses loopback, private, link-local, multicast and reserved
addresses. The check runs on every address the connector is about to connect to (a
socket factory), after DNS, so a name that resolves to a public address when the feed is
added and to 127.0.0.1 later (DNS rebinding) is still refused, and so is a redirect to a
private address. Operator feeds (config, CLI, OPML import) may point anywhere.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlparse

OPERATOR, CHAT = "operator", "chat"
WEB_SCHEMES = ("http", "https")


class UnsafeAddressError(OSError):
    """A chat-added feed tried to connect to an address it may not reach."""


def scheme_error(url: str, added_by: str) -> str:
    """Why `url` may not be fetched for a feed added this way, or "" when it may."""
    scheme = urlparse(url).scheme.lower()
    if scheme in WEB_SCHEMES:
        return ""
    if scheme == "file" and added_by != CHAT:
        return ""
    if scheme == "file":
        return "file:// feeds can only be added by the operator (config or CLI)"
    return f"unsupported URL scheme {scheme!r} (use http or https)"


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses (IPv4-mapped IPv6 judged as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def public_only_socket(addr_info: tuple) -> socket.socket:
    """aiohttp `socket_factory` that refuses to open a socket towards a non-public address."""
    family, kind, proto, _canonical, sockaddr = addr_info
    if not is_public_address(str(sockaddr[0])):
        raise UnsafeAddressError(
            f"refused to connect to {sockaddr[0]}: feeds added from chat may not reach "
            "loopback, private, link-local, multicast or reserved addresses")
    sock = socket.socket(family=family, type=kind, proto=proto)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock
