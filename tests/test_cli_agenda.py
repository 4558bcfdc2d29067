"""The council's evening at the command line, on both backends: proposals collected and moderated,
translated, a ranking round, its ballots counted, the agenda written and adopted, and what became
of its items. Every bad request is one line on stderr, exit 1, and stores nothing."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from agenda_support import ROUND, SCRIPT, SESSION, collect, vote
from forum_toolkit.cli import main
from forum_toolkit.store import open_store

BALLOTS = [["p2", "p1"], ["p2", "p3"], ["p1", "p2"], ["p3", "p1"], ["p2", "p5"], ["p1", "p3"], ["p5", "p2"]]


@pytest.fixture
def run(store_url):
    def invoke(*args):
        return CliRunner().invoke(main, [*(str(a) for a in args), "--db", store_url], catch_exceptions=False)

    return invoke


@pytest.fixture
def council(store_url):
    with open_store(store_url) as store:
        collect(store)
    return store_url


def facts(store_url):
    """Everything the store holds about the council, to see that a refusal stored nothing."""
    with open_store(store_url) as store:
        sessions = [s.id for s in store.sessions()]
        translations = store.translation_history(SESSION, 2)
        try:
            agenda = store.adopted_agenda(ROUND)
        except Exception:  # noqa: BLE001 (no agenda yet)
            agenda = None
        return sessions, translations, agenda


def test_the_councils_round_trip(run, council, tmp_path):
    listed = run("proposals", SESSION)
    assert listed.exit_code == 0
    assert listed.output.splitlines()[0].split() == ["1", "approved", "de", "tablet", "-", "Deutschkurs", "am", "Abend"]
    assert SCRIPT in listed.output

    translated = run("translate", SESSION, 2, "--lang", "de", "--title", "Dolmetscher in der Schule", "--text", "Für Elterngespräche.")
    assert translated.exit_code == 0
    assert translated.output.startswith("proposal 2 of council-2026-12: de translation by a volunteer stored (version 1, ")
    assert run("translate", SESSION, 3, "--lang", "de", "--title", "Nachtbus", "--text", "Kein Bus nach 22 Uhr.", "--machine").exit_code == 0

    made = run("agenda-round", SESSION, "--id", ROUND, "--kind", "ranking", "--top", 2, "--date", "2027-01-10")
    assert made.output.splitlines() == [
        "created round council-2027-01 over 4 approved proposals of council-2026-12 (ranking), state planned",
        "next: forum-toolkit sessions open council-2027-01; forum-toolkit codes council-2027-01 --count N",
    ]
    with open_store(council) as store:
        vote(store, BALLOTS)

    tallied = run("tally", "--session", ROUND, "--method", "schulze", "--format", "json")
    assert tallied.exit_code == 0
    assert json.loads(tallied.output)["elected"] == ["p2"]

    out = tmp_path / "agenda.html"
    made = run("agenda", ROUND, "--method", "schulze", "--seats", 3, "--lang", "de,ar", "--out", out, "--adopt")
    assert made.exit_code == 0, made.output
    assert made.output.splitlines() == [
        "Schulze (beatpath): 7 ballots, 4 proposals, 3 items on the agenda",
        "1. Dolmetscher in der Schule",
        "2. Deutschkurs am Abend",
        "3. Nachtbus",
        "tie-break: earliest, not needed",
        f"wrote {out}",
        "adopted: the agenda of council-2027-01 has 3 items, each scheduled",
    ]
    page = out.read_text(encoding="utf-8")
    assert page.index("Dolmetscher in der Schule") < page.index("Deutschkurs am Abend") < page.index("Nachtbus")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # in the steps' tables
    assert "<script>" not in page and "<img" not in page
    assert "2 Einwohner:innen haben das vorgeschlagen." in page  # the duplicate merged into item 1

    assert run("agenda", ROUND, "--method", "schulze", "--seats", 3, "--lang", "fa,de", "--out", tmp_path / "agenda.pdf").exit_code == 0
    assert (tmp_path / "agenda.pdf").read_bytes().startswith(b"%PDF")

    noted = run("agenda-status", ROUND, 1, "discussed", "--note", "Im Beirat am 14. Januar besprochen.", "--date", "2027-01-14")
    assert noted.output == "agenda item 1 of council-2027-01 is now discussed (2027-01-14)\n"
    assert run("agenda-status", ROUND, 1, "decided", "--note", "Die Stadt stellt zwei Dolmetscherinnen ein.", "--date", "2027-02-11").exit_code == 0

    report = tmp_path / "report.html"
    reported = run("agenda-report", ROUND, "--lang", "ar,de", "--out", report)
    lines = reported.output.splitlines()
    assert lines[0] == "1. تقرّر 2027-02-11  مترجمون في المدرسة"
    assert lines[1] == "   Die Stadt stellt zwei Dolmetscherinnen ein."
    assert lines[2].startswith("2. مُدرَج في جدول الأعمال ")

    exported = run("agenda-report", ROUND, "--lang", "de,ar", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert [(r["position"], r["proposal"], r["title_de"], r["status"], r["status_label"], r["date"], r["notes"]) for r in rows] == [
        ("1", "2", "Dolmetscher in der Schule", "decided", "beschlossen", "2027-02-11", "2"),
        ("2", "1", "Deutschkurs am Abend", "scheduled", "auf der Tagesordnung", rows[1]["adopted_on"], "0"),
        ("3", "3", "Nachtbus", "scheduled", "auf der Tagesordnung", rows[2]["adopted_on"], "0"),
    ]
    assert rows[0]["note"] == "Die Stadt stellt zwei Dolmetscherinnen ein." and rows[0]["title_ar"] == "مترجمون في المدرسة"
    assert run("agenda-report", ROUND, "--out", tmp_path / "report.csv").exit_code == 0
    assert (tmp_path / "report.csv").read_text(encoding="utf-8").startswith("position,proposal,author_language,title,title_de,status,")
    html = report.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert html.index("تقرّر") < html.index("Im Beirat am 14. Januar besprochen.")  # latest first, every note kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("agenda", "nope", "--method", "schulze", "--seats", 3), "error: there is no session 'nope' in the store"),
        (("agenda", ROUND, "--method", "condorcet", "--seats", 3), "error: unknown method 'condorcet'; expected one of: approval, borda, coombs, copeland, dots, equal-shares, instant-runoff, majority-judgment, minimax, plurality, ranked-pairs, schulze, score, stv"),
        (("agenda", ROUND, "--method", "schulze", "--seats", 0, "--adopt"), "error: seats: expected a whole number of 1 or more, found 0"),
        (("agenda", ROUND, "--method", "approval", "--seats", 2, "--adopt"), "error: method 'approval' counts approval ballots, but these are ranking ballots"),
        (("agenda", ROUND, "--method", "schulze", "--lang", "tr", "--adopt"), "error: --lang 'tr': expected languages of the session, from de, en, ar, fa"),
        (("agenda-status", ROUND, 1, "discussed", "--note", "x"), "error: session 'council-2027-01' has no adopted agenda yet; adopt one with: forum-toolkit agenda council-2027-01 --method NAME --seats K --adopt"),
        (("translate", SESSION, 2, "--lang", "de", "--title", "Dolmetscher", "--text", " "), "error: item 2: the de text is empty: write at least one character"),
        (("agenda-round", "nope", "--id", "round-2"), "error: there is no session 'nope' in the store"),
        (("tally", "--session", ROUND, "--method", "schulze", "--question", "nope"), "error: session 'council-2027-01' has no question 'nope'"),
    ],
)
def test_bad_requests_are_one_line_and_store_nothing(run, council, args, message):
    assert run("agenda-round", SESSION, "--id", ROUND, "--top", 2).exit_code == 0
    with open_store(council) as store:
        vote(store, BALLOTS)
    before = facts(council)
    result = run(*args)
    assert (result.exit_code, result.stderr) == (1, message + "\n")
    assert facts(council) == before


def test_a_status_change_not_allowed_stores_nothing(run, council):
    run("agenda-round", SESSION, "--id", ROUND, "--top", 2)
    with open_store(council) as store:
        vote(store, BALLOTS)
    assert run("agenda", ROUND, "--method", "borda", "--seats", 2, "--adopt").exit_code == 0
    before = facts(council)
    result = run("agenda-status", ROUND, 2, "done", "--note", "Erledigt.")
    assert (result.exit_code, result.stderr) == (1, "error: agenda item 2 is scheduled and cannot become done; it can become scheduled, discussed, declined\n")
    assert facts(council) == before
    again = run("agenda", ROUND, "--method", "borda", "--seats", 2, "--adopt")
    assert again.exit_code == 1 and "already has an agenda" in again.stderr
