"""`forum-toolkit demo`: seed a reproducible demo so that every app and notebook shows something."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from forum_toolkit.cli.common import open_store_for, plural

DEMO_DB = "sqlite:///data/demo.sqlite3"


@click.command()
@click.option("--db", "db_url", default=DEMO_DB, show_default=True, metavar="URL", help="The store to seed.")
@click.option("--surveys", type=click.Path(path_type=Path, file_okay=False, exists=True), default="surveys", show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True, help="The same seed gives the same ballots.")
@click.option("--replace", is_flag=True, help="Delete an existing demo SQLite file first.")
def demo(db_url: str, surveys: Path, seed: int, replace: bool) -> None:
    """Seed two forum evenings (~300 ballots in eight languages) and a council agenda round
    (with single-use codes) into a demo store."""
    from forum_toolkit.demo import seed_demo, total_ballots

    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database)
        if path.exists():
            if not replace:
                raise click.UsageError(f"{path} exists already; add --replace to seed it anew")
            for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                stale.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store_for(db_url)
    with click.progressbar(length=total_ballots(), label="seeding the demo", file=sys.stderr) as bar:
        summary = seed_demo(store, surveys, seed=seed, progress=bar.update)
    click.echo(
        f"seeded {plural(len(summary.sessions), 'session')} with {plural(summary.ballots, 'ballot')} "
        f"and {plural(summary.codes, 'ballot code')} into {url.render_as_string(hide_password=True)}"
    )
