"""Encrypted local storage (SQLCipher through SQLAlchemy). Never imports Qt."""

from .database import CAPABILITIES, Database, ModelRef, open_database
from .errors import PassphraseRequired, StorageError, WrongKeyError

__all__ = [
    "CAPABILITIES",
    "Database",
    "ModelRef",
    "PassphraseRequired",
    "StorageError",
    "WrongKeyError",
    "open_database",
]
