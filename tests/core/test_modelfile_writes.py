"""Writing model files: permissions kept, and JSON too deeply nested to read is a one-line
error."""

import os
import stat

import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.modelfile import loads, save_model
from bpviz.core.presets import get_preset


def test_saving_keeps_the_files_permissions(tmp_path):
    net = get_preset("xor").network()
    path = tmp_path / "m.json"
    path.write_text("{}")
    os.chmod(path, 0o644)
    save_model(net, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    fresh = tmp_path / "new.json"
    save_model(net, fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_deeply_nested_json_is_a_one_line_error():
    with pytest.raises(BpvizError) as err:
        loads("[" * 100_000 + "]" * 100_000)
    assert "\n" not in str(err.value)
