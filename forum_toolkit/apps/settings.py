"""What one ballot page runs with: the session, kiosk or phone, a code and a language from the
page's link, the kiosk's countdown from the server, and the channel of a staff ballot.

    BallotSettings.from_request(os.environ, "kiosk=1&lang=ar")   # a tablet's page
    BallotSettings(session_id, channel="paper")                 # the console's paper ballot
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from forum_toolkit.serve.config import KIOSK_RESET_SECONDS, MAX_RESET_SECONDS, RESET_SECONDS_VARIABLE, SESSION_VARIABLE, ServeConfigError
from forum_toolkit.store import StoreError

STAFF_CHANNELS = ("paper", "assisted")  # typed or helped by staff at the console


@dataclass(frozen=True)
class BallotSettings:
    session_id: str
    kiosk: bool = False  # a shared tablet: start again for the next person
    code: str = ""  # filled in from the QR link of a code slip
    language: str = ""  # a language chosen in the link (?lang=ar)
    reset_seconds: int = KIOSK_RESET_SECONDS
    channel: str = ""  # "paper" or "assisted", set by the console; "": a tablet (kiosk) or a phone

    def __post_init__(self):
        if self.channel not in ("", *STAFF_CHANNELS):
            raise ValueError(f"channel {self.channel!r}: expected 'paper' or 'assisted' (set by the console), or none for tablets and phones")

    @property
    def staff(self) -> bool:
        """Staff enter this ballot (paper, assisted): it keeps its own pace."""
        return self.channel in STAFF_CHANNELS

    @classmethod
    def from_request(cls, environ: dict, query: str) -> BallotSettings:
        """The server's settings from the kernel's environment; the page's own from its query string.

        The kiosk countdown is the operator's (`forum-toolkit serve --reset-seconds`), never the
        link's: a participant must not keep the previous person's answers on the screen. Nor is the
        channel: only the console makes paper and assisted ballots.
        """
        params = {key: values[-1] for key, values in parse_qs(query or "").items()}
        session_id = environ.get(SESSION_VARIABLE, "")
        if not session_id:
            raise StoreError("no session to run: start the forum with `forum-toolkit serve SESSION`")
        return cls(
            session_id=session_id,
            kiosk=params.get("kiosk", "") in ("1", "true", "yes"),
            code=params.get("code", "")[:40],
            language=params.get("lang", "")[:20],
            reset_seconds=_reset_seconds(environ),
        )


def _reset_seconds(environ: dict) -> int:
    value = environ.get(RESET_SECONDS_VARIABLE, "").strip()
    if not value:
        return KIOSK_RESET_SECONDS
    if not value.isdigit() or not 1 <= int(value) <= MAX_RESET_SECONDS:
        raise ServeConfigError(
            f"{RESET_SECONDS_VARIABLE}={value!r}: expected whole seconds from 1 to {MAX_RESET_SECONDS}; "
            "forum-toolkit serve --reset-seconds N sets it"
        )
    return int(value)
