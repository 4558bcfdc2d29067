"""How many pages hold a live connection to this Voilà process, told to the store every few seconds.

The facilitator's console adds up what every process serving the session says (`Store.presence`)
and warns when many tablets lose their connection at once (`apps/console.py`). A page counts while
its kernel has an open websocket: a tablet whose Wi-Fi dropped closes it within seconds, a phone
put away keeps it until the operating system closes it. The projector's and the console's pages
count too.

The counts come from the kernel manager's table of open connections per kernel, the one that
jupyter_server keeps for culling (`_kernel_connections`, a private name: if a version drops it,
nothing is reported and the console shows no count, never a wrong one). The store is written from a
worker thread, never from the server's event loop.
"""

from __future__ import annotations

import logging
import os
import socket
from concurrent.futures import ThreadPoolExecutor

import tornado.ioloop

log = logging.getLogger("forum_toolkit.presence")
INTERVAL_S = 10


class PresenceReporter:
    def __init__(self, kernel_manager, db_url: str, session_id: str, port: int, interval_s: float = INTERVAL_S):
        self.kernel_manager = kernel_manager
        self.db_url = db_url
        self.session_id = session_id
        self.server_id = f"{socket.gethostname()}:{port}:{os.getpid()}"
        self.interval_s = interval_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="forum-presence")
        self._store = None
        self._pending = None
        self._callback: tornado.ioloop.PeriodicCallback | None = None

    def counts(self) -> tuple[int, int] | None:
        """(pages connected, kernels held), or None when the kernel manager does not say."""
        connections = getattr(self.kernel_manager, "_kernel_connections", None)
        if not isinstance(connections, dict):
            return None
        return sum(1 for count in connections.values() if count > 0), len(self.kernel_manager.list_kernel_ids())

    def start(self) -> None:
        self.tick()
        self._callback = tornado.ioloop.PeriodicCallback(self.tick, self.interval_s * 1000)
        self._callback.start()

    def tick(self) -> None:
        counts = self.counts()
        if counts is None or (self._pending is not None and not self._pending.done()):
            return  # nothing to say, or the last report is still on its way
        self._pending = self._executor.submit(self._report, *counts)

    def stop(self) -> None:
        """Say that this process serves nobody any more, then stop."""
        if self._callback is not None:
            self._callback.stop()
        self._executor.submit(self._report, 0, 0).result(timeout=10)
        self._executor.shutdown(wait=False)
        if self._store is not None:
            self._store.close()

    def _report(self, connected: int, started: int) -> None:
        try:
            if self._store is None:
                from forum_toolkit.store import open_store  # noqa: PLC0415 (only in a server that reports)

                self._store = open_store(self.db_url)
            self._store.report_presence(self.session_id, self.server_id, connected=connected, started=started)
        except Exception:  # noqa: BLE001 - a lost report must not stop the server; the console then shows no count
            log.exception("could not report connected devices to the store")
