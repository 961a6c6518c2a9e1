"""What is alive when a long job settles is left out of the collector's passes while the
job runs, and put back after it; a freeze made outside (a warmed session's) is kept."""

import gc

import pytest

from search_index.index.heap import settled


@pytest.fixture(autouse=True)
def _thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_settled_job_freezes_once_and_thaws_when_done():
    held = [[n] for n in range(100)]
    with settled() as heap:
        assert gc.get_freeze_count() == 0  # nothing frozen before the job says so
        heap.now()
        frozen = gc.get_freeze_count()
        assert frozen >= len(held)
        held.append([1])
        heap.now()  # once only: what came later stays collectable
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0


def test_a_job_that_fails_thaws_too():
    with pytest.raises(KeyError), settled() as heap:
        heap.now()
        raise KeyError("x")
    assert gc.get_freeze_count() == 0


def test_an_outer_freeze_is_left_as_it_is():
    gc.freeze()
    outer = gc.get_freeze_count()
    with settled() as heap:
        heap.now()
        assert gc.get_freeze_count() == outer
    assert gc.get_freeze_count() == outer
