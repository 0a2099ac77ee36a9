"""Events as PLOVER records, following the data model of the PLOVER codebook, DRAFT Version 2.0
(``PLOVER_MANUAL.tex``, chapters "Country Names and Sector Codes" and "Data Fields").

One JSON object per event: ``id``, ``date`` (YYYY-MM-DD, the first day of the event's date)
and ``enddate`` (its last day when it is known only to the month or year; ``date_precision``
says which), ``actor`` and ``recipient`` (lists of entity objects: ``code``, ``sector``,
``entity_text``), ``event``, ``mode`` and ``context`` (lists), ``quad_code``, ``event_text``,
``event_loc`` (location object), ``text`` (the sentence spaCy cut around the evidence) with
``text_info`` (its offsets), ``cite_info`` (language, publication, url, citation, coder,
codebook), ``coder``, ``coded_date``, the size fields (``dead``, ``injured``, ``arrested``,
...) as numbers, and depeche's own fields (the codebook allows named fields beyond its own):
``factuality``, ``attribution``, ``offsets`` and ``document``, which point back to the characters.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..fold import fold
from .query import Actor, EventRow

CODEBOOK = "plover-2.0-draft"
# PLOVER's sector codes (table "Sector Codes").
SECTORS = frozenset({"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
                     "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"})
# The knowledge base codes sectors as CAMEO does; where PLOVER differs ("Sector code notes" 3, 4):
# CAMEO's MED is the media (PLOVER JRN), its HLH health (PLOVER MED); INS and SEP are REB.
FROM_CAMEO = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB"}
# International non-state actors take a country-name code (table "International Non-state actor names").
NON_STATE = {"IGO": "IGO", "NGO": "NGO", "REB": "IMG", "MIL": "IMG", "BUS": "MNC"}
UN_BODIES = frozenset({"onu", "conseil de securite", "unesco", "unicef", "hcr", "pam", "oms", "cij", "aiea", "fao",
                       "nations unies", "organisation des nations unies"})
EU_BODIES = frozenset({"ue", "union europeenne", "commission europeenne", "parlement europeen", "conseil europeen",
                       "bce", "banque centrale europeenne"})
# Quad category of each event type (each type's "Quad category"): 1 verbal cooperation,
# 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
# Auxiliary modes ("Auxiliary modes"), which PLOVER puts in the context, from depeche's factuality.
AUXILIARY = {"planned": "future", "hypothetical": "hypothetical", "feared": "hypothetical", "negated": "negation"}
# General contexts that an actor's sector establishes ("General contexts": military covers
# official state military bodies; legal, courts and judiciary; ...).
SECTOR_CONTEXT = {"MIL": "military", "JUD": "legal", "LEG": "legislative", "SPY": "intelligence",
                  "REF": "migration", "MED": "health"}
HISTORICAL_DAYS = 366


def entity(actor: Actor) -> dict[str, Any]:
    """A PLOVER entity object for a coded actor."""
    sector = FROM_CAMEO.get(actor.sector or "", actor.sector)
    code = actor.country
    if code is None and actor.sector in NON_STATE:
        name = fold(actor.name or "") or ""
        code = "UNO" if name in UN_BODIES else "EUR" if name in EU_BODIES else NON_STATE[actor.sector]
        sector = None if actor.sector in ("IGO", "NGO") else sector
    out: dict[str, Any] = {"entity_text": actor.name or actor.entity}
    if code:
        out["code"] = code
    if sector in SECTORS:
        out["sector"] = sector
    return out


def _entities(actors: list[Actor], words: list[str]) -> list[dict[str, Any]]:
    """Coded actors as entity objects; else the text's words for them, uncoded."""
    return [entity(a) for a in actors] or [{"entity_text": w} for w in words]


def contexts(row: EventRow, dct: str | None) -> list[str]:
    out = []
    if row.factuality in AUXILIARY:
        out.append(AUXILIARY[row.factuality])
    if row.date_last and dct and _historical(row.date_last, dct):
        out.append("historical")
    for actor in row.source + row.target:
        ctx = SECTOR_CONTEXT.get(FROM_CAMEO.get(actor.sector or "", actor.sector or ""))
        if ctx and ctx not in out and actor.country:
            out.append(ctx)
    return out


def _historical(last: str, dct: str) -> bool:
    """The event ended more than a year before the document was written."""
    from ..inputs import first_day, parse_date

    written = first_day(parse_date(dct))
    return (written - dt.date.fromisoformat(last)).days > HISTORICAL_DAYS


def record(row: EventRow, head: dict[str, Any], coder: str) -> dict[str, Any]:
    """The PLOVER record of one event; ``head`` is its document's (``Store.heads``)."""
    meta = head.get("metadata") or {}
    out: dict[str, Any] = {"id": f"{row.doc_id}-{row.id}"}
    if row.date_first:
        out["date"] = row.date_first
        if row.date_last and row.date_last != row.date_first:
            out["enddate"] = row.date_last
        out["date_precision"] = row.precision
    out["actor"] = _entities(row.source, row.source_words)
    out["recipient"] = _entities(row.target, row.target_words)
    out["event"] = [row.type]
    out["mode"] = [row.mode] if row.mode else []
    out["context"] = contexts(row, head.get("dct_value"))
    out["quad_code"] = QUAD[row.type]
    out["event_text"] = [row.text]
    if row.place is not None:
        resolved = row.place if row.place_lat is not None else None  # a name the gazetteer could not place
        out["event_loc"] = {"extracted_place": row.place, "resolved_place": resolved, "geonameid": row.place_geonameid,
                            "lat": row.place_lat, "lon": row.place_lon, "country_code": row.place_country,
                            "feature_class": (row.place_feature or "")[:1] or None, "feature_code": row.place_feature}
    out["text"] = row.sentence if row.sentence is not None else row.text
    out["text_info"] = {"start": row.sentence_start, "end": row.sentence_end}
    cite = {"language": head.get("language") or "fr", "citation": head.get("source"), "coder": coder,
            "codebook": CODEBOOK}
    for field, keys in (("publication", ("publication", "outlet", "sitename", "publisher")), ("url", ("url",)),
                        ("title", ("title",))):
        value = next((meta[k] for k in keys if isinstance(meta.get(k), str) and meta[k]), None)
        if value:
            cite[field] = value
    out["cite_info"] = cite
    out["coder"] = coder
    out["coded_date"] = (head.get("ingested_at") or "")[:10]
    for field, value in row.sizes.items():
        out[field] = value
    out["factuality"] = row.factuality
    if row.attribution is not None:
        out["attribution"] = {"text": row.attribution}
        if row.attribution_actor is not None:
            out["attribution"]["actor"] = entity(row.attribution_actor)
    out["offsets"] = {"start": row.start, "end": row.end}
    out["document"] = row.doc_id
    return out
