"""Ctrl-C while the command line is still loading (NumPy takes ~150 ms to import) exits 130
with the one line a later Ctrl-C prints, not a KeyboardInterrupt traceback. The interrupt is
raised by an import hook, at the import named, so the test does not depend on timing."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A finder placed first on sys.meta_path: importing MODULE raises KeyboardInterrupt, as a
# Ctrl-C arriving at that moment does.
HOOK = """
import sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
        return None
sys.meta_path.insert(0, Interrupt())
"""

ENTRY_POINTS = {
    # `python -m bpviz presets`
    "python -m bpviz": "import runpy; sys.argv = ['bpviz', 'presets']; "
                       "runpy.run_module('bpviz', run_name='__main__', alter_sys=True)",
    # the `bpviz` console script, as pip writes it: from bpviz.cli import main; sys.exit(main())
    "bpviz script": "sys.argv = ['bpviz', 'presets']; from bpviz.cli import main; sys.exit(main())",
}


@pytest.mark.parametrize("module", ["numpy", "bpviz.commands.options", "bpviz.commands.gradcheck"])
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_ctrl_c_during_the_imports_exits_130_with_one_line(entry, module):
    code = HOOK.format(module=module) + ENTRY_POINTS[entry]
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.stderr == "bpviz: interrupted\n"
    assert done.returncode == 130 and done.stdout == ""


def test_the_hook_interrupts_nothing_else():
    """Without the interrupt the same entry point runs the command (the hook is harmless)."""
    code = HOOK.format(module="no.such.module") + ENTRY_POINTS["python -m bpviz"]
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "xor" in done.stdout, done.stderr
