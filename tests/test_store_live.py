"""The forum's shared state in the store (`Store.forum_state` and the methods that change it), the
session's version, and the live counts and results (`participation`, `results`, `projector_results`)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from forum_toolkit.store import InvalidRequest, UnknownSession, open_store
from forum_toolkit.store.records import ForumState, Version
from forum_toolkit.store.tallies import suppress

# A consultation with every kind that has a result, for the counts below.
EVERY_KIND = """\
id: every-kind
title: {de: Alles, en: Everything}
languages: [de, en, ar, ti]
access: open
live_results: true
pages:
  - id: about
    title: {de: Über Sie, en: About you}
    questions:
      - id: welcome
        kind: info
        text: {de: Willkommen, en: Welcome}
      - id: age
        kind: single_choice
        describes_participant: true
        text: {de: Alter, en: Age}
        options:
          - {id: young, label: {de: jung, en: young}}
          - {id: old, label: {de: alt, en: old}}
  - id: votes
    title: {de: Abstimmung, en: Vote}
    questions:
      - id: park
        kind: single_choice
        text: {de: Park oder Parkplatz?, en: Park or car park?}
        options:
          - {id: park, label: {de: Park, en: Park}}
          - {id: parking, label: {de: Parkplatz, en: Car park}}
      - id: wishes
        kind: multiple_choice
        text: {de: Wünsche, en: Wishes}
        options:
          - {id: bench, label: {de: Bank, en: Bench}}
          - {id: tree, label: {de: Baum, en: Tree}}
          - {id: light, label: {de: Licht, en: Light}}
      - id: mood
        kind: scale
        text: {de: Stimmung, en: Mood}
        points:
          - {value: 1, label: {de: schlecht, en: bad}}
          - {value: 2, label: {de: mittel, en: fair}}
          - {value: 3, label: {de: gut, en: good}}
      - id: order
        kind: ranking
        text: {de: Reihenfolge, en: Order}
        options:
          - {id: bench, label: {de: Bank, en: Bench}}
          - {id: tree, label: {de: Baum, en: Tree}}
          - {id: light, label: {de: Licht, en: Light}}
      - id: budget
        kind: dots
        budget: 5
        max_per_option: 3
        text: {de: Punkte, en: Dots}
        options:
          - {id: bench, label: {de: Bank, en: Bench}}
          - {id: tree, label: {de: Baum, en: Tree}}
      - id: town
        kind: matrix
        text: {de: Die Stadt, en: The town}
        rows:
          - {id: safety, label: {de: Sicherheit, en: Safety}}
          - {id: green, label: {de: Grün, en: Green}}
        points:
          - {value: 1, label: {de: schlecht, en: bad}}
          - {value: 2, label: {de: gut, en: good}}
      - id: years
        kind: number
        min: 0
        max: 100
        text: {de: Jahre in der Stadt, en: Years in town}
      - id: voices
        kind: statements
        text: {de: Aussagen, en: Statements}
        statements:
          - {id: more_trees, text: {de: Mehr Bäume, en: More trees}}
          - {id: less_cars, text: {de: Weniger Autos, en: Fewer cars}}
"""

# (language, channel, answers): 6 in German on tablets, 2 in Arabic on phones, 1 in Tigrinya on paper.
BALLOTS = [
    ("de", "tablet", {"age": "young", "park": "park", "wishes": ["bench", "tree"], "mood": 3, "order": ["tree", "bench", "light"],
                      "budget": {"bench": 3, "tree": 2}, "town": {"safety": 1, "green": 2}, "years": 4,
                      "voices": {"more_trees": "agree", "less_cars": "pass"}}),
    ("de", "tablet", {"age": "young", "park": "park", "wishes": ["tree"], "mood": 3, "order": ["tree", "light", "bench"],
                      "budget": {"tree": 3}, "town": {"safety": 2, "green": 2}, "years": 4, "voices": {"more_trees": "agree"}}),
    ("de", "tablet", {"age": "young", "park": "parking", "mood": 2, "years": 30, "voices": {"less_cars": "disagree"}}),
    ("de", "tablet", {"age": "old", "park": "parking", "mood": 1, "years": 31}),
    ("de", "tablet", {"age": "old", "park": "parking", "wishes": ["light"], "mood": 1}),
    ("de", "tablet", {"age": "young", "park": "park", "mood": 2}),
    ("ar", "phone", {"age": "old", "park": "park", "mood": 3}),
    ("ar", "phone", {"age": "young", "park": "park"}),
    ("ti", "paper", {"park": "parking"}),
]


@pytest.fixture
def every_kind():
    from forum_toolkit.consultation.load import load_consultation_text

    return load_consultation_text(EVERY_KIND, source="tests/test_store_live.py")


@pytest.fixture
def evening(fresh_store, every_kind) -> str:
    """An open session of `every_kind` with the nine BALLOTS in it."""
    fresh_store.create_session(every_kind, EVERY_KIND, "forum-2026-11-25", "Forum evening", date(2026, 11, 25))
    fresh_store.set_state("forum-2026-11-25", "open")
    for language, channel, answers in BALLOTS:
        fresh_store.submit("forum-2026-11-25", answers, language=language, channel=channel, submission_id=str(uuid.uuid4()))
    return "forum-2026-11-25"


def forum_audit(store, session_id):
    return [entry.detail for entry in store.audit(session_id) if entry.event == "forum_changed"]


# The shared state


def test_a_new_session_is_self_paced_with_nothing_open_or_revealed(fresh_store, forum_session):
    assert fresh_store.forum_state(forum_session) == ForumState(
        session_id=forum_session, state="open", pacing="self_paced", open_page=None, open_question=None, revealed=(),
        second_language=None, changed_at=None,
    )


def test_the_facilitator_leads_from_question_to_question(fresh_store, evening):
    fresh_store.set_pacing(evening, "facilitator_led")
    state = fresh_store.open_question(evening, "park")
    assert (state.pacing, state.open_page, state.open_question) == ("facilitator_led", "votes", "park")
    state = fresh_store.open_page(evening, "about")
    assert (state.open_page, state.open_question) == ("about", None)
    state = fresh_store.close_question(evening)
    assert (state.open_page, state.open_question) == (None, None)
    assert forum_audit(fresh_store, evening) == [
        {"kind": "pacing", "subject": "", "value": "facilitator_led"},
        {"kind": "open", "subject": "", "value": {"page": "votes", "question": "park"}},
        {"kind": "open", "subject": "", "value": {"page": "about", "question": None}},
        {"kind": "open", "subject": "", "value": None},
    ]


def test_revealed_questions_come_in_the_consultations_order(fresh_store, evening):
    fresh_store.reveal(evening, "mood")
    fresh_store.reveal(evening, "park")
    fresh_store.reveal(evening, "years")
    state = fresh_store.hide(evening, "mood")
    assert state.revealed == ("park", "years")
    assert state.is_revealed("park") and not state.is_revealed("mood")


def test_the_state_is_shared_by_every_process(fresh_store, store_url, evening):
    fresh_store.reveal(evening, "park")
    fresh_store.set_second_language(evening, "ar")
    with open_store(store_url) as other:
        assert other.forum_state(evening) == fresh_store.forum_state(evening)
        other.set_second_language(evening, "rotate")
    assert fresh_store.forum_state(evening).second_language == "rotate"


def test_a_change_to_what_holds_already_stores_nothing(fresh_store, evening):
    fresh_store.reveal(evening, "park")
    version = fresh_store.version(evening)
    fresh_store.reveal(evening, "park")
    fresh_store.set_pacing(evening, "self_paced")
    fresh_store.close_question(evening)
    fresh_store.set_second_language(evening, None)
    assert fresh_store.version(evening) == version
    assert len(forum_audit(fresh_store, evening)) == 1


BAD_REQUESTS = [
    (lambda s: s.set_pacing("forum-2026-11-25", "free"), "pacing 'free': expected one of self_paced, facilitator_led"),
    (lambda s: s.open_question("forum-2026-11-25", "parks"), "session 'forum-2026-11-25': consultation 'every-kind' has no question 'parks'"),
    (lambda s: s.open_page("forum-2026-11-25", "end"), "session 'forum-2026-11-25': consultation 'every-kind' has no page 'end'"),
    (lambda s: s.reveal("forum-2026-11-25", "nothing"), "session 'forum-2026-11-25': consultation 'every-kind' has no question 'nothing'"),
    (lambda s: s.hide("forum-2026-11-25", "nothing"), "session 'forum-2026-11-25': consultation 'every-kind' has no question 'nothing'"),
    (lambda s: s.reveal("forum-2026-11-25", "welcome"), "session 'forum-2026-11-25': question 'welcome' is information only and has no results"),
    (
        lambda s: s.set_second_language("forum-2026-11-25", "fr"),
        "session 'forum-2026-11-25': second language 'fr': expected one of de, en, ar, ti, 'rotate' or None",
    ),
    (lambda s: s.results("forum-2026-11-25", "nothing"), "session 'forum-2026-11-25': consultation 'every-kind' has no question 'nothing'"),
    (lambda s: s.results("forum-2026-11-25", "park", group_by="mood"), "group_by 'mood': expected 'language', 'channel' or the id of a single-choice question"),
    (lambda s: s.participation("forum-2026-11-25", threshold=0), "threshold 0: expected a whole number of people, 1 or more"),
]


@pytest.mark.parametrize(("request_", "message"), BAD_REQUESTS)
def test_a_bad_request_says_why_and_stores_nothing(fresh_store, evening, request_, message):
    version, audit = fresh_store.version(evening), fresh_store.audit()
    with pytest.raises(InvalidRequest) as raised:
        request_(fresh_store)
    assert str(raised.value) == message
    assert fresh_store.version(evening) == version
    assert fresh_store.audit() == audit


@pytest.mark.parametrize(
    "request_",
    [
        lambda s: s.forum_state("forum-1999"),
        lambda s: s.set_pacing("forum-1999", "facilitator_led"),
        lambda s: s.open_question("forum-1999", "park"),
        lambda s: s.reveal("forum-1999", "park"),
        lambda s: s.version("forum-1999"),
        lambda s: s.participation("forum-1999"),
        lambda s: s.projector_results("forum-1999"),
    ],
)
def test_an_unknown_session_stores_nothing(fresh_store, evening, request_):
    audit = fresh_store.audit()
    with pytest.raises(UnknownSession, match="there is no session 'forum-1999' in the store"):
        request_(fresh_store)
    assert fresh_store.audit() == audit


# The version


def test_every_kind_of_fact_moves_the_version_on(fresh_store, forum_session):
    assert fresh_store.version(forum_session) == Version(submissions=0, states=2, forum_events=0, contributions=0, decisions=0, reactions=0)
    fresh_store.submit(forum_session, {"park": "park"}, language="de", channel="tablet", submission_id=str(uuid.uuid4()))
    fresh_store.reveal(forum_session, "park")
    fresh_store.set_state(forum_session, "paused")
    assert fresh_store.version(forum_session) == Version(1, 3, 1, 0, 0, 0)


def test_a_refused_ballot_does_not_move_the_version(fresh_store, forum_session):
    from forum_toolkit.store import SubmissionRefused

    version = fresh_store.version(forum_session)
    with pytest.raises(SubmissionRefused):
        fresh_store.submit(forum_session, {"park": "moon"}, language="de", channel="tablet", submission_id=str(uuid.uuid4()))
    assert fresh_store.version(forum_session) == version


# Live counts


def test_participation_per_question_language_and_channel(fresh_store, evening):
    counts = fresh_store.participation(evening, threshold=1)
    assert counts.submissions == 9
    assert dict(counts.per_question) == {"age": 8, "park": 9, "wishes": 3, "mood": 7, "order": 2, "budget": 2, "town": 2, "years": 4, "voices": 3}
    assert counts.per_language == (("de", 6), ("ar", 2), ("ti", 1))
    assert counts.per_channel == (("tablet", 6), ("phone", 2), ("paper", 1))
    assert (counts.hidden_languages, counts.hidden_channels) == (0, 0)


def test_small_groups_are_left_out_of_participation(fresh_store, evening):
    counts = fresh_store.participation(evening)  # threshold 5
    # ar (2) and ti (1) are too small; together they are 3, still fewer than 5, and the total (9)
    # would give them away: de (6) is left out too.
    assert (counts.per_language, counts.hidden_languages) == ((), 3)
    assert (counts.per_channel, counts.hidden_channels) == ((), 3)
    assert counts.submissions == 9 and dict(counts.per_question)["park"] == 9


@pytest.mark.parametrize(
    ("sizes", "threshold", "shown", "hidden"),
    [
        ({"de": 40, "ar": 12, "ti": 5}, 5, ["de", "ar", "ti"], 0),
        ({"de": 40, "ar": 12, "ti": 4}, 5, ["de"], 2),  # ti alone would be 56 - 52
        ({"de": 40, "ar": 3, "ti": 2}, 5, ["de"], 2),  # together 5: no more need leave
        ({"de": 40, "ar": 12, "fa": 6, "ti": 1}, 5, ["de", "ar"], 2),  # the smallest shown goes
        ({"de": 4}, 5, [], 1),
        ({"de": 4}, 1, ["de"], 0),
        ({}, 5, [], 0),
    ],
)
def test_suppression_of_small_groups(sizes, threshold, shown, hidden):
    assert suppress(sizes, threshold) == (shown, hidden)


# Results


def test_results_of_every_kind(fresh_store, evening):
    def result(question_id):
        return fresh_store.results(evening, question_id)

    assert (result("park").respondents, result("park").counts) == (9, (("park", 5), ("parking", 4)))
    assert result("wishes").counts == (("bench", 1), ("tree", 2), ("light", 1))
    assert result("mood").counts == (("1", 2), ("2", 2), ("3", 3))
    assert result("order").counts == (("bench", 0), ("tree", 2), ("light", 0))  # first places
    assert result("order").rows == (("bench", (0, 1, 1)), ("tree", (2, 0, 0)), ("light", (0, 1, 1)))
    assert result("budget").counts == (("bench", 3), ("tree", 5))  # dots in all
    assert result("town").rows == (("safety", (1, 1)), ("green", (0, 2)))
    assert result("years").counts == (("4", 2), ("30", 1), ("31", 1))
    voices = result("voices").stances
    assert [(s.statement, s.agree, s.disagree, s.passed) for s in voices] == [("more_trees", 2, 0, 0), ("less_cars", 0, 1, 1)]


def test_results_by_group_leave_small_groups_out(fresh_store, evening):
    by_age = fresh_store.results(evening, "park", group_by="age", threshold=3)
    # young 5, old 3, did not say 1: the one alone is left out, and old too, or 9 - 5 - 3 would give it away.
    assert [(g.group, g.result.respondents, g.result.counts) for g in by_age.groups] == [("young", 5, (("park", 4), ("parking", 1)))]
    assert by_age.hidden_groups == 2
    assert by_age.counts == (("park", 5), ("parking", 4))
    assert fresh_store.results(evening, "park", group_by="age").groups == ()  # threshold 5: young (5) would give away 4
    by_language = fresh_store.results(evening, "park", group_by="language", threshold=1)
    assert [(g.group, g.result.respondents) for g in by_language.groups] == [("de", 6), ("ar", 2), ("ti", 1)]
    by_channel = fresh_store.results(evening, "mood", group_by="channel", threshold=1)
    assert [(g.group, g.result.counts) for g in by_channel.groups] == [("tablet", (("1", 2), ("2", 2), ("3", 2))), ("phone", (("1", 0), ("2", 0), ("3", 1)))]


def test_the_projector_gets_revealed_results_only(fresh_store, evening):
    assert fresh_store.projector_results(evening) == []
    fresh_store.reveal(evening, "mood")
    fresh_store.reveal(evening, "park")
    assert [r.question_id for r in fresh_store.projector_results(evening)] == ["park", "mood"]
    fresh_store.hide(evening, "park")
    assert [r.question_id for r in fresh_store.projector_results(evening)] == ["mood"]
    assert fresh_store.projector_results(evening)[0] == fresh_store.results(evening, "mood")


def test_without_live_results_the_projector_waits_for_the_session_to_close(fresh_store, every_kind):
    text = EVERY_KIND.replace("live_results: true", "live_results: false")
    from forum_toolkit.consultation.load import load_consultation_text

    fresh_store.create_session(load_consultation_text(text, source="test"), text, "council-2026-12", "Council", date(2026, 12, 3))
    fresh_store.set_state("council-2026-12", "open")
    with pytest.raises(InvalidRequest) as raised:
        fresh_store.reveal("council-2026-12", "park")
    assert str(raised.value) == (
        "session 'council-2026-12': consultation 'every-kind' shows no results while it runs (live_results: false); reveal them once the session is closed"
    )
    assert fresh_store.forum_state("council-2026-12").revealed == ()
    fresh_store.set_state("council-2026-12", "closed")
    fresh_store.reveal("council-2026-12", "park")
    assert [r.question_id for r in fresh_store.projector_results("council-2026-12")] == ["park"]


def test_numbers_are_counted_without_exponents(every_kind):
    from forum_toolkit.store.tallies import question_result

    assert question_result(every_kind.question("years"), [4, 4.0, 100, 2.5, None]).counts == (("2.5", 1), ("4", 2), ("100", 1))


def test_results_follow_new_ballots(fresh_store, evening):
    fresh_store.submit(evening, {"park": "parking"}, language="en", channel="assisted", submission_id=str(uuid.uuid4()))
    assert fresh_store.results(evening, "park").counts == (("park", 5), ("parking", 5))
