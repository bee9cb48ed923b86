"""reslineage: explore the lineage of resolutions, which one follows on from which."""

from __future__ import annotations

from .catalogue import Catalogue, Link, Resolution, find_resolution
from .loader import CatalogueError, Problem, load_catalogue

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


def __getattr__(name: str) -> str:
    # The version is read from package metadata on demand: importing importlib.metadata costs
    # more start-up time than a command on the bundled catalogue needs in all.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("reslineage")
        except PackageNotFoundError:  # a checkout that was never installed
            return "0+unknown"
    raise AttributeError(name)
