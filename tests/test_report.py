"""The town report: one self-contained HTML file, suppressed, in German and right to left in Arabic,
participant text escaped, and one clear error for each bad input."""

import re
from pathlib import Path

import pytest
from analysis_data import EVERY_KIND, evening
from click.testing import CliRunner

from forum_toolkit.analysis.report import render
from forum_toolkit.cli import main
from forum_toolkit.privacy import SuppressionPolicy

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    from forum_toolkit.demo import seed_demo
    from forum_toolkit.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.sqlite3"
    seed_demo(open_store(url), ROOT / "surveys")
    return url


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def reports(demo_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    found = {}
    for language in ("de", "ar"):
        path = out / f"report-{language}.html"
        result = run("report", "forum-2026-11-12", "--lang", language, "--out", path, "--db", demo_url)
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"wrote the report of forum-2026-11-12 in {language} to {path} (")
        found[language] = path.read_text(encoding="utf-8")
    return found


def test_german_is_left_to_right_and_arabic_right_to_left(reports):
    assert '<html lang="de" dir="ltr">' in reports["de"]
    assert '<html lang="ar" dir="rtl">' in reports["ar"]
    assert "Wer hat mitgemacht?" in reports["de"]
    assert "مَن شارك؟" in reports["ar"]


def test_the_file_needs_nothing_from_outside(reports):
    for html in reports.values():
        assert not re.search(r"""(src|href)\s*=\s*["'](?!data:)""", html)
        assert "<script" not in html and "<link" not in html and "@import" not in html
        assert html.count('src="data:image/png;base64,') >= 5


def test_no_published_count_is_under_the_threshold(reports):
    counts = [int(m) for m in re.findall(r'<td class="n">(\d+)(?: \(\d+%\))?</td>', reports["de"])]
    assert counts and min(counts) >= 5
    assert "×" in reports["de"]  # the demo has small groups: they are hidden


def test_free_text_is_never_in_the_report(reports, demo_url):
    from forum_toolkit.store import open_store

    texts = [s.answers.get("safety_where") for s in open_store(demo_url).submissions("forum-2026-11-12")]
    texts = [t for t in texts if t and len(t) > 12]
    assert texts
    assert not any(t in reports["de"] for t in texts)


def test_labels_are_escaped(tmp_path):
    from forum_toolkit.analysis import answers_from
    from forum_toolkit.consultation.load import load_consultation_text

    text = EVERY_KIND.read_text(encoding="utf-8").replace("title: {de: Jede Art,", 'title: {de: "<script>alert(1)</script> & Co",', 1)
    consultation = load_consultation_text(text, source="evil.yaml")
    from analysis_data import submissions

    html = render(answers_from({"evening": consultation}, {"evening": submissions()}), SuppressionPolicy(5))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_a_small_session_hides_its_total():
    html = render(evening(), SuppressionPolicy(20))
    assert "Abgegebene Stimmzettel: ×" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "error: there is no session 'nope' in the store\n"),
        (["forum-2026-11-12", "--lang", "xx"], "error: language 'xx': expected one of the consultation's languages (de, en, ar, fa, kmr, ru, uk, tr)\n"),
        (["forum-2026-11-12", "--threshold", "0"], "error: threshold: expected a whole number of 1 or more, found 0\n"),
        (["forum-2026-11-12", "--by", "town_life"], "error: group question 'town_life': expected one of age_group, years_in_town, home_language, neighbourhood\n"),
    ],
)
def test_bad_inputs_are_one_line_and_exit_1(demo_url, tmp_path, args, message):
    result = run("report", *args, "--out", tmp_path / "r.html", "--db", demo_url)
    assert (result.exit_code, result.stderr) == (1, message)
    assert not (tmp_path / "r.html").exists()
