"""Run by test_durability: apply edits one by one and acknowledge each after it returns."""

import sys

from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetTally
from scoring.model import SUBMITTED

document = PeriodDocument.open(sys.argv[1])
units = list(document.period.units)
channel = document.period.scheme.channels[0].id
for step in range(1, 100000):
    unit = units[step % len(units)]
    document.apply([SetTally(unit, SUBMITTED, step % 9000), SetTally(unit, channel, Count(step % 9000, 1))])
    print(f"{step} {unit} {step % 9000}", flush=True)
