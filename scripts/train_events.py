"""Train the event components on the whole-article French PLOVER gold (docs/models.md).

    .venv/bin/python scripts/train_events.py [--seed 13] [--out src/depeche/data/models/events.json.gz]

Runs depeche with the trained components off (the rule-only pipeline) over the train and dev
articles, fits four logistic regressions (scikit-learn): the event classifier over candidates,
the role model, the factuality model, event coreference; chooses their decision thresholds by
5-fold cross-validation on train (articles held out, the whole system scored by depeche's own
scorer, ``depeche.evaluation.articles``), measures the train-only fit once on dev (beside the
rules), refits on train and dev, and writes the weights as gzipped JSON. Test articles are never
read. Seeded and reproducible (the same seed writes the same bytes); about ten minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "depeche" / "data" / "models" / "events.json.gz"


def processed(settings, splits, cache: Path | None):
    """(Document, GoldArticle) for the articles of ``splits``, run with the trained components off."""
    from spacy.tokens import Doc

    from depeche.api import pipeline
    from depeche.evaluation.articles import check_texts, read_article_gold
    from depeche.evaluation.events import load_articles
    from depeche.models import Document
    from depeche.nlp import load

    gold = {k: a for k, a in read_article_gold().items() if a.split in splits}
    key = hashlib.sha1(json.dumps(sorted(gold)).encode()).hexdigest()[:10]
    nlp = load(settings.spacy_model)
    if cache is not None and (cache / f"docs-{key}.pkl").exists():
        rows = pickle.loads((cache / f"docs-{key}.pkl").read_bytes())
        out = []
        for js, sp in rows:
            doc = Document.model_validate_json(js)
            doc._spacy = Doc(nlp.vocab).from_bytes(sp)
            out.append((doc, gold[doc.source]))
        return out
    data = Path(settings.data_dir) / "orangesum" / "articles.jsonl"
    docs = load_articles(data, set(gold), settings)
    check_texts(docs, gold)
    # the rules alone; no time budget (a loaded machine must not make the training data differ)
    rules = settings.model_copy(update={"event_models": False, "time_budget": 0.0})
    out = [(d, gold[d.source]) for d in pipeline(rules).run(docs)]
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"docs-{key}.pkl").write_bytes(pickle.dumps([(d.to_json(), spacy_bytes(d.spacy)) for d, _ in out]))
    return out


def spacy_bytes(sdoc) -> bytes:
    """The parse with the serialisable part of depeche's working state (sentences, locations)."""
    from depeche.nlp import LOCATIONS_KEY

    kept = {k: v for k, v in sdoc.user_data.items() if k in (LOCATIONS_KEY, "depeche_sentences")}
    saved = dict(sdoc.user_data)
    sdoc.user_data.clear()
    sdoc.user_data.update(kept)
    try:
        return sdoc.to_bytes()
    finally:
        sdoc.user_data.clear()
        sdoc.user_data.update(saved)


def overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------- examples

def vocabulary(train) -> list[str]:
    """Verb and noun lemmas that head a gold trigger in train."""
    counts = Counter()
    for doc, art in train:
        for g in art.mentions:
            span = doc.spacy.char_span(*g.trigger, alignment_mode="expand")
            if span is not None and span.root.pos_ in ("VERB", "NOUN"):
                counts[span.root.lemma_.lower()] += 1
    return sorted(counts)


def labelled_candidates(doc, art, vocab):
    """(candidate, gold mention or None); a candidate overlapping a gold trigger that another
    candidate took is left out (one trigger, one event)."""
    from depeche.events import learned
    from depeche.events.stage import event_regions

    cands = learned.candidates(doc, doc.events, event_regions(doc), frozenset(vocab))
    chosen: dict[int, object] = {}
    skip: set[int] = set()
    for g in art.mentions:
        over = [n for n, c in enumerate(cands) if overlap((c.start, c.end), g.trigger)]
        if not over:
            continue
        span = doc.spacy.char_span(*g.trigger, alignment_mode="expand")
        root = span.root.i if span is not None else -1
        over.sort(key=lambda n: (cands[n].token.i != root, cands[n].rule is None, n))
        if over[0] not in chosen:
            chosen[over[0]] = g
        skip.update(over[1:])
    return [(c, chosen.get(n)) for n, c in enumerate(cands) if n not in skip or n in chosen]


def candidate_examples(data, vocab):
    from depeche.events.features import candidate_features
    from depeche.events.learned import zone

    X, y = [], []
    for doc, art in data:
        for c, g in labelled_candidates(doc, art, vocab):
            X.append((candidate_features(c.token, c.lexicon_type, c.lexicon_mode, zone(doc, c.start)), c.token.vector))
            y.append(g.type if g is not None else "NONE")
    return X, y


def role_examples(data, vocab):
    from depeche.events.features import role_features
    from depeche.events.learned import actor_candidates, rule_role
    from depeche.events.roles import actor_span
    from depeche.nlp import sentence_of

    X, y = [], []
    for doc, art in data:
        for c, g in labelled_candidates(doc, art, vocab):
            if g is None:
                continue
            sentence = sentence_of(c.token)
            sent = (sentence.start_char, sentence.end_char)
            exclude = {t.i for t in doc.spacy.char_span(c.start, c.end, alignment_mode="expand") or [c.token]}
            for cand in actor_candidates(c.token, exclude):
                span = actor_span(cand)
                label = "none"
                for role, actors in (("source", g.source), ("target", g.target)):
                    places = [a.span for a in actors or []] + [a.ref for a in actors or []
                                                                if a.ref and overlap(a.ref, sent)]
                    if any(overlap(span, p) for p in places):
                        label = role
                        break
                X.append(role_features(c.token, cand, g.type, rule_role(c.rule, cand)))
                y.append(label)
    return X, y


def built_events(doc, art, vocab, raw):
    """The labelled candidates' events as the system builds them (``learned.event_of``: the rules'
    actors, roles the current role model fills), with their gold mention: for the factuality and
    coreference examples."""
    from depeche.events import learned

    models = learned.parse_models(raw)
    out = []
    for c, g in labelled_candidates(doc, art, vocab):
        if g is None:
            continue
        ev, _ = learned.event_of(models, doc, c, g.type, doc.quotes)
        out.append((c.token, ev, g))
    return out


def factuality_examples(train, vocab, raw):
    from depeche.events.learned import event_factuality_features

    X, y = [], []
    for doc, art in train:
        for tok, ev, g in built_events(doc, art, vocab, raw):
            X.append(event_factuality_features(doc, tok, ev))
            y.append(g.factuality)
    return X, y


def coref_examples(train, vocab, raw):
    import bisect

    from depeche.events import learned

    models = learned.parse_models(raw)
    X, y = [], []
    for doc, art in train:
        starts = [s for s, _ in learned.doc_sentences(doc)]
        events = built_events(doc, art, vocab, raw)
        for tok, ev, _ in events:
            ev.factuality = learned.decide_factuality(models, doc, tok, ev)
        for j, (tb, eb, gb) in enumerate(events):
            for ta, ea, ga in events[:j]:
                if ga.type != gb.type or not learned.compatible(ea, eb):
                    continue
                X.append(learned.pair_features(ta, tb, ea, eb, bisect.bisect_right(starts, ta.i) - 1,
                                               bisect.bisect_right(starts, tb.i) - 1, doc))
                y.append("1" if ga.event == gb.event else "0")
    return X, y


# ---------------------------------------------------------------- fitting

def fit(X, y, C: float, seed: int, dense_scale: float = 0.0) -> dict:
    """A logistic regression over binary feature strings, exported as {classes, bias, weights}. Items of
    ``X`` may be (features, word vector) pairs: with ``dense_scale``, the unit vector times it is
    appended to the features, and its weights (times the scale) exported as ``dense``."""
    import numpy
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from depeche.events.learned import unit

    pairs = bool(X) and isinstance(X[0], tuple)
    sparse = [x[0] for x in X] if pairs else X
    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(x, 1) for x in sparse])
    dims = 0
    if pairs and dense_scale:
        dense = numpy.vstack([unit(x[1]) * dense_scale for x in X])
        dims = dense.shape[1]
        matrix = hstack([matrix, csr_matrix(dense)]).tocsr()
    model = LogisticRegression(C=C, max_iter=3000, random_state=seed)
    model.fit(matrix, y)
    names = vec.get_feature_names_out()
    coef = model.coef_
    weights = {}
    for k, name in enumerate(names):
        w = [round(float(v), 4) for v in coef[:, k]]
        if any(abs(v) >= 1e-3 for v in w):
            weights[str(name)] = w
    out = {"classes": [str(c) for c in model.classes_], "bias": [round(float(b), 4) for b in model.intercept_],
           "weights": weights}
    if dims:
        out["dense"] = [[round(float(v) * dense_scale, 4) for v in row] for row in coef[:, len(names):]]
    return out


def modes(train, vocab) -> dict[str, str]:
    counts = defaultdict(Counter)
    for doc, art in train:
        for c, g in labelled_candidates(doc, art, vocab):
            if g is not None and g.mode:
                counts[f"{c.token.lemma_.lower()}|{g.type}"][g.mode] += 1
    return {k: v.most_common(1)[0][0] for k, v in sorted(counts.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-refit", dest="refit", action="store_false",
                        help="ship the train-only fit (default: refit on train and dev with the choices made on dev)")
    parser.add_argument("--cache", type=Path, default=None, help="keep the processed articles here between runs")
    args = parser.parse_args()
    from depeche.config import Settings

    settings = Settings()
    data = Path(settings.data_dir) / "orangesum" / "articles.jsonl"
    if not data.exists():
        print(f"skipped: {data} not found (clone the shared data beside the repository)")
        return 0
    started = time.perf_counter()
    docs = processed(settings, ("train", "dev"), args.cache)
    train = [(d, a) for d, a in docs if a.split == "train"]
    dev = [(d, a) for d, a in docs if a.split == "dev"]
    print(f"{len(train)} train, {len(dev)} dev articles processed in {time.perf_counter() - started:.0f} s", flush=True)
    raw = trained(train, dev, args.seed, args.refit)
    raw["info"].update({"seed": args.seed, "train_articles": len(train), "dev_articles": len(dev),
                        "fitted_on": "train+dev" if args.refit else "train",
                        "seconds": round(time.perf_counter() - started, 1)})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(json.dumps(raw, sort_keys=True, ensure_ascii=False).encode(), mtime=0))
    print(json.dumps(raw["info"], indent=2))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


def fit_all(train, seed: int, thresholds: dict) -> dict:
    """The four components fitted on ``train`` (regularisation ``REGULARISATION``), with these thresholds
    (the role thresholds decide the actors the factuality and coreference examples are built with)."""
    vocab = vocabulary(train)
    raw = {"vocabulary": vocab, "modes": modes(train, vocab), "thresholds": dict(thresholds), "info": {},
           "role": {"classes": ["none", "source", "target"], "bias": [0.0, -9.0, -9.0], "weights": {}},
           "factuality": {"classes": ["asserted"], "bias": [0.0], "weights": {}},
           "coref": {"classes": ["0", "1"], "bias": [-9.0], "weights": {}}}
    raw["candidate"] = fit(*candidate_examples(train, vocab), REGULARISATION["candidate"], seed, DENSE_SCALE)
    raw["role"] = fit(*role_examples(train, vocab), REGULARISATION["role"], seed)
    raw["factuality"] = fit(*factuality_examples(train, vocab, raw), REGULARISATION["factuality"], seed)
    raw["coref"] = fit(*coref_examples(train, vocab, raw), REGULARISATION["coref"], seed)
    return raw


def folds(train, k: int):
    """``k`` folds by article (an article's hash decides its fold): (fit part, held-out part)."""
    ids = sorted({a.article for _, a in train}, key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    for n in range(k):
        held = set(ids[n::k])
        yield [x for x in train if x[1].article not in held], [x for x in train if x[1].article in held]


def scores(raw: dict | None, data):
    """The whole system's counts on ``data`` with these models (None: the rules alone)."""
    from depeche.evaluation.articles import Scores, score_document
    from depeche.events import learned

    models = learned.parse_models(raw) if raw is not None else None
    out = Scores()
    for doc, art in data:
        events = doc.events if models is None else learned.refine(doc, doc.quotes, doc.events, models)
        score_document(doc, events, art, out, keep_errors=False)
    return out


def cross_validated(fitted, thresholds: dict) -> dict:
    """Figures over the held-out folds of train, each scored by the models fitted without it."""
    from depeche.evaluation.articles import Scores

    total = Scores()
    for raw, held in fitted:
        part = scores(None if raw is None else dict(raw, thresholds=dict(thresholds)), held)
        for name in total.__dataclass_fields__:
            if name != "errors":
                setattr(total, name, getattr(total, name) + getattr(part, name))
    return total.metrics()


def trained(train, dev, seed: int, refit: bool, k: int = 5) -> dict:
    """The thresholds chosen by cross-validation on train (one component after the other, each by its
    own figure of the whole system); the models fitted on train and measured once on dev; then, with
    ``refit``, fitted again on train and dev."""
    thresholds = START | FIXED
    fitted = [(fit_all(part, seed, thresholds), held) for part, held in folds(train, k)]
    cv = {"first": cross_validated(fitted, thresholds)}
    for grid, objective in SEARCH:
        keys = list(grid)
        best = None
        for values in itertools.product(*(grid[name] for name in keys)):
            figure = objective(cross_validated(fitted, thresholds | dict(zip(keys, values))))
            if best is None or figure > best[0]:
                best = (figure, dict(zip(keys, values)))
        thresholds.update(best[1])
        print(f"{keys}: {best[1]} (cross-validated objective {best[0]:.3f})", flush=True)
    thresholds.update(FIXED)
    cv["chosen"] = cross_validated(fitted, thresholds)
    raw = fit_all(train, seed, thresholds)
    raw["info"] = {"cross_validated": cv, "dev": scores(raw, dev).metrics(), "dev_rules": scores(None, dev).metrics(),
                   "cross_validated_rules": cross_validated([(None, held) for _, held in folds(train, k)], {}),
                   "regularisation": REGULARISATION, "thresholds_fixed": FIXED, "folds": k}
    if refit:  # the choices made on train, fitted again on train and dev together (more data)
        info = raw["info"]
        raw = fit_all(train + dev, seed, thresholds)
        raw["info"] = info
    return raw


REGULARISATION = {"candidate": 1.0, "role": 0.1, "factuality": 0.3, "coref": 3.0}
# The candidate's word vector (fr_core_news_md, unit length) enters the event classifier times this.
DENSE_SCALE = 3.0
# Every component off (the rules' events, actors and factuality, no merging) but the fixed choices below.
START = {"veto": 0.0, "veto_body": 0.0, "retype": 1.01, "new_event": 1.01, "source": 1.01, "target": 1.01, "factuality": 1.01,
         "coref": 1.01}
# Each group of thresholds and the cross-validated figure it is chosen by, in this order.
SEARCH = (
    ({"veto_body": (0.05, 0.1, 0.2, 0.3)}, lambda m: m["f1"]),
    ({"retype": (0.5, 0.7, 0.9, 1.01)}, lambda m: m["f1"]),
    ({"source": (0.2, 0.3, 0.4, 0.5, 1.01), "target": (0.2, 0.3, 0.4, 0.5, 1.01)}, lambda m: m["both_actors_right"] or 0),
    ({"factuality": (0.0, 0.4, 0.5, 0.6, 0.7, 1.01)}, lambda m: m["factuality_accuracy"] or 0),
    ({"coref": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)}, lambda m: m["f1"] - (m["duplicate_rate"] or 0)),
)
# Chosen on the title-and-lead gold's dev split (eval/gold/plover_fr.jsonl, split "dev"), which the
# article folds do not see: cross-validation on train preferred veto 0.1 and new events above 0.7
# (event F1 0.531 against 0.525), but both cost that split type F1 (0.932 against 0.948 with these).
FIXED = {"veto": 0.05, "new_event": 1.01}


if __name__ == "__main__":
    sys.exit(main())
