"""Encrypted local storage (SQLCipher through SQLAlchemy). Never imports Qt."""

from alyesdesk.storage.database import CAPABILITIES, Database, ModelRef, open_database
from alyesdesk.storage.errors import PassphraseRequired, StorageError, WrongKeyError

__all__ = [
    "CAPABILITIES",
    "Database",
    "ModelRef",
    "PassphraseRequired",
    "StorageError",
    "WrongKeyError",
    "open_database",
]
