"""Human-readable summaries of analyzed documents (rich)."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Document


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
    parts.extend(event_lines(doc))
    parts.extend(time_lines(doc))
    parts.extend(quantity_lines(doc))
    failed = [c for c in doc.checks if not c.consistent]
    for c in failed:
        parts.append(Text(f"  check failed, {c.kind}: {c.detail}", style="red"))
    for w in doc.warnings:
        parts.append(Text(f"  warning: {w}", style="yellow"))
    return Panel(Group(*parts), expand=True)


def event_lines(doc: Document, limit: int = 12) -> list[Text]:
    """Who did what to whom, where and when, how sure, and who says so."""
    names = {e.id: e.name for e in doc.entities}
    places = {p.id: p.name for p in doc.places}
    times = {t.id: t.value for t in doc.times}
    lines = []
    for ev in doc.events[:limit]:
        kind = f"{ev.type}/{ev.mode}" if ev.mode else ev.type
        who = ", ".join(names.get(i, i) for i in ev.source) or "?"
        whom = ", ".join(names.get(i, i) for i in ev.target)
        line = f"  {ev.id} {kind} [{ev.factuality}] {who}" + (f" → {whom}" if whom else "")
        if ev.place:
            line += f" @ {places.get(ev.place, ev.place)}"
        if ev.time:
            line += f", {times.get(ev.time, ev.time)}"
        if ev.attribution is not None:
            line += f" (selon {names.get(ev.attribution.entity, ev.attribution.text)})"
        caption = " [caption]" if ev.segment == "caption" else ""
        lines.append(Text(f"{line}{caption}  «{ev.text[:60]}»", style="cyan"))
    if len(doc.events) > limit:
        lines.append(Text(f"  … {len(doc.events) - limit} more events", style="dim"))
    return lines


def time_lines(doc: Document, limit: int = 8) -> list[Text]:
    """The time expressions and their TIMEX3 values; the document date narrowed, if it was."""
    lines = []
    found = [t for t in doc.times if not t.dct]
    for t in doc.times:
        if t.dct and t.narrowed and t.narrowed != t.value:
            lines.append(Text(f"  {t.id} document date {t.value}, narrowed by the text to {t.narrowed}", style="green"))
    for t in found[:limit]:
        anchor = f" (from {t.anchor})" if t.anchor else ""
        lines.append(Text(f"  {t.id} {t.type} {t.value}{anchor}  «{t.text}»", style="green"))
    if len(found) > limit:
        lines.append(Text(f"  … {len(found) - limit} more times", style="dim"))
    return lines


QUALIFIER_SIGN = {"exact": "", "approx": "~", "min": "≥", "max": "≤"}


def quantity_lines(doc: Document, limit: int = 8) -> list[Text]:
    """Counts of people by category first, then the other quantities, then a tally of the checks."""
    if not doc.quantities:
        return []
    ranked = sorted(doc.quantities, key=lambda q: (q.category is None, q.unit == "count", q.start))
    lines = []
    for q in ranked[:limit]:
        amount = f"{q.value:g}-{q.high:g}" if q.high is not None else f"{QUALIFIER_SIGN[q.qualifier]}{q.value:g}"
        what = q.category or (q.noun if q.unit in ("person", "count") else q.unit)
        lines.append(Text(f"  {q.id} {amount} {what}  «{q.text}»", style="magenta" if q.category else None))
    if len(ranked) > limit:
        lines.append(Text(f"  … {len(ranked) - limit} more quantities", style="dim"))
    if doc.checks:
        bad = sum(not c.consistent for c in doc.checks)
        lines.append(Text(f"  checks: {len(doc.checks)} run, {bad} failed", style="red" if bad else "green"))
    return lines


def print_summary(doc: Document, console: Console) -> None:
    console.print(summary(doc))
