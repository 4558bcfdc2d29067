"""A reproducible, realistic demo: two forum evenings and a council agenda round.

Every app and notebook shows something on a fresh machine because `forum-toolkit demo` seeds this
into a store. The same seed gives the same ballots (answers, languages, channels, times); only the
ballot codes differ, since they come from `secrets`.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Callable

from forum_toolkit.consultation.load import load_consultation
from forum_toolkit.consultation.sample import sample_answers


@dataclass(frozen=True)
class DemoSession:
    id: str
    survey: str  # file name in the surveys folder
    title: str
    held_on: date
    ballots: int
    starts: time  # when the first ballots arrive
    minutes: int  # over how long they arrive
    final_state: str


SESSIONS = (
    DemoSession("forum-2026-11-12", "forum-evening.yaml", "Bürgerforum im Café am Markt", date(2026, 11, 12), 168, time(18, 40), 110, "closed"),
    DemoSession("forum-2026-11-26", "forum-evening.yaml", "Bürgerforum im Rathaussaal", date(2026, 11, 26), 137, time(18, 35), 120, "open"),
    DemoSession("council-2026-12", "council-agenda.yaml", "Ausländerbeirat: Tagesordnung Dezember", date(2026, 12, 3), 64, time(10, 0), 60 * 24 * 14, "open"),
)  # fmt: skip

# Shares of ballots by language and by channel in a town like ours (weights, not percentages).
LANGUAGES = {"de": 40, "ar": 15, "ru": 10, "uk": 10, "tr": 9, "fa": 8, "kmr": 5, "en": 3}
CHANNELS = {"tablet": 55, "phone": 34, "paper": 8, "assisted": 3}
CODES_PER_BALLOT = 1.25  # the council prints more codes than it gets ballots back


@dataclass(frozen=True)
class DemoSummary:
    sessions: tuple[str, ...]
    ballots: int
    codes: int


def seed_demo(store, surveys: Path, seed: int = 2026, progress: Callable[[int], None] = lambda n: None) -> DemoSummary:
    """Seed the demo sessions into `store`; `progress(n)` is called after each n ballots stored."""
    rng = random.Random(seed)
    ballots = codes = 0
    for demo in SESSIONS:
        path = surveys / demo.survey
        consultation = load_consultation(path)
        store.create_session(consultation, path.read_text(encoding="utf-8"), session_id=demo.id, title=demo.title, held_on=demo.held_on)
        store.set_state(demo.id, "open")
        session_codes = []
        if consultation.access.value == "codes":
            session_codes = store.create_codes(demo.id, int(demo.ballots * CODES_PER_BALLOT))
            codes += len(session_codes)
        start = datetime.combine(demo.held_on, demo.starts, tzinfo=timezone.utc)
        for number in range(demo.ballots):
            language = _pick(rng, {k: v for k, v in LANGUAGES.items() if k in consultation.language_codes})
            store.submit(
                demo.id,
                sample_answers(consultation, rng, skip_rate=0.15),
                language=language,
                channel=_pick(rng, CHANNELS),
                submission_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                code=session_codes[number] if session_codes else None,
                submitted_at=start + timedelta(minutes=demo.minutes * _arrival(rng)),
            )
            ballots += 1
            progress(1)
        if demo.final_state == "closed":
            store.set_state(demo.id, "closed")
    _adopt_council_agenda(store)
    return DemoSummary(tuple(d.id for d in SESSIONS), ballots, codes)


# What became of the demo council's agenda items: (place on the agenda, status, day, note).
AGENDA_NOTES = (
    (1, "discussed", date(2026, 12, 3), "Im Beirat besprochen; die Verwaltung prüft die Kosten bis Januar."),
    (1, "decided", date(2027, 1, 14), "Der Beirat empfiehlt dem Stadtrat, das Vorhaben 2027 umzusetzen."),
    (2, "discussed", date(2026, 12, 3), "Besprochen; zwei Mitglieder sprechen mit dem Gesundheitsamt über einen Dolmetscherdienst."),
)


def _adopt_council_agenda(store) -> None:
    """The council round's agenda, counted by the Schulze method and adopted, with a few notes of
    what became of its items (the researchers' agenda notebook and the public status page show them)."""
    from forum_toolkit.agenda import build_agenda
    from forum_toolkit.cli.agenda import count_session

    session_id = "council-2026-12"
    question, profile, result = count_session(store, session_id, "schulze", None, 3, "earliest")
    info = store.session(session_id)
    agenda = build_agenda(result, store.candidates(session_id, question.id), ballots=profile.voters, title=info.title, session_id=session_id, question_id=question.id)
    store.adopt_agenda(session_id, agenda)
    for position, status, day, note in AGENDA_NOTES:
        store.note_status(session_id, position, status, note, on=day)


def total_ballots() -> int:
    return sum(d.ballots for d in SESSIONS)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _arrival(rng: random.Random) -> float:
    """Where in the session a ballot arrives, 0..1: most come in waves after each question."""
    return min(1.0, max(0.0, rng.betavariate(2, 2) if rng.random() < 0.7 else rng.random()))
