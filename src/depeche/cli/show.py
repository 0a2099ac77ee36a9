"""A stored document in the terminal, its records highlighted where they stand in the text."""
from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Document

STYLES = {
    "PER": "bold cyan", "ORG": "bold magenta", "GPE": "bold yellow", "LOC": "yellow", "MISC": "bold white",
    "place": "underline green", "time": "bold blue", "quantity": "bold red", "quote": "italic",
    "event": "on grey23", "header": "dim", "credit": "dim",
}


def highlighted(doc: Document) -> Text:
    """The document's text with events, quotes, entities, places, times and quantities styled."""
    text = Text(doc.text)
    for seg in doc.segments:
        if seg.kind == "header":
            text.stylize(STYLES["header"], seg.start, seg.end)
        if seg.credit_start is not None and seg.credit_end is not None:
            text.stylize(STYLES["credit"], seg.credit_start, seg.credit_end)
    # Wider spans first, so the narrower ones inside them stay visible.
    for ev in doc.events:
        text.stylize(STYLES["event"], ev.start, ev.end)
    for q in doc.quotes:
        text.stylize(STYLES["quote"], q.start, q.end)
    for p in doc.places:
        for m in p.mentions:
            text.stylize(STYLES["place"], m.start, m.end)
    for e in doc.entities:
        for m in e.mentions:
            text.stylize(STYLES.get(e.type, "bold"), m.start, m.end)
    for t in doc.times:
        text.stylize(STYLES["time"], t.start, t.end)
    for q in doc.quantities:
        text.stylize(STYLES["quantity"], q.start, q.end)
    return text


def legend() -> Text:
    parts = [("entities: ", "")]
    for key in ("PER", "ORG", "GPE", "LOC", "MISC"):
        parts += [(key, STYLES[key]), (" ", "")]
    for key in ("place", "time", "quantity", "quote", "event"):
        parts += [(key, STYLES[key]), ("  ", "")]
    return Text.assemble(*parts)


def records_table(doc: Document) -> Table:
    """Events with their actors, place, time and factuality, then the other records by id."""
    names = {e.id: e.name for e in doc.entities} | {p.id: p.name for p in doc.places}
    names |= {t.id: f"{t.text} = {t.value}" for t in doc.times}
    table = Table(show_header=True, header_style="bold", expand=True, box=None)
    for col in ("id", "kind", "what", "details"):
        table.add_column(col, overflow="fold")
    for ev in doc.events:
        who = ", ".join(names.get(a, a) for a in ev.source) or "?"
        whom = ", ".join(names.get(a, a) for a in ev.target)
        details = [f"{who} → {whom}" if whom else who, ev.factuality]
        if ev.place:
            details.append(f"at {names.get(ev.place, ev.place)}")
        if ev.time:
            details.append(f"on {names.get(ev.time, ev.time)}")
        if ev.attribution:
            details.append(f"according to « {ev.attribution.text} »")
        table.add_row(ev.id, Text(ev.type + (f"/{ev.mode}" if ev.mode else ""), "bold"), ev.text,
                      "; ".join(details))
    for e in doc.entities:
        code = "".join(x for x in (e.country, e.sector) if x)
        table.add_row(e.id, Text(e.type, STYLES.get(e.type, "")), e.name,
                      " ".join(x for x in (code, e.role or "", f"{len(e.mentions)} mentions") if x))
    for p in doc.places:
        where = (f"{p.country or '-'} {p.lat:.3f},{p.lon:.3f} {p.feature}" if p.resolved and p.lat is not None
                 else "unresolved")
        table.add_row(p.id, Text("place", STYLES["place"]), p.name,
                      where + (f" geonames {p.geonameid}" if p.geonameid else ""))
    for t in doc.times:
        table.add_row(t.id, Text(t.type.lower(), STYLES["time"]), t.text, t.value)
    for q in doc.quantities:
        table.add_row(q.id, Text("quantity", STYLES["quantity"]), q.text,
                      f"{q.value:g} {q.unit} ({q.qualifier})" + (f" {q.category}" if q.category else ""))
    for q in doc.quotes:
        table.add_row(q.id, Text("quote", STYLES["quote"]), q.text, f"by {names.get(q.speaker, q.speaker or '?')}")
    for c in doc.checks:
        table.add_row("", Text("check", "green" if c.consistent else "red"), c.kind, c.detail)
    return table


def document_view(doc: Document) -> Group:
    dct = f"{doc.dct.value} ({doc.dct.precision})" if doc.dct else "no date"
    title = Text.assemble((doc.source, "bold"), f"  id {doc.id}  {dct}  lang {doc.language or '?'}")
    body = Panel(highlighted(doc), title=title, title_align="left", subtitle=legend(), subtitle_align="left")
    parts = [body, records_table(doc)]
    parts += [Text(f"warning: {w}", style="yellow") for w in doc.warnings]
    return Group(*parts)
