"""The installed distribution's version, read once from its metadata.

A module of its own so that ``factcheck`` (the package root) and ``factcheck.api`` both
read it without importing each other.
"""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("factcheck")
except PackageNotFoundError:  # a source tree on sys.path without an install
    __version__ = "0+unknown"
