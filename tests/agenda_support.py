"""A tiny council for the agenda tests: proposals collected with ballot codes in four languages,
moderated (one merged into another, one rejected), and a voting round over the approved ones."""

from __future__ import annotations

import uuid
from datetime import date

COUNCIL = """\
id: tiny-council
title: {de: Beirat, en: Council, ar: المجلس, fa: شورا}
languages: [de, en, ar, fa]
access: codes
live_results: false
pages:
  - id: propose
    title: {de: Vorschläge, en: Proposals, ar: اقتراحات, fa: پیشنهادها}
    questions:
      - id: idea
        kind: proposal
        title_max_length: 80
        text_max_length: 400
        text: {de: Ihr Vorschlag, en: Your proposal, ar: اقتراحكم, fa: پیشنهاد شما}
        categories:
          - {id: school, label: {de: Schule, en: School, ar: المدرسة, fa: مدرسه}}
          - {id: transport, label: {de: Verkehr, en: Transport, ar: المواصلات, fa: رفت‌وآمد}}
"""

SESSION = "council-2026-12"
ROUND = "council-2027-01"
SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"

# (title, text, language, channel): residents on tablets in three languages, two paper forms typed by staff.
PROPOSALS = [
    ("Deutschkurs am Abend", "Für Menschen, die tagsüber arbeiten.", "de", "tablet"),   # 1
    ("مترجمون في المدرسة", "لاجتماعات الأهل.", "ar", "tablet"),                          # 2
    ("اتوبوس شبانه", "بعد از ساعت ۲۲ اتوبوسی نیست.", "fa", "phone"),                     # 3
    ("Deutschkurs abends", "Abends, bitte!", "de", "paper"),                               # 4: repeats 1
    (SCRIPT, SCRIPT, "ar", "paper"),                                                        # 5
    ("Namen von Nachbarn", "Herr X ist laut.", "de", "assisted"),                           # 6: rejected
]


def collect(store) -> list[str]:
    """Create the session, store the proposals with codes, and moderate them. Returns spare codes."""
    from forum_toolkit.consultation.load import load_consultation_text

    store.create_session(load_consultation_text(COUNCIL, source="tests/agenda_support.py"), COUNCIL, SESSION, "Beirat Dezember", date(2026, 12, 3))
    store.set_state(SESSION, "open")
    codes = store.create_codes(SESSION, len(PROPOSALS) + 2)
    for code, (title, text, language, channel) in zip(codes, PROPOSALS):
        answers = {"idea": {"title": title, "text": text, "category": "school"}}
        store.submit(SESSION, answers, language=language, channel=channel, submission_id=str(uuid.uuid4()), code=code)
    for item in store.moderation_queue(SESSION):
        if item.id not in (4, 6):
            store.approve(SESSION, item.id)
    store.merge(SESSION, 4, 1)
    store.reject(SESSION, 6, "Bitte keine Namen von Personen.")
    return codes[len(PROPOSALS):]


def vote(store, ballots: list, session_id: str = ROUND) -> None:
    """Open the round and store these answers to its question, each with a fresh code."""
    store.set_state(session_id, "open")
    codes = store.create_codes(session_id, len(ballots))
    for code, answer in zip(codes, ballots):
        store.submit(session_id, {"agenda_round": answer}, language="de", channel="tablet", submission_id=str(uuid.uuid4()), code=code)
