"""Non-blocking warnings about a unit's tallies: plausible mistakes, never refused."""

from __future__ import annotations

from scoring.model import ADOPTED, FieldKey, Period


def unit_warnings(period: Period, unit_id: int) -> dict[FieldKey, str]:
    """Warnings per tally field of one unit, in Chinese."""
    tally = period.tallies[unit_id]
    warnings: dict[FieldKey, str] = {}
    if tally.adopted > tally.submitted:
        warnings[ADOPTED] = f"采用条目（{tally.adopted}）多于报送条目（{tally.submitted}），请核对"
    elif tally.adoptions and tally.adopted == 0:
        warnings[ADOPTED] = "各渠道有采用记录，但采用条目为 0，请核对"
    return warnings
