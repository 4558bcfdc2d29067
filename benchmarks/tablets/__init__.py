"""Simulated tablets for `benchmarks/bench_tablets.py`: a browser page reduced to its protocol.

A tablet in a café does three things with Voilà, and so does a simulated one:

1. `GET /voila/render/ballot.ipynb?kiosk=1`: the HTML page, which carries the id of the kernel
   that runs this page (`<script id="jupyter-config-data">` ... `"kernelId"`).
2. Opens that kernel's websocket (`/api/kernels/<id>/channels`, Jupyter messages in the
   `v1.kernel.websocket.jupyter.org` framing) and asks ipywidgets for every widget's state
   (`jupyter.widget.control` comm, `request_states`), as ipywidgets 8's page code does.
3. Taps buttons: a `comm_msg` `{"method": "custom", "content": {"event": "click"}}` to the
   button's model, then reads the kernel's widget updates, e.g. until "Saved. Thank you!" shows.

Modules:
    wire.py          Jupyter messages over the kernel websocket
    widgets.py       the page's copy of the widget models, kept up to date from kernel messages
    tablet.py        one simulated tablet: page, websocket, taps, timings
    participants.py  what a participant does: the ballot app, and the bare comparison notebook
    forum.py         the temporary store, sessions and notebooks a run uses
    servers.py       starting, measuring and stopping Voilà servers and their kernels
    report.py        percentiles, the table and the targets
"""
