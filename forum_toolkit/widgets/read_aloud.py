"""A "Read aloud" button for participants who read little: the browser's speech synthesis reads the
question, its help and its options in the participant's language.

No stock widget can start speech in the browser, so this is the widgets' one custom widget: an
anywidget whose JavaScript is `read_aloud.js` beside this file, sent inline (no CDN). It only uses
voices installed on the device, so it works on a café hotspot without internet, and hides itself
when the device has no voice for the language (often so for Kurmanji). Nothing is read from or
sent to the kernel: the browser only speaks text the kernel gave it.

anywidget is optional: without it `read_aloud_button` returns None and the views simply have no
such button.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

try:
    import anywidget
    import traitlets
except ImportError:  # pragma: no cover - anywidget is an optional extra of the ballot
    anywidget = None

__all__ = ["read_aloud_button"]

SCRIPT = Path(__file__).with_name("read_aloud.js")
PAUSES = ".?!:;…؟۔。"  # a text ending otherwise gets a full stop, so the voice pauses after each option

if anywidget is not None:

    class ReadAloud(anywidget.AnyWidget):
        """The button; `text` is what it reads, `language` picks the voice, `label` is its caption."""

        _esm = SCRIPT.read_text(encoding="utf-8")
        text = traitlets.Unicode("").tag(sync=True)
        language = traitlets.Unicode("").tag(sync=True)
        label = traitlets.Unicode("").tag(sync=True)


def read_aloud_button(label: str, language: str, texts: Sequence[str]):
    """The button reading `texts` one after the other, or None without anywidget."""
    if anywidget is None:
        return None
    sentences = [text if text.rstrip()[-1:] in PAUSES else f"{text}." for text in texts if text.strip()]
    button = ReadAloud(text="\n".join(sentences), language=language, label=label)
    button.add_class("ft-read-aloud")
    return button
