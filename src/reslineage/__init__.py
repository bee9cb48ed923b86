"""reslineage: explore the lineage of resolutions, which one follows on from which."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .catalogue import Catalogue, Link, Resolution, find_resolution
from .loader import CatalogueError, Problem, load_catalogue

try:
    __version__ = version("reslineage")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Link",
    "Problem",
    "Resolution",
    "__version__",
    "find_resolution",
    "load_catalogue",
]
