"""`ForumVoila`: Voilà's standalone server with what a forum evening adds to it.

Run by `python -m forum_toolkit.serve.launch CONFIG.json` (see launch.py); the configuration comes
from config.py. On top of `voila.app.Voila` this class:

- finds the forum-kiosk template inside this package (serve/share/voila/templates), so an
  editable install works without copying files into a Jupyter data directory;
- reads the cookie secret from its 0600 file and passes the session and store to every kernel;
- hands every page the ballot's stylesheets and the connection banner's words from the catalogs;
- sets TCP_NODELAY on every kernel websocket;
- serves no notebook list: "/" redirects to the ballot, and the contents API is not offered;
- refuses the facilitator's console, before any kernel starts, to a link without its secret;
- tells the store every few seconds how many pages hold a live connection to it (presence.py);
- writes no secret to its log: ?secret=, ?code= (ballot codes) and ?token= values are [hidden];
- keeps the ballot's pool of warm kernels from making a page (or Ctrl-C) wait for its refill timer;
- stops when the `forum-toolkit serve` process that started it is gone.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import tornado.ioloop
import tornado.web
import voila.voila_kernel_manager
from jupyter_server.utils import url_path_join
from traitlets import Bool, Dict, List, Unicode
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from forum_toolkit.serve.config import DB_URL_VARIABLE, SESSION_VARIABLE
from forum_toolkit.serve.facilitator import secret_matches
from forum_toolkit.serve.page_texts import template_resources
from forum_toolkit.serve.presence import PresenceReporter
from forum_toolkit.serve.pool import RefillTimer, prepare_pool
from forum_toolkit.serve.runtime import read_cookie_secret

# A Jupyter data directory inside the package: <here>/share/voila/templates/forum-kiosk.
SHARE_DIR = Path(__file__).resolve().parent / "share"


class NoDelayKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """A page's kernel websocket with Nagle's algorithm off: each small frame leaves at once."""

    async def open(self, kernel_id):
        self.set_nodelay(True)
        await super().open(kernel_id)


# Query parameters whose values must not reach the log: the facilitator secret, ballot codes, tokens.
SECRET_PARAMETER = re.compile(r"(?i)([?&][^=&#]*(?:secret|code|token|key)[^=&#]*=)[^&#]*")
access_log = logging.getLogger("tornado.access")


def log_request(handler: tornado.web.RequestHandler) -> None:
    """Tornado's access log line, with secret values in the address hidden."""
    status = handler.get_status()
    level = logging.INFO if status < 400 else logging.WARNING if status < 500 else logging.ERROR
    uri = SECRET_PARAMETER.sub(r"\1[hidden]", handler.request.uri or "")
    access_log.log(level, "%d %s %s (%s) %.2fms", status, handler.request.method, uri, handler.request.remote_ip, 1000.0 * handler.request.request_time())


REFUSED_PAGE = (
    '<!doctype html><html lang="de"><meta charset="utf-8"><title>Nur für die Moderation</title>'
    "<p>Diese Seite ist nur für die Moderation. Bitte den Link mit dem Schlüssel verwenden.</p></html>"
)


class ForumRenderHandler(TornadoVoilaHandler):
    """Voilà's page handler, with the pool put in order before a page takes a kernel from it, and
    protected notebooks refused (403, no kernel started) to a link without their secret."""

    refill_timer: RefillTimer | None = None
    protected: dict[str, str] = {}  # notebook file name -> SHA-256 of the secret that opens it

    async def get(self, path=None):
        name = Path(self.notebook_path or path or "").name
        if name in self.protected and not secret_matches(self.get_query_argument("secret", ""), self.protected[name]):
            self.log.warning("refused %s: no or wrong facilitator secret (from %s)", name, self.request.remote_ip)
            self.set_status(403)
            self.finish(REFUSED_PAGE)
            return
        await super().get(path=path)

    async def get_generator(self, path=None):
        self._forum_notebook = self.notebook_path or path
        async for html in super().get_generator(path=path):
            yield html

    def should_use_rendered_notebook(self, notebook_data, pool_size, template_name, theme, request_args):
        # Voilà sends a page with ?template= or ?theme= to a cold kernel even when it ignores
        # them (override "NO"): the pool serves those pages too, rendered the one allowed way.
        if self.voila_configuration.allow_template_override == "NO":
            template_name = None
        if self.voila_configuration.allow_theme_override == "NO":
            theme = None
        use_pool = super().should_use_rendered_notebook(notebook_data, pool_size, template_name, theme, request_args)
        pools = getattr(self.kernel_manager, "_pools", {})  # VoilaKernelManager's, voila 0.5
        if use_pool and self.refill_timer is not None and self._forum_notebook in pools:
            prepare_pool(pools[self._forum_notebook], self.refill_timer)
            use_pool = bool(pools[self._forum_notebook])  # failed starts were dropped
        return use_pool


class ForumVoila(Voila):
    """Voilà configured for a forum evening: see the module docstring and config.py."""

    cookie_secret_file = Unicode("", config=True, help="A file with the cookie secret as hex (mode 0600).")
    kernel_env = Dict(
        {}, config=True, help="Environment variables for every kernel (FORUM_SESSION, FORUM_DB_URL, VOILA_APP_IP)."
    )
    tcp_nodelay = Bool(True, config=True, help="Set TCP_NODELAY on kernel websockets.")
    home_notebook = Unicode(
        "", config=True, help="'/' redirects to this notebook; when set, the notebook list is not served."
    )
    stylesheets = List(Unicode(), config=True, help="CSS files inlined into every page (the ballot's widgets).")
    watch_parent = Bool(True, config=True, help="Stop when the process that started this one exits.")
    protected_notebooks = Dict(
        {}, config=True, help="Notebook file name -> SHA-256 of the secret its link must carry (?secret=)."
    )

    def initialize(self, argv=None):
        # Templates are looked up in every Jupyter data directory (voila.paths, at start and for
        # each static file), so the package's own directory goes first on JUPYTER_PATH.
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SHARE_DIR), os.environ.get("JUPYTER_PATH")]))
        super().initialize(argv=[] if argv is None else argv)
        # Kernels copy the server's environment when they start (pooled and per-page alike).
        os.environ.update(self.kernel_env)
        if self.cookie_secret_file:
            self.cookie_secret = read_cookie_secret(Path(self.cookie_secret_file))
        # Voilà passes VoilaConfiguration.resources (read from the config, on every page) to the
        # template: it inlines `resources.forum_css` and `resources.forum_connection_texts`.
        resources = dict(self.config.VoilaConfiguration.get("resources", None) or {})
        resources.update(template_resources(self.stylesheets))
        self.config.VoilaConfiguration.resources = resources
        self.refill_timer = RefillTimer()
        voila.voila_kernel_manager.wait_before = self.refill_timer.wait_before
        ForumRenderHandler.refill_timer = self.refill_timer
        ForumRenderHandler.protected = dict(self.protected_notebooks)
        self.tornado_settings = {**self.tornado_settings, "log_function": log_request}

    def init_handlers(self) -> list:
        handlers = []
        for spec in super().init_handlers():
            pattern, handler, *rest = spec
            if self.home_notebook and handler in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue  # participants must not browse to the console or the projector
            if handler is TornadoVoilaHandler:
                handler = ForumRenderHandler
            if handler is VoilaKernelWebsocketHandler and self.tcp_nodelay:
                handler = NoDelayKernelWebsocketHandler
            handlers.append((pattern, handler, *rest))
        if self.home_notebook:
            home = url_path_join(self.base_url, "voila/render", self.home_notebook)
            handlers.insert(0, (url_path_join(self.server_url, "/?"), tornado.web.RedirectHandler, {"url": home}))
        return handlers

    def listen(self):
        session_id, db_url = self.kernel_env.get(SESSION_VARIABLE), self.kernel_env.get(DB_URL_VARIABLE)
        self.presence = PresenceReporter(self.kernel_manager, db_url, session_id, self.port) if session_id and db_url else None
        if self.presence is not None:
            self.presence.start()
        if self.watch_parent:
            parent = os.getppid()

            def stop_if_orphaned():
                if os.getppid() != parent:
                    self.log.warning("forum-toolkit serve is gone: stopping")
                    tornado.ioloop.IOLoop.current().stop()

            tornado.ioloop.PeriodicCallback(stop_if_orphaned, 2000).start()
        super().listen()

    def stop(self):
        self.refill_timer.stop()  # sleeping pool refills end now instead of starting kernels
        if getattr(self, "presence", None) is not None:
            self.presence.stop()
        super().stop()
