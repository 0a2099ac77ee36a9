"""The NLP pass: spaCy's French pipeline, loaded once per process, run in batches.

spaCy reads ``analysis_text(doc)``: the input with the header and caption credits
blanked out by spaces. It has the input's length, so every spaCy offset is an
offset into ``Document.text``, and a credit is never parsed as a sentence.
"""
from __future__ import annotations

import bisect
import re
import time
from functools import lru_cache

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .models import Document, Sentence
from .errors import InputError
from .pipeline import OutOfTime, Stage, deadline, register, too_slow

# Where the entities stage leaves, on the spaCy Doc, the name spans it reads as locations.
LOCATIONS_KEY = "depeche_locations"
SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSERS = {"»", '"', "”", ")", "’"}
# "avocats.Enjeu": a sentence glued to the next one without a space.
GLUED_SENTENCE_INFIX = r"(?<=[a-zà-ÿ]{2})\.(?=[A-ZÀ-Ý][a-zà-ÿ])"
# spaCy's tokenizer strips a word's prefixes and suffixes one at a time, searching the rest of the
# word each time: its time grows with the square of a word's length ("l'" x 10,000 glued together
# took minutes). A run of more characters than this without whitespace is cut into pieces first.
# No word, name or address of the gold corpora comes near it (the longest, a URL, has 145).
MAX_RUN = 200
# Where a long run is best cut: after punctuation or an apostrophe.
_RUN_CUT = re.compile(r"[^\w\s](?=\w)")


# A stretch of more tokens than this without sentence-final punctuation (a page without any) is
# cut into sentences of at most this many, after a comma where one is near: every stage's work on a
# sentence is then bounded, whatever the text. No sentence of the gold corpora is that long.
MAX_SENTENCE_TOKENS = 1000
FORCED_KEY = "depeche_forced_starts"


@Language.component("depeche_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """Sentences start only after sentence-final punctuation or at a paragraph.

    This keeps names whole across what the parser would take for a boundary
    ("Kim Jong" / "Un au départ"), keeps a closing quote with its sentence, and
    opens a sentence where one was glued to the previous ("avocats.Enjeu"). A stretch of more
    than ``MAX_SENTENCE_TOKENS`` tokens without a place to end is cut (``FORCED_KEY`` in
    ``doc.user_data`` lists where).
    """
    text = doc.text  # built once: Doc.text joins every token on each access
    # Written at once at the end: spaCy's is_sent_start setter scans the whole document each time.
    starts = doc.to_array([SENT_START]).view("int64")
    forced: list[int] = []
    prev = None  # the previous token that is not whitespace
    stretch: list[int] = []  # tokens since the last place a sentence may start
    for token in doc:
        if token.is_space:
            continue
        if prev is None:
            prev = token
            stretch.append(token.i)
            continue
        gap = text[prev.idx + len(prev.text):token.idx]
        ends = False
        if gap.count("\n") >= 2:
            starts[token.i] = ends = 1
        elif token.text == "»" or (token.text in CLOSERS and not gap):
            starts[token.i] = -1
        elif _ends_sentence(doc, prev):
            ends = True
            if prev.text == "." and not gap and token.is_title and prev.i > 0 and doc[prev.i - 1].is_lower:
                starts[token.i] = 1
        elif token.is_title or token.is_upper:
            # Where the parser might open a sentence; elsewhere it does not, and
            # leaving it free keeps the parser fast.
            starts[token.i] = -1
        stretch = [] if ends else stretch
        stretch.append(token.i)
        if len(stretch) > MAX_SENTENCE_TOKENS:
            cut = _cut_in(doc, stretch)
            starts[cut] = 1
            forced.append(cut)
            stretch = [i for i in stretch if i >= cut]
        prev = token
    doc.from_array([SENT_START], starts.view("uint64"))
    doc.user_data[FORCED_KEY] = set(forced)
    return doc


def _cut_in(doc: Doc, stretch: list[int]) -> int:
    """Where to cut an overlong stretch of tokens: after its last comma, semicolon or colon in its
    last quarter, else before its last token."""
    for i in reversed(stretch[-(len(stretch) // 4):-1]):
        if doc[i - 1].text in (",", ";", ":"):
            return i
    return stretch[-1]


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
    forced = doc.user_data.get(FORCED_KEY, ())
    out: list[list[int]] = []
    prev = None  # the last token that is not whitespace
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), sent[0])
        joins = prev is not None and "\n\n" not in text[prev.idx:first.idx] \
            and (first.is_lower or first.text == ",") and not _ends_sentence(doc, prev) \
            and first.i not in forced
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


class BoundedTokenizer:
    """spaCy's tokenizer, in time linear in the text: a run of more than ``MAX_RUN`` characters
    without whitespace is cut into pieces of at most ``MAX_RUN`` (after a punctuation mark when one
    is near the limit), each piece is tokenized alone and the pieces are joined again
    (``Doc.from_docs``), so every token keeps its offset in the text. A text without such a run is
    tokenized exactly as spaCy does."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        cuts = list(run_cuts(text))
        if not cuts:
            return self.tokenizer(text)
        bounds = [0, *cuts, len(text)]
        pieces = [self.tokenizer(text[a:b]) for a, b in zip(bounds, bounds[1:])]
        return Doc.from_docs(pieces, ensure_whitespace=False)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def run_cuts(text: str, limit: int = MAX_RUN):
    """Offsets where runs of more than ``limit`` characters without whitespace are cut."""
    for run in re.finditer(r"\S{%d,}" % (limit + 1), text):
        start, end = run.span()
        while end - start > limit:
            window = text[start + limit // 2:start + limit]
            marks = [m.end() for m in _RUN_CUT.finditer(window)]
            cut = start + limit // 2 + marks[-1] if marks else start + limit
            yield cut
            start = cut


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token at each access of ``Doc.text``
    or ``Span.text``, so a loop reading it would take time growing with the square of the text."""
    cached = doc.user_data.get("depeche_text")
    if cached is None or cached[1] != len(doc):
        cached = doc.user_data["depeche_text"] = (doc.text, len(doc))
    return cached[0]


def parser_sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of spaCy's own sentences (``doc.sents``), computed once per document."""
    cached = doc.user_data.get("depeche_parser_sentences")
    if cached is None or cached[1] != len(doc):
        cached = doc.user_data["depeche_parser_sentences"] = ([(s.start_char, s.end_char) for s in doc.sents], len(doc))
    return cached[0]


def parser_sentence_at(doc: Doc, offset: int) -> tuple[int, int] | None:
    """The (start_char, end_char) of spaCy's sentence holding ``offset``, None between sentences."""
    bounds = parser_sentences(doc)
    i = bisect.bisect_right(bounds, (offset, float("inf"))) - 1
    return bounds[i] if i >= 0 and bounds[i][0] <= offset < bounds[i][1] else None


@lru_cache(maxsize=2)
def load(model: str) -> Language:
    """The spaCy pipeline ``model`` with depeche's tokenizer and sentence rules."""
    import spacy

    nlp = spacy.load(model)
    infixes = list(nlp.Defaults.infixes) + [GLUED_SENTENCE_INFIX]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
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
        # Documents are bounded by the setting max_chars, checked where they enter the pipeline.
        self.nlp.max_length = max(self.nlp.max_length, settings.max_chars)

    def pipe(self, docs: list[Document]) -> list[Document | InputError]:
        """The batch through ``nlp.pipe`` within the sum of the documents' time budgets, its time
        shared among them by length; a batch that runs out of time goes again one document at a
        time, each within its own budget, so that only the slow one fails (``too-slow``)."""
        lefts = [self.left(d) for d in docs]
        started = time.perf_counter()
        try:
            with deadline(None if None in lefts else sum(lefts)):
                parsed = list(self.nlp.pipe((analysis_text(d) for d in docs), batch_size=self.settings.batch_size))
        except OutOfTime:
            return [self.guarded(self, doc) for doc in docs]
        share = (time.perf_counter() - started) / max(1, sum(len(d.text) for d in docs))
        out: list[Document | InputError] = []
        for doc, sdoc, left in zip(docs, parsed, lefts, strict=True):
            doc._spacy = sdoc
            doc.sentences = sentence_records(sdoc)
            doc._spent += share * len(doc.text)
            out.append(doc if left is None or share * len(doc.text) <= left else too_slow(self.settings, doc, self.name))
        return out

    def __call__(self, doc: Document) -> Document:
        doc._spacy = self.nlp(analysis_text(doc))
        doc.sentences = sentence_records(doc._spacy)
        return doc


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
