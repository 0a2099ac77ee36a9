"""Scale: depeche past one machine, on Ray (an existing distributed engine), and the Parquet
record that carries a cluster run's output.

``ray_ingest`` reads inputs with Ray Data (JSONL, text and HTML folders, Parquet shards), runs
depeche's pipeline in ``map_batches`` on actors that each load spaCy and the stages once, and
hands plain columns (documents as JSON, failures as code and reason; never spaCy objects) back
to the driver, which writes them either into a store (``put_many`` in batches) or into a
Parquet record (``parquet``: one folder per record table). ``load_parquet`` merges such a
folder into any store idempotently (content-hash ids), so a cluster run and a laptop run give
the same record.

Public face: ``ray_ingest``, ``RayOptions``, ``ParquetRecord``, ``load_parquet``.
"""
from .parquet import ParquetRecord, load_parquet
from .ray_ingest import RayOptions, ray_ingest

__all__ = ["ParquetRecord", "RayOptions", "load_parquet", "ray_ingest"]
