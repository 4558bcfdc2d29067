"""`forum-toolkit codes`: single-use ballot codes for a session, as a printable sheet of slips."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from forum_toolkit.cli.common import db_option, open_store_for, plural
from forum_toolkit.errors import ForumToolkitError

BATCH = 50


@click.command()
@click.argument("session_id")
@click.option("--count", "-n", type=click.IntRange(1, 10_000), required=True, help="How many codes to create.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The PDF sheet to write.")
@click.option("--url", "ballot_url", required=True, help="The ballot's address that each slip's QR code opens.")
@db_option
def codes(session_id: str, count: int, out: Path, ballot_url: str, db_url: str | None) -> None:
    """Create COUNT single-use codes for SESSION_ID and write a PDF of cut-out slips.

    Each slip has its code and a QR code that opens the ballot with the code filled in. The store
    keeps only a hash of each code: this sheet is the only place the codes exist, so print it and
    keep it safe.
    """
    from forum_toolkit.codesheet import code_sheet_pdf, slip_url

    try:
        slip_url(ballot_url, "ABCD-EFGH")  # check the address before any code is created
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--url") from None
    store = open_store_for(db_url)
    session = store.session(session_id)
    consultation = store.consultation(session_id)
    if consultation.access.value != "codes":
        raise ForumToolkitError(
            f"session {session_id!r}: consultation {consultation.id!r} is open to all (access: open) and takes no codes"
        )
    if not out.parent.exists():
        raise click.BadParameter(f"the folder {out.parent} does not exist", param_hint="--out")
    created: list[str] = []
    with click.progressbar(length=count, label="creating codes", file=sys.stderr) as bar:
        while len(created) < count:
            batch = store.create_codes(session_id, min(BATCH, count - len(created)))
            created.extend(batch)
            bar.update(len(batch))
    pdf = code_sheet_pdf(created, ballot_url=ballot_url, title=session.title, session_label=session.id)
    out.write_bytes(pdf)
    issued, used = store.code_counts(session_id)
    click.echo(f"wrote {plural(len(created), 'code')} to {out} (session {session_id}: {issued} issued, {used} used)")
