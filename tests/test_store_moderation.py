"""Moderating what participants write: the queue, approve, reject with a reason, merge duplicates,
edit with the original kept, reactions, and what projector and ballots are given (approved text only)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from forum_toolkit.store import InvalidRequest, UnknownSession, open_store

IDEAS = """\
id: ideas
title: {de: Ideen, en: Ideas}
languages: [de, en, ar]
access: open
live_results: true
pages:
  - id: main
    title: {de: Ideen, en: Ideas}
    questions:
      - id: idea
        kind: proposal
        title_max_length: 60
        text_max_length: 200
        text: {de: Ihr Vorschlag, en: Your proposal}
        categories:
          - {id: green, label: {de: Grün, en: Green}}
          - {id: traffic, label: {de: Verkehr, en: Traffic}}
      - id: voices
        kind: statements
        text: {de: Aussagen, en: Statements}
        statements:
          - {id: more_trees, text: {de: Mehr Bäume, en: More trees}}
      - id: park
        kind: single_choice
        text: {de: Park?, en: Park?}
        options:
          - {id: park, label: {de: Park, en: Park}}
          - {id: parking, label: {de: Parkplatz, en: Car park}}
"""

SESSION = "council-2026-12"
SCRIPT = "<img src=x onerror=alert(1)><script>alert('x')</script>"


@pytest.fixture
def ideas(fresh_store):
    """An open session of IDEAS with three proposals in ballots, one ballot without, and two statements."""
    from forum_toolkit.consultation.load import load_consultation_text

    consultation = load_consultation_text(IDEAS, source="tests/test_store_moderation.py")
    fresh_store.create_session(consultation, IDEAS, SESSION, "Council", date(2026, 12, 3))
    fresh_store.set_state(SESSION, "open")
    for title, text, language in [("Mehr Bänke", "Am Markt", "de"), ("Mehr Baenke", "am markt!", "de"), (SCRIPT, SCRIPT, "ar")]:
        answers = {"idea": {"title": title, "text": text, "category": "green"}, "park": "park"}
        fresh_store.submit(SESSION, answers, language=language, channel="tablet", submission_id=str(uuid.uuid4()))
    fresh_store.submit(SESSION, {"park": "parking"}, language="de", channel="phone", submission_id=str(uuid.uuid4()))
    fresh_store.add_statement(SESSION, "voices", "Der Bus soll öfter fahren", language="de", channel="tablet", client_id=str(uuid.uuid4()))
    fresh_store.add_statement(SESSION, "voices", "Busse öfter!", language="de", channel="phone", client_id=str(uuid.uuid4()))
    return fresh_store


def decisions(store):
    return [entry.detail for entry in store.audit(SESSION) if entry.event == "item_moderated"]


def test_the_queue_collects_proposals_from_ballots_once(ideas):
    queue = ideas.moderation_queue(SESSION)
    assert [(i.id, i.kind, i.question_id, i.title, i.status) for i in queue] == [
        (1, "statement", "voices", None, "pending"),
        (2, "statement", "voices", None, "pending"),
        (3, "proposal", "idea", "Mehr Bänke", "pending"),
        (4, "proposal", "idea", "Mehr Baenke", "pending"),
        (5, "proposal", "idea", SCRIPT, "pending"),
    ]
    assert (queue[2].text, queue[2].category, queue[2].language, queue[2].channel) == ("Am Markt", "green", "de", "tablet")
    assert ideas.moderation_queue(SESSION) == queue
    assert ideas.collect_contributions(SESSION) == 0
    assert [e.detail for e in ideas.audit(SESSION) if e.event == "contributions_collected"] == [{"count": 3}]


def test_a_proposal_in_a_later_ballot_joins_the_queue(ideas, store_url):
    ideas.moderation_queue(SESSION)
    with open_store(store_url) as tablet:
        tablet.submit(SESSION, {"idea": {"title": "Trinkbrunnen"}}, language="de", channel="phone", submission_id=str(uuid.uuid4()))
    assert [i.title for i in ideas.moderation_queue(SESSION)][-1] == "Trinkbrunnen"


def test_participant_text_stays_plain_text(ideas):
    ideas.moderation_queue(SESSION)
    item = ideas.item(SESSION, 5)
    assert (item.title, item.text, item.original_text) == (SCRIPT, SCRIPT, SCRIPT)
    ideas.approve(SESSION, 5)
    [approved] = ideas.approved_items(SESSION, "idea")
    assert (approved.title, approved.text) == (SCRIPT, SCRIPT)
    assert all(SCRIPT not in str(entry.detail) for entry in ideas.audit())  # the log names items, not their text


def test_only_approved_text_reaches_projector_and_ballots(ideas):
    ideas.moderation_queue(SESSION)
    assert ideas.approved_items(SESSION) == []
    ideas.approve(SESSION, 3)
    ideas.approve(SESSION, 1)
    ideas.reject(SESSION, 2, "Das sagt Aussage 1 schon.")
    assert [(a.id, a.kind, a.title, a.text) for a in ideas.approved_items(SESSION)] == [
        (1, "statement", None, "Der Bus soll öfter fahren"),
        (3, "proposal", "Mehr Bänke", "Am Markt"),
    ]
    assert [a.id for a in ideas.approved_items(SESSION, "voices")] == [1]
    ideas.reveal(SESSION, "idea")
    [result] = ideas.projector_results(SESSION)
    assert [(s.item.id, s.item.title) for s in result.stances] == [(3, "Mehr Bänke")]


def test_a_rejection_keeps_its_reason_for_participants(ideas):
    ideas.moderation_queue(SESSION)
    item = ideas.reject(SESSION, 5, "Bitte nur Vorschläge, keine Programme.")
    assert (item.status, item.reason) == ("rejected", "Bitte nur Vorschläge, keine Programme.")
    assert ideas.moderation_queue(SESSION, ("rejected",)) == [item]
    item = ideas.approve(SESSION, 5)  # a facilitator may change their mind
    assert (item.status, item.reason) == ("approved", None)
    assert decisions(ideas) == [{"item": 5, "action": "reject"}, {"item": 5, "action": "approve"}]


def test_an_edit_corrects_the_spelling_and_keeps_the_original(ideas):
    ideas.moderation_queue(SESSION)
    item = ideas.edit(SESSION, 4, title="Mehr Bänke", text="Am Markt!")
    assert (item.title, item.text, item.original_title, item.original_text, item.edited) == ("Mehr Bänke", "Am Markt!", "Mehr Baenke", "am markt!", True)
    assert item.status == "pending"
    item = ideas.edit(SESSION, 1, text="Der Bus soll öfter fahren.")
    assert (item.text, item.original_text) == ("Der Bus soll öfter fahren.", "Der Bus soll öfter fahren")
    ideas.approve(SESSION, 4)
    assert [(a.title, a.text) for a in ideas.approved_items(SESSION, "idea")] == [("Mehr Bänke", "Am Markt!")]


def test_merged_duplicates_carry_their_authors_and_reactions_over(ideas):
    ideas.moderation_queue(SESSION)
    ideas.approve(SESSION, 1)
    ideas.approve(SESSION, 2)
    alice, bob, carla = (str(uuid.uuid4()) for _ in range(3))
    assert ideas.react(SESSION, 1, "agree", voter=alice)
    assert ideas.react(SESSION, 2, "agree", voter=bob)
    assert ideas.react(SESSION, 2, "disagree", voter=alice)  # alice reacted to both: her reaction to the kept one counts
    assert ideas.react(SESSION, 2, "pass", voter=carla)
    assert not ideas.react(SESSION, 2, "agree", voter=carla)  # a voter's first reaction to an item holds
    kept = ideas.merge(SESSION, 2, 1)
    assert (kept.id, kept.merged, ideas.item(SESSION, 2).status, ideas.item(SESSION, 2).merged_into) == (1, (2,), "merged", 1)
    [approved] = ideas.approved_items(SESSION, "voices")
    assert (approved.id, approved.authors) == (1, 2)
    [file_statement, item] = ideas.results(SESSION, "voices").stances
    assert file_statement.statement == "more_trees"
    assert (item.item.id, item.agree, item.disagree, item.passed) == (1, 2, 0, 1)
    assert ideas.react(SESSION, 2, "agree", voter=str(uuid.uuid4()))  # a tablet that still shows item 2
    assert ideas.results(SESSION, "voices").stances[1].agree == 3
    assert decisions(ideas)[-1] == {"item": 2, "action": "merge", "into": 1}


def test_merges_of_merges_count_for_the_last_item_kept(ideas):
    ideas.moderation_queue(SESSION)
    ideas.merge(SESSION, 4, 3)
    ideas.approve(SESSION, 5)
    ideas.merge(SESSION, 3, 5)
    assert ideas.item(SESSION, 5).merged == (3, 4)
    [approved] = ideas.approved_items(SESSION, "idea")
    assert (approved.id, approved.authors) == (5, 3)


BAD_DECISIONS = [
    (lambda s: s.reject(SESSION, 3, ""), "the reason for rejecting is empty: write at least one character"),
    (lambda s: s.reject(SESSION, 3, "   "), "the reason for rejecting is empty: write at least one character"),
    (lambda s: s.reject(SESSION, 3, "x" * 501), "the reason for rejecting has 501 characters, at most 500 fit"),
    (lambda s: s.reject(SESSION, 3, "bad\x00"), "the reason for rejecting contains control characters"),
    (lambda s: s.merge(SESSION, 3, 3), "item 3 cannot be merged into itself; choose the item it repeats"),
    (lambda s: s.merge(SESSION, 1, 3), "item 1 answers question 'voices' and item 3 question 'idea'; only items of one question merge"),
    (lambda s: s.merge(SESSION, 3, 99), "session 'council-2026-12' has no item 99 to moderate"),
    (lambda s: s.approve(SESSION, 99), "session 'council-2026-12' has no item 99 to moderate"),
    (lambda s: s.approve(SESSION, "3"), "session 'council-2026-12' has no item '3' to moderate"),
    (lambda s: s.edit(SESSION, 3), "item 3: give a corrected title or text"),
    (lambda s: s.edit(SESSION, 3, title=""), "item 3: the title is empty: write at least one character"),
    (lambda s: s.edit(SESSION, 3, title="x" * 61), "item 3: the title has 61 characters, at most 60 fit"),
    (lambda s: s.edit(SESSION, 1, title="A title"), "item 1 is a statement and has no title"),
    (lambda s: s.react(SESSION, 3, "agree", voter=str(uuid.uuid4())), "item 3 is pending, not approved: only approved items take reactions"),
    (
        lambda s: s.add_statement(SESSION, "park", "Parks!", language="de", channel="tablet", client_id=str(uuid.uuid4())),
        "session 'council-2026-12': question 'park' is single_choice, not statements",
    ),
    (
        lambda s: s.add_statement(SESSION, "nothing", "Hm", language="de", channel="tablet", client_id=str(uuid.uuid4())),
        "session 'council-2026-12': consultation 'ideas' has no question 'nothing'",
    ),
    (
        lambda s: s.add_statement(SESSION, "voices", "x" * 301, language="de", channel="tablet", client_id=str(uuid.uuid4())),
        "question 'voices': the statement has 301 characters, at most 300 fit",
    ),
    (
        lambda s: s.add_statement(SESSION, "voices", "Hallo", language="fr", channel="tablet", client_id=str(uuid.uuid4())),
        "language 'fr': expected one of de, en, ar",
    ),
    (
        lambda s: s.add_statement(SESSION, "voices", "Hallo", language="de", channel="tablet", client_id="1"),
        "client id '1': expected a UUID made once per statement",
    ),
]


@pytest.mark.parametrize(("decision", "message"), BAD_DECISIONS)
def test_a_bad_decision_says_why_and_stores_nothing(ideas, decision, message):
    ideas.moderation_queue(SESSION)
    version, audit = ideas.version(SESSION), ideas.audit()
    with pytest.raises(InvalidRequest) as raised:
        decision(ideas)
    assert str(raised.value) == message
    assert (ideas.version(SESSION), ideas.audit()) == (version, audit)


def test_a_merged_item_takes_no_more_decisions(ideas):
    ideas.moderation_queue(SESSION)
    ideas.merge(SESSION, 4, 3)
    ideas.reject(SESSION, 5, "Kein Vorschlag.")
    version = ideas.version(SESSION)
    for decision, message in [
        (lambda: ideas.approve(SESSION, 4), "item 4 was merged into item 3; decide on item 3"),
        (lambda: ideas.edit(SESSION, 4, text="x"), "item 4 was merged into item 3; decide on item 3"),
        (lambda: ideas.merge(SESSION, 4, 5), "item 4 was merged into item 3; decide on item 3"),
        (lambda: ideas.merge(SESSION, 5, 4), "item 4 was merged into item 3; merge into item 3"),
        (lambda: ideas.merge(SESSION, 3, 5), "item 5 is rejected; approve it first, or merge item 5 into item 3"),
    ]:
        with pytest.raises(InvalidRequest) as raised:
            decision()
        assert str(raised.value) == message
    assert ideas.version(SESSION) == version


def test_deciding_what_holds_already_stores_nothing(ideas):
    ideas.moderation_queue(SESSION)
    ideas.approve(SESSION, 3)
    ideas.reject(SESSION, 4, "Doppelt.")
    ideas.edit(SESSION, 5, text="Neu")
    version = ideas.version(SESSION)
    ideas.approve(SESSION, 3)
    ideas.reject(SESSION, 4, "Doppelt.")
    ideas.edit(SESSION, 5, text="Neu")
    assert ideas.version(SESSION) == version


def test_a_participant_learns_what_became_of_what_they_wrote(ideas):
    ballot = str(uuid.uuid4())
    answers = {"idea": {"title": "Trinkbrunnen", "text": "Am Spielplatz"}}
    ideas.submit(SESSION, answers, language="ar", channel="phone", submission_id=ballot)
    [mine] = ideas.contributions_of(SESSION, ballot)  # collected into the queue on the way
    assert (mine.title, mine.status) == ("Trinkbrunnen", "pending")
    ideas.reject(SESSION, mine.id, "Gibt es schon: siehe Vorschlag 3.")
    assert [(i.status, i.reason) for i in ideas.contributions_of(SESSION, ballot.upper())] == [("rejected", "Gibt es schon: siehe Vorschlag 3.")]
    assert ideas.contributions_of(SESSION, str(uuid.uuid4())) == []
    with pytest.raises(InvalidRequest, match="submission id 'nope': expected a UUID$"):
        ideas.contributions_of(SESSION, "nope")


def test_a_statement_sent_again_is_stored_once(ideas):
    client_id = str(uuid.uuid4())
    first = ideas.add_statement(SESSION, "voices", "Mehr Licht", language="ar", channel="phone", client_id=client_id)
    again = ideas.add_statement(SESSION, "voices", "Mehr Licht", language="ar", channel="phone", client_id=client_id)
    assert first == again and first.status == "pending"
    with pytest.raises(InvalidRequest, match="was already used for a different statement"):
        ideas.add_statement(SESSION, "voices", "Weniger Licht", language="ar", channel="phone", client_id=client_id)


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.moderation_queue("nobody"),
        lambda s: s.approve("nobody", 1),
        lambda s: s.reject("nobody", 1, "Nein."),
        lambda s: s.merge("nobody", 1, 2),
        lambda s: s.approved_items("nobody"),
        lambda s: s.add_statement("nobody", "voices", "Hallo", language="de", channel="tablet", client_id=str(uuid.uuid4())),
    ],
)
def test_an_unknown_session_has_nothing_to_moderate(ideas, call):
    audit = ideas.audit()
    with pytest.raises(UnknownSession, match="there is no session 'nobody' in the store"):
        call(ideas)
    assert ideas.audit() == audit


def test_an_item_of_another_session_is_unknown_here(ideas, tiny_forum, tiny_forum_text):
    ideas.moderation_queue(SESSION)
    ideas.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum", date(2026, 11, 25))
    with pytest.raises(InvalidRequest, match="session 'forum-2026-11-25' has no item 3 to moderate"):
        ideas.approve("forum-2026-11-25", 3)


def test_two_facilitators_merging_crosswise_at_once_leave_one_merge(ideas, store_url):
    """Two consoles merge 3 into 4 and 4 into 3 at the same moment: decisions take turns, so the
    second sees the first and is refused; no item ends up merged into one that was merged away."""
    import threading

    ideas.moderation_queue(SESSION)
    consoles = [open_store(store_url), open_store(store_url)]
    start, outcomes = threading.Barrier(2), []

    def merge(console, item_id, into_id):
        start.wait()
        try:
            console.merge(SESSION, item_id, into_id)
            outcomes.append("merged")
        except InvalidRequest as refusal:
            outcomes.append(str(refusal))

    threads = [threading.Thread(target=merge, args=(consoles[0], 3, 4)), threading.Thread(target=merge, args=(consoles[1], 4, 3))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for console in consoles:
        console.close()
    assert sorted(outcomes)[-1] == "merged" and sorted(outcomes)[0].endswith(("merge into item 3", "merge into item 4", "decide on item 3", "decide on item 4"))
    statuses = sorted(item.status for item in ideas.items(SESSION) if item.id in (3, 4))
    assert statuses == ["merged", "pending"]
