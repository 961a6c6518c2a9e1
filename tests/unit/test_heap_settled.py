"""What is alive when a long job settles is left out of the collector's passes while the
job runs, and put back after it; a freeze made outside (a warmed session's) is kept.

The collector's frozen set is the whole process's: a thread left by another test (an app's
warm-up, which freezes) could change it mid-test, so each case runs in a fresh interpreter."""

import subprocess
import sys
import textwrap

ROOT = __file__.rsplit("/tests/", 1)[0]


def _run(body: str) -> None:
    code = "import gc\nfrom search_index.index.heap import settled\n" + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_settled_job_freezes_once_and_thaws_when_done():
    _run(
        """
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
        """
    )


def test_a_job_that_fails_thaws_too():
    _run(
        """
        try:
            with settled() as heap:
                heap.now()
                raise KeyError("x")
        except KeyError:
            pass
        else:
            raise AssertionError("the job's error was swallowed")
        assert gc.get_freeze_count() == 0
        """
    )


def test_an_outer_freeze_is_left_as_it_is():
    _run(
        """
        gc.freeze()
        outer = gc.get_freeze_count()
        with settled() as heap:
            heap.now()
            assert gc.get_freeze_count() == outer
        assert gc.get_freeze_count() == outer
        """
    )
