"""Human-readable summaries of analyzed documents (rich)."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .models import Document


def summary(doc: Document) -> Panel:
    dct = f"{doc.dct.value} ({doc.dct.precision})" if doc.dct else "no date"
    head = Text.assemble((doc.source, "bold"), f"  id {doc.id}  {dct}  lang {doc.language or '?'}")
    parts: list = [head]
    kinds = {}
    for seg in doc.segments:
        kinds[seg.kind] = kinds.get(seg.kind, 0) + 1
    parts.append(Text("segments: " + ", ".join(f"{n} {k}" for k, n in kinds.items())))
    for seg in doc.segments_of("caption"):
        flag = " [archive]" if seg.archive else ""
        parts.append(Text(f"  caption{flag}, credit: {seg.credit}", style="dim"))
    counts = Table.grid(padding=(0, 2))
    for name in ("entities", "places", "times", "quantities", "quotes", "events", "checks"):
        counts.add_column()
    counts.add_row(*(f"{name} {len(getattr(doc, name))}"
                     for name in ("entities", "places", "times", "quantities", "quotes", "events", "checks")))
    parts.append(counts)
    for ent in doc.entities[:12]:
        code = "/".join(x for x in (ent.country, ent.sector) if x)
        parts.append(Text(f"  {ent.type:4} {ent.name} {code} ×{len(ent.mentions)}"))
    for ev in doc.events:
        parts.append(Text(f"  {ev.type} {ev.mode or ''} [{ev.factuality}] {ev.text[:80]}", style="cyan"))
    failed = [c for c in doc.checks if not c.consistent]
    for c in failed:
        parts.append(Text(f"  check {c.kind}: {c.detail}", style="red"))
    for w in doc.warnings:
        parts.append(Text(f"  warning: {w}", style="yellow"))
    return Panel(Group(*parts), expand=True)


def print_summary(doc: Document, console: Console) -> None:
    console.print(summary(doc))
