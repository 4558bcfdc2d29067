"""Hand-made answers with known results, for the analysis tests: an evening of 12 ballots of
tests/consultations/every_kind.yaml (groups: `age`, young or old)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from forum_toolkit.analysis import answers_from
from forum_toolkit.consultation import load_consultation

EVERY_KIND = Path(__file__).parent / "consultations" / "every_kind.yaml"
START = datetime(2026, 11, 12, 18, 0, tzinfo=timezone.utc)

# (age, mood, safety, statements s1, ok, order, language, channel, minutes after the start)
BALLOTS = [
    ("young", 1, 1, "agree", ["a"], ["a", "b", "c"], "de", "tablet", 1),
    ("young", 1, 1, "agree", ["a"], ["a", "c", "b"], "de", "tablet", 3),
    ("young", 2, 1, "agree", ["a", "b"], ["b", "a", "c"], "ar", "phone", 5),
    ("young", 2, 1, "disagree", ["b"], ["a", "b"], "ar", "phone", 12),
    ("young", 3, 2, "agree", [], ["c", "a", "b"], "de", "tablet", 14),
    ("young", 3, 2, "pass", ["a"], ["b", "c"], "en", "tablet", 16),
    ("old", 2, 2, "agree", ["b"], ["a", "b", "c"], "de", "paper", 20),
    ("old", 2, 2, "disagree", ["b"], ["c", "b", "a"], "de", "tablet", 21),
    ("old", 3, 2, "disagree", ["a", "b"], ["b", "c", "a"], "de", "tablet", 33),
    ("old", 3, 2, "agree", ["a"], ["a", "b", "c"], "ar", "phone", 34),
    (None, 2, None, None, None, None, "de", "tablet", 40),
    (None, None, None, None, None, None, "de", "phone", 41),  # opened, answered nothing
]


def submissions(session_id: str = "evening") -> list[dict]:
    found = []
    for number, (age, mood, safety, s1, ok, order, language, channel, minutes) in enumerate(BALLOTS):
        answers = {}
        for key, value in (("age", age), ("mood", mood), ("ok", ok), ("order", order)):
            if value is not None:
                answers[key] = value
        if safety is not None:
            answers["town"] = {"safety": safety}
        if s1 is not None:
            answers["statements"] = {"s1": s1}
        found.append({
            "submission_id": f"{session_id}-{number:02d}",
            "session_id": session_id,
            "language": language,
            "channel": channel,
            "submitted_at": START + timedelta(minutes=minutes),
            "answers": answers,
        })
    return found


def evening(language: str = "de"):
    consultation = load_consultation(EVERY_KIND)
    return answers_from({"evening": consultation}, {"evening": submissions()}, language)
