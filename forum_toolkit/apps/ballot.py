"""The ballot app on a tablet or phone: what `notebooks/ballot.ipynb` shows.

    show_ballot()   # reads FORUM_SESSION, FORUM_DB_URL and FORUM_RESET_SECONDS (set by
                    # `forum-toolkit serve`), and ?kiosk=1&code=...&lang=... from the page

One `BallotApp` serves one kernel, which is one browser page: a shared tablet in kiosk mode starts
again for the next person after the thank-you screen, with every widget of the previous person
closed; a phone stays on its thank-you screen. "Saved" is shown only after the store has committed.

Following the facilitator. Each page runs one asyncio task (`start()`, following.py) that watches
the store for the facilitator's changes, reads the forum state and the approved statements in a
worker thread, and redraws on the kernel's loop; it ends with the kernel, or after `max_seconds`
(6 h). When the pacing is
`facilitator_led`, the ballot shows only the page, or the single question, that the facilitator
opened, and "Please wait: the next question comes soon" while nothing is open or after "Done";
when the facilitator opens another question, the screen switches to it, with every answer kept.
`self_paced` is the ballot as always: Back and Next through the pages.

One ballot per person, also when the facilitator leads. Answers are kept in the kernel as she
gives them; she submits them all once, from the review, which she can open at any time ("Review
and submit" beside every question and on the waiting screen). Why not a ballot per opened
question: the store holds one ballot per person (a submission is a participant in every count, a
ballot code opens exactly one, a ballot answers the consultation's required questions, and a
submission id is stored once, a retry storing nothing), so per-question ballots would count one
person several times and spend her code on the first question. The price: results revealed
during the evening count the ballots submitted so far; a facilitator who wants every vote in them
asks the room to submit first. A required question the facilitator never opened is shown to her
before the ballot goes (`BallotFlow.ready`). Her reactions to statements that other participants
wrote (`Store.react`) are sent just after her ballot is stored, with her ballot's id as the voter,
so that one person reacts once, also on a shared tablet; a retry stores neither twice. Her own
statement (`Store.add_statement`) is sent when she taps "Send statement": it waits for moderation,
and only approved text ever reaches a ballot, always as text.

Paper and assisted ballots: the facilitator's console runs a BallotApp with `channel` "paper"
(staff type a paper form) or "assisted" (staff help a participant). The channel is never read from
a link. These ballots go at their own pace whatever the room does, are checked like any other and
counted with their channel; a paper form shows no participants' statements (they are not on paper).
"""

from __future__ import annotations

import asyncio
import os
import uuid

import ipywidgets as w

from forum_toolkit.apps import screens
from forum_toolkit.apps.flow import SELF_PACED, BallotFlow, Stage, StageError
from forum_toolkit.apps.following import MAX_SECONDS, Follower, Live, Mine, read_live
from forum_toolkit.apps.guard import guarded, log, log_refusal
from forum_toolkit.apps.settings import BallotSettings
from forum_toolkit.consultation.model import Kind
from forum_toolkit.i18n import problem_text, refusal_text, wording_for
from forum_toolkit.i18n.ballot_strings import NEXT_PERSON
from forum_toolkit.store import InvalidRequest, Store, SubmissionRefused, open_store
from forum_toolkit.store.moderation import STATEMENT_MAX_LENGTH
from forum_toolkit.store.records import ForumState
from forum_toolkit.widgets import StatementsView, view_for  # importing the package registers every kind's view

CODE_REASONS = {"code_required", "code_unknown", "code_used", "code_other_session"}


class BallotApp:
    """One ballot page. `on_saved(app)` is called after each stored ballot (the console starts a
    fresh paper ballot so); `start()` keeps the page following the store (see the module docstring)."""

    def __init__(self, store: Store, settings: BallotSettings, *, on_saved=None, max_seconds: float = MAX_SECONDS):
        self.store = store
        self.settings = settings
        self.consultation = store.consultation(settings.session_id)
        self.on_saved = on_saved
        self.max_seconds = max_seconds
        self.task: asyncio.Task | None = None
        self.root = w.VBox()
        self.root.add_class("ft-ballot")
        self._views: list = []
        self._page: screens.PageScreen | None = None  # the page of questions on the screen, if any
        self._countdown: w.HTML | None = None
        self._reset_task: asyncio.TimerHandle | None = None
        self._statement_ids: dict[tuple[str, str], str] = {}  # (question, text) -> the client id sent with it
        self._mine: dict[int, Mine] = {}  # her own statements, as moderation has them
        self._mine_ids: tuple[int, ...] = ()  # their ids, for the worker thread that reads the store
        self.live = self.read_live()  # once, before the page is shown; then the task follows the store
        self.new_participant()

    @property
    def channel(self) -> str:
        if self.settings.channel:
            return self.settings.channel
        return "tablet" if self.settings.kiosk else "phone"

    # -- participants -----------------------------------------------------------------------

    def new_participant(self) -> None:
        """A fresh ballot: nothing of the previous person's answers survives, not even closed widgets."""
        language = self.settings.language if self.settings.language in self.consultation.language_codes else None
        self.flow = BallotFlow(self.consultation, language=language)
        self._statement_ids, self._mine, self._mine_ids = {}, {}, ()  # the next person on a kiosk sees nothing of hers
        self._follow(self.live.state)
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
            led = self.flow.following
            self._page = screens.PageScreen(
                self.flow.page, self.flow.page_number + 1, len(self.flow.pages_shown()), self._views, wording,
                guarded(self.review if led else self.back, self), guarded(self.next, self), self.message, led=led,
            )  # fmt: skip
            return self._page.widget
        if stage is Stage.WAITING:
            has_answers = bool(self.flow.answers or self.flow.reactions)
            return screens.waiting_screen(wording, self.flow.can_resume, has_answers, guarded(self.resume, self), guarded(self.review, self))
        if stage is Stage.REVIEW:
            return screens.review_screen(
                self.flow.review_pages(), self.flow.final_answers(), wording,
                guarded(self.change_page, self), guarded(self.back, self), guarded(self.submit, self),
            )  # fmt: skip
        return screens.thanks_screen(wording, self._countdown)

    def _view(self, question, wording):
        view = view_for(question, wording, answer=self.flow.answers.get(question.id), on_change=guarded(self.answer_changed, self))
        if question.kind is Kind.STATEMENTS and self.channel != "paper":
            self._show_items(view)
            view.offer_own_statement(guarded(lambda text, q=question.id: self.add_statement(q, text), self), STATEMENT_MAX_LENGTH)
            view.show_own([(m.text, m.status, m.reason) for m in self._mine.values() if m.question_id == question.id])
        return view

    def _show_items(self, view: StatementsView) -> None:
        view.show_items(self.live.items.get(view.question.id, ()), self.flow.reactions, guarded(self.react, self))

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

    def react(self, item_id: int, stance: str | None) -> None:
        """Her reaction to a participant's statement: kept with her answers, sent with her ballot."""
        self.flow.react(item_id, stance)

    def add_statement(self, question_id: str, text: str) -> bool:
        """Her own statement, stored at once for moderation. A retry of the same text (a lost
        answer, a double tap) sends the same client id, so the store keeps it once."""
        if self.flow.stage is not Stage.PAGE or question_id not in {q.id for q in self.flow.questions_on_page()}:
            raise StageError(f"question {question_id!r} is not on the screen")
        client_id = self._statement_ids.setdefault((question_id, text), str(uuid.uuid4()))
        item = self.store.add_statement(
            self.settings.session_id, question_id, text, language=self.flow.language, channel=self.channel, client_id=client_id
        )
        self._mine[item.id] = Mine(item.id, question_id, item.original_text, item.status, item.reason)
        self._mine_ids = tuple(self._mine)
        self._show_mine()
        return True

    def _show_mine(self) -> None:
        for view in self._views:
            if isinstance(view, StatementsView) and hasattr(view, "own_list"):
                view.show_own([(m.text, m.status, m.reason) for m in self._mine.values() if m.question_id == view.question.id])

    def review(self) -> None:
        """Facilitator-led: to the review, whenever she likes."""
        self.flow.review()
        self.message = ""
        self.render()

    def resume(self) -> None:
        self.flow.resume()
        self.render()

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
        problems = self.flow.ready() if self.flow.following else {}  # self-paced, every page was checked on Next
        if problems:  # a required question she was never shown: to its page, marked
            self.message = self.wording.ui("Please check the marked questions.")
            self.render()
            wording = self.wording
            for view in self._views:
                view.show_problems([problem_text(p, wording) for p in problems.get(view.question.id, [])])
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
        self._send_reactions()  # a failure here leaves her at the review: Submit again stores the ballot once
        self.flow.saved()
        if self.settings.kiosk:
            self._start_countdown()
        self.render()
        if self.on_saved is not None:
            self.on_saved(self)

    def _send_reactions(self) -> None:
        for item_id, stance in sorted(self.flow.reactions.items()):
            try:
                self.store.react(self.settings.session_id, item_id, stance, voter=self.flow.submission_id)
            except InvalidRequest as refused:  # taken back in moderation since she reacted
                log.info("reaction to item %s in session %s not stored: %s", item_id, self.settings.session_id, refused)

    # -- following the store (following.py) -----------------------------------------------------

    def read_live(self) -> Live:
        """The forum state and the approved statements (blocking: the task runs it in a worker thread)."""
        return read_live(
            self.store, self.consultation, self.settings.session_id, pace=not self.settings.staff, items=self.channel != "paper",
            mine=self._mine_ids,
        )  # fmt: skip

    def apply(self, live: Live) -> None:
        """Show what the store holds now: another opened question (redraw, answers kept), or other
        approved statements (only their cards change)."""
        items_changed = live.items != self.live.items
        self.live = live
        mine = {m.id: m for m in live.mine if m.id in self._mine}  # read for her, not for a person before
        mine_changed = any(self._mine[i] != m for i, m in mine.items())
        self._mine.update(mine)
        if self._follow(live.state):
            self.message = ""
            self.render()
            return
        if items_changed:
            for view in self._views:
                if isinstance(view, StatementsView):
                    self._show_items(view)
        if mine_changed:
            self._show_mine()

    def _follow(self, state: ForumState | None) -> bool:
        if state is None:  # staff ballots keep their own pace
            return self.flow.follow(SELF_PACED, None, None)
        return self.flow.follow(state.pacing, state.open_page, state.open_question)

    def start(self) -> asyncio.Task:
        """Follow the store from now on, in a task on the kernel's loop (see following.py)."""
        self.follower = Follower(self.store, self.settings.session_id, self.read_live, guarded(self.apply, self), max_seconds=self.max_seconds)
        self.task = self.follower.start()
        return self.task

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()

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
    """The page's query string, also in a preheated kernel, which runs before any request
    (apps/request.py: without importing Voilà into the kernel)."""
    from forum_toolkit.apps.request import page_query

    return page_query()


def show_ballot(db_url: str | None = None) -> BallotApp:
    """Build the ballot for this page and display it (what notebooks/ballot.ipynb calls)."""
    from IPython.display import display

    settings = BallotSettings.from_request(dict(os.environ), _query_string())
    app = BallotApp(open_store(db_url), settings)
    display(app.root)
    app.start()
    return app
