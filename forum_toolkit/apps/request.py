"""The page's request in a preheated kernel, without importing Voilà into the kernel.

A warm kernel runs its notebook before any page has asked for it; when a tablet's page takes it,
Voilà's server sends the page's request (its query string and the like) over a websocket,
``ws://VOILA_APP_IP:VOILA_APP_PORT<base>voila/query/<kernel id>``, as one JSON object of
environment variables. Voilà's own helper (`voila.utils.wait_for_request`) imports Voilà's server
side (jupyter_server, nbconvert, jinja2...) to do that: 49 MB in every ballot kernel, nearly as much
as a bare kernel (54 MB). This module asks the same question with the websockets client alone.
"""

from __future__ import annotations

import json
import logging
import os
import sys

log = logging.getLogger("forum_toolkit.request")
CONNECT_TIMEOUT_S = 5


def page_query(environ=os.environ) -> str:
    """The query string of the page this kernel serves (waiting for the page when preheated)."""
    if environ.get("VOILA_PREHEAT", "False") != "False":
        for name, value in _request_info(environ).items():
            environ[name] = value
    return environ.get("QUERY_STRING", "")


def query_url(environ=os.environ) -> str:
    """Where Voilà's server answers a warm kernel's question for its request."""
    protocol = environ.get("VOILA_WS_PROTOCOL", "ws")
    host = environ.get("VOILA_APP_IP", "127.0.0.1")
    port = environ.get("VOILA_APP_PORT", "8866")
    base = environ.get("VOILA_WS_BASE_URL", environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{environ.get('VOILA_KERNEL_ID', '')}"


def _request_info(environ) -> dict[str, str]:
    """Wait (as long as it takes) for a page to take this kernel; its request's variables."""
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    url = query_url(environ)
    try:
        with connect(url, open_timeout=CONNECT_TIMEOUT_S) as socket:
            answer = socket.recv()
    except (OSError, TimeoutError, WebSocketException) as problem:
        print(f"forum_toolkit: no request from {url}: {problem}", file=sys.__stderr__)
        return {}
    info = json.loads(answer)
    return {str(name): str(value) for name, value in info.items()} if isinstance(info, dict) else {}
