"""Ranking within a group: ties, competition and dense methods, incremental updates."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.model import RankingMethod
from scoring.ranking import RankIndex

keys = st.tuples(st.integers(-5, 5), st.integers(-3, 0))
groups = st.lists(keys, min_size=1, max_size=40)
methods = st.sampled_from(list(RankingMethod))


def _index(method, key_list, order=None):
    order = order or list(range(len(key_list)))
    return RankIndex(method, [(unit, key, order[unit]) for unit, key in enumerate(key_list)])


def _expected(method, key_list):
    distinct = sorted(set(key_list))
    if method is RankingMethod.DENSE:
        return {u: distinct.index(k) + 1 for u, k in enumerate(key_list)}
    return {u: 1 + sum(other < k for other in key_list) for u, k in enumerate(key_list)}


def test_competition_and_dense_examples() -> None:
    key_list = [(-10,), (-8,), (-8,), (-5,)]
    assert _index(RankingMethod.COMPETITION, key_list).ranks() == {0: 1, 1: 2, 2: 2, 3: 4}
    assert _index(RankingMethod.DENSE, key_list).ranks() == {0: 1, 1: 2, 2: 2, 3: 3}


@given(methods, groups, st.randoms())
def test_row_order_does_not_matter(method, key_list, rnd) -> None:
    order = list(range(len(key_list)))
    rnd.shuffle(order)
    assert _index(method, key_list, order).ranks() == _index(method, key_list).ranks()


@given(methods, groups)
def test_equal_keys_iff_equal_ranks_and_gaps(method, key_list) -> None:
    ranks = _index(method, key_list).ranks()
    assert ranks == _expected(method, key_list)
    for a, key_a in enumerate(key_list):
        for b, key_b in enumerate(key_list):
            assert (key_a == key_b) == (ranks[a] == ranks[b])


@settings(max_examples=200)
@given(methods, groups, st.lists(st.tuples(st.integers(0, 39), keys), max_size=30))
def test_incremental_updates_match_a_fresh_ranking(method, key_list, updates) -> None:
    index = _index(method, key_list)
    current = list(key_list)
    for unit, key in updates:
        unit %= len(current)
        before = index.ranks()
        changed = index.update(unit, key)
        current[unit] = key
        assert index.ranks() == _expected(method, current)
        assert changed == {u for u, r in index.ranks().items() if before[u] != r}


def test_leading_and_trailing_include_ties_at_the_cut() -> None:
    index = _index(RankingMethod.COMPETITION, [(-9,), (-8,), (-7,), (-7,), (-1,), (0,), (0,)])
    assert index.leading(3) == [0, 1, 2, 3]
    assert set(index.trailing(1)) == {5, 6}
    assert set(index.trailing(3)) == {4, 5, 6}


def test_large_group_update_reports_only_moved_units() -> None:
    rnd = random.Random(1)
    key_list = [(-rnd.randrange(1000),) for _ in range(5000)]
    index = _index(RankingMethod.COMPETITION, key_list)
    changed = index.update(0, (key_list[0][0],))
    assert changed == set()
