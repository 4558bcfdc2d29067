"""The forum's addresses on the café's network, found without internet, and the URLs built on them."""

from __future__ import annotations

import errno
import ipaddress
import socket
import time

# Connecting a UDP socket sends nothing: it only asks the kernel which interface would route there.
# One address per private range, so the hotspot's network is found even without a default route.
PRIVATE_PROBES = ("10.255.255.255", "172.31.255.255", "192.168.255.255")
LOOPBACK = "127.0.0.1"


def lan_address(host: str = "0.0.0.0") -> str:
    """The IPv4 address that tablets and phones on the same network can reach this machine at.

    A specific --host is that address; otherwise the interface that routes to a private range, then
    the addresses of the machine's name, and 127.0.0.1 when the machine is on no network at all.
    """
    if host not in ("", "0.0.0.0", "::"):
        return host
    for probe in PRIVATE_PROBES:
        address = _route_source(probe)
        if address and _is_usable(address):
            return address
    try:
        candidates = socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        candidates = []
    for address in candidates:
        if _is_usable(address):
            return address
    return LOOPBACK


def _route_source(probe: str) -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.connect((probe, 9))
            return udp.getsockname()[0]
        except OSError:  # no route to this range
            return None


def _is_usable(address: str) -> bool:
    parsed = ipaddress.ip_address(address)
    return not (parsed.is_loopback or parsed.is_unspecified or parsed.is_link_local)


def ballot_urls(address: str, port: int, base_url: str = "/") -> tuple[str, str]:
    """(tablet URL, phone URL): the ballot in kiosk mode for shared tablets, and as it is for phones."""
    phone = f"http://{address}:{port}{base_url}voila/render/ballot.ipynb"
    return f"{phone}?kiosk=1", phone


def forum_urls(address: str, port: int, base_url: str = "/") -> tuple[str, str]:
    """(projector URL, console URL without its secret)."""
    render = f"http://{address}:{port}{base_url}voila/render/"
    return f"{render}projector.ipynb", f"{render}console.ipynb?secret="


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on host:port now (checked before Voilà starts, for a clear message)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as tornado does
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def is_listening(port: int, host: str = LOOPBACK, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until_listening(port: int, host: str, deadline: float, still_starting=lambda: True) -> bool:
    """Poll until something accepts connections on host:port, the deadline (time.monotonic) passes,
    or `still_starting()` says the server process has given up."""
    while time.monotonic() < deadline and still_starting():
        if is_listening(port, host):
            return True
        time.sleep(0.2)
    return False
