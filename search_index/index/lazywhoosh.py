"""Whoosh's English morphology tables, loaded only if a caller ever uses them.

``whoosh.query`` imports ``variations`` from ``whoosh.lang.morph_en``, whose import compiles
a few hundred English suffix rules into regular expressions: about a tenth of a cold
``gxq-tui search``, for a query type (``Variations``) gxq-tui never builds. :func:`install`
puts a finder first on ``sys.meta_path`` that gives that module as a stand-in whose
``variations`` loads the real module on its first call and hands over to it, so Whoosh
behaves as before for any caller that does use it.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from types import ModuleType

DEFERRED = {"whoosh.lang.morph_en": ("variations",)}  # module → the names Whoosh imports from it


class _Deferred:
    """A meta path finder and loader for the stand-ins of :data:`DEFERRED`."""

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname not in DEFERRED:
            return None
        return importlib.util.spec_from_loader(fullname, self)  # type: ignore[arg-type]  # a loader by its methods

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        for name in DEFERRED[module.__name__]:
            setattr(module, name, _handing_over(module.__name__, name))


def _handing_over(module_name: str, name: str):
    real: list = []

    def call(*args, **kwargs):
        if not real:
            real.append(getattr(_load_real(module_name), name))
        return real[0](*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{module_name}.{name}, loaded on first call"
    return call


def _load_real(module_name: str) -> ModuleType:
    parent_name = module_name.rpartition(".")[0]
    parent = sys.modules.get(parent_name) or importlib.import_module(parent_name)
    spec = importlib.machinery.PathFinder.find_spec(module_name, parent.__path__)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot find {module_name}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def install() -> None:
    """Defer :data:`DEFERRED` (once per process; a no-op when Whoosh already loaded them)."""
    if not any(isinstance(f, _Deferred) for f in sys.meta_path):
        sys.meta_path.insert(0, _Deferred())
