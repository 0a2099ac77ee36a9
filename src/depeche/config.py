"""One configuration with documented defaults, overridable from a TOML file or flags.

Precedence: built-in defaults < ``depeche.toml`` in the working directory (or the
file given with ``--config``) < command-line flags. Every setting is documented in
``docs/configuration.md``; a test fails when one is not.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

DEFAULT_FILE = "depeche.toml"

MODELS = {"md": "fr_core_news_md", "sm": "fr_core_news_sm"}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: Literal["md", "sm"] = Field("md", description="spaCy French pipeline: md (accurate) or sm (fast).")
    batch_size: int = Field(32, ge=1, description="Documents per batch through nlp.pipe and the stages.")
    max_bytes: int = Field(2_000_000, ge=1, description="Largest accepted input document, in bytes.")
    max_chars: int = Field(
        1_000_000, ge=1, description="Largest accepted document, in characters of decoded text (spaCy's own limit "
                                     "is raised to it).")
    read_timeout: float = Field(
        30.0, gt=0, description="Seconds to wait for data from standard input, a FIFO or a device before giving up.")
    time_budget: float = Field(
        10.0, ge=0, description="Seconds a document may take per 10 KB of its text (and at least this many) "
                                "before it fails as too-slow; 0 turns the budget off.")
    min_language_chars: int = Field(
        200, ge=0, description="Below this many characters the language check only rejects a clear non-French text."
    )
    stages: list[str] | None = Field(
        None, description="Stage names to run, in order; default: every registered stage."
    )
    data_dir: str = Field("../shared/data", description="Where evaluation and benchmark data is read from.")
    progress_min_inputs: int = Field(4, ge=0, description="Show a progress bar when there are at least this many inputs.")
    cache_dir: str | None = Field(
        None, description="Where built indexes (the gazetteer) are cached; default $XDG_CACHE_HOME/depeche or ~/.cache/depeche."
    )
    db: str = Field("depeche.db", description="The record that ingest writes and the queries read: a SQLite file, "
                    "or a postgresql://user@host/database URL.")
    db_timeout: float = Field(
        30.0, ge=0, description="On PostgreSQL, a query command's statement that runs longer than this many seconds "
        "stops with a named error (0: no limit)."
    )
    event_models: bool = Field(
        False, description="Apply the trained event components (classifier, roles, factuality, coreference) after the lexicon."
    )
    workers: int | None = Field(
        None, ge=1, description="Worker processes for ingest (each loads spaCy once); default: the number of cores."
    )
    engine: Literal["local", "ray"] = Field(
        "local", description="Where ingest analyzes: local worker processes, or actors on Ray."
    )
    ray_address: str | None = Field(
        None, description="The Ray cluster: none starts a local Ray for the run, 'auto' or HOST:PORT joins one."
    )
    ray_actors: int | None = Field(
        None, ge=1, description="Ray actors analyzing (each loads spaCy once); default: the cluster's CPUs / ray_actor_cpus."
    )
    ray_actor_cpus: float = Field(0.8, gt=0, description="CPUs each Ray actor asks for (below 1 leaves some for Ray and the readers).")
    ray_object_store_mb: int = Field(1024, ge=64, description="Object store of a local Ray, in MB.")
    host: str = Field("127.0.0.1", description="Address that depeche serve binds (another than loopback needs --public).")
    port: int = Field(8000, ge=0, le=65535, description="Port that depeche serve listens on.")
    query_seconds: float = Field(
        5.0, gt=0, description="depeche serve stops a query (or a batch of an export) that runs longer than this."
    )
    user_agent: str | None = Field(
        None, description="User-Agent of every HTTP request; default 'depeche/<version> (news event coder)'."
    )
    fetch_timeout: float = Field(20.0, gt=0, description="Seconds one HTTP request (connect and whole body) may take.")
    feed_max_bytes: int = Field(10_000_000, ge=1, description="Largest accepted feed or sitemap, in bytes.")
    host_delay: float = Field(1.0, ge=0, description="Seconds between two requests to one host (robots.txt Crawl-delay when longer).")
    watch_interval: float = Field(900.0, gt=0, description="Seconds between two polls of depeche watch.")
    fetch_pages: bool = Field(False, description="Fetch and extract each feed item's linked page (robots.txt respected).")

    @property
    def agent(self) -> str:
        """The User-Agent that names depeche."""
        from . import __version__

        return self.user_agent or f"depeche/{__version__} (news event coder)"

    link_window: int = Field(3, ge=0, description="Linking: days before its document date that an event dated only by its document may have happened.")
    link_radius_km: float = Field(50.0, ge=0, description="Linking: two event places this close (km) are the same place.")
    link_threshold: float = Field(3.0, ge=0, description="Linking: evidence (actors, place, words, mode, day) two reports need to be one event.")
    copy_threshold: float = Field(0.5, gt=0, le=1, description="Copies: estimated Jaccard of word 3-grams from which two articles are copies.")
    copy_containment: float = Field(0.6, gt=0, le=1, description="Copies: share of the shorter article's word 3-grams in the longer one from which a rewrite is a copy.")
    copy_days: int = Field(1, ge=0, description="Copies: most days between the dates of a rewrite and its original.")
    copy_containment_later: float = Field(0.75, gt=0, le=1, description="Copies: share of the shorter article's word 3-grams in the longer one when they were published on different days.")
    story_window: int = Field(3, ge=0, description="Stories: days a story stays open after its last article.")
    story_threshold: float = Field(0.3, gt=0, le=1, description="Stories: TF-IDF cosine with a story from which an article joins it.")

    @property
    def spacy_model(self) -> str:
        return MODELS[self.model]

    @property
    def cache_path(self) -> Path:
        """The cache directory: ``cache_dir``, else $XDG_CACHE_HOME/depeche, else ~/.cache/depeche."""
        if self.cache_dir:
            return Path(self.cache_dir).expanduser()
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "depeche"


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the config file (if any), then non-None ``overrides``."""
    values: dict[str, Any] = {}
    file = Path(path) if path else Path(DEFAULT_FILE)
    if path and not file.is_file():
        raise ConfigError(f"{file}: configuration file not found")
    if file.is_file():
        try:
            values.update(tomllib.loads(file.read_text(encoding="utf-8")).get("depeche", {}))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: not valid TOML: {exc}") from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise ConfigError(f"invalid setting: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc
