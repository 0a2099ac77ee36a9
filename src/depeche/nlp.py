"""The NLP pass: spaCy's French pipeline, loaded once per process, run in batches.

spaCy reads ``analysis_text(doc)``: the input with the header and caption credits
blanked out by spaces. It has the input's length, so every spaCy offset is an
offset into ``Document.text``, and a credit is never parsed as a sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .models import Document, Sentence
from .pipeline import Stage, register

# Where the entities stage leaves, on the spaCy Doc, the name spans it reads as locations.
LOCATIONS_KEY = "depeche_locations"
SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSERS = {"»", '"', "”", ")", "’"}
# "avocats.Enjeu": a sentence glued to the next one without a space.
GLUED_SENTENCE_INFIX = r"(?<=[a-zà-ÿ]{2})\.(?=[A-ZÀ-Ý][a-zà-ÿ])"


@Language.component("depeche_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """Sentences start only after sentence-final punctuation or at a paragraph.

    This keeps names whole across what the parser would take for a boundary
    ("Kim Jong" / "Un au départ"), keeps a closing quote with its sentence, and
    opens a sentence where one was glued to the previous ("avocats.Enjeu").
    """
    text = doc.text  # built once: Doc.text joins every token on each access
    prev = None  # the previous token that is not whitespace
    for token in doc:
        if token.is_space:
            continue
        if prev is None:
            prev = token
            continue
        gap = text[prev.idx + len(prev.text):token.idx]
        if gap.count("\n") >= 2:
            token.is_sent_start = True
        elif token.text == "»" or (token.text in CLOSERS and not gap):
            token.is_sent_start = False
        elif _ends_sentence(doc, prev):
            if prev.text == "." and not gap and token.is_title and prev.i > 0 and doc[prev.i - 1].is_lower:
                token.is_sent_start = True
        elif token.is_title or token.is_upper:
            # Where the parser might open a sentence; elsewhere it does not, and
            # leaving it free keeps the parser fast.
            token.is_sent_start = False
        prev = token
    return doc


def _ends_sentence(doc: Doc, token) -> bool:
    if token.text in SENTENCE_END:
        return True
    return token.text in CLOSERS and token.i > 0 and doc[token.i - 1].text in SENTENCE_END


def sentences(doc) -> list[tuple[int, int]]:
    """(start, end) token bounds of the document's sentences: the parser's, except that a sentence
    that starts with a lower-case word or a comma where the previous one did not end with final
    punctuation continues it ("Washington et Bagdad | se reparlent", "« ... » | , a indiqué X"):
    the parser sometimes cuts there although the sentence guard forbids it. Computed once per
    document (kept in ``doc.user_data``)."""
    cached = doc.user_data.get("depeche_sentences")
    if cached is not None and cached[1] == len(doc):
        return cached[0]
    text = doc.text  # built once: Doc.text joins every token on each access
    out: list[list[int]] = []
    prev = None  # the last token that is not whitespace
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), sent[0])
        joins = prev is not None and "\n\n" not in text[prev.idx:first.idx] \
            and (first.is_lower or first.text == ",") and not _ends_sentence(doc, prev)
        prev = next((t for t in reversed(sent) if not t.is_space), prev)
        if joins:
            out[-1][1] = sent.end
        else:
            out.append([sent.start, sent.end])
    found = [(a, b) for a, b in out]
    doc.user_data["depeche_sentences"] = (found, len(doc))
    return found


def sentence_records(doc: Doc) -> list[Sentence]:
    """``sentences`` as character spans, whitespace trimmed (what the Document keeps)."""
    out = []
    for start, end in sentences(doc):
        span = doc[start:end]
        text = span.text
        lo = span.start_char + len(text) - len(text.lstrip())
        hi = span.end_char - (len(text) - len(text.rstrip()))
        if hi > lo:
            out.append(Sentence(start=lo, end=hi))
    return out


def sentence_of(tok: Token) -> Span:
    """The sentence of ``tok`` (``sentences``); the bounds are computed once per document (kept
    in ``doc.user_data``), as spaCy's ``Token.sent`` walks the whole document each time."""
    doc = tok.doc
    bounds = doc.user_data.get("depeche_sentence_bounds")
    if bounds is None or len(bounds) != len(doc):
        bounds = [None] * len(doc)
        for start, end in sentences(doc):
            for i in range(start, end):
                bounds[i] = (start, end)
        doc.user_data["depeche_sentence_bounds"] = bounds
    start, end = bounds[tok.i]
    return doc[start:end]


@lru_cache(maxsize=2)
def load(model: str) -> Language:
    """The spaCy pipeline ``model`` with depeche's tokenizer and sentence rules."""
    import spacy

    nlp = spacy.load(model)
    infixes = list(nlp.Defaults.infixes) + [GLUED_SENTENCE_INFIX]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("depeche_sentence_guard", before="parser")
    return nlp


def analysis_text(doc: Document) -> str:
    """``doc.text`` with the header and caption credits replaced by spaces."""
    chars = list(doc.text)
    for seg in doc.segments:
        if seg.kind == "header":
            chars[seg.start:seg.end] = " " * (seg.end - seg.start)
        elif seg.credit_start is not None:
            # Blank the credit and its "@" / trailing period, not the caption itself.
            lo = doc.text.rfind("@", seg.start, seg.credit_start)
            lo = seg.credit_start if lo < 0 else lo
            chars[lo:seg.end] = " " * (seg.end - lo)
    return "".join(chars)


@register("nlp", requires=("segments", "language"), provides=("spacy", "sentences"))
class NlpStage(Stage):
    """Tokens, sentences, tags, dependencies and named entities from spaCy."""

    def __init__(self, settings):
        super().__init__(settings)
        self.nlp = load(settings.spacy_model)

    def pipe(self, docs: list[Document]) -> list[Document]:
        texts = (analysis_text(d) for d in docs)
        for doc, sdoc in zip(docs, self.nlp.pipe(texts, batch_size=self.settings.batch_size), strict=True):
            doc._spacy = sdoc
            doc.sentences = sentence_records(sdoc)
        return docs

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]


def entity_spans(doc: Document) -> list[tuple[int, int, str]]:
    """spaCy's named entities as (start, end, label), whitespace trimmed."""
    out = []
    for ent in doc.spacy.ents:
        text = ent.text
        start = ent.start_char + (len(text) - len(text.lstrip()))
        end = ent.end_char - (len(text) - len(text.rstrip()))
        if end > start and not re.fullmatch(r"\W*", doc.text[start:end]):
            out.append((start, end, ent.label_))
    return out
