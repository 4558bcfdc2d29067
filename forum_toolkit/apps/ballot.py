"""The ballot app on a tablet or phone: what `notebooks/ballot.ipynb` shows.

    show_ballot()   # reads FORUM_SESSION, FORUM_DB_URL and FORUM_RESET_SECONDS (set by
                    # `forum-toolkit serve`), and ?kiosk=1&code=...&lang=... from the page

One `BallotApp` serves one kernel, which is one browser page: a shared tablet in kiosk mode starts
again for the next person after the thank-you screen, with every widget of the previous person
closed; a phone stays on its thank-you screen. "Saved" is shown only after the store has committed.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from urllib.parse import parse_qs

import ipywidgets as w

from forum_toolkit.apps import screens
from forum_toolkit.apps.flow import BallotFlow, Stage, StageError
from forum_toolkit.apps.guard import guarded, log_refusal
from forum_toolkit.i18n import problem_text, refusal_text, wording_for
from forum_toolkit.i18n.ballot_strings import NEXT_PERSON
from forum_toolkit.serve.config import (
    KIOSK_RESET_SECONDS, MAX_RESET_SECONDS, RESET_SECONDS_VARIABLE, SESSION_VARIABLE, ServeConfigError,
)  # fmt: skip
from forum_toolkit.store import Store, StoreError, SubmissionRefused, open_store
from forum_toolkit.widgets import view_for  # importing the package registers every kind's view

CODE_REASONS = {"code_required", "code_unknown", "code_used", "code_other_session"}


@dataclass(frozen=True)
class BallotSettings:
    session_id: str
    kiosk: bool = False  # a shared tablet: start again for the next person
    code: str = ""  # filled in from the QR link of a code slip
    language: str = ""  # a language chosen in the link (?lang=ar)
    reset_seconds: int = KIOSK_RESET_SECONDS

    @classmethod
    def from_request(cls, environ: dict, query: str) -> BallotSettings:
        """The server's settings from the kernel's environment; the page's own from its query string.

        The kiosk countdown is the operator's (`forum-toolkit serve --reset-seconds`), never the
        link's: a participant must not keep the previous person's answers on the screen.
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


class BallotApp:
    def __init__(self, store: Store, settings: BallotSettings):
        self.store = store
        self.settings = settings
        self.consultation = store.consultation(settings.session_id)
        self.root = w.VBox()
        self.root.add_class("ft-ballot")
        self._views: list = []
        self._page: screens.PageScreen | None = None  # the page of questions on the screen, if any
        self._countdown: w.HTML | None = None
        self._reset_task: asyncio.TimerHandle | None = None
        self.new_participant()

    @property
    def channel(self) -> str:
        return "tablet" if self.settings.kiosk else "phone"

    # -- participants -----------------------------------------------------------------------

    def new_participant(self) -> None:
        """A fresh ballot: nothing of the previous person's answers survives, not even closed widgets."""
        language = self.settings.language if self.settings.language in self.consultation.language_codes else None
        self.flow = BallotFlow(self.consultation, language=language)
        self.typed_code = self.settings.code if not self.settings.kiosk else ""
        self.message = ""
        self.render()

    @property
    def wording(self):
        return wording_for(self.flow.language, self.consultation)

    # -- drawing ----------------------------------------------------------------------------

    def render(self) -> None:
        old = list(self.root.children)
        for view in self._views:
            view.close()
        self._views, self._page = [], None
        wording = self.wording
        self._mark_language(wording)
        screen = self._screen(wording)
        header = [] if self.flow.stage is Stage.LANGUAGE else [self._language_bar()]
        self.status = screens.label("", "ft-status", "ft-empty")
        self.root.children = [*header, screen, self.status]
        for widget in old:
            screens.close_tree(widget)

    def _mark_language(self, wording) -> None:
        """Say the page's language and direction on the root: ft-lang-<code>, ft-dir-rtl or ft-dir-ltr
        (and ft-rtl for the stylesheet). The kiosk template's forum-page.js copies them to
        <html lang dir>, so that a screen reader speaks the chosen language. ft-lang-unchosen: the
        start screen, before anyone chose (the link named no language)."""
        unchosen = self.flow.stage is Stage.LANGUAGE and self.settings.language not in self.consultation.language_codes
        wanted = {f"ft-lang-{self.flow.language}", f"ft-dir-{wording.direction}"}
        wanted |= {"ft-rtl"} if wording.direction == "rtl" else set()
        wanted |= {"ft-lang-unchosen"} if unchosen else set()
        ours = [c for c in self.root._dom_classes if c == "ft-rtl" or c.startswith(("ft-lang-", "ft-dir-"))]
        for css_class in set(ours) - wanted:
            self.root.remove_class(css_class)
        for css_class in sorted(wanted - set(ours)):
            self.root.add_class(css_class)

    def _screen(self, wording) -> w.Widget:
        stage = self.flow.stage
        if stage is Stage.LANGUAGE:
            return screens.language_screen(self.consultation, wording, guarded(self.choose_language, self))
        if stage is Stage.CODE:
            return screens.code_screen(wording, self.typed_code, self.message, guarded(self.check_code, self))
        if stage is Stage.PAGE:
            self._views = [self._view(q, wording) for q in self.flow.questions_on_page()]
            self._page = screens.PageScreen(
                self.flow.page, self.flow.page_number + 1, len(self.flow.pages_shown()), self._views, wording,
                guarded(self.back, self), guarded(self.next, self), self.message,
            )  # fmt: skip
            return self._page.widget
        if stage is Stage.REVIEW:
            return screens.review_screen(
                self.flow.review_pages(), self.flow.final_answers(), wording,
                guarded(self.change_page, self), guarded(self.back, self), guarded(self.submit, self),
            )  # fmt: skip
        return screens.thanks_screen(wording, self._countdown)

    def _view(self, question, wording):
        return view_for(question, wording, answer=self.flow.answers.get(question.id), on_change=guarded(self.answer_changed, self))

    def _language_bar(self) -> w.Widget:
        choices = [
            screens.button(
                language.name, lambda code=language.code: guarded(self.choose_language, self)(code), "ft-language-small",
                f"ft-lang-{language.code}",
            )
            for language in self.consultation.languages
            if language.code != self.flow.language
        ]
        return screens.box(choices, "ft-language-bar", row=True)

    def show_error(self) -> None:
        """Something failed that the participant cannot fix: say so briefly, in their language."""
        screens.set_text(self.status, self.wording.ui("Something went wrong. Please try again or ask the staff."))
        self.status.remove_class("ft-empty")

    # -- taps -------------------------------------------------------------------------------

    def choose_language(self, language: str) -> None:
        self.flow.choose_language(language)
        if self.flow.stage is Stage.LANGUAGE:
            self.flow.start()
        self.message = ""
        self.render()

    def check_code(self, typed: str) -> None:
        self.typed_code = typed[:40]
        reason = self.store.check_code(self.settings.session_id, self.typed_code)
        if reason is None:
            self.flow.accept_code(self.typed_code)
            self.message = ""
        else:
            self.message = refusal_text(reason, self.wording)
        self.render()

    def answer_changed(self, question_id: str, answer) -> None:
        """Keep the answer; when a condition shows or hides questions on this page, change only the
        list of questions (and "Page 2 of 7"): Back, Next and the questions that stay are the same
        widgets, so a tap on one of them made while the page changes still arrives."""
        page_before = self.flow.page.id if self.flow.stage is Stage.PAGE else None
        self.flow.set_answer(question_id, answer)
        if self._page is None or self.flow.stage is not Stage.PAGE or self.flow.page.id != page_before:
            self.render()  # not a page of questions (a forged answer elsewhere): draw what the flow says
            return
        self._page.show_progress(self.flow.page_number + 1, len(self.flow.pages_shown()))
        shown = self.flow.questions_on_page()
        if [q.id for q in shown] == [view.question.id for view in self._views]:
            return
        kept = {view.question.id: view for view in self._views}
        wording = self.wording
        self._views = [kept.pop(q.id) if q.id in kept else self._view(q, wording) for q in shown]
        self._page.show_questions(self._views)
        for view in kept.values():
            view.close()  # hidden now: closed, so that its comms cannot be replayed

    def next(self) -> None:
        problems = self.flow.next()
        if problems:
            wording = self.wording
            for view in self._views:
                view.show_problems([problem_text(p, wording) for p in problems.get(view.question.id, [])])
            return
        self.message = ""
        self.render()

    def back(self) -> None:
        self.flow.back()
        self.render()

    def change_page(self, page_id: str) -> None:
        self.flow.go_to_page(page_id)
        self.render()

    def submit(self) -> None:
        """Store the ballot; only a commit leads to "saved". A second submit is refused and logged."""
        if self.flow.stage is not Stage.REVIEW:
            log_refusal(self.store, self.settings.session_id, "repeated_submit", self.flow.stage.value)
            return
        try:
            self.store.submit(
                self.settings.session_id, self.flow.final_answers(), language=self.flow.language, channel=self.channel,
                submission_id=self.flow.submission_id, code=self.flow.code,
            )  # fmt: skip
        except SubmissionRefused as refusal:
            self.message = refusal_text(refusal.reason, self.wording)
            if refusal.reason in CODE_REASONS and self.flow.needs_code:
                self.flow = _back_to_code(self.flow)
            self.render()
            return
        self.flow.saved()
        if self.settings.kiosk:
            self._start_countdown()
        self.render()

    # -- kiosk ------------------------------------------------------------------------------

    def _start_countdown(self) -> None:
        self._countdown = screens.label("", "ft-help")
        self._tick(self.settings.reset_seconds)

    def _tick(self, seconds: int) -> None:
        if seconds <= 0:
            self._countdown = None
            self.new_participant()
            return
        screens.set_text(self._countdown, self.wording.ui_plural(*NEXT_PERSON, seconds))
        self._reset_task = asyncio.get_event_loop().call_later(1, guarded(self._tick, self), seconds - 1)


def _back_to_code(flow: BallotFlow) -> BallotFlow:
    """Keep the answers, ask for another code (the one given was refused when storing)."""
    flow.stage, flow.code = Stage.CODE, None
    return flow


def _query_string() -> str:
    """The page's query string, also in a preheated kernel, which runs before any request."""
    try:
        from voila.utils import wait_for_request
    except ImportError:  # running outside Voilà (a plain Jupyter kernel, a test)
        return os.environ.get("QUERY_STRING", "")
    return wait_for_request() or os.environ.get("QUERY_STRING", "")


def show_ballot(db_url: str | None = None) -> BallotApp:
    """Build the ballot for this page and display it (what notebooks/ballot.ipynb calls)."""
    from IPython.display import display

    settings = BallotSettings.from_request(dict(os.environ), _query_string())
    app = BallotApp(open_store(db_url), settings)
    display(app.root)
    return app
