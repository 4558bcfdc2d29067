"""The live forum's methods of `Store`: shared state, moderation, live counts and results.

    >>> store.set_pacing("forum-2026-11-25", "facilitator_led")
    >>> store.open_question("forum-2026-11-25", "park")
    >>> store.reveal("forum-2026-11-25", "park")
    >>> store.projector_results("forum-2026-11-25")      # only revealed questions
    >>> store.reject("forum-2026-11-25", 7, "Bitte keine Namen von Personen.")

Every method checks its request against the session's consultation first and stores nothing when
it is wrong (InvalidRequest or UnknownSession, one line). Every change is appended in one short
transaction with its audit entry, and moves the session's version on, which watchers notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from forum_toolkit.consultation.model import Kind
from forum_toolkit.store import live, moderation, presence, tallies
from forum_toolkit.store.errors import InvalidRequest, UnknownSession
from forum_toolkit.store.records import ApprovedItem, ForumState, Item, Participation, QuestionResult, Version

GROUPINGS = ("language", "channel")


class ForumMethods:
    """Mixed into `Store`; uses its `_database`, `_writing()` and `consultation()`."""

    # Shared state

    def forum_state(self, session_id: str) -> ForumState:
        consultation = self.consultation(session_id)
        with self._database.reading() as connection:
            return live.forum_state(connection, session_id, consultation)

    def set_pacing(self, session_id: str, pacing: str) -> ForumState:
        """`facilitator_led`: tablets show what the facilitator opens; `self_paced`: their own pace."""
        self.consultation(session_id)
        return self._change(session_id, "pacing", "", live.check_pacing(pacing))

    def open_page(self, session_id: str, page_id: str) -> ForumState:
        """Open one page (all its questions) on every tablet, when the forum is facilitator-led."""
        live.check_page(self.consultation(session_id), session_id, page_id)
        return self._change(session_id, "open", "", {"page": page_id, "question": None})

    def open_question(self, session_id: str, question_id: str) -> ForumState:
        """Open one question (on its page) on every tablet, when the forum is facilitator-led."""
        consultation = self.consultation(session_id)
        live.check_question(consultation, session_id, question_id)
        return self._change(session_id, "open", "", {"page": consultation.page_of(question_id).id, "question": question_id})

    def close_question(self, session_id: str) -> ForumState:
        """Nothing open: the tablets wait for the next question."""
        self.consultation(session_id)
        return self._change(session_id, "open", "", None)

    def reveal(self, session_id: str, question_id: str) -> ForumState:
        """Let the projector show this question's results (`projector_results`). A consultation
        without live results (``live_results: false``) shows them only once the session is closed."""
        consultation = self.consultation(session_id)
        live.check_question(consultation, session_id, question_id, results=True)
        if not consultation.live_results and self.session(session_id).state != "closed":
            raise InvalidRequest(
                f"session {session_id!r}: consultation {consultation.id!r} shows no results while it runs (live_results: false); "
                "reveal them once the session is closed"
            )
        return self._change(session_id, "reveal", question_id, True)

    def show_phone_link(self, session_id: str, shown: bool = True) -> ForumState:
        """Show (or take away) the QR code and address for phones on the projector."""
        self.consultation(session_id)
        if not isinstance(shown, bool):
            raise InvalidRequest(f"show_phone_link: expected true or false, found {shown!r}")
        return self._change(session_id, "phone_link", "", shown)

    # Connected devices

    def report_presence(self, session_id: str, server_id: str, *, connected: int, started: int) -> None:
        """A Voilà process says how many pages hold a live connection to it (see `presence.py`)."""
        self.session(session_id)
        if not (isinstance(connected, int) and isinstance(started, int) and connected >= 0 and started >= 0):
            raise InvalidRequest(f"presence of {server_id!r}: expected counts of 0 or more, found {connected!r} and {started!r}")
        with self._writing() as connection:
            presence.report(connection, server_id, session_id, connected, started)

    def presence(self, session_id: str) -> presence.Presence:
        """Pages connected now to the servers of the session that reported in the last 30 seconds."""
        self.session(session_id)
        with self._database.reading() as connection:
            return presence.current(connection, session_id)

    def hide(self, session_id: str, question_id: str) -> ForumState:
        live.check_question(self.consultation(session_id), session_id, question_id, results=True)
        return self._change(session_id, "reveal", question_id, False)

    def set_second_language(self, session_id: str, language: str | None) -> ForumState:
        """The projector's second language beside German: a language code, "rotate" or None."""
        live.check_second_language(self.consultation(session_id), session_id, language)
        return self._change(session_id, "second_language", "", language)

    def version(self, session_id: str) -> Version:
        """How many facts the session has, per kind; it changes with every change (see `watch`)."""
        with self._database.reading() as connection:
            found = live.read_version(connection, session_id)
        if found is None:
            raise UnknownSession(session_id)
        return found

    def watch(self, session_id: str, **options):
        """A `Watcher` of this session's changes (asyncio; see `watch.py` for the options)."""
        from forum_toolkit.store.watch import Watcher  # noqa: PLC0415 (asyncio only where watched)

        return Watcher(self._database.engine.url.render_as_string(hide_password=False), session_id, **options)

    @contextmanager
    def _changing(self, session_id: str) -> Iterator[Connection]:
        """A write transaction in which the session's live changes take turns (see `live.lock_for_change`)."""
        with self._writing() as connection:
            if not live.lock_for_change(connection, session_id):
                raise UnknownSession(session_id)
            yield connection

    def _change(self, session_id: str, kind: str, subject: str, value) -> ForumState:
        with self._changing(session_id) as connection:
            live.change(connection, session_id, kind, subject, value)
        return self.forum_state(session_id)

    # Moderation

    def moderation_queue(self, session_id: str, statuses: tuple[str, ...] = ("pending",)) -> list[Item]:
        """The items waiting for a decision (or with the `statuses` given), oldest first. Proposals
        in ballots stored since the last look are added to the queue first."""
        self.collect_contributions(session_id)
        return [item for item in self.items(session_id) if item.status in statuses]

    def collect_contributions(self, session_id: str) -> int:
        """Add the proposals of newly stored ballots to the queue; how many were added."""
        consultation = self.consultation(session_id)
        if not any(q.kind is Kind.PROPOSAL for q in consultation.questions):
            return 0
        with self._changing(session_id) as connection:
            return moderation.collect(connection, session_id, consultation)

    def items(self, session_id: str) -> list[Item]:
        """Every contribution of the session, whatever its status, oldest first."""
        self.consultation(session_id)
        with self._database.reading() as connection:
            return list(moderation.items(connection, session_id).values())

    def item(self, session_id: str, item_id: int) -> Item:
        self.consultation(session_id)
        with self._database.reading() as connection:
            return moderation.get_item(moderation.items(connection, session_id), session_id, item_id)

    def contributions_of(self, session_id: str, submission_id: str) -> list[Item]:
        """What one participant wrote: the items from their ballot (its submission id) or their
        statement (its client id), with status and any reason for rejecting, to tell them what became
        of it. A proposal not yet in the queue is added to it first."""
        self.consultation(session_id)
        submission_id = moderation.canonical_uuid(submission_id, "submission id")

        def mine() -> list[Item]:
            with self._database.reading() as connection:
                return moderation.items_of(connection, session_id, submission_id)

        found = mine()
        if not found and self.collect_contributions(session_id):
            found = mine()
        return found

    def add_statement(self, session_id: str, question_id: str, text: str, *, language: str, channel: str, client_id: str) -> Item:
        """A participant's own statement for a statements question, pending moderation. `client_id`
        is a UUID the device makes once per statement: a retry stores nothing more."""
        consultation = self.consultation(session_id)
        client_id = moderation.check_statement(consultation, session_id, question_id, text, language, channel, client_id)
        with self._changing(session_id) as connection:
            item_id, _ = moderation.add_statement(connection, session_id, question_id, text, language, channel, client_id)
        return self.item(session_id, item_id)

    def approve(self, session_id: str, item_id: int) -> Item:
        """Let the item reach projector and ballots (also after a rejection)."""
        return self._decide(session_id, item_id, "approve")

    def reject(self, session_id: str, item_id: int, reason: str) -> Item:
        """Keep the item from projector and ballots; `reason` is shown to participants as text."""
        moderation.check_text("the reason for rejecting", reason, moderation.REASON_MAX_LENGTH)
        return self._decide(session_id, item_id, "reject", reason=reason)

    def merge(self, session_id: str, item_id: int, into_id: int) -> Item:
        """Item `item_id` says what item `into_id` says: its authors and reactions count for
        `into_id` from now on. Returns the item kept."""
        self.consultation(session_id)
        with self._changing(session_id) as connection:
            found = moderation.items(connection, session_id)
            item, kept = moderation.check_merge(found, session_id, item_id, into_id)
            moderation.decide(connection, item, "merge", into_id=kept.id)
        return self.item(session_id, into_id)

    def edit(self, session_id: str, item_id: int, *, title: str | None = None, text: str | None = None) -> Item:
        """Correct the spelling of an item; the participant's own words are kept beside it."""
        if title is None and text is None:
            raise InvalidRequest(f"item {item_id!r}: give a corrected title or text")
        consultation = self.consultation(session_id)
        with self._changing(session_id) as connection:
            item = moderation.get_item(moderation.items(connection, session_id), session_id, item_id)
            new_title, new_text = moderation.check_edit(consultation, item, title, text)
            if (new_title, new_text) != (item.title, item.text):
                moderation.decide(connection, item, "edit", title=new_title, text=new_text)
        return self.item(session_id, item_id)

    def approved_items(self, session_id: str, question_id: str | None = None) -> list[ApprovedItem]:
        """The approved items (of one question), approved text only: what projector and ballots show."""
        consultation = self.consultation(session_id)
        if question_id is not None:
            live.check_question(consultation, session_id, question_id)
        with self._database.reading() as connection:
            return moderation.approved(moderation.items(connection, session_id), question_id)

    def react(self, session_id: str, item_id: int, stance: str, *, voter: str) -> bool:
        """Record a participant's agree, disagree or pass on an approved item. `voter` is the
        device's UUID for the session; a voter's first reaction to an item holds (False: not stored)."""
        self.consultation(session_id)
        with self._changing(session_id) as connection:
            item, voter = moderation.check_reaction(moderation.items(connection, session_id), session_id, item_id, stance, voter)
            return moderation.add_reaction(connection, item, voter, stance)

    def _decide(self, session_id: str, item_id: int, action: str, **values) -> Item:
        self.consultation(session_id)
        with self._changing(session_id) as connection:
            item = moderation.get_item(moderation.items(connection, session_id), session_id, item_id)
            moderation.refuse_merged(item)
            status = "approved" if action == "approve" else "rejected"
            if (item.status, item.reason) != (status, values.get("reason")):
                moderation.decide(connection, item, action, **values)
        return self.item(session_id, item_id)

    # Live counts and results

    def participation(self, session_id: str, *, threshold: int = tallies.DEFAULT_THRESHOLD) -> Participation:
        """Submissions in all, per question, per language and per channel (small groups left out)."""
        consultation = self.consultation(session_id)
        _check_threshold(threshold)
        with self._database.reading() as connection:
            rows = live.answer_rows(connection, session_id)
        return tallies.participation(session_id, consultation.questions, rows, threshold)

    def results(self, session_id: str, question_id: str, *, group_by: str | None = None, threshold: int = tallies.DEFAULT_THRESHOLD) -> QuestionResult:
        """The live result of one question, revealed or not: for the facilitator's console only.

        `group_by`: "language", "channel" or the id of a single-choice question (e.g. an age group).
        """
        consultation = self.consultation(session_id)
        question = live.check_question(consultation, session_id, question_id, results=True)
        _check_threshold(threshold)
        grouping = self._grouping(session_id, group_by)
        with self._database.reading() as connection:
            return self._result(connection, session_id, question, grouping, threshold)

    def projector_results(self, session_id: str, *, group_by: str | None = None, threshold: int = tallies.DEFAULT_THRESHOLD) -> list[QuestionResult]:
        """The results of the revealed questions only, read with the forum state in one snapshot:
        a hidden result is never in the answer."""
        consultation = self.consultation(session_id)
        _check_threshold(threshold)
        grouping = self._grouping(session_id, group_by)
        with self._database.reading() as connection:
            state = live.forum_state(connection, session_id, consultation)
            if not consultation.live_results and state.state != "closed":
                return []
            return [self._result(connection, session_id, consultation.question(q), grouping, threshold) for q in state.revealed]

    def _grouping(self, session_id: str, group_by: str | None):
        if group_by is None:
            return None
        if group_by == "language":
            return lambda language, channel, answers: language
        if group_by == "channel":
            return lambda language, channel, answers: channel
        consultation = self.consultation(session_id)
        question = next((q for q in consultation.questions if q.id == group_by), None)
        if question is None or question.kind is not Kind.SINGLE_CHOICE:
            raise InvalidRequest(f"group_by {group_by!r}: expected 'language', 'channel' or the id of a single-choice question")
        return lambda language, channel, answers: answers.get(group_by)

    def _result(self, connection, session_id, question, grouping, threshold) -> QuestionResult:
        rows = live.answer_rows(connection, session_id)
        items = ()
        if question.kind in (Kind.STATEMENTS, Kind.PROPOSAL):
            items = moderation.item_stances(connection, session_id, moderation.items(connection, session_id), question.id)
        if grouping is None:
            return tallies.question_result(question, (answers.get(question.id) for _, _, answers in rows), items)
        pairs = [(grouping(language, channel, answers), answers.get(question.id)) for language, channel, answers in rows]
        return tallies.grouped_result(question, pairs, items, threshold)


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise InvalidRequest(f"threshold {threshold!r}: expected a whole number of people, 1 or more")
