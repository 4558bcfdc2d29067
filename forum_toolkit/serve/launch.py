"""`python -m forum_toolkit.serve.launch CONFIG.json`: run ForumVoila with a configuration file.

`forum-toolkit serve` writes the file (config.voila_config, as JSON) and starts this in a process
of its own, so that stopping is one signal: SIGTERM or SIGINT makes Voilà shut every kernel down
(warm ones included) and remove its connection files before the process exits.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from traitlets.config import Config


def load_config(path: Path) -> Config:
    return Config(json.loads(Path(path).read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m forum_toolkit.serve.launch CONFIG.json", file=sys.stderr)
        return 2
    from forum_toolkit.serve.app import ForumVoila  # noqa: PLC0415 (imports Voilà)

    app = ForumVoila.instance(config=load_config(Path(args[0])))
    app.initialize([])  # never sys.argv: Voilà would take the config file for a notebook
    app.start()  # returns after SIGTERM/SIGINT, once every kernel is shut down
    return 0


if __name__ == "__main__":
    sys.exit(main())
