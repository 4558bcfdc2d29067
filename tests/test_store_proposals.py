"""The council's proposals in the store: translations (every version kept), voting rounds over the
approved proposals, the adopted agenda and its status notes; on both backends. A refused request
stores nothing."""

from __future__ import annotations

from datetime import date

import pytest

from forum_toolkit.agenda import AgendaError, InvalidStatusChange, RoundPlan, build_agenda
from forum_toolkit.store import InvalidRequest, UnknownSession
from forum_toolkit.voting import count
from agenda_support import ROUND, SCRIPT, SESSION, collect, vote


@pytest.fixture
def council(fresh_store):
    collect(fresh_store)
    return fresh_store


def events(store, name):
    return [entry.detail for entry in store.audit() if entry.event == name]


def test_proposals_keep_the_authors_language_and_channel_and_no_identity(council):
    found = council.proposals(SESSION, ("approved", "rejected", "merged"))
    assert [(p.id, p.status, p.language, p.channel, p.authors) for p in found] == [
        (1, "approved", "de", "tablet", 2),
        (2, "approved", "ar", "tablet", 1),
        (3, "approved", "fa", "phone", 1),
        (4, "merged", "de", "paper", 1),
        (5, "approved", "ar", "paper", 1),
        (6, "rejected", "de", "assisted", 1),
    ]
    assert found[4].title == SCRIPT
    assert found[5].reason == "Bitte keine Namen von Personen."
    assert [p.id for p in council.proposals(SESSION)] == [1, 2, 3, 5]


def test_translations_keep_every_version_and_the_latest_holds(council):
    council.translate(SESSION, 2, "de", title="Dolmetscher in der Schule", text="Für Elterngespräche.", origin="machine")
    council.translate(SESSION, 2, "de", title="Dolmetscher an Schulen", text="Für Elternabende.", origin="human")
    council.translate(SESSION, 2, "en", title="Interpreters at school", text="For parents' evenings.")
    [proposal] = [p for p in council.proposals(SESSION) if p.id == 2]
    assert [(t.language, t.title, t.origin) for t in proposal.translations] == [
        ("de", "Dolmetscher an Schulen", "human"),
        ("en", "Interpreters at school", "human"),
    ]
    history = council.translation_history(SESSION, 2, "de")
    assert [(v.title, v.origin) for v in history] == [("Dolmetscher in der Schule", "machine"), ("Dolmetscher an Schulen", "human")]
    assert events(council, "proposal_translated")[0] == {"item": 2, "language": "de", "origin": "machine"}


@pytest.mark.parametrize(
    ("item", "language", "title", "text", "origin", "message"),
    [
        (2, "de", "Dolmetscher", "   ", "human", "item 2: the de text is empty: write at least one character"),
        (2, "de", "", "Text", "human", "item 2: the de title is empty: write at least one character"),
        (2, "ar", "مترجمون", "نص", "human", "item 2 was written in 'ar': correct its spelling with an edit, not a translation"),
        (2, "tr", "Tercüman", "Metin", "human", "language 'tr': expected one of de, en, ar, fa"),
        (2, "de", "Dolmetscher", "Text", "robot", "origin 'robot': expected one of human, machine"),
        (4, "en", "German course", "Evenings", "human", "item 4 was merged into item 1; translate item 1"),
        (99, "en", "Nothing", "Nothing", "human", "session 'council-2026-12' has no item 99 to moderate"),
    ],
)
def test_a_bad_translation_is_one_clear_error_and_stores_nothing(council, item, language, title, text, origin, message):
    with pytest.raises(InvalidRequest) as refused:
        council.translate(SESSION, item, language, title=title, text=text, origin=origin)
    assert str(refused.value) == message
    assert council.translation_history(SESSION, 2) == []
    assert events(council, "proposal_translated") == []


def test_a_round_is_a_session_over_the_approved_proposals_with_the_same_languages_and_codes(council):
    council.translate(SESSION, 3, "de", title="Nachtbus", text="Nach 22 Uhr fährt kein Bus.", origin="machine")
    info = council.create_round(SESSION, RoundPlan(ROUND, "ranking", top=3), title="Abstimmung Januar", held_on=date(2027, 1, 10))
    assert (info.id, info.state, info.submissions) == (ROUND, "planned", 0)
    consultation = council.consultation(ROUND)
    assert consultation.language_codes == ("de", "en", "ar", "fa")
    assert consultation.access.value == "codes"
    [question] = consultation.questions
    assert (question.id, question.kind.value, question.top, question.required) == ("agenda_round", "ranking", 3, True)
    labels = {o.id: dict(o.label.values) for o in question.options}
    assert labels == {
        "p1": {"de": "Deutschkurs am Abend"},
        "p2": {"ar": "مترجمون في المدرسة"},
        "p3": {"fa": "اتوبوس شبانه", "de": "Nachtbus (maschinell übersetzt)"},
        "p5": {"ar": SCRIPT},
    }
    assert question.options[1].label.get("de").is_fallback  # shown in Arabic, visibly not German
    found = council.voting_round(ROUND)
    assert (found.proposals_session_id, found.question_id, found.options) == (SESSION, "agenda_round", (("p1", 1), ("p2", 2), ("p3", 3), ("p5", 5)))
    assert council.voting_round(SESSION) is None


@pytest.mark.parametrize("kind", ["dots", "approval", "grades"])
def test_every_ballot_kind_makes_a_round(council, kind):
    council.create_round(SESSION, RoundPlan(ROUND, kind), title="Runde", held_on=date(2027, 1, 10))
    [question] = council.consultation(ROUND).questions
    assert question.kind.value == {"dots": "dots", "approval": "approval", "grades": "matrix"}[kind]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (RoundPlan(ROUND, "ranking", top=9), "top 9: expected a number from 1 to 4 (the approved proposals)"),
        (RoundPlan(ROUND, "dots", budget=20, max_per_option=2), "dots: expected a budget from 1 to 8 and at least 1 per proposal, found 20 and 2"),
        (RoundPlan(ROUND, "lottery"), "ballot kind 'lottery': expected one of ranking, dots, approval, grades"),
    ],
)
def test_a_round_that_does_not_fit_creates_no_session(council, plan, message):
    with pytest.raises(AgendaError) as refused:
        council.create_round(SESSION, plan, title="Runde", held_on=date(2027, 1, 10))
    assert str(refused.value) == message
    assert [s.id for s in council.sessions()] == [SESSION]


def test_a_round_of_an_unknown_session_is_refused(council):
    with pytest.raises(UnknownSession):
        council.create_round("nope", RoundPlan(ROUND, "ranking"), title="Runde", held_on=date(2027, 1, 10))
    assert [s.id for s in council.sessions()] == [SESSION]


@pytest.fixture
def adopted(council):
    from forum_toolkit.agenda import profile_of

    council.create_round(SESSION, RoundPlan(ROUND, "ranking", top=2), title="Abstimmung Januar", held_on=date(2027, 1, 10))
    vote(council, [["p2", "p1"], ["p2", "p3"], ["p1", "p2"], ["p3", "p1"], ["p2", "p5"]])
    question = council.consultation(ROUND).questions[0]
    profile = profile_of(question, [s.answers for s in council.submissions(ROUND)])
    result = count(profile, "schulze", seats=2)
    agenda = build_agenda(result, council.candidates(ROUND, question.id), ballots=profile.voters, title="Januar", session_id=ROUND, question_id=question.id)
    council.adopt_agenda(ROUND, agenda)
    return council


def test_an_adopted_agenda_keeps_its_count_and_items_start_scheduled(adopted):
    agenda = adopted.adopted_agenda(ROUND)
    assert (agenda.method, agenda.seats, agenda.tie_break, agenda.ballots) == ("schulze", 2, "earliest", 5)
    assert [(i.position, i.option_id, i.proposal_id, i.status) for i in agenda.items] == [(1, "p2", 2, "scheduled"), (2, "p1", 1, "scheduled")]


def test_status_notes_are_appended_and_the_latest_holds(adopted):
    adopted.note_status(ROUND, 1, "discussed", "Im Beirat besprochen.", on=date(2027, 1, 14))
    adopted.note_status(ROUND, 1, "decided", "Die Stadt fragt zwei Dolmetscherinnen an.", on=date(2027, 2, 11))
    item = adopted.adopted_agenda(ROUND).item(1)
    assert item.status == "decided"
    assert [(n.status, n.on, n.note) for n in item.notes] == [
        ("discussed", date(2027, 1, 14), "Im Beirat besprochen."),
        ("decided", date(2027, 2, 11), "Die Stadt fragt zwei Dolmetscherinnen an."),
    ]


@pytest.mark.parametrize(
    ("position", "status", "note", "error", "message"),
    [
        (2, "done", "Fertig.", InvalidStatusChange, "agenda item 2 is scheduled and cannot become done; it can become scheduled, discussed, declined"),
        (2, "finished", "Fertig.", AgendaError, "status 'finished': expected one of scheduled, discussed, decided, in progress, done, declined"),
        (2, "discussed", "  ", AgendaError, "the note is empty: say in a sentence what happened (it is shown to residents)"),
        (7, "discussed", "Besprochen.", AgendaError, "the agenda of session 'council-2027-01' has items 1 to 2, not 7"),
    ],
)
def test_a_status_note_not_allowed_is_one_clear_error_and_stores_nothing(adopted, position, status, note, error, message):
    with pytest.raises(error) as refused:
        adopted.note_status(ROUND, position, status, note, on=date(2027, 1, 14))
    assert str(refused.value) == message
    assert all(not item.notes for item in adopted.adopted_agenda(ROUND).items)


def test_a_final_status_stays_final(adopted):
    adopted.note_status(ROUND, 2, "declined", "Gehört nicht in den Beirat, sondern in den Schulausschuss.", on=date(2027, 1, 14))
    with pytest.raises(InvalidStatusChange, match="declined is final"):
        adopted.note_status(ROUND, 2, "discussed", "Doch besprochen.", on=date(2027, 2, 1))


def test_an_agenda_is_adopted_once(adopted):
    agenda = adopted.adopted_agenda(ROUND)
    from forum_toolkit.agenda import profile_of

    question = adopted.consultation(ROUND).questions[0]
    profile = profile_of(question, [s.answers for s in adopted.submissions(ROUND)])
    again = build_agenda(count(profile, "borda", seats=1), adopted.candidates(ROUND, question.id), ballots=5, title="x", session_id=ROUND, question_id=question.id)
    with pytest.raises(AgendaError, match="already has an agenda"):
        adopted.adopt_agenda(ROUND, again)
    assert adopted.adopted_agenda(ROUND) == agenda


def test_no_agenda_yet_says_how_to_adopt_one(council):
    with pytest.raises(AgendaError) as refused:
        council.adopted_agenda(SESSION)
    assert str(refused.value) == (
        "session 'council-2026-12' has no adopted agenda yet; adopt one with: forum-toolkit agenda council-2026-12 --method NAME --seats K --adopt"
    )


def test_the_whole_way_from_scheduled_to_done(adopted):
    for status, note, day in [
        ("discussed", "Im Beirat besprochen.", date(2027, 1, 14)),
        ("decided", "Die Stadt stellt zwei Dolmetscherinnen ein.", date(2027, 2, 11)),
        ("in progress", "Eine Dolmetscherin hat angefangen.", date(2027, 3, 2)),
        ("done", "Beide arbeiten jetzt an den Schulen.", date(2027, 5, 20)),
    ]:
        adopted.note_status(ROUND, 1, status, note, on=day)
    assert [n.status for n in adopted.adopted_agenda(ROUND).item(1).notes] == ["discussed", "decided", "in_progress", "done"]
    with pytest.raises(InvalidStatusChange, match="done is final"):
        adopted.note_status(ROUND, 1, "declined", "Doch nicht.", on=date(2027, 6, 1))


def test_migration_0005_renames_the_stored_statuses_both_ways(adopted, store_url):
    """Notes stored under the earlier names (planned, implemented, rejected) are renamed on upgrade."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from forum_toolkit.store.migrate import alembic_config

    adopted.note_status(ROUND, 1, "discussed", "Besprochen.", on=date(2027, 1, 14))
    adopted.note_status(ROUND, 2, "declined", "Gehört in den Schulausschuss.", on=date(2027, 1, 14))
    engine = create_engine(store_url)
    statuses = text("SELECT status FROM agenda_statuses ORDER BY id")
    try:
        for target, expected in [("0004", ["discussed", "rejected"]), ("head", ["discussed", "declined"])]:
            with engine.begin() as connection:
                config = alembic_config()
                config.attributes["connection"] = connection
                (command.downgrade if target == "0004" else command.upgrade)(config, target)
                assert connection.execute(statuses).scalars().all() == expected
        with engine.begin() as connection, pytest.raises(Exception, match="(?i)check"):
            connection.execute(text("UPDATE agenda_statuses SET status = 'implemented'"))
    finally:
        engine.dispose()
