"""factcheck: cross-article fact-consistency checking with an LLM backend."""

__version__ = "0.1.0"
