"""The page's copy of the kernel's widget models, as ipywidgets' page code keeps it.

ipywidgets (protocol 2.1, ipywidgets 8) tells the page about widgets in four ways:

    comm_msg  {"method": "update_states", "states": {id: {"model_name", "state"}}}   all at once,
              the answer to "request_states" on the `jupyter.widget.control` comm
    comm_open target "jupyter.widget", data {"state": {...}}                          a new widget
    comm_msg  {"method": "update" or "echo_update", "state": {...}}                   changed traits
    comm_close                                                                         a closed widget

The ballot app closes every widget of a screen when it draws the next one, so the open models are
what the participant sees (and could tap).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from tablets.wire import Message

WIDGET_TARGET = "jupyter.widget"
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_VERSION = "1.0.0"  # ipywidgets' __control_protocol_version__: the kernel refuses another major
TAG = re.compile(r"<[^>]*>")


@dataclass
class Model:
    model_id: str
    model_name: str  # "ButtonModel", "LabelModel", ...
    state: dict


class WidgetMirror:
    """Every open widget model of one page, updated from the kernel's messages."""

    def __init__(self) -> None:
        self.models: dict[str, Model] = {}
        self.loaded = False  # the answer to request_states has arrived

    def apply(self, message: Message) -> bool:
        """Take in one message from the kernel; True if it changed a widget."""
        content = message.content
        if message.msg_type == "comm_open" and content.get("target_name") == WIDGET_TARGET:
            data = content.get("data", {})
            state = data.get("state", {})
            self.models[content["comm_id"]] = Model(content["comm_id"], state.get("_model_name", ""), dict(state))
            return True
        if message.msg_type == "comm_close":
            return self.models.pop(content.get("comm_id"), None) is not None
        if message.msg_type != "comm_msg":
            return False
        data = content.get("data", {})
        method = data.get("method")
        if method == "update_states":
            for model_id, entry in data.get("states", {}).items():
                self.models[model_id] = Model(model_id, entry.get("model_name", ""), dict(entry.get("state", {})))
            self.loaded = True
            return True
        if method in ("update", "echo_update") and content.get("comm_id") in self.models:
            self.models[content["comm_id"]].state.update(data.get("state", {}))
            return True
        return False

    def buttons(self, description: str) -> list[Model]:
        """Open, enabled buttons that show `description`, newest first."""
        found = [
            model
            for model in self.models.values()
            if model.model_name == "ButtonModel" and model.state.get("description") == description and not model.state.get("disabled")
        ]
        return found[::-1]  # dicts keep insertion order: the last opened is the current screen's

    def button(self, description: str) -> Model | None:
        found = self.buttons(description)
        return found[0] if found else None

    def shows(self, text: str) -> bool:
        """Whether an open widget shows exactly `text` to the participant (see `visible_text`)."""
        return any(visible_text(model) == text for model in self.models.values())

    def has_class(self, model: Model, css_class: str) -> bool:
        return css_class in (model.state.get("_dom_classes") or ())


def visible_text(model: Model) -> str:
    """The text a person reads on a widget: a Button's description, a Label's value, an HTML
    widget's value without its tags and entities ('<div dir="auto">Saved &amp; done</div>' ->
    'Saved & done')."""
    if model.model_name == "ButtonModel":
        return model.state.get("description") or ""
    value = model.state.get("value")
    if not isinstance(value, str):
        return ""
    if model.model_name in ("HTMLModel", "HTMLMathModel"):
        return html.unescape(TAG.sub("", value)).strip()
    return value
