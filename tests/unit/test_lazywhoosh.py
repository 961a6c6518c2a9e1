"""Whoosh's English morphology is loaded only when used, and then behaves as Whoosh's own."""

import subprocess
import sys

SCRIPT = """
import sys
import search_index.engine  # everything a search imports, Whoosh's query modules included
stand_in = sys.modules["whoosh.lang.morph_en"]
print(hasattr(stand_in, "rules"))  # the real module's tables: not built
from whoosh.lang.morph_en import variations
print(sorted(variations("render")))
"""
REAL = """
import importlib.util, sys
spec = importlib.util.find_spec("whoosh.lang.morph_en")
real = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real)
print(sorted(real.variations("render")))
"""


def _run(script: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_a_search_does_not_build_the_english_tables_and_variations_still_works():
    deferred = _run(SCRIPT)
    assert deferred[0] == "False"
    assert deferred[1] == _run(REAL)[0] and "rendering" in deferred[1]
