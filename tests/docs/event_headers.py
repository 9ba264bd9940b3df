"""Reads the typed events from the SDK headers (kernel/include/arctl/events/):
each struct with `static constexpr std::string_view kName = "...";` is an
event; its comment, fields and field comments are what doc/events.md shows.
Shared by gen_events.py and check_event_names.py (Python 3 stdlib only)."""

import re
from dataclasses import dataclass, field
from pathlib import Path

EVENTS_DIR = Path("kernel/include/arctl/events")
# The publishers, in the order the reference lists them; fields.hpp holds
# only the shared helpers.
PUBLISHERS = [
    ("kernel.hpp", "Kernel"),
    ("invoicing.hpp", "Invoicing"),
    ("payments.hpp", "Payments"),
    ("disputes.hpp", "Disputes"),
    ("holds.hpp", "Holds"),
    ("statements.hpp", "Statements"),
    ("gl.hpp", "GL"),
    ("collections.hpp", "Collections"),
    ("mail.hpp", "Mail"),
]

STRUCT_RE = re.compile(r"^struct (\w+)(?:\s*:\s*(.+?))?\s*\{\s*$")
NAME_RE = re.compile(r'^\s+static constexpr std::string_view kName = "([^"]+)";')
FIELD_RE = re.compile(r"^  ([A-Za-z_][\w:<>, ]*?[\w>])\s+(\w+)(?:\s*=\s*[^;(]+|\{\})?;\s*(?://\s*(.*))?$")
CONT_RE = re.compile(r"^\s+//\s?(.*)$")
# A namespace inside the events' one (detail, payload) holds helpers, not events.
INNER_NS_RE = re.compile(r"^namespace (\w+) \{$")


@dataclass
class Field:
    name: str
    type: str
    doc: str


@dataclass
class Struct:
    name: str
    doc: str
    event: str = ""  # the event type; empty for a type used inside payloads
    untyped: bool = False  # the payload is the publisher's JSON (JsonPayload)
    fields: list = field(default_factory=list)


def parse_header(path):
    structs = []
    comment = []
    current = None
    last_field = None
    inner = None  # the helper namespace being skipped
    for line in Path(path).read_text().splitlines():
        if inner is not None:
            if line == f"}}  // namespace {inner}":
                inner, comment = None, []
            continue
        if current is None and INNER_NS_RE.match(line):
            inner = INNER_NS_RE.match(line).group(1)
            continue
        if current is None:
            m = STRUCT_RE.match(line)
            if m:
                current = Struct(m.group(1), " ".join(comment))
                current.untyped = bool(m.group(2) and "JsonPayload" in m.group(2))
                last_field = None
            elif line.startswith("//"):
                comment.append(line[2:].strip())
            else:
                comment = []
            continue
        if line.startswith("};"):
            structs.append(current)
            current, comment = None, []
            continue
        m = NAME_RE.match(line)
        if m:
            current.event = m.group(1)
            continue
        m = FIELD_RE.match(line)
        if m and "(" not in line.split("//")[0]:
            last_field = Field(m.group(2), m.group(1), (m.group(3) or "").strip())
            current.fields.append(last_field)
            continue
        m = CONT_RE.match(line)
        if m and last_field is not None:
            last_field.doc += " " + m.group(1).strip()
            continue
        last_field = None
    return structs


def publishers(root):
    """[(title, header name, [Struct])] in reference order."""
    out = []
    for header, title in PUBLISHERS:
        path = Path(root) / EVENTS_DIR / header
        out.append((title, header, parse_header(path)))
    return out


def event_names(root):
    return [s.event for _, _, structs in publishers(root) for s in structs if s.event]
