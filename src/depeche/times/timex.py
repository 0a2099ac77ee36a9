"""TIMEX3 normalization of recognized French time expressions.

``normalize(candidate, context)`` gives the TIMEX3 type and value as French
TimeBank writes them ("1999-05-20", "1999-05-20TEV", "XXXX-WXX-4", "P3Y",
"PRESENT_REF"), the ``mod`` (APPROX, START, END, MORE_THAN, ...), and the anchor
a relative value was computed from. A relative expression is resolved against the
document date at the precision it is known: with only a month, "hier" stays the
month ("2023-09") instead of an invented day. Underspecified parts are ``X``.
"""
from __future__ import annotations

import datetime as dt
import re
from .tense import DEADLINE_RE, SINCE_RE, Tense, sentence_bounds, tense
from .calendar import (Context, Norm, Ref, date_or_partial, day_ref, rel_sign, shift, valid_day, week,
                             weekday_date, with_part, year_for)
from .rules import MONTHS, ORDINALS, PARTS, ROUND, SEASONS, TENS, UNITS, WEEKDAYS, Candidate, day_number
from .units import fmt_number, roman, unit_name, duration_value, number

APPROX = {"environ": "APPROX", "près de": "APPROX", "quelque": "APPROX", "presque": "APPROX", "plus de": "MORE_THAN",
          "bien plus de": "MORE_THAN", "moins de": "LESS_THAN", "au moins": "EQUAL_OR_MORE",
          "pas moins de": "EQUAL_OR_MORE", "au plus": "EQUAL_OR_LESS"}
EDGE = {"début": "START", "fin": "END", "mi-": "MID", "milieu": "MID"}
# "le 3e siècle avant Jésus-Christ", "en 300 av. J.-C.", "avant notre ère"
BC_RE = re.compile(r"\s*(?:avant|av\.)\s*(?:Jésus-Christ|J\.?-?C\.?|notre\s+ère)", re.IGNORECASE)
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
REFS = {
    "PRESENT_REF": ("actuellement", "à présent", "maintenant", "désormais", "dorénavant", "de nos jours", "actuel",
                    "actuelle", "actuels", "actuelles", "à l'heure actuelle", "en ce moment", "l'instant", "l'heure"),
    "PAST_REF": ("autrefois", "jadis", "naguère", "récemment", "dernièrement", "auparavant", "précédemment",
                 "nouvellement", "par le passé"),
}


def normalize(c: Candidate, ctx: Context) -> Norm | None:
    """The TIMEX3 type/value of candidate ``c``; None when it is not a valid date after all."""
    p, text = c.parts, ctx.text
    anchor_id = ctx.anchor.id if ctx.anchor else None
    t = lambda: "past" if SINCE_RE.search(text, max(0, c.start - 16), c.start) else tense(text, c.start, c.end)  # noqa: E731
    k = c.kind
    if k in ("date", "dayrange", "numdate", "isodate"):
        month = MONTHS[p["month"].lower()] if not p["month"].isdigit() else int(p["month"])
        day = day_number(p["day"]) if not p["day"].isdigit() else int(p["day"])
        year = p.get("year")
        if year is not None:
            year = int(year) + (2000 if len(year) == 2 and int(year) < 50 else 1900 if len(year) == 2 else 0)
        if not 1 <= month <= 12 or not valid_day(year, month, day):
            return None
        anchor = None
        if year is None:
            when = "future" if DEADLINE_RE.search(text, max(0, c.start - 16), c.start) else t()
            year = year_for(month, day, ctx, when, p.get("rel"))
            anchor = anchor_id
            step = 1 if when == "future" or (p.get("rel") or "").lower().startswith("prochain") else -1
            while year is not None and not valid_day(year, month, day):
                year += step  # "le 29 février": the nearest leap year that way
        value = date_or_partial(year, month, day)
        ref = Ref(value) if year is not None else None
        if p.get("part"):  # "samedi soir 19 mai"
            return Norm("TIME", with_part(value, p["part"]), anchor=anchor, day=ref)
        return Norm("DATE", value, anchor=anchor, day=ref)
    if k in ("month", "monthrange"):
        month = MONTHS[p["month"].lower()]
        mod = EDGE.get((p.get("mod") or "").lower())
        if p.get("year"):
            return Norm("DATE", f"{int(p['year']):04d}-{month:02d}", mod=mod)
        year = year_for(month, None, ctx, t(), p.get("rel"))
        return Norm("DATE", date_or_partial(year, month, None), mod=mod, anchor=anchor_id)
    if k == "year":
        value = f"BC{p['year']}" if BC_RE.match(text, c.end) else p["year"]
        return Norm("DATE", value, mod=EDGE.get((p.get("mod") or "").lower()))
    if k == "decade":
        d = p["dec"].lower()
        if d.isdigit():
            d = int(d)
            if d < 100:
                base = (ctx.anchor.year // 100) * 100 if ctx.anchor else 1900
                d = base + d if base + d <= (ctx.anchor.year if ctx.anchor else 9999) else base - 100 + d
        else:
            d = 1900 + TENS[d]
        return Norm("DATE", f"{d // 10:03d}X", mod=EDGE.get((p.get("mod") or "").lower()))
    if k == "century":
        n = p["num"]
        num = int(n) if n.isdigit() else roman(n)
        if not num:
            return None
        return Norm("DATE", ("BC" if BC_RE.match(text, c.end) else "") + f"{num - 1:02d}")
    if k == "season":
        code = SEASONS[p["season"].lower()]
        mod = EDGE[re.sub(r"^(?:la|le)\s+", "", p["mod"].lower()).split()[0]] if p.get("mod") else None
        if p.get("year"):
            return Norm("DATE", f"{p['year']}-{code}", mod=mod)
        when = tense(text, c.start, c.end, imperfect=True)
        return Norm("DATE", _season(code, ctx, "present" if when == "imperfect" else when, p), mod=mod, anchor=anchor_id)
    if k == "quarter":
        o = ORDINALS.get(p["ord"].lower(), {"2e": 2, "3e": 3, "4e": 4}.get(p["ord"].lower(), 1))
        letter = "Q" if p["unit"].lower() == "trimestre" else "H"
        if o == -1:
            o = 4 if letter == "Q" else 2
        year = p.get("year") or (f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX")
        return Norm("DATE", f"{year}-{letter}{o}", anchor=None if p.get("year") else anchor_id)
    if k == "weekday":
        wd = WEEKDAYS[p["wd"].lower()]
        if (p.get("art") or "").lower() == "le" and not p.get("rel") and not p.get("part") \
                and "même" not in text[c.start:c.end].lower():
            return Norm("SET", f"XXXX-WXX-{wd}")
        ref = weekday_date(wd, ctx, t(), (p.get("rel") or "").lower() or None)
        if ref is None:
            value = ctx.anchor.value if ctx.anchor else f"XXXX-WXX-{wd}"
            return Norm("TIME" if p.get("part") else "DATE", with_part(value, p.get("part")), anchor=anchor_id)
        return Norm("TIME" if p.get("part") else "DATE", with_part(ref.value, p.get("part")), anchor=ref.id, day=ref)
    if k == "ordwd":
        return _ordinal_weekday(p, ctx, t(), anchor_id)
    if k == "setday":
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[p['wd'].lower()]}")
    if k == "nightspan":
        if p.get("day"):  # "la nuit de dimanche à lundi 1er juin": the night begins the day before
            morning = normalize(Candidate(c.start, c.end, "date", {"day": p["day"], "month": p["month"],
                                                                   **({"year": p["year"]} if p.get("year") else {})}), ctx)
            if morning is not None and morning.day is not None:
                value = (morning.day.day - dt.timedelta(days=1)).isoformat()
                return Norm("TIME", with_part(value, "nuit"), anchor=morning.anchor, day=Ref(value, morning.anchor))
        if not p.get("wd"):
            return None
        ref = weekday_date(WEEKDAYS[p["wd"].lower()], ctx, t(), None)
        value = ref.value if ref else (ctx.anchor.value if ctx.anchor else "XXXX-XX-XX")
        return Norm("TIME", with_part(value, "nuit"), anchor=ref.id if ref else anchor_id, day=ref)
    if k == "relday":
        word = p["word"].lower().replace("’", "'")
        if word == "aujourd'hui" and not p.get("part"):
            pre = text[max(0, c.start - 2):c.start].lower()
            if not pre.endswith(("d'", "d’")) and tense(text, c.start, c.end, imperfect=True) in ("present", "imperfect"):
                return Norm("TIME", "PRESENT_REF", anchor=anchor_id)
        days = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2}[word]
        value = shift(ctx.anchor, days=days) if days else (ctx.anchor.value if ctx.anchor else "XXXX-XX-XX")
        ref = day_ref(value, anchor_id)
        return Norm("TIME" if p.get("part") else "DATE", with_part(value, p.get("part")), anchor=anchor_id, day=ref)
    if k == "thispart":
        value = ctx.anchor.value if ctx.anchor else "XXXX-XX-XX"
        return Norm("TIME", with_part(value, p["part"]), anchor=anchor_id)
    if k in ("anchorday", "night"):
        base = ctx.last or ctx.anchor
        if k == "night":
            return Norm("TIME", with_part(base.value if base else "XXXX-XX-XX", p.get("part", "nuit").lower()),
                        anchor=base.id if base else None)
        days = {"lendemain": 1, "veille": -1, "surlendemain": 2}[p["word"].lower()]
        if re.match(r"\s+d(?:e|u|es|['’])", text[c.end:c.end + 5]) and ctx.last is not None \
                and ctx.last_at >= sentence_bounds(text, c.start, c.end)[0]:
            days = 0  # "hier, au lendemain de la démission": the day the sentence is about
        value = shift(base, days=days)
        return Norm("DATE", value, anchor=base.id if base else None, day=day_ref(value))
    if k == "relunit":
        return _relunit(p, ctx, anchor_id)
    if k == "ici":
        return Norm("DATE", ctx.anchor.value if ctx.anchor else "XXXX-XX-XX", anchor=anchor_id)
    if k in ("duration", "durrange"):
        return _duration(c, ctx, anchor_id)
    if k == "clock":
        return _clock(c, ctx)
    if k == "set":
        n = number(p["num"]) if p.get("num") else 1
        u = unit_name(p["unit"])
        if u in ("matin", "soir", "nuit"):
            return Norm("SET", f"XXXX-XX-XXT{PARTS[u]}")
        if u in ("été", "hiver", "printemp", "automne"):
            return Norm("SET", f"XXXX-{SEASONS.get(u, SEASONS.get(u + 's', 'SP'))}")
        return Norm("SET", duration_value(n or 1, "semaine" if u == "week-end" else u))
    if k == "perunit":
        return Norm("SET", duration_value(1, unit_name(p["unit"])))
    if k == "setadj":
        w = p["word"].lower()
        if w.startswith("nocturne"):
            return Norm("TIME", "TNI")
        unit = "an" if w.startswith("annu") else "mois" if w.startswith("mensu") else "semaine" \
            if w.startswith("hebdo") else "jour"
        return Norm("SET", duration_value(1, unit))
    if k == "vague":
        w = re.sub(r"\s+", " ", p["word"].lower().replace("’", "'"))
        for ref, words in REFS.items():
            if w in words:
                return Norm("TIME", ref, anchor=anchor_id)
        if w.startswith(("les prochain", "ces prochain")):
            return Norm("TIME", "FUTURE_REF", anchor=anchor_id)
        if w.startswith(("ces derni", "les derni")):
            return Norm("TIME", "PAST_REF", anchor=anchor_id)
        return Norm("TIME", "FUTURE_REF", anchor=anchor_id)
    if k == "vagueadj":
        return Norm("TIME", "FUTURE_REF", anchor=anchor_id)
    if k == "vaguepost":
        return Norm("TIME", "PAST_REF", anchor=anchor_id)
    return None


def _season(code: str, ctx: Context, t: Tense, p: dict) -> str:
    a = ctx.anchor
    sign = rel_sign(p.get("rel"), t)
    art = (p.get("art") or "").strip().lower()
    if a is None or (not sign and not art and t == "present"):
        return f"XXXX-{code}"  # "la demande augmente en été": any summer
    now = a.month or 6
    start = SEASON_MONTHS[code]
    # the latest season of that name that has begun by the anchor, and whether it is still running
    began = a.year if start <= now else a.year - 1
    current = (a.year * 12 + now) - (began * 12 + start) < 3
    if sign < 0:
        year = began - 1 if current else began
    elif sign > 0 or t == "future":
        year = began + 1 if not (current and t == "future" and not sign) else began
    elif t == "past":
        year = began
    else:
        year = began if current else began + 1 if art in ("cet", "ce", "cette") else a.year
    return f"{year:04d}-{code}"


def _relunit(p: dict, ctx: Context, anchor_id: str | None) -> Norm:
    unit = p["unit"].lower()
    sign = rel_sign(p.get("rel"), "present")
    mod = None
    if p.get("mod"):
        mod = EDGE[re.sub(r"^la\s+", "", p["mod"].lower()).split()[0]]
    a = ctx.anchor
    if unit == "semaine":
        value = week(a, sign)
    elif unit == "week-end":
        value = week(a, sign) + ("-WE" if a and a.day else "")
    elif unit == "mois":
        value = shift(a, months=sign) if sign else (a.value[:7] if a else "XXXX-XX")
    elif unit in ("année", "an"):
        value = shift(a, years=sign) if sign else (a.value[:4] if a else "XXXX")
    elif unit == "siècle":
        value = f"{(a.year // 100) + sign:02d}" if a else "XX"
    else:  # décennie
        value = f"{(a.year // 10) + sign:03d}X" if a else "XXXX"
    return Norm("DATE", value, mod=mod, anchor=anchor_id)


def _duration(c: Candidate, ctx: Context, anchor_id: str | None) -> Norm:
    p, text = c.parts, ctx.text
    mod = APPROX.get(re.sub(r"\s+", " ", (p.get("qual") or "").lower().replace("d'", "de").replace("d’", "de")))
    if p.get("word"):
        w = p["word"].lower()
        years = {"quinquennat": 5, "septennat": 7, "triennat": 3, "décennie": 10, "millénaire": 1000}[w]
        return Norm("DURATION", f"P{years}Y")
    raw = text[c.start:c.end].lower()
    if "demi-" in raw:
        u = p["unit"].lower()
        value = {"siècle": "P50Y", "heure": "PT30M", "journée": "PT12H", "douzaine": None}[u]
        return Norm("DURATION", value, mod=mod) if value else None
    unit = unit_name(p["unit"])
    if p.get("vague"):
        return Norm("DURATION", duration_value("X", unit), mod=mod)
    if p.get("round"):
        n = ROUND[p["round"].split()[-1].lower()]
        mod = mod or "APPROX"
    else:
        n = number(p["num"])
        if n is None:
            return None
        if p.get("half"):
            n += 0.5
    if p.get("minutes"):
        value = f"PT{fmt_number(n)}H{int(p['minutes'])}M"
    else:
        value = duration_value(n, unit)
    norm = Norm("DURATION", value, mod=mod)
    pre = text[max(0, c.start - 12):c.start].lower()
    sign = -1 if re.search(r"il\s+y\s+a\s+$", pre) else 1 if re.search(r"\bdans\s+$", pre) else 0
    if sign and ctx.anchor and n == int(n):
        n = int(n) * sign
        code = UNITS.get(unit)
        if code == "Y":
            norm.resolved = shift(ctx.anchor, years=n)
        elif code == "M" and unit == "mois":
            norm.resolved = shift(ctx.anchor, months=n)
        elif code == "W":
            norm.resolved = week(ctx.anchor, n)
        elif code == "D":
            norm.resolved = shift(ctx.anchor, days=n)
        norm.anchor = anchor_id if norm.resolved else None
    return norm


def _clock(c: Candidate, ctx: Context) -> Norm:
    p, text = c.parts, ctx.text
    if p.get("word"):
        h, m = (12, 0) if p["word"].lower() == "midi" else (24, 0)
    else:
        h, m = int(p["h"]), int(p.get("m") or 0)
        if p.get("half") and not p["half"].lower().endswith("matin") and h < 12:
            h += 12  # "8 heures du soir"
    day = None
    if p.get("wd"):
        day = weekday_date(WEEKDAYS[p["wd"].lower()], ctx, tense(text, c.start, c.end), p.get("rel"))
    day = day or ctx.last or ctx.anchor
    base = day.value if day else "XXXX-XX-XX"
    if len(base) < 10:
        base = (base + "-XX-XX")[:10]
    pre = text[max(0, c.start - 8):c.start].lower()
    mod = "APPROX" if re.search(r"\bvers\s+$", pre) else None
    if h == 24:
        h = 0
        if day and day.day:
            base = (day.day + dt.timedelta(days=1)).isoformat()
    return Norm("TIME", f"{base}T{h:02d}:{m:02d}", mod=mod, anchor=day.id if day else None)


SEASON_START = {"SP": (3, 20), "SU": (6, 21), "FA": (9, 22), "WI": (12, 21)}


def _ordinal_weekday(p: dict, ctx: Context, t: Tense, anchor_id: str | None) -> Norm | None:
    """ "le premier dimanche du printemps", "le dernier lundi de mars": the nth such weekday."""
    wd, o = WEEKDAYS[p["wd"].lower()], ORDINALS.get(p["ord"].lower(), 1)
    if p.get("season"):
        month, first = SEASON_START[SEASONS[p["season"].lower()]]
    else:
        month, first = MONTHS[p["month"].lower()], 1
    year = int(p["year"]) if p.get("year") else year_for(month, None, ctx, t, None)
    if year is None:
        return None
    if o == -1:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        day = last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
    else:
        start = dt.date(year, month, first)
        day = start + dt.timedelta(days=(wd - start.isoweekday()) % 7 + 7 * (o - 1))
    return Norm("DATE", day.isoformat(), anchor=None if p.get("year") else anchor_id, day=Ref(day.isoformat()))
