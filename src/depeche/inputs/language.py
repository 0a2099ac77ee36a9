"""Language stage: a document that is not French is reported and skipped."""
from __future__ import annotations

from functools import lru_cache

from ..errors import NotFrench
from ..models import Document
from ..pipeline import Stage, register

# Languages the detector weighs French against (the ones news in Europe, Africa and
# the Middle East is most often written in).
CANDIDATES = ("FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH",
              "ARABIC", "RUSSIAN", "UKRAINIAN", "POLISH", "TURKISH", "CHINESE", "JAPANESE", "KOREAN")
SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in CANDIDATES)).build()


def story_text(doc: Document) -> str:
    """Title and body text, captions and credits left out."""
    parts = [doc.text[s.start:s.end] for s in doc.segments_of("title", "body")]
    return "\n".join(parts)[:SAMPLE_CHARS]


def identify(text: str, min_chars: int) -> tuple[str, float]:
    """(ISO 639-1 code, confidence) of the most likely language."""
    values = detector().compute_language_confidence_values(text)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    if len(text) < min_chars:
        # Short texts are unreliable: French wins unless clearly outweighed.
        french = next(v.value for v in values if v.language.name == "FRENCH")
        if french >= 0.2:
            return "fr", french
    return code, best.value


@register("language", requires=("segments",), provides=("language",))
class LanguageStage(Stage):
    def __call__(self, doc: Document) -> Document:
        text = story_text(doc)
        code, confidence = identify(text, self.settings.min_language_chars)
        if code != "fr":
            raise NotFrench(doc.source, f"language is {code} (confidence {confidence:.2f}), not French")
        doc.language = code
        return doc
