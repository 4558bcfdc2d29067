"""Widget callbacks that never fail silently and never show a traceback to a participant.

Voilà shows exceptions raised in widget callbacks nowhere (not on the page, not in the server log).
`guarded` catches them: a forged or replayed tap (StageError) is refused and written to the audit
log; anything else is logged with its traceback on the server's stderr and the participant reads a
short, translated message.
"""

from __future__ import annotations

import functools
import logging
import sys
from typing import Any, Callable

from forum_toolkit.apps.flow import StageError

log = logging.getLogger("forum_toolkit.ballot")
if not log.handlers:
    # The kernel's sys.stderr goes to the page; the process's own stderr goes to the server's log.
    _handler = logging.StreamHandler(sys.__stderr__)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def guarded(callback: Callable[..., Any], app: Any) -> Callable[..., Any]:
    """`callback`, made safe for a participant's tap. `app` has a store, settings and show_error."""

    @functools.wraps(callback)
    def safe(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except StageError as refused:
            log_refusal(app.store, app.settings.session_id, "out_of_order", str(refused))
        except Exception:  # noqa: BLE001 - every failure is logged and answered, none is shown raw
            log.exception("ballot callback %s failed (session %s)", callback.__name__, app.settings.session_id)
            app.show_error()
        return None

    return safe


def log_refusal(store: Any, session_id: str, reason: str, detail: str) -> None:
    """A tap that the ballot refused (a replayed Submit, a forged click): into the audit log."""
    log.warning("refused %s in session %s: %s", reason, session_id, detail)
    try:
        store.record_refusal(session_id, reason, {"detail": detail[:200]})
    except Exception:  # noqa: BLE001 - the audit log must not turn a refusal into a crash
        log.exception("could not record the refusal in the audit log")
