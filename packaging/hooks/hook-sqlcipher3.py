"""PyInstaller hook for sqlcipher3.

Problem: SQLAlchemy's pysqlcipher dialect imports `sqlcipher3` by name at engine creation, which static
analysis of our code does not see, so the frozen app fails with "No module named sqlcipher3.dbapi2".
Fix: declare the module and its compiled extension.
"""

from PyInstaller.utils.hooks import collect_dynamic_libs

hiddenimports = ["sqlcipher3.dbapi2", "sqlcipher3._sqlite3"]
binaries = collect_dynamic_libs("sqlcipher3")
