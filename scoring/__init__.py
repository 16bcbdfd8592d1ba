"""政务信息报送考核: the scoring domain (no Qt). Units, groups, channels, schemes, tallies, scores, ranks."""
