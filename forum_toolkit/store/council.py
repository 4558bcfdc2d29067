"""The council's methods of `Store`: proposals with their translations, voting rounds over the
approved ones, the adopted agenda and what became of each item.

    >>> store.translate("council-2026-12", 7, "de", title="Mehr Deutschkurse", text="...", origin="human")
    >>> store.create_round("council-2026-12", RoundPlan("council-2027-01", "ranking", top=5),
    ...                    title="Ausländerbeirat: Abstimmung Januar", held_on=date(2027, 1, 10))
    >>> store.adopt_agenda("council-2027-01", agenda)
    >>> store.note_status("council-2027-01", 2, "discussed", "Im Beirat am 14. Januar besprochen.", on=date(2027, 1, 14))

Moderation is the forum's (approve, reject with a reason, merge, edit: `forum.py`). Every request is
checked before anything is written, and a refused one stores nothing.
"""

from __future__ import annotations

from datetime import date

from forum_toolkit.agenda.errors import AgendaError
from forum_toolkit.agenda.model import Agenda, Candidate, ProposalText
from forum_toolkit.agenda.report import ReportEntry
from forum_toolkit.agenda.round import QUESTION_ID, RoundPlan, option_id, round_consultation_text
from forum_toolkit.agenda.status import check_note, check_status_change
from forum_toolkit.store import agendas, moderation, proposals
from forum_toolkit.store.council_records import AdoptedAgenda, Proposal, StatusNote, Translation, VotingRound
from forum_toolkit.store.errors import InvalidRequest


class CouncilMethods:
    """Mixed into `Store`; uses its `_database`, `_writing()`, `consultation()`, `items()` and `create_session()`."""

    # Proposals and their translations

    def proposals(self, session_id: str, statuses: tuple[str, ...] = ("approved",)) -> list[Proposal]:
        """The session's proposals with these moderation statuses, oldest first, each with the latest
        translation per language. Proposals in ballots stored since the last look are collected first."""
        self.collect_contributions(session_id)
        with self._database.reading() as connection:
            found = moderation.items(connection, session_id)
            translated = proposals.latest(proposals.translations(connection, session_id))
        return [proposals.proposal_of(item, translated) for item in found.values() if item.kind == "proposal" and item.status in statuses]

    def translate(self, session_id: str, item_id: int, language: str, *, title: str, text: str, origin: str = "human") -> Translation:
        """Add a version of the proposal's title and text in `language` (never replacing an earlier one).

        `origin`: human (a volunteer) or machine (a program run beforehand: nothing is translated
        here, and nothing goes to the internet)."""
        consultation = self.consultation(session_id)
        with self._writing() as connection:
            item = moderation.get_item(moderation.items(connection, session_id), session_id, item_id)
            proposals.check_translation(consultation, item, language, title, text, origin)
            proposals.add_translation(connection, item, language, title, text, origin)
        return self.translation_history(session_id, item_id, language)[-1]

    def translation_history(self, session_id: str, item_id: int, language: str | None = None) -> list[Translation]:
        """Every version of the proposal's translations (into `language`), oldest first."""
        self.consultation(session_id)
        with self._database.reading() as connection:
            moderation.get_item(moderation.items(connection, session_id), session_id, item_id)
            versions = proposals.translations(connection, session_id)
        return [v for v in versions if v.proposal_id == item_id and language in (None, v.language)]

    # Voting rounds

    def create_round(self, proposals_session_id: str, plan: RoundPlan, *, title: str, held_on: date):
        """A new session (planned) voting on the approved proposals of `proposals_session_id`, with
        the ballot kind of `plan`, the same languages and the same access (codes or open)."""
        from forum_toolkit.consultation.load import load_consultation_text  # noqa: PLC0415 (load is heavy)

        source = self.consultation(proposals_session_id)
        approved = self.proposals(proposals_session_id)
        candidates = [_candidate(p) for p in approved]
        text = round_consultation_text(plan, candidates, languages=source.languages, default_language=source.default_language, access=source.access.value)
        consultation = load_consultation_text(text, source=f"the round {plan.round_id} of {proposals_session_id}")
        info = self.create_session(consultation, text, plan.round_id, title, held_on)
        with self._writing() as connection:
            proposals.add_round(connection, plan.round_id, proposals_session_id, QUESTION_ID, {c.option_id: c.proposal_id for c in candidates})
        return info

    def voting_round(self, session_id: str) -> VotingRound | None:
        """The round this session is, or None when it is a session of its own file."""
        self.session(session_id)
        with self._database.reading() as connection:
            return proposals.voting_round(connection, session_id)

    def candidates(self, session_id: str, question_id: str) -> list[Candidate]:
        """What a question of the session counts: a round's proposals (their current texts and
        translations), or the options of the consultation file (their labels)."""
        consultation = self.consultation(session_id)
        found = self.voting_round(session_id)
        if found is not None and found.question_id == question_id:
            by_id = {p.id: p for p in self.proposals(found.proposals_session_id, ("pending", "approved", "rejected", "merged"))}
            return [_candidate(by_id[proposal], option) for option, proposal in found.options]
        question = consultation.question(question_id)
        options = question.rows if hasattr(question, "rows") else question.options
        return [
            Candidate(o.id, consultation.default_language, tuple(ProposalText(lang, label, "", "file") for lang, label in o.label.values))
            for o in options
        ]

    # The agenda and what became of it

    def adopt_agenda(self, session_id: str, agenda: Agenda) -> AdoptedAgenda:
        """Record `agenda` (built from a count of this session) as the council's; once per session."""
        self.session(session_id)
        if agenda.session_id != session_id:
            raise InvalidRequest(f"the agenda was counted from session {agenda.session_id!r}, not {session_id!r}")
        with self._writing() as connection:
            earlier = agendas.adopted(connection, session_id)
            if earlier is not None:
                raise AgendaError(f"session {session_id!r} already has an agenda, adopted {earlier.adopted_at:%Y-%m-%d %H:%M} UTC; an agenda is adopted once")
            items = [(item.candidate.option_id, item.candidate.proposal_id) for item in agenda.items]
            agendas.adopt(connection, session_id, agenda.question_id, agenda.method, agenda.seats, agenda.result.tie_break.policy, agenda.ballots, items)
        return self.adopted_agenda(session_id)

    def adopted_agenda(self, session_id: str) -> AdoptedAgenda:
        self.session(session_id)
        with self._database.reading() as connection:
            found = agendas.adopted(connection, session_id)
        if found is None:
            raise AgendaError(f"session {session_id!r} has no adopted agenda yet; adopt one with: forum-toolkit agenda {session_id} --method NAME --seats K --adopt")
        return found

    def note_status(self, session_id: str, position: int, status: str, note: str, *, on: date) -> StatusNote:
        """Append what became of agenda item `position`: a status allowed after its current one, a
        public note, and the day it happened."""
        check_note(note)
        if not isinstance(on, date):
            raise InvalidRequest(f"date {on!r}: expected a day, e.g. 2027-01-14")
        agenda = self.adopted_agenda(session_id)
        with self._writing() as connection:
            item_id = agendas.lock_item(connection, session_id, position)
            if item_id is None:
                raise AgendaError(f"the agenda of session {session_id!r} has items 1 to {len(agenda.items)}, not {position!r}")
            status = check_status_change(position, agendas.latest_status(connection, item_id), status)
            agendas.add_status(connection, session_id, item_id, position, status, on, note)
        return self.adopted_agenda(session_id).item(position).notes[-1]

    def report_entries(self, session_id: str) -> list[ReportEntry]:
        """The adopted agenda's items with their texts and status notes: what the report, its CSV
        and the public status page show (nothing of moderation beyond the items themselves)."""
        adopted = self.adopted_agenda(session_id)
        candidates = {c.option_id: c for c in self.candidates(session_id, adopted.question_id)}
        return [
            ReportEntry(i.position, candidates[i.option_id], tuple((n.status, n.on, n.note) for n in i.notes), adopted.adopted_at.date())
            for i in adopted.items
        ]


def _candidate(proposal: Proposal, option: str | None = None) -> Candidate:
    texts = [ProposalText(proposal.language, proposal.title, proposal.text, "author")]
    texts += [ProposalText(t.language, t.title, t.text, t.origin) for t in proposal.translations]
    return Candidate(option or option_id(proposal.id), proposal.language, tuple(texts), proposal.category, proposal.id, proposal.authors)
