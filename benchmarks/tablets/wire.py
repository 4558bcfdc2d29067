"""Jupyter messages (protocol 5.3) over a kernel websocket, in the framing JupyterLab's code uses.

jupyter_server offers two framings on `/api/kernels/<id>/channels`: the legacy one (JSON text) and
`v1.kernel.websocket.jupyter.org` (binary), which @jupyterlab/services asks for and therefore every
Voilà 0.5 page uses. A v1 frame is:

    offset count n (uint64, little endian), then n offsets (uint64 each, from the frame's start),
    then the channel name, header, parent header, metadata, content (JSON each), buffers...

(jupyter_server/services/kernels/connection/base.py, `serialize_msg_to_ws_v1`.)
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

PROTOCOL = "v1.kernel.websocket.jupyter.org"
VERSION = "5.3"


@dataclass(frozen=True)
class Message:
    """One message from the kernel, as the page receives it."""

    channel: str  # "iopub", "shell", "control", "stdin"
    header: dict
    parent_header: dict
    metadata: dict
    content: dict
    buffers: list[bytes] = field(default_factory=list)

    @property
    def msg_type(self) -> str:
        return self.header.get("msg_type", "")

    @property
    def parent_id(self) -> str:
        """The id of the request this message answers ("" for messages nobody asked for)."""
        return self.parent_header.get("msg_id", "")


def encode(channel: str, parts: list[bytes]) -> bytes:
    """A v1 frame from a channel name and the message's parts (header, parent, metadata, content, buffers)."""
    chunks = [channel.encode("utf-8"), *parts]
    offsets = [8 * (1 + len(chunks) + 1)]  # the count, one offset per chunk, and the end offset
    for chunk in chunks:
        offsets.append(offsets[-1] + len(chunk))
    head = len(offsets).to_bytes(8, "little") + b"".join(offset.to_bytes(8, "little") for offset in offsets)
    return head + b"".join(chunks)


def decode(frame: bytes) -> Message:
    """A Message from a v1 frame (the inverse of `encode`)."""
    count = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    chunks = [frame[start:stop] for start, stop in zip(offsets, offsets[1:])]
    channel, header, parent, metadata, content, *buffers = chunks
    return Message(
        channel=channel.decode("utf-8"),
        header=json.loads(header),
        parent_header=json.loads(parent),
        metadata=json.loads(metadata),
        content=json.loads(content),
        buffers=list(buffers),
    )


def request(msg_type: str, content: dict, session: str, metadata: dict | None = None, channel: str = "shell") -> tuple[str, bytes]:
    """(msg_id, frame) of a new message from the page to the kernel."""
    msg_id = uuid.uuid4().hex
    header = {
        "msg_id": msg_id,
        "msg_type": msg_type,
        "session": session,
        "username": "tablet",
        "date": datetime.now(timezone.utc).isoformat(),
        "version": VERSION,
    }
    parts = [json.dumps(part).encode("utf-8") for part in (header, {}, metadata or {}, content)]
    return msg_id, encode(channel, parts)
