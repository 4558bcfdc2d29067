"""The agenda's pure rules: status changes, stored answers as ballots, the agenda a count gives, and
the document (participant text escaped, Arabic laid out right to left)."""

from __future__ import annotations

import re

import pytest

from forum_toolkit.agenda import AgendaError, Candidate, InvalidStatusChange, ProposalText, build_agenda, check_status_change, profile_of
from forum_toolkit.agenda.document import agenda_html
from forum_toolkit.agenda.explain import explain
from forum_toolkit.agenda.round import RoundPlan, round_consultation_text
from forum_toolkit.consultation.languages import Language
from forum_toolkit.consultation.load import load_consultation_text
from forum_toolkit.voting import Profile, Ranking, TieBreak, count

SCRIPT = "<script>alert('x')</script>"
LANGUAGES = (Language("de", "Deutsch", "ltr"), Language("ar", "العربية", "rtl"), Language("fa", "فارسی", "rtl", reviewed=False))


def candidate(option, language, title, text="", *translations):
    return Candidate(option, language, (ProposalText(language, title, text, "author"), *translations), proposal_id=int(option[1:]))


CANDIDATES = (
    candidate("p1", "de", "Deutschkurs am Abend", "Für Berufstätige."),
    candidate("p2", "ar", "مترجمون في المدرسة", "لاجتماعات الأهل.", ProposalText("de", "Dolmetscher in der Schule", "Für Eltern.", "machine")),
    candidate("p3", "ar", SCRIPT, SCRIPT),
)


@pytest.mark.parametrize(
    ("current", "wanted", "allowed"),
    [
        ("scheduled", "discussed", True),
        ("scheduled", "declined", True),
        ("scheduled", "decided", False),
        ("discussed", "scheduled", True),
        ("discussed", "decided", True),
        ("discussed", "in_progress", False),
        ("decided", "in_progress", True),
        ("decided", "in progress", True),
        ("decided", "done", True),
        ("decided", "scheduled", False),
        ("in_progress", "in_progress", True),
        ("in_progress", "done", True),
        ("in_progress", "declined", True),
        ("in_progress", "discussed", False),
        ("done", "declined", False),
        ("declined", "discussed", False),
    ],
)
def test_status_changes(current, wanted, allowed):
    if allowed:
        assert check_status_change(3, current, wanted) == wanted.replace(" ", "_")
    else:
        with pytest.raises(InvalidStatusChange):
            check_status_change(3, current, wanted)


def round_question(kind, **limits):
    text = round_consultation_text(RoundPlan("round-1", kind, **limits), CANDIDATES, languages=LANGUAGES, default_language="de", access="codes")
    return load_consultation_text(text, source="test").questions[0]


def test_the_round_file_is_valid_and_keeps_participant_text_as_text():
    text = round_consultation_text(RoundPlan("round-1", "ranking", top=2), CANDIDATES, languages=LANGUAGES, default_language="de", access="codes")
    consultation = load_consultation_text(text, source="test")
    assert [lang.reviewed for lang in consultation.languages] == [True, True, False]
    assert dict(consultation.questions[0].options[2].label.values) == {"ar": SCRIPT}
    assert consultation.questions[0].options[1].label.get("de").text == "Dolmetscher in der Schule (maschinell übersetzt)"


@pytest.mark.parametrize(
    ("kind", "limits", "answers", "expected"),
    [
        ("ranking", {"top": 2}, [["p2", "p1"], ["p3", "p2"], ["p2", "p3"]], ("ranking", 3, "p2")),
        ("approval", {}, [["p1"], ["p1", "p2"], []], ("approval", 3, "p1")),
        ("dots", {"budget": 4, "max_per_option": 3}, [{"p3": 3, "p1": 1}, {"p1": 2}], ("scores", 2, "p1")),
        ("grades", {}, [{"p1": 3, "p2": 1, "p3": 0}, {"p1": 2, "p2": 2, "p3": 3}, {"p1": 3, "p2": 0, "p3": 1}], ("scores", 3, "p1")),
    ],
)
def test_stored_answers_become_ballots_of_the_round_kind(kind, limits, answers, expected):
    question = round_question(kind, **limits)
    profile = profile_of(question, [{question.id: a} for a in answers] + [{"other": 1}])
    method = {"ranking": "schulze", "approval": "approval", "dots": "dots", "grades": "majority-judgment"}[kind]
    assert (profile.kind, profile.voters, count(profile, method).elected[0]) == expected
    assert profile.candidates == ("p1", "p2", "p3")


def tied_agenda():
    profile = Profile.build(["p1", "p2", "p3"], [(2, Ranking.of("p1", "p2")), (2, Ranking.of("p2", "p1")), (1, Ranking.of("p3"))])
    result = count(profile, "borda", seats=2, tie_break=TieBreak.parse("seed:7"))
    return build_agenda(result, CANDIDATES, ballots=5, title="Beirat <Januar>", session_id="round-1", question_id="agenda_round")


def test_the_agenda_lists_the_elected_in_order_and_marks_a_tie_break():
    agenda = tied_agenda()
    by_priority = [c for c in agenda.result.tie_break.priority if c in ("p1", "p2")]  # p1 and p2 level: the seed orders them
    assert [(i.position, i.candidate.option_id, i.by_tie_break) for i in agenda.items] == [(1, by_priority[0], True), (2, by_priority[1], True)]
    assert agenda.result.tie_break.policy == "seed:7"


def test_an_agenda_needs_its_candidates():
    profile = Profile.build(["p1", "p9"], [Ranking.of("p9")])
    with pytest.raises(AgendaError, match="elected 'p9', which is not among the candidates given"):
        build_agenda(count(profile, "plurality"), CANDIDATES, ballots=1, title="x", session_id="r", question_id="q")


def test_the_document_escapes_participant_text():
    profile = Profile.build(["p1", "p2", "p3"], [(3, Ranking.of("p3", "p1")), (1, Ranking.of("p1"))])
    agenda = build_agenda(count(profile, "instant-runoff"), CANDIDATES, ballots=4, title="<b>Beirat</b>", session_id="r", question_id="q")
    page = agenda_html(agenda, ("de", "ar"))
    assert "<script>" not in page and "<b>Beirat" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert page.count("<script") == 0 and "onerror" not in page


def test_the_document_in_arabic_is_right_to_left_and_each_text_says_its_language():
    page = agenda_html(tied_agenda(), ("ar", "de"))
    assert '<html lang="ar" dir="rtl">' in page
    assert '<section lang="ar" dir="rtl"><h3>مترجمون في المدرسة</h3>' in page
    assert '<section lang="de" dir="ltr"><h3>Dolmetscher in der Schule</h3>' in page
    assert "ترجمة آلية، لم تُراجَع (Deutsch)" in page  # a machine translation says so
    assert "لا توجد ترجمة بعد (العربية)" in page  # p1 has no Arabic text: the gap shows


def test_the_document_says_how_the_votes_were_counted():
    page = agenda_html(tied_agenda(), ("de",))
    text = re.sub(r"<[^>]+>", " ", page)
    assert "Verfahren: Borda count. Abgegebene Stimmzettel: 5. Punkte auf der Tagesordnung: 2." in text
    assert "eine Zufallsreihenfolge aus der vorher veröffentlichten Zahl 7" in text
    assert "Dieser Platz wurde durch die Regel für Gleichstand entschieden." in text


def test_instant_runoff_rounds_in_plain_words():
    profile = Profile.build(["p1", "p2", "p3"], [(3, Ranking.of("p1")), (2, Ranking.of("p2", "p1")), (4, Ranking.of("p3"))])
    agenda = build_agenda(count(profile, "instant-runoff"), CANDIDATES, ballots=9, title="x", session_id="r", question_id="q")
    rounds = [b.text for b in explain(agenda, "de") if b.text.startswith("Runde")]
    assert rounds == [
        f"Runde 1; Deutschkurs am Abend 3, Dolmetscher in der Schule 2, {SCRIPT} 4; scheidet aus: Dolmetscher in der Schule",
        f"Runde 2; Deutschkurs am Abend 5, {SCRIPT} 4; gewählt: Deutschkurs am Abend",
    ]
