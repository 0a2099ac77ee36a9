"""Places: where things happen.

The gazetteer (``index``: a SQLite index built by ``sources`` from GeoNames' packages and
the curated rows in ``data/``) gives the candidates of a name; ``toponyms`` chooses among
them with population, feature, French grammar ("à", "en", "au") and the other places of
the text; the ``places`` stage (``stage``) finds place names and outputs each place with
its mentions, point, country, GeoNames id and feature.

Public face: ``event_place`` (the place of an event), ``kept_readings`` (the readings the
stage outputs for given toponym spans), ``gazetteer``, ``Gazetteer``,
``build_index``, ``index_path``, ``resolve``, ``most_populous``, ``haversine_km``,
``HOME_COUNTRY`` (the country a near tie goes to in French dispatches).
"""
from .index import Gazetteer, build_index, gazetteer, index_path
from .stage import HOME_COUNTRY, event_place, kept_readings
from .toponyms import haversine_km, most_populous, resolve

__all__ = ["HOME_COUNTRY", "Gazetteer", "build_index", "event_place", "gazetteer", "haversine_km", "index_path",
           "kept_readings", "most_populous", "resolve"]
