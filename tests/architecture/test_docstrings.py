"""Every public service and selector says what it does and its rule, in a docstring."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "coop",
    "membership",
    "governance",
    "labor_contracts",
    "projects",
    "finance",
    "founding",
    "federation",
    "alliance",
]


def _modules():
    for app in APPS:
        for layer in ("services", "selectors"):
            module = ROOT / app / f"{layer}.py"
            package = ROOT / app / layer
            yield app, layer, [module] if module.exists() else sorted(package.glob("*.py"))


def test_the_walk_finds_the_services_and_selectors_of_every_app():
    assert all(paths for _app, _layer, paths in _modules())


def test_every_public_service_and_selector_has_a_docstring():
    missing = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
        for _app, _layer, paths in _modules()
        for path in paths
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
        and not ast.get_docstring(node)
    ]
    assert missing == []
