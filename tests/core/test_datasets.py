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
    with pytest.raises(BpvizError, match="the path is empty"):
        load_csv("")


def test_a_first_row_with_an_empty_cell_is_data_not_a_header(tmp_path):
    # printf '0,,0\n1,1,0\n': the row used to be taken as a header and dropped.
    with pytest.raises(BpvizError, match=r"^line 1, column 2: empty cell") as info:
        load_csv(write(tmp_path, "0,,0\n1,1,0\n"))
    assert "\n" not in str(info.value)
    with pytest.raises(BpvizError, match=r"line 3, column 1 \('a'\): empty cell"):
        load_csv(write(tmp_path, "a,b\n1,2\n ,3\n"))


def test_a_row_of_names_and_numbers_is_neither_header_nor_data(tmp_path):
    with pytest.raises(BpvizError, match=r"line 1, column 1: expected a number, found 'x'"):
        load_csv(write(tmp_path, "x,2,y\n1,2,3\n"))


@pytest.mark.parametrize("cell", ["1_0", "１", "٣", "0x10", "1,5", "½", "1e", "−1", "１.0"])
def test_only_plain_decimal_numbers(tmp_path, cell):
    with pytest.raises(BpvizError, match=r"line 2, column 1 \('x'\): expected a number"):
        load_csv(write(tmp_path, f'x,y\n"{cell}",1\n'))


def test_plain_numbers_in_every_spelling_a_spreadsheet_writes(tmp_path):
    data = load_csv(write(tmp_path, "+1,-2.5,.5,3.,1E-2, 7 ,0\n"))
    np.testing.assert_array_equal(data.x, [[1, -2.5, 0.5, 3, 0.01, 7]])


def test_long_values_are_cut_in_error_lines(tmp_path):
    with pytest.raises(BpvizError) as info:
        load_csv(write(tmp_path, "x,y\n" + "z" * 5000 + ",1\n"))
    assert len(str(info.value)) < 120 and "…" in str(info.value)


def test_a_byte_order_mark_is_not_part_of_the_first_name(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b\n1,2\n")
    assert load_csv(path).input_names == ("a",)


def test_save_csv_is_atomic_and_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    save_csv(xor(), link)
    assert link.is_symlink() and len(load_csv(real)) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


@pytest.mark.parametrize("targets", [["y", "y"], ["2", "y"], [2, 2]])
def test_a_target_column_named_twice_is_refused(tmp_path, targets):
    with pytest.raises(BpvizError, match="named twice"):
        load_csv(write(tmp_path, "a,b,y\n0,0,1\n1,1,0\n"), targets=targets)
