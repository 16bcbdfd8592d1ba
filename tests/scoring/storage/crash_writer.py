"""Run by test_recovery: start a big change of a period file, say so, and wait to be killed.

The change is made the way the program makes every change (PeriodFile.transaction). The page
cache is tiny, so SQLite writes changed pages into the file before the commit (after saving
their old content in the journal): killed now, the file needs its journal rolled back.
"""

import sys
import time

from scoring.storage import PeriodFile

file = PeriodFile.open(sys.argv[1])
file._conn.execute("PRAGMA cache_size = 2")
with file.transaction() as writer:
    writer.conn.execute("UPDATE tally SET submitted = submitted + 1000")
    writer.conn.execute("UPDATE unit SET name = name || '（改）'")
    for index in range(300):
        writer.audit("tally.set", f"{index} " + "长文本" * 100, None, None)
    print("ready", flush=True)
    time.sleep(120)
