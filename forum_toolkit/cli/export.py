"""`forum-toolkit export`: a session's answers as tidy and wide tables with a codebook."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from forum_toolkit.cli.common import db_option, open_store_for, plural
from forum_toolkit.export.write import ALL_FORMATS, FORMATS



@click.command()
@click.argument("session_id")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="Folder to write into.")
@click.option(
    "--format", "formats", type=click.Choice(ALL_FORMATS), multiple=True,
    help="csv, parquet, xlsx, or sav (SPSS, with variable and value labels and a codebook per language); "
         "repeat for several (default: csv, parquet and xlsx).",
)
@click.option("--lang", "language", default="de", show_default=True, help="Language of the value labels.")
@db_option
def export(session_id: str, out: Path, formats: tuple[str, ...], language: str, db_url: str | None) -> None:
    """Write SESSION_ID's answers: one row per answer (tidy), one row per ballot (wide), and a
    codebook of questions and options in every language of the consultation."""
    from forum_toolkit.export import write_export

    store = open_store_for(db_url)
    consultation = store.consultation(session_id)
    if language not in consultation.language_codes:
        offered = ", ".join(consultation.language_codes)
        raise click.BadParameter(f"expected one of the consultation's languages ({offered}), found {language!r}", param_hint="--lang")
    submissions = store.submissions(session_id)
    out.mkdir(parents=True, exist_ok=True)
    chosen = formats or FORMATS
    with click.progressbar(chosen, label="exporting", file=sys.stderr) as bar:
        written = [
            path
            for fmt in bar
            for path in write_export(consultation, submissions, out, formats=(fmt,), basename=session_id, language=language)
        ]
    click.echo(f"exported {plural(len(submissions), 'ballot')} of {session_id}:")
    for path in written:
        click.echo(f"  {path}")
