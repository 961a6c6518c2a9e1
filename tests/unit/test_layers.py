"""The layer contract: the headless core never imports a front end, and a lower layer of the
core never imports a higher one (function-level imports included)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "search_index"

# Lowest first. A module may import its own layer and the layers below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "facets"),
    ("dates",),
    ("reference",),
    ("analysis",),
    ("ingest",),
    ("entities",),
    ("index",),
    ("query",),
    ("research",),
    ("results", "articles"),
    ("session",),
    ("engine", "__init__"),
)
FRONT_ENDS = ("textual", "rich", "tui")


def layer_of(module: str) -> int:
    """The layer of ``search_index.<room>…`` (its first component after the package)."""
    room = module.split(".")[1] if "." in module else "__init__"
    for level, rooms in enumerate(LAYERS):
        if room in rooms:
            return level
    raise AssertionError(f"search_index.{room} is in no layer: add it to LAYERS in {Path(__file__).name}")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """Every module a file imports, with its line (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = module or module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append((node.lineno, ".".join([*base, *([node.module] if node.module else [])])))
            else:
                found.append((node.lineno, node.module or ""))
    return found


CORE_FILES = sorted(CORE.rglob("*.py"))


def test_every_core_module_has_a_layer():
    for path in CORE_FILES:
        layer_of(module_name(path))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_never_imports_a_front_end_or_a_higher_layer(path: Path):
    here = module_name(path)
    for line, target in imports(path):
        top = target.split(".")[0]
        assert top not in FRONT_ENDS, f"{here}:{line} imports {target}: the core is headless"
        if top == "search_index" and target != "search_index":
            assert layer_of(target) <= layer_of(here), f"{here}:{line} imports {target}, a higher layer"


def test_the_contract_sees_violations(tmp_path: Path):
    """The checker itself: an upward import and a front-end import are both found."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from search_index.engine import Engine\n    import rich\n", encoding="utf-8")
    targets = [t for _, t in imports(bad, "search_index.ingest.bad")]
    assert targets == ["search_index.engine", "rich"]
    assert layer_of("search_index.engine") > layer_of("search_index.ingest.reading")
