"""A whole period is written to a new file and read back unchanged (PeriodWriter / load_period)."""

from __future__ import annotations

from decimal import Decimal

from scoring.document import PeriodDocument
from scoring.model import Adjustment, ListKind, Override


def test_a_new_period_keeps_the_overrides_and_adjustments_of_the_one_it_copies(sample_copy, tmp_path) -> None:
    document = PeriodDocument.open(sample_copy)
    period = document.period
    unit_id = next(iter(period.units))
    period.overrides[(unit_id, ListKind.CRITICISE)] = Override(True, "多次迟报")
    period.adjustments[unit_id] = (Adjustment(Decimal("-1.5"), "迟报"),)
    copy = PeriodDocument.create(tmp_path / "copy.zwxx", period)
    copy.close()
    document.close()
    reopened = PeriodDocument.open(tmp_path / "copy.zwxx", read_only=True)
    assert reopened.period.overrides == period.overrides
    assert reopened.period.adjustments == period.adjustments
    assert reopened.period.tallies == period.tallies
    reopened.close()
