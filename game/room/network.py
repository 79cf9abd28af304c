"""Where teams can reach the room, and plain words when they cannot.

Rooms run on school and council networks, where the usual failures are a
port already in use, a firewall that drops incoming connections, and guest
Wi-Fi that stops laptops seeing each other. The host binds its socket itself
(so a failure is reported before anything else starts) and tests that its LAN
address answers; what it cannot test from the inside — another laptop getting
through — it names as the likely cause.
"""

from __future__ import annotations

import errno
import socket

FIREWALL_HINT = ("If teams cannot connect: allow Python through this laptop's firewall for private "
                 "networks, and check that all laptops are on the same Wi-Fi (guest and school networks "
                 "often stop devices seeing each other; a phone hotspot is a quick way round).")


class NetworkError(Exception):
    """The room cannot listen; the message says what failed and what to try."""


def bind(port: int, host: str = "") -> socket.socket:
    """A listening TCP socket on every interface (or `host`), or a NetworkError in plain words."""
    # proto=IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off only on sockets that say they are TCP, and
    # with it on, each burst of small replies waits ~40 ms for the client's delayed ACK
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if hasattr(socket, "SO_REUSEADDR") and not _windows():
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise NetworkError(_explain_bind(exc, port)) from None
    sock.setblocking(False)
    return sock


def _windows() -> bool:
    import sys

    return sys.platform == "win32"


def _explain_bind(exc: OSError, port: int) -> str:
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return (f"port {port} is already in use (is another room or program using it?); "
                "choose another with --port, e.g. --port 8766")
    if exc.errno in (errno.EACCES, getattr(errno, "WSAEACCES", -1)):
        return (f"not allowed to listen on port {port} (ports below 1024 need administrator rights, "
                "and some managed laptops block listening altogether); try --port 8765")
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"this computer has no such address to listen on ({exc.strerror})"
    return f"cannot listen on port {port}: {exc.strerror or exc}"


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other laptops might use, best guess first; may be empty."""
    found: list[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # UDP connect sends nothing; it only picks the outgoing interface
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if address not in found:
                found.append(address)
    except OSError:
        pass
    return [a for a in found if not a.startswith("127.") and a != "0.0.0.0"]


def answers(address: str, port: int, timeout: float = 1.0) -> bool:
    """Whether a TCP connection to address:port succeeds from here."""
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return True
    except OSError:
        return False


def reachability_report(port: int) -> list[str]:
    """Lines for the host's banner: where to join and whether those addresses answer."""
    addresses = lan_addresses()
    if not addresses:
        return [f"This laptop has no network address: only programs on this laptop can join (localhost:{port}).",
                "Connect to the same Wi-Fi as the teams and restart the room."]
    lines = []
    for address in addresses:
        ok = answers(address, port)
        lines.append(f"  {address}:{port}" + ("" if ok else "   (does not answer even from this laptop: "
                                                            "a firewall is blocking it)"))
    return ["Teams join at:", *lines, FIREWALL_HINT]
