"""Non-blocking warnings about a unit's tallies: plausible mistakes, never refused."""

from __future__ import annotations

from scoring.model import ADOPTED, FieldKey, Period


def unit_warnings(period: Period, unit_id: int) -> dict[FieldKey, str]:
    """Warnings per tally field of one unit, in Chinese.

    采用条目 counts adopted items once each. One item may be adopted by several channels, so
    the channels together may well exceed it; but within one channel every adoption is a
    different item, so 采用条目 below any single channel's adoptions must be a mistake."""
    tally = period.tallies[unit_id]
    warnings: dict[FieldKey, str] = {}
    if tally.adopted > tally.submitted:
        warnings[ADOPTED] = f"采用条目（{tally.adopted}）多于报送条目（{tally.submitted}），请核对"
        return warnings
    most, channel = max(
        ((tally.adoptions[c.id].total, c.name) for c in period.scheme.channels if c.id in tally.adoptions),
        default=(0, ""),
    )
    if tally.adopted < most:
        warnings[ADOPTED] = f"采用条目（{tally.adopted}）少于「{channel}」一个渠道的采用数（{most}），请核对"
    return warnings
