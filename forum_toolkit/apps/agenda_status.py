"""What became of the residents' proposals: the public page of `notebooks/agenda-status.ipynb`.

    show_agenda_status()   # the session from ?session=... or FORUM_SESSION; ?lang=ar opens it in Arabic

The page shows what `forum-toolkit agenda-report` shows, from `Store.report_entries`: each item of
the council's adopted agenda with its title and text in the resident's language (and in its
author's, marked as the original; a translation says who made it), its latest status with its day,
and every dated note, newest first. Nothing else reaches the page: no moderation queue, no proposal
that is not on the agenda (a rejected one neither, nor its reason), no ballot, no count, no author.
Every participant's and council's text is an escaped text block (screens.label).

Like the ballot, it starts with the languages of the round to choose from (unless the link names
one), then keeps a bar to switch; Arabic and Farsi read right to left (the root's ft-dir-rtl, which
the kiosk template copies to the page). The agenda is read once, when the page opens: reload for
news. A link naming a session that does not exist, or that has no adopted agenda, shows one line and
nothing of the store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import parse_qs

import ipywidgets as w

from forum_toolkit.agenda.document import origin_label
from forum_toolkit.agenda.errors import AgendaError
from forum_toolkit.agenda.report import ReportEntry
from forum_toolkit.agenda.words import word
from forum_toolkit.apps import screens
from forum_toolkit.apps.guard import guarded, log
from forum_toolkit.i18n import wording_for
from forum_toolkit.serve.config import SESSION_VARIABLE
from forum_toolkit.store import Store, StoreError, UnknownSession, open_store

SESSION_ID_MAX = 100


@dataclass(frozen=True)
class StatusSettings:
    """The session whose agenda the page shows, and a language the link chose ("": none)."""

    session_id: str
    language: str = ""

    @classmethod
    def from_request(cls, environ: dict, query: str) -> StatusSettings:
        """`?session=` if the link names one, else the server's session (FORUM_SESSION)."""
        params = {key: values[-1] for key, values in parse_qs(query or "").items()}
        return cls(params.get("session", "")[:SESSION_ID_MAX] or environ.get(SESSION_VARIABLE, ""), params.get("lang", "")[:20])


class AgendaStatusApp:
    """One page: the language screen, then the agenda's items and what became of them."""

    def __init__(self, store: Store, settings: StatusSettings):
        self.store = store
        self.settings = settings
        self.root = w.VBox()
        for css_class in ("ft-ballot", "ft-agenda-status"):
            self.root.add_class(css_class)
        self.consultation = None
        self.entries: list[ReportEntry] = []
        try:
            self.consultation = store.consultation(settings.session_id)
            self.entries = store.report_entries(settings.session_id)
        except (UnknownSession, AgendaError) as missing:  # a link to nothing: say so, show nothing
            log.info("agenda status page for %r: %s", settings.session_id, missing)
            self.consultation = None
        codes = self.consultation.language_codes if self.consultation is not None else ()
        self.language = settings.language if settings.language in codes else ""
        self.render()

    @property
    def wording(self):
        fallback = self.consultation.default_language if self.consultation is not None else "de"
        return wording_for(self.language or fallback, self.consultation)

    def show_error(self) -> None:
        self.root.children = [screens.label(self.wording.ui("Something went wrong. Please try again or ask the staff."), "ft-status")]

    def choose_language(self, language: str) -> None:
        if self.consultation is not None and language in self.consultation.language_codes:
            self.language = language
            self.render()

    # -- drawing ----------------------------------------------------------------------------

    def render(self) -> None:
        old = list(self.root.children)
        wording = self.wording
        self._mark_language(wording)
        if self.consultation is None:
            screen = screens.box([screens.label(wording.ui("There is no agenda to show here."), "ft-prompt")], "ft-screen", "ft-missing")
            self.root.children = [screen]
        elif not self.language:
            self.root.children = [screens.language_screen(self.consultation, wording, guarded(self.choose_language, self))]
        else:
            self.root.children = [self._language_bar(), self._agenda(wording)]
        for widget in old:
            screens.close_tree(widget)

    def _mark_language(self, wording) -> None:
        """ft-lang-<code> and ft-dir-* on the root, as the ballot does (the template reads them)."""
        wanted = {f"ft-lang-{wording.language}", f"ft-dir-{wording.direction}"}
        wanted |= {"ft-rtl"} if wording.direction == "rtl" else set()
        wanted |= {"ft-lang-unchosen"} if not self.language else set()
        ours = [c for c in self.root._dom_classes if c == "ft-rtl" or c.startswith(("ft-lang-", "ft-dir-"))]
        for css_class in set(ours) - wanted:
            self.root.remove_class(css_class)
        for css_class in sorted(wanted - set(ours)):
            self.root.add_class(css_class)

    def _language_bar(self) -> w.Widget:
        choices = [
            screens.button(language.name, lambda code=language.code: guarded(self.choose_language, self)(code), "ft-language-small", f"ft-lang-{language.code}")
            for language in self.consultation.languages
            if language.code != self.language
        ]
        return screens.box(choices, "ft-language-bar", row=True)

    def _agenda(self, wording) -> w.Widget:
        parts: list[w.Widget] = [
            screens.label(wording.ui("What became of the proposals"), "ft-title"),
            screens.label(wording.text(self.consultation.title), "ft-description"),
        ]
        parts += [self._item(entry, wording) for entry in self.entries]  # each a card like a ballot's question
        return screens.box(parts, "ft-screen", "ft-agenda")

    def _item(self, entry: ReportEntry, wording) -> w.Widget:
        language, candidate = self.language, entry.candidate
        shown = candidate.text_in(language) or candidate.original
        parts = [screens.label(f"{word('item', language, n=entry.position)}: {shown.title}", "ft-question-text", "ft-agenda-title")]
        if shown.text:
            parts.append(screens.label(shown.text, "ft-agenda-text"))
        parts.append(screens.label(origin_label(shown, language), "ft-help", "ft-agenda-origin"))
        if shown is not candidate.original:  # the author's own words too
            parts.append(screens.label(candidate.original.title, "ft-agenda-original"))
            parts.append(screens.label(origin_label(candidate.original, language), "ft-help", "ft-agenda-origin"))
        if entry.notes:
            status, on, _ = entry.notes[-1]
            parts.append(screens.label(wording.ui("{status} since {date}", status=word(status, language), date=on.isoformat()), "ft-marker", "ft-agenda-status-line"))
            parts += [
                screens.label(f"{on.isoformat()} · {word(status, language)}: {note}", "ft-agenda-note")
                for status, on, note in reversed(entry.notes)
            ]
        elif entry.adopted_on is not None:
            parts.append(screens.label(wording.ui("On the agenda since {date}", date=entry.adopted_on.isoformat()), "ft-marker", "ft-agenda-status-line"))
        return screens.box(
            parts, "ft-question", f"ft-dir-{wording.direction}", "ft-agenda-item", f"ft-agenda-item-{entry.position}", f"ft-status-{entry.status}"
        )


def show_agenda_status(db_url: str | None = None) -> AgendaStatusApp:
    """Build the page for this request and display it (what notebooks/agenda-status.ipynb calls)."""
    from IPython.display import display

    from forum_toolkit.apps.request import page_query

    settings = StatusSettings.from_request(dict(os.environ), page_query())
    if not settings.session_id:
        raise StoreError("no session to show: open the page with ?session=SESSION or start it with `forum-toolkit serve SESSION`")
    app = AgendaStatusApp(open_store(db_url), settings)
    display(app.root)
    return app
