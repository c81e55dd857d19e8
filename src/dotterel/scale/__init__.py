"""The same pipeline at scale: worker processes on one machine, or Spark partitions on many.

- ``ParallelPipeline``: ``Pipeline.process`` over N processes (``--workers N``), records in input
  order; the caller stays the only writer to the store.
- ``run_spark``: ``pipeline.process_batch`` inside Spark partitions, Parquet out under
  ``DIR/articles``, ``DIR/events``, ``DIR/claims``, ``DIR/places`` and ``DIR/failures`` in the
  store's column layout (needs ``pip install 'dotterel[spark]'``; pyspark is imported only there).
- ``load_parquet``: bulk-load such a folder into a ``Store``.
"""
from dotterel.scale._load import load_parquet
from dotterel.scale._spark import run_spark
from dotterel.scale._workers import ParallelPipeline, PipelineSettings

__all__ = ["ParallelPipeline", "PipelineSettings", "load_parquet", "run_spark"]
