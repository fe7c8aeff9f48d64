"""A data directory becomes one read-only ``Dataset``: ``load_dataset(path)`` reads every
table (``tables``), joins and resolves provenance, reads the tours, and raises
``DataError`` naming every problem (``build``). ``datapackage`` describes the directory
as a Frictionless data package."""

from .build import Dataset, category_counts, load_dataset

__all__ = ["Dataset", "category_counts", "load_dataset"]
