"""What became of the council's agenda, as the agenda notebook shows it (on the seeded demo)."""

from pathlib import Path

import pytest

from forum_toolkit.agenda import AgendaError
from forum_toolkit.analysis import accountability

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    from forum_toolkit.demo import seed_demo
    from forum_toolkit.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    with open_store(url) as store:
        seed_demo(store, ROOT / "surveys")
    return url


def test_each_adopted_item_with_its_latest_status_day_and_note(demo_url):
    table = accountability(demo_url, "council-2026-12", "de")
    assert list(table["place"]) == [1, 2, 3]
    assert list(table["status"]) == ["decided", "discussed", "scheduled"]
    assert list(table["notes"]) == [2, 1, 0]
    assert table.loc[0, "note"].startswith("Der Beirat empfiehlt")
    assert table.loc[0, "status_word"] == "beschlossen"


def test_titles_and_status_words_come_in_the_chosen_language(demo_url):
    table = accountability(demo_url, "council-2026-12", "ar")
    assert table.loc[2, "status_word"] == "مُدرَج في جدول الأعمال"
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in title) for title in table["title"])


def test_a_session_without_an_adopted_agenda_says_so(demo_url):
    with pytest.raises(AgendaError, match="has no adopted agenda yet; adopt one with: forum-toolkit agenda"):
        accountability(demo_url, "forum-2026-11-12")
