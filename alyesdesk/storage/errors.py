"""Typed storage errors; each message tells the user what to do next."""

from alyesdesk.texts import TextError


class StorageError(TextError, RuntimeError):
    """The database cannot be opened or written (the user-facing messages are translatable `Text`s)."""


class WrongKeyError(StorageError):
    """The key or passphrase does not open this database (the file was left untouched)."""


class PassphraseRequired(StorageError):
    """No key is available from the OS keyring: the caller must ask the user for a passphrase.

    `first_run` is True when no database exists yet (the passphrase will create it).
    """

    def __init__(self, message: str, *, first_run: bool) -> None:
        super().__init__(message)
        self.first_run = first_run


class DatabaseMissingError(StorageError):
    """The database file is missing or empty where one was made before: nothing is created over it."""

    def __init__(self, message: str, *, path: object) -> None:
        super().__init__(message)
        self.path = path
