"""`bpviz descent` and `bpviz surface` run without loading Qt (the modules themselves are
covered by the import-rules check of every headless module)."""

from .test_import_rules import run_without_qt


def test_descent_and_surface_commands_run_without_qt():
    run_without_qt("from bpviz.cli import main; "
                   "main(['descent', '--function', 'bowl', '--start', '1,1', '--learning-rate', '0.1', "
                   "'--steps', '3', '--json']); "
                   "main(['surface', '--preset', 'xor', '--params', '1:1:1,2:1:1', '--grid', '5', '--json'])")
