"""The council's commands: proposals and their translations, the voting round, the agenda document,
and what became of each agenda item.

    forum-toolkit proposals council-2026-12
    forum-toolkit translate council-2026-12 7 --lang de --title "..." --text "..."
    forum-toolkit agenda-round council-2026-12 --id council-2027-01 --kind ranking --top 5
    forum-toolkit agenda council-2027-01 --method schulze --seats 5 --lang de,ar --out agenda.html --adopt
    forum-toolkit agenda-status council-2027-01 2 discussed --note "..." --date 2027-01-14
    forum-toolkit agenda-report council-2027-01 --lang de,ar --out report.html
    forum-toolkit agenda-report council-2027-01 --lang de,ar --format csv
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from forum_toolkit.cli.common import db_option, open_store_for, plural

DATE = click.DateTime(["%Y-%m-%d"])


def count_session(store, session_id: str, method_name: str, question_id: str | None, seats: int, tie_break: str):
    """(question, profile, result): the stored ballots of one question of the session, counted."""
    from forum_toolkit.agenda import AgendaError, choose_question, profile_of
    from forum_toolkit.voting import TieBreak, count, get_method

    policy = TieBreak.parse(tie_break)
    method = get_method(method_name)
    consultation = store.consultation(session_id)
    found = store.voting_round(session_id)
    if question_id is None and found is not None:
        question_id = found.question_id
    question = choose_question(consultation, session_id, question_id, method.kind)
    profile = profile_of(question, (s.answers for s in store.submissions(session_id)))
    if profile.voters == 0:
        raise AgendaError(f"session {session_id!r} has no ballots for question {question.id!r} yet")
    return question, profile, count(profile, method_name, seats=seats, tie_break=policy)


def _languages(store, session_id: str, lang: str) -> tuple[str, ...]:
    from forum_toolkit.agenda import AgendaError

    offered = store.consultation(session_id).language_codes
    chosen = tuple(dict.fromkeys(code.strip() for code in lang.split(",") if code.strip()))
    for code in chosen or ("",):
        if code not in offered:
            raise AgendaError(f"--lang {code!r}: expected languages of the session, from {', '.join(offered)}")
    return chosen


def _write(out: Path, content: str | bytes) -> None:
    from forum_toolkit.agenda import AgendaError

    try:
        out.write_bytes(content) if isinstance(content, bytes) else out.write_text(content, encoding="utf-8")
    except OSError as error:
        raise AgendaError(f"cannot write {out}: {error.strerror}") from None


lang_option = click.option("--lang", default="de", show_default=True, metavar="de,ar,...", help="The document's languages, the page's first.")


@click.command()
@click.argument("session_id", metavar="SESSION")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["pending", "approved", "rejected", "merged"]), help="Only these (default: all).")
@db_option
def proposals(session_id: str, statuses: tuple[str, ...], db_url: str | None) -> None:
    """List the proposals of SESSION: number, moderation status, language, channel, title, and the
    languages they are translated into (h: by a volunteer, m: by a program)."""
    store = open_store_for(db_url)
    found = store.proposals(session_id, statuses or ("pending", "approved", "rejected", "merged"))
    if not found:
        click.echo(f"no proposals in session {session_id} yet")
    for p in found:
        translated = " ".join(f"{t.language}:{t.origin[0]}" for t in p.translations) or "-"
        click.echo(f"{p.id:>4}  {p.status:<8}  {p.language:<3}  {p.channel:<8}  {translated:<12}  {p.title}")


@click.command()
@click.argument("session_id", metavar="SESSION")
@click.argument("item_id", metavar="ITEM", type=int)
@click.option("--lang", "language", required=True, help="The language of the translation.")
@click.option("--title", required=True, help="The title in that language.")
@click.option("--text", default="", help="The text in that language (needed when the proposal has a text).")
@click.option("--machine", is_flag=True, help="A translation program made it (shown as such); default: a volunteer did.")
@db_option
def translate(session_id: str, item_id: int, language: str, title: str, text: str, machine: bool, db_url: str | None) -> None:
    """Add a translation of proposal ITEM of SESSION. Earlier versions are kept; the latest shows.
    Nothing is translated here: a person, or a program run beforehand, wrote it."""
    store = open_store_for(db_url)
    version = store.translate(session_id, item_id, language, title=title, text=text, origin="machine" if machine else "human")
    versions = len(store.translation_history(session_id, item_id, language))
    click.echo(f"proposal {item_id} of {session_id}: {language} translation by {'a program' if machine else 'a volunteer'} stored (version {versions}, {version.at:%Y-%m-%d %H:%M} UTC)")


@click.command("agenda-round")
@click.argument("session_id", metavar="SESSION")
@click.option("--id", "round_id", required=True, help="The round's own session id, e.g. council-2027-01.")
@click.option("--kind", type=click.Choice(["ranking", "dots", "approval", "grades"]), default="ranking", show_default=True)
@click.option("--top", type=int, default=None, help="ranking: how many places each person fills (default 5, or all when fewer).")
@click.option("--budget", type=int, default=None, help="dots: how many dots each person has (default 5).")
@click.option("--per-proposal", "per", type=int, default=None, help="dots: at most so many on one proposal (default 3).")
@click.option("--title", default=None, help="A title for people (default: the round's German title).")
@click.option("--date", "held_on", type=DATE, default=None, help="YYYY-MM-DD (default: today).")
@db_option
def agenda_round(session_id, round_id, kind, top, budget, per, title, held_on, db_url) -> None:
    """Create a voting round over the approved proposals of SESSION: a new session (planned) whose
    ballot lists them in every language they have, with SESSION's languages and code rules."""
    from forum_toolkit.agenda import RoundPlan

    store = open_store_for(db_url)
    plan = RoundPlan(round_id, kind, top=top, budget=budget, max_per_option=per)
    day = held_on.date() if held_on else date.today()
    from forum_toolkit.agenda.words import word

    info = store.create_round(session_id, plan, title=title or word("round_title", "de"), held_on=day)
    options = len(store.voting_round(round_id).options)
    click.echo(f"created round {info.id} over {plural(options, 'approved proposal')} of {session_id} ({kind}), state planned")
    click.echo(f"next: forum-toolkit sessions open {info.id}" + ("; forum-toolkit codes " + info.id + " --count N" if store.consultation(round_id).access.value == "codes" else ""))


@click.command()
@click.argument("session_id", metavar="SESSION")
@click.option("--method", "-m", "method_name", required=True, metavar="NAME", help="A counting method (see forum-toolkit tally --help).")
@click.option("--seats", "-k", type=int, default=5, show_default=True, help="How many items the agenda has.")
@click.option("--question", "question_id", default=None, help="The question to count (default: the round's, or the only one the method fits).")
@click.option("--tie-break", default="earliest", show_default=True, metavar="seed:N|earliest")
@lang_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write the document here (.html or .pdf).")
@click.option("--adopt", is_flag=True, help="Record this agenda as the council's (once per session); its items are then scheduled.")
@db_option
def agenda(session_id, method_name, seats, question_id, tie_break, lang, out, adopt, db_url) -> None:
    """Count SESSION's ballots and make the agenda: the elected items in order, with their texts in
    the --lang languages and their authors' own, and how the votes were counted, step by step."""
    from forum_toolkit.agenda import AgendaError, build_agenda
    from forum_toolkit.agenda.document import agenda_html
    from forum_toolkit.voting import REGISTRY

    store = open_store_for(db_url)
    languages = _languages(store, session_id, lang)
    question, profile, result = count_session(store, session_id, method_name, question_id, seats, tie_break)
    info = store.session(session_id)
    built = build_agenda(result, store.candidates(session_id, question.id), ballots=profile.voters, title=info.title, session_id=session_id, question_id=question.id)
    if out is not None:
        if out.suffix.lower() not in (".html", ".htm", ".pdf"):
            raise AgendaError(f"--out {out}: expected a file name ending in .html or .pdf")
        if adopt:
            _not_adopted(store, session_id)
        if out.suffix.lower() == ".pdf":
            from forum_toolkit.agenda.pdf import agenda_pdf

            _write(out, agenda_pdf(built, languages, held_on=info.held_on.isoformat()))
        else:
            _write(out, agenda_html(built, languages, held_on=info.held_on.isoformat()))
    click.echo(f"{REGISTRY[result.method].title}: {plural(profile.voters, 'ballot')}, {plural(len(profile.candidates), 'proposal')}, {plural(len(built.items), 'item')} on the agenda")
    for item in built.items:
        mark = " (tie-break)" if item.by_tie_break else ""
        click.echo(f"{item.position}. {item.candidate.title(languages[0])}{mark}")
    uses = result.tie_break.uses
    click.echo(f"tie-break: {result.tie_break.policy}, " + (f"used {len(uses)} time{'s' if len(uses) > 1 else ''}" if uses else "not needed"))
    if out is not None:
        click.echo(f"wrote {out}")
    if adopt:
        store.adopt_agenda(session_id, built)
        click.echo(f"adopted: the agenda of {session_id} has {plural(len(built.items), 'item')}, each scheduled")


def _not_adopted(store, session_id: str) -> None:
    from forum_toolkit.agenda import AgendaError

    try:
        earlier = store.adopted_agenda(session_id)
    except AgendaError:
        return
    raise AgendaError(f"session {session_id!r} already has an agenda, adopted {earlier.adopted_at:%Y-%m-%d %H:%M} UTC; an agenda is adopted once")


@click.command("agenda-status")
@click.argument("session_id", metavar="SESSION")
@click.argument("position", metavar="ITEM", type=int)
@click.argument("status", metavar="STATUS")
@click.option("--note", required=True, help="What happened, for residents to read.")
@click.option("--date", "on", type=DATE, default=None, help="The day it happened, YYYY-MM-DD (default: today).")
@db_option
def agenda_status(session_id, position, status, note, on, db_url) -> None:
    """Note what became of item ITEM of SESSION's adopted agenda. STATUS: scheduled, discussed,
    decided, in_progress ("in progress"), done or declined (done and declined are final); each note
    is kept, the latest holds."""
    from forum_toolkit.agenda import status_label

    store = open_store_for(db_url)
    noted = store.note_status(session_id, position, status, note, on=on.date() if on else date.today())
    click.echo(f"agenda item {position} of {session_id} is now {status_label(noted.status)} ({noted.on.isoformat()})")


@click.command("agenda-report")
@click.argument("session_id", metavar="SESSION")
@lang_option
@click.option("--format", "form", type=click.Choice(["text", "csv"]), default="text", show_default=True, help="What to print: a line per item, or CSV (a row per item).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write the report here: .html (to post) or .csv (a row per item).")
@db_option
def agenda_report(session_id, lang, form, out, db_url) -> None:
    """What became of each item of SESSION's adopted agenda: its latest status, day and note. The CSV
    has a row per item: position, proposal, titles (title_<lang> per --lang language), status
    (stored value and word), date, latest note, number of notes, day adopted."""
    from forum_toolkit.agenda import AgendaError
    from forum_toolkit.agenda.report import report_html, report_rows, report_text

    store = open_store_for(db_url)
    languages = _languages(store, session_id, lang)
    if out is not None and out.suffix.lower() not in (".html", ".htm", ".csv"):
        raise AgendaError(f"--out {out}: expected a file name ending in .html or .csv")
    entries = store.report_entries(session_id)
    click.echo(_csv(report_rows(entries, languages)) if form == "csv" else report_text(entries, languages[0]), nl=form == "text")
    if out is not None:
        _write(out, _csv(report_rows(entries, languages)) if out.suffix.lower() == ".csv" else report_html(entries, languages, title=store.session(session_id).title))
        click.echo(f"wrote {out}", err=form == "csv")


def _csv(rows: list[dict[str, object]]) -> str:
    """CSV with a header; participant text that a spreadsheet would run as a formula gets a leading '."""
    import csv
    import io

    from forum_toolkit.export.write import neutralize_formula

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["position"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: neutralize_formula(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows)
    return buffer.getvalue()


COMMANDS = (proposals, translate, agenda_round, agenda, agenda_status, agenda_report)
