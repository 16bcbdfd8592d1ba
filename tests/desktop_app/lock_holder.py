"""Run by test_session_locks: hold the lock of a period file as the program does, until killed."""

import sys
import time

from PySide6.QtCore import QLockFile

lock = QLockFile(sys.argv[1] + ".lock")
lock.setStaleLockTime(0)
assert lock.tryLock(1000)
print("locked", flush=True)
time.sleep(120)
