"""`forum-toolkit report`: the town report of a session as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from forum_toolkit.cli.common import db_option, open_store_for


@click.command()
@click.argument("session_id")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The HTML file to write.")
@click.option("--lang", "language", default="de", show_default=True, help="Any language of the consultation; Arabic and Farsi are laid out right to left.")
@click.option("--threshold", type=int, default=5, show_default=True, help="Hide every count below this (and what would reveal it).")
@click.option("--by", "group", default=None, metavar="QUESTION", help="The group question for 'what the groups agree on' (default: the first one that is not age).")
@db_option
def report(session_id: str, out: Path, language: str, threshold: int, group: str | None, db_url: str | None) -> None:
    """Write SESSION_ID's town report: participation, results and what the groups agree on, as one
    HTML file with its charts inside (it opens offline). Counts below the threshold are hidden, and
    so is every number that would give them away; free text is never shown."""
    from forum_toolkit.analysis.report import town_report
    from forum_toolkit.privacy import SuppressionPolicy

    SuppressionPolicy(threshold)  # a bad threshold is refused before the store is opened
    store = open_store_for(db_url)
    html = town_report(store, session_id, language, threshold, by=group)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    click.echo(f"wrote the report of {session_id} in {language} to {out} ({len(html.encode('utf-8')) // 1024} KiB)")
