"""The layers keep to their import directions (docs/ARCHITECTURE.md, "Layers"):

- core imports none of training, model, commands or ui;
- model and training do not import each other;
- nothing imports bpviz.ui but the app launcher and the UI benchmark's lazy call in
  commands/bench.py;
- Qt (PySide6, shiboken6, pyqtgraph) is imported only under ui/ and by the app launcher,
  and importing every module of core, training, model and commands in a fresh interpreter
  loads none of it.
"""

import ast
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "bpviz"
QT_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph")
HEADLESS = ("bpviz.core", "bpviz.training", "bpviz.model", "bpviz.commands")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path):
    """(imported module, imported inside a function?) for every import in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = ".".join(base[:len(base) - child.level + 1])
                    target = f"{base}.{child.module}" if child.module else base
                else:
                    target = child.module
                found.append((target, in_function))
                if child.module is None:      # `from . import x`: x may be a module
                    found.extend((f"{target}.{a.name}", in_function) for a in child.names)
            visit(child, nested)

    visit(tree, False)
    return found


def all_imports():
    for path in sorted(PACKAGE.rglob("*.py")):
        for target, in_function in imports(path):
            yield module_name(path), target, in_function


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_import_parser_sees_relative_and_lazy_imports():
    found = set(imports(PACKAGE / "commands" / "bench.py"))
    assert ("bpviz.core.errors", False) in found
    assert any(t.startswith("bpviz.ui") and lazy for t, lazy in found)


def test_core_imports_no_other_layer():
    bad = [(m, t) for m, t, _ in all_imports() if within(m, "bpviz.core")
           and any(within(t, f"bpviz.{layer}") for layer in
                   ("training", "model", "commands", "ui", "cli", "app"))]
    assert not bad, bad


def test_model_and_training_do_not_import_each_other():
    bad = [(m, t) for m, t, _ in all_imports()
           if (within(m, "bpviz.model") and within(t, "bpviz.training"))
           or (within(m, "bpviz.training") and within(t, "bpviz.model"))]
    assert not bad, bad


def test_only_the_app_and_the_ui_benchmark_import_the_ui():
    bad = [(m, t) for m, t, lazy in all_imports()
           if within(t, "bpviz.ui") and not within(m, "bpviz.ui") and m != "bpviz.app"
           and not (m == "bpviz.commands.bench" and lazy)]
    assert not bad, bad


def test_qt_is_imported_only_under_ui():
    bad = [(m, t) for m, t, _ in all_imports() if t.startswith(QT_PREFIXES)
           and not within(m, "bpviz.ui") and m != "bpviz.app"]
    assert not bad, bad


def headless_modules() -> list[str]:
    names = []
    for package in HEADLESS:
        if importlib.util.find_spec(package) is None:
            continue                          # bpviz.model arrives with the Qt-free model
        names.append(package)
        path = PACKAGE / package.split(".", 1)[1]
        names += [f"{package}.{m.name}" for m in pkgutil.walk_packages([str(path)])]
    return list(names)


def run_without_qt(code: str) -> None:
    """Run `code` in a fresh interpreter, then assert it loaded neither Qt nor pyqtgraph."""
    check = f"bad = [m for m in sys.modules if m.startswith({QT_PREFIXES!r})]; assert not bad, bad"
    done = subprocess.run([sys.executable, "-c", f"import sys; {code}; {check}"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_headless_module_imports_without_qt():
    modules = headless_modules()
    assert "bpviz.core.network" in modules and "bpviz.commands.bench" in modules
    run_without_qt("import importlib; " + "; ".join(f"importlib.import_module({m!r})"
                                                    for m in modules))


@pytest.mark.parametrize("argv", [["presets"], ["trace", "--preset", "xor", "--json"],
                                  ["gradcheck", "--preset", "xor", "--json"]])
def test_headless_commands_load_no_qt(argv):
    run_without_qt(f"from bpviz.cli import main; main({argv!r})")
