"""Shared helpers of the whole-article gold tools (scripts/gold/): paths, text assembly, codebook."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
CORPUS = DATA / "orangesum" / "articles.jsonl"
GOLD = ROOT / "eval" / "gold" / "articles"
MANIFEST = GOLD / "manifest.jsonl"
SECOND_BATCH = "B7-second"

# PLOVER codebook (PLOVER_MANUAL.tex): the 16 types and the modes each one takes.
MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (), "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (), "CONCEDE": (), "COOPERATE": (), "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"),
}
FACTUALITY = ("asserted", "reported", "planned", "hypothetical", "feared", "negated")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

_D = r"(\d{4}|\d{3}X|\d{2}XX|XXXX)"
DATE_VALUE = re.compile(
    _D + r"(-(\d{2}|XX)(-(\d{2}|XX))?|-W(\d{2}|XX)(-(\d|WE))?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?"
    r"(T(\d{2}(:\d{2}(:\d{2})?)?|MO|MI|AF|EV|NI|DT))?$"
)
REF_VALUE = re.compile(r"(PRESENT|PAST|FUTURE)_REF$")
DURATION_VALUE = re.compile(r"P((\d+(\.\d+)?|X)(Y|M|W|D|DE|CE|Q|H))*(T((\d+(\.\d+)?|X)(H|M|S))+)?$")


def assemble(record: dict) -> str:
    """The document text exactly as depeche's JSONL reader builds it (readers._assemble)."""
    parts = [str(p).strip() for p in (record.get("title"), record.get("heading"), record.get("text"))
             if p and str(p).strip()]
    return "\n\n".join(parts)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def check(text: str) -> str:
    """The short SHA-1 prefix stored beside each span (8 hex digits)."""
    return sha1(text)[:8]


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, records) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def corpus(path: Path = CORPUS) -> dict[str, dict]:
    if not path.exists():
        raise SystemExit(f"corpus not found at {path} (the shared data must sit beside the repo)")
    return {r["id"]: r for r in read_jsonl(path)}
