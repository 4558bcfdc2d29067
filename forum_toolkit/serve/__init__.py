"""Serving the ballot to tablets and phones with Voilà: `forum-toolkit serve` (cli/serve.py).

Where to start reading:
    config.py    the Voilà configuration as plain data, each setting with its reason (pure)
    runtime.py   the cookie secret, the private runtime directory, the configuration file
    network.py   the machine's address on the café's network, the ballot's URLs, port checks
    process.py   Voilà in a child process, stopped with one signal
    launch.py    `python -m forum_toolkit.serve.launch CONFIG.json` (the child)
    app.py       ForumVoila: Voilà plus the forum's template, kernel environment and handlers
    pool.py      how the pool of warm ballot kernels refills
    share/voila/templates/forum-kiosk/   the page: language and direction, touch styles, the
                 connection banner, nothing from the internet

Importing this package does not import Voilà (only app.py and launch.py's main do).
"""

from forum_toolkit.serve.config import BALLOT_NOTEBOOK, TEMPLATE, ServeConfigError, ServeSettings, voila_config

__all__ = ["BALLOT_NOTEBOOK", "TEMPLATE", "ServeConfigError", "ServeSettings", "voila_config"]
