"""The period file (.zwxx). Everything outside this package goes through ``PeriodFile``."""

from scoring.storage.errors import (
    ContentChangedError,
    CorruptFileError,
    FileMissingError,
    ForeignDatabaseError,
    MigrationError,
    NewerVersionError,
    NotAPeriodFileError,
    PeriodFileError,
    ReadOnlyError,
    UnfinishedChangeError,
    UnreadableError,
    WriteFailedError,
)
from scoring.storage.period_file import PeriodFile
from scoring.storage.schema import SCHEMA_VERSION, SUFFIX

__all__ = [
    "SCHEMA_VERSION",
    "SUFFIX",
    "ContentChangedError",
    "CorruptFileError",
    "FileMissingError",
    "ForeignDatabaseError",
    "MigrationError",
    "NewerVersionError",
    "NotAPeriodFileError",
    "PeriodFile",
    "PeriodFileError",
    "ReadOnlyError",
    "UnfinishedChangeError",
    "UnreadableError",
    "WriteFailedError",
]
