"""Helpers for the CLI tests: run `bpviz` in-process and read what it printed."""

import json

from bpviz import cli


def run(capsys, *argv):
    """(exit code, stdout, stderr) of `bpviz argv…`."""
    try:
        code = cli.main(list(argv))
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return strict_json(out)         # exactly one document: json.loads rejects anything more


def assert_one_line_error(code, out, err, *words):
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("bpviz: ") and "Traceback" not in err
    for word in words:
        assert word in err


def strict_json(text):
    """json.loads that refuses NaN and Infinity, which are not JSON."""
    def refuse(name):
        raise AssertionError(f"{name} in the JSON output")
    return json.loads(text, parse_constant=refuse)
