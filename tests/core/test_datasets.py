"""The CSV loader: good files, and bad ones reported with their line and column."""

import numpy as np
import pytest

from bpviz.core.datasets import load_csv, save_csv, xor
from bpviz.core.errors import BpvizError


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_and_last_column_as_target(tmp_path):
    data = load_csv(write(tmp_path, "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"))
    assert data.input_names == ("x1", "x2") and data.target_names == ("y",)
    np.testing.assert_array_equal(data.x, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(data.y, [[0], [1], [1], [0]])


def test_no_header_two_targets_negative_numbers_and_blank_lines(tmp_path):
    data = load_csv(write(tmp_path, "-0.5,1e-3,1,0\n\n2.5,-4,0,1\n"), n_targets=2)
    np.testing.assert_array_equal(data.x, [[-0.5, 0.001], [2.5, -4]])
    np.testing.assert_array_equal(data.y, [[1, 0], [0, 1]])


def test_round_trip_through_save_csv(tmp_path):
    path = tmp_path / "xor.csv"
    save_csv(xor(), path)
    again = load_csv(path)
    np.testing.assert_array_equal(again.x, xor().x)
    np.testing.assert_array_equal(again.y, xor().y)


@pytest.mark.parametrize("text, message", [
    ("x1,x2,y\n0,0,0\n0,1\n", r"line 3: expected 3 columns, found 2"),
    ("x1,x2,y\n0,0,0\n0,abc,1\n", r"line 3, column 2 \('x2'\): expected a number, found 'abc'"),
    ("0,0,0\n1,nan,1\n", r"line 2, column 2: 'nan' is not a finite number"),
    ("", r"empty"),
    ("\n\n", r"empty"),
    ("x1,x2,y\n", r"header but no data rows"),
    ("y\n1\n2\n", r"need at least one input and one target column"),
])
def test_bad_files_name_the_line_and_column(tmp_path, text, message):
    with pytest.raises(BpvizError, match=message) as info:
        load_csv(write(tmp_path, text))
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(BpvizError, match="cannot read"):
        load_csv(tmp_path / "nope.csv")
