"""The descent and surface maths and their commands run without Qt."""

from .test_no_qt import run_without_qt


def test_descent_and_surface_import_no_qt():
    run_without_qt("import bpviz.core.descent, bpviz.core.surface, bpviz.commands.descent, "
                   "bpviz.commands.surface")


def test_descent_and_surface_commands_run_without_qt():
    run_without_qt("from bpviz.cli import main; "
                   "main(['descent', '--function', 'bowl', '--start', '1,1', '--learning-rate', '0.1', "
                   "'--steps', '3', '--json']); "
                   "main(['surface', '--preset', 'xor', '--params', '1:1:1,2:1:1', '--grid', '5', '--json'])")
