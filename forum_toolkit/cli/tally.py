"""`forum-toolkit tally BALLOTS --method NAME`: count a ballot file and show how the count went."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import click

from forum_toolkit.cli.common import db_option, open_store_for, plural
from forum_toolkit.voting import REGISTRY, CannotCount, TieBreak, count, get_method, methods_for
from forum_toolkit.voting.files import read_ballots

KINDS = ("ranking", "approval", "scores")


@click.command()
@click.argument("ballots", type=click.Path(path_type=Path), required=False)
@click.option("--session", "session_id", metavar="SESSION", help="Count the ballots stored for SESSION instead of a file.")
@click.option("--question", "question_id", metavar="Q", help="With --session: the question to count (default: the round's, or the only one the method fits).")
@click.option("--method", "-m", "method_name", metavar="NAME", help=f"One of: {', '.join(REGISTRY)}.")
@click.option("--seats", "-k", type=click.IntRange(min=1), default=1, show_default=True, help="How many to elect.")
@click.option(
    "--tie-break",
    "tie_break",
    default="earliest",
    show_default=True,
    metavar="seed:N|earliest",
    help="How a tie that must be broken is broken: the earliest submitted candidate, or a published random seed N.",
)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--compare", is_flag=True, help="Count with every method that fits these ballots and show where they disagree.")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="What the numbers in a CSV file are: ranks, ticks or scores (default: what the method counts; ranking).",
)
@db_option
def tally(
    ballots: Path | None, session_id: str | None, question_id: str | None, method_name: str | None, seats: int, tie_break: str,
    output: str, compare: bool, kind: str | None, db_url: str | None,
) -> None:
    """Count the ballots in BALLOTS (PrefLib .soc .soi .toc .toi .cat, or CSV) with a voting method.

    Shows the winners (every tied candidate when there is a tie), who is elected after the
    tie-break, the full order where the method gives one, and the steps of the count (score table,
    pairwise matrix, rounds and transfers). Exits 0 after a count, 1 when the file or the options
    cannot be used.

    With --session SESSION instead of BALLOTS, counts the ballots stored for a question of a session
    (a council's voting round, say) with --method NAME.

    Example: forum-toolkit tally agenda.toi --method schulze --tie-break seed:2026
    """
    policy = TieBreak.parse(tie_break)
    if (ballots is None) == (session_id is None):
        raise CannotCount("tally: expected a ballot file or --session SESSION (one of them); see forum-toolkit tally --help")
    if not compare and not method_name:
        raise CannotCount("tally: expected --method NAME or --compare; see forum-toolkit tally --help")
    if session_id is not None:
        if compare:
            raise CannotCount("tally: --compare counts ballot files; with --session choose one --method NAME")
        from forum_toolkit.cli.agenda import count_session

        _, profile, result = count_session(open_store_for(db_url), session_id, method_name, question_id, seats, tie_break)
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if output == "json" else _text(profile, result))
        return
    chosen = get_method(method_name) if method_name else None
    profile = read_ballots(ballots, kind=kind or (chosen.kind if chosen else None))
    if compare:
        names = [m.name for m in methods_for(profile.kind) if seats == 1 or not m.single_seat]
        results = [count(profile, name, seats=seats, tie_break=policy) for name in names]
        shown = json.dumps(_comparison(results), indent=2, ensure_ascii=False) if output == "json" else _compare_text(profile, results)
        click.echo(shown)
        return
    result = count(profile, method_name, seats=seats, tie_break=policy)
    if output == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(_text(profile, result))


def _number(value) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"
    return "-" if value is None else str(value)


def _names(names) -> str:
    return ", ".join(names) if names else "nobody"


def _order(order) -> str:
    return " > ".join(" = ".join(group) for group in order)


def _text(profile, result) -> str:
    title = REGISTRY[result.method].title
    lines = [f"{title}: {plural(profile.voters, 'ballot')}, {plural(len(profile.candidates), 'candidate')}, {plural(result.seats, 'seat')}"]
    lines.append(f"elected: {_names(result.elected)}")
    if len(result.winners) > len(result.elected):
        lines.append(f"tied: {_names(result.winners)} (the tie-break chose)")
    if result.order is not None:
        lines.append(f"order: {_order(result.order)}")
    uses = result.tie_break.uses
    lines.append(f"tie-break: {result.tie_break.policy}, " + ("used " + "; ".join(
        f"{u.at}: {_names(u.tied)} -> {_names(u.chosen)}" for u in uses
    ) if uses else "not needed"))
    lines += _steps_text(profile, result.steps)
    return "\n".join(lines)


def _steps_text(profile, steps) -> list[str]:
    lines = []
    for key, value in steps.items():
        if key in ("pairwise", "strongest paths"):
            width = max(len(c) for c in profile.candidates) + 2
            lines.append(f"{key} (row over column):")
            lines.append(" " * width + "".join(c[:8].rjust(9) for c in profile.candidates))
            for row, cells in value.items():
                lines.append(row.ljust(width) + "".join(_number(c).rjust(9) for c in cells))
        elif key == "rounds":
            for step in value:
                shown = ", ".join(f"{c} {_number(v)}" for c, v in step.get("votes", {}).items())
                what = _round_action(step)
                lines.append(f"round {step['round']}: {shown}{'; ' if shown else ''}{what}")
        elif key == "pairs in order":
            lines.append("pairs, largest margin first:")
            for pair in value:
                state = "locked" if pair["locked"] else "skipped (would contradict pairs locked before)"
                lines.append(f"  {pair['pair'][0]} over {pair['pair'][1]} by {pair['margin']}: {state}")
        elif isinstance(value, dict) and key != "candidates":
            lines.append(f"{key}: " + ", ".join(f"{c} {_number(v) if not isinstance(v, dict) else v}" for c, v in value.items()))
        elif key != "candidates":
            lines.append(f"{key}: {_number(value) if not isinstance(value, list) else _names(value)}")
    return lines


def _round_action(step) -> str:
    parts = []
    if step.get("exhausted"):
        parts.append(f"exhausted {_number(step['exhausted'])}")
    if "elected" in step:
        elected = step["elected"]
        parts.append(f"elected {_names(elected) if isinstance(elected, list) else elected}")
    if "last places" in step:
        parts.append("last places " + ", ".join(f"{c} {_number(v)}" for c, v in step["last places"].items()))
    if "eliminated" in step:
        parts.append(f"eliminated {step['eliminated']}")
    if "cost per supporter" in step:
        parts.append("cost per supporter " + ", ".join(f"{c} {_number(v)}" for c, v in step["cost per supporter"].items()))
    for transfer in step.get("transfers", []) if isinstance(step.get("transfers"), list) else []:
        moved = ", ".join(f"{c} +{_number(v)}" for c, v in transfer["to"].items())
        exhausted = f", exhausted {_number(transfer['exhausted'])}" if transfer["exhausted"] else ""
        parts.append(f"votes of {transfer['from']} moved: {moved or 'none'}{exhausted}")
    return "; ".join(parts)


def _comparison(results) -> dict:
    groups: dict[tuple[str, ...], list[str]] = {}
    for result in results:
        groups.setdefault(tuple(sorted(result.elected)), []).append(result.method)
    return {
        "results": {r.method: r.to_dict() for r in results},
        "agree": len(groups) <= 1,
        "groups": [{"elected": list(elected), "methods": methods} for elected, methods in groups.items()],
    }


def _compare_text(profile, results) -> str:
    width = max(len(r.method) for r in results) + 2
    lines = [f"{plural(profile.voters, 'ballot')}, {plural(len(profile.candidates), 'candidate')}, {profile.kind} ballots", ""]
    lines.append("method".ljust(width) + "elected".ljust(30) + "order")
    for result in results:
        elected = _names(result.elected) + (" (tie-break)" if result.tied else "")
        lines.append(result.method.ljust(width) + elected.ljust(30) + (_order(result.order) if result.order else "-"))
    comparison = _comparison(results)
    lines.append("")
    if comparison["agree"]:
        lines.append("all methods agree")
    else:
        lines.append("the methods disagree:")
        for group in comparison["groups"]:
            lines.append(f"  {_names(group['elected'])}: {', '.join(group['methods'])}")
    return "\n".join(lines)
