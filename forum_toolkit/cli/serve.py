"""`forum-toolkit serve`: the ballot for tablets and phones on the café's network, until Ctrl-C."""

from __future__ import annotations

import shutil
import signal
import sys
from pathlib import Path

import click

from forum_toolkit.cli.common import EXIT_INVALID, db_option, open_store_for
from forum_toolkit.serve.config import KIOSK_RESET_SECONDS, MAX_RESET_SECONDS

KERNEL_MB = 55  # one warm ballot kernel with ipywidgets (measured, VOILA-NOTES.md)


@click.command()
@click.argument("session_id")
@db_option
@click.option("--port", type=click.IntRange(1, 65535), default=8866, show_default=True, help="The port to listen on (never another one).")
@click.option("--tablets", type=click.IntRange(0, 500), default=60, show_default=True,
              help=f"Warm ballot kernels kept ready, one per shared tablet (about {KERNEL_MB} MB each).")
@click.option("--host", default="0.0.0.0", show_default=True, help="The address to listen on; 0.0.0.0 is every network of this machine.")
@click.option("--notebooks", "notebooks_dir", type=click.Path(path_type=Path, file_okay=False), default="notebooks",
              show_default=True, help="The folder with ballot.ipynb.")
@click.option("--qr", "qr_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the phones' QR code to this PNG file, to print for the wall.")
@click.option("--reset-seconds", type=click.IntRange(1, MAX_RESET_SECONDS), default=KIOSK_RESET_SECONDS,
              show_default=True,
              help="On a kiosk tablet, seconds of the thank-you screen before the start screen returns for the next person.")
@click.option("--facilitator-secret", envvar="FORUM_FACILITATOR_SECRET", default=None,
              help="The secret that opens the facilitator's console (at least 12 characters); "
                   "default: made on first start and kept in DATA/facilitator-secret.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default="data", show_default=True,
              help="Where the server's cookie secret is kept (created on first start, mode 0600).")
def serve(session_id, db_url, port, tablets, host, notebooks_dir, qr_file, reset_seconds, facilitator_secret, data_dir) -> None:
    """Serve the ballot of SESSION_ID to tablets and phones on this network, until Ctrl-C.

    Prints the addresses for shared tablets (kiosk mode) and for phones, with a QR code for the
    phones, and those of the projector and of the facilitator's console (without its secret). Voilà runs with the configuration in forum_toolkit/serve/config.py: warm kernels for a
    burst of tablets, no template switching, no tracebacks, nothing loaded from the internet.
    Ctrl-C stops the server and shuts every kernel down.
    """
    from forum_toolkit.serve.config import LOCAL_HOSTS, ServeSettings, voila_config
    from forum_toolkit.serve.facilitator import check_secret, ensure_facilitator_secret, secret_hash
    from forum_toolkit.serve.network import ballot_urls, forum_urls, lan_address, port_is_free
    from forum_toolkit.serve.process import VoilaProcess
    from forum_toolkit.serve.runtime import (
        absolute_db_url, ballot_stylesheets, ensure_cookie_secret, private_runtime_dir, write_config,
    )
    from forum_toolkit.store import DEFAULT_URL

    db_url = absolute_db_url(db_url or DEFAULT_URL)
    _check_session(session_id, db_url)
    notebooks_dir = notebooks_dir.resolve()
    if not (notebooks_dir / "ballot.ipynb").is_file():
        _fail(f"{notebooks_dir / 'ballot.ipynb'} not found; give the folder that holds it with --notebooks")
    if not port_is_free(host, port):
        _fail(f"port {port} is in use (another forum-toolkit serve?); stop that server or choose --port")

    tablet_url, phone_url = ballot_urls(lan_address(host), port)
    cookie_secret_file = ensure_cookie_secret(data_dir.resolve())
    if facilitator_secret is not None:
        secret, secret_place = check_secret(facilitator_secret), "as given with --facilitator-secret"
    else:
        secret_file, secret = ensure_facilitator_secret(data_dir.resolve())
        secret_place = f"in {secret_file}"
    runtime_dir = private_runtime_dir()
    try:
        settings = ServeSettings(
            session_id=session_id, db_url=db_url, notebooks_dir=notebooks_dir, runtime_dir=runtime_dir,
            cookie_secret_file=cookie_secret_file, port=port, host=host, tablets=tablets,
            stylesheets=ballot_stylesheets(), reset_seconds=reset_seconds, facilitator_secret_sha256=secret_hash(secret),
            phone_url=phone_url,
        )
        voila = VoilaProcess(write_config(voila_config(settings), runtime_dir))
    except BaseException:
        shutil.rmtree(runtime_dir, ignore_errors=True)
        raise
    # A service manager's stop, a closed terminal and a Ctrl-C (even when started in the background,
    # where SIGINT is ignored) all stop the server the same way.
    stop_signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous_handlers = {number: signal.signal(number, _interrupt) for number in stop_signals}
    click.echo(f"starting Voilà with {tablets} warm ballot kernels (about {tablets * KERNEL_MB} MB)...")
    try:
        voila.start()
        probe = "127.0.0.1" if host in LOCAL_HOSTS else host
        if not voila.wait_until_listening(port, probe):
            _fail(f"Voilà did not start listening on port {port}; its log above says why")
        projector_url, console_url = forum_urls(lan_address(host), port)
        _announce(tablet_url, phone_url, qr_file, [
            f"projector:       {projector_url}",
            f"console:         {console_url}<the facilitator secret, {secret_place}>",
        ])  # fmt: skip
        code = voila.wait()
        if code != 0:
            _fail(f"Voilà stopped by itself (exit code {code}); its log above says why")
    except KeyboardInterrupt:
        click.echo("stopping: shutting every kernel down...", err=True)
    finally:
        voila.stop()
        shutil.rmtree(runtime_dir, ignore_errors=True)
        for number, handler in previous_handlers.items():
            signal.signal(number, handler)
    click.echo("stopped")


def _check_session(session_id: str, db_url: str) -> None:
    store = open_store_for(db_url)
    try:
        session = store.session(session_id)
    finally:
        store.close()
    if session.state == "open":
        return
    if session.state == "paused":
        click.echo(f"warning: session {session_id} is paused: ballots are refused until you open it again with: "
                   f"forum-toolkit sessions open {session_id}", err=True)
        return
    if session.state == "planned":
        _fail(f"session {session_id} is not open yet; open it first with: forum-toolkit sessions open {session_id}")
    _fail(f"session {session_id} is closed for good; create a new session for another evening")


def _announce(tablet_url: str, phone_url: str, qr_file: Path | None, more: list[str]) -> None:
    import segno  # noqa: PLC0415

    code = segno.make(phone_url, error="m")
    click.echo(f"tablets (kiosk): {tablet_url}")
    click.echo(f"phones:          {phone_url}")
    code.terminal(out=click.get_text_stream("stdout"), compact=True)
    if qr_file is not None:
        code.save(str(qr_file), kind="png", scale=12, border=4)
        click.echo(f"QR code for the wall: {qr_file}")
    for line in more:
        click.echo(line)
    click.echo("Ctrl-C stops the server and every kernel.")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_INVALID)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


__all__ = ["serve"]
