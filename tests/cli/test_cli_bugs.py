"""`bpviz bugs` and `--bug` / `--fix` on gradcheck, trace and train."""

import pytest

from bpviz.core.bugs import BUGS, TRAINING_ONLY_NOTE

from .cli_helpers import assert_one_line_error, run, run_json


def test_bugs_lists_every_mistake(capsys):
    doc = run_json(capsys, "bugs")
    assert [d["name"] for d in doc] == list(BUGS)
    assert {d["detected_by"] for d in doc} == {"gradcheck", "training"}
    assert all(set(d) == {"name", "description", "detected_by"} for d in doc)
    code, out, _ = run(capsys, "bugs")
    assert code == 0 and len(out.splitlines()) == len(BUGS)


def test_gradcheck_reports_the_factor_of_mean_over_features_on_xor(capsys):
    doc = run_json(capsys, "gradcheck", "--preset", "xor", "--bug", "mean-over-features")
    assert doc["bugs"] == ["mean-over-features"] and doc["samples"] == 4
    assert [row["factor"] for row in doc["layers"]] == [2.0, 2.0]     # m/n⁰ = 4/2


def test_gradcheck_sigma_prime_of_a_fails_the_hidden_layer_only(capsys):
    doc = run_json(capsys, "gradcheck", "--preset", "xor", "--bug", "sigma-prime-of-a")
    assert [row["passed"] for row in doc["layers"]] == [False, True]
    assert doc["layers"][0]["max_relative_error"] > 0.01


def test_gradcheck_shape_mistake_is_a_result(capsys):
    doc = run_json(capsys, "gradcheck", "--preset", "xor", "--bug", "no-transpose")
    assert "W² (1×4) · δ² (1×1)" in doc["layers"][0]["error"]
    assert doc["max_relative_error"] is None


def test_gradcheck_training_mistake_passes_and_says_so(capsys):
    doc = run_json(capsys, "gradcheck", "--preset", "and", "--bug", "no-bias-update")
    assert doc["max_relative_error"] < 1e-5 and doc["note"] == TRAINING_ONLY_NOTE
    code, out, _ = run(capsys, "gradcheck", "--preset", "and", "--bug", "no-bias-update")
    assert code == 0 and TRAINING_ONLY_NOTE in out


def test_seed_003_carries_its_two_mistakes_and_fix_all_removes_them(capsys):
    doc = run_json(capsys, "gradcheck", "--preset", "seed-003")
    assert doc["bugs"] == ["sigma-prime-of-a", "mean-over-features"]
    assert doc["layers"][1]["factor"] == 2.0
    doc = run_json(capsys, "gradcheck", "--preset", "seed-003", "--fix", "all")
    assert doc["max_relative_error"] < 1e-5
    doc = run_json(capsys, "gradcheck", "--preset", "seed-003", "--fix", "mean-over-features")
    assert doc["bugs"] == ["sigma-prime-of-a"]


def test_unknown_or_impossible_mistakes_exit_2(capsys):
    assert_one_line_error(*run(capsys, "gradcheck", "--preset", "xor", "--bug", "typo"),
                          "unknown mistake")
    assert_one_line_error(*run(capsys, "trace", "--preset", "xor", "--bug",
                               "missing-sigma-prime-output"), "linear")
    assert_one_line_error(*run(capsys, "train", "--preset", "xor", "--bug",
                               "extra-sigma-prime-bce"), "binary cross-entropy")
    assert_one_line_error(*run(capsys, "gradcheck", "--preset", "xor", "--fix",
                               "sigma-prime-of-a"), "does not have")


def test_trace_marks_the_records_the_mistake_changes(capsys):
    doc = run_json(capsys, "trace", "--preset", "seed-003")
    changed = {(c["phase"], c["layer"]) for c in doc["changed"]}
    assert changed == {("backward", 2), ("backward", 1), ("update", None)}
    code, out, _ = run(capsys, "trace", "--preset", "seed-003")
    assert code == 0 and "σ′ used in δ¹" in out and "✗" in out


def test_trace_no_transpose_stops_at_the_shape_error(capsys):
    code, out, _ = run(capsys, "trace", "--preset", "xor", "--bug", "no-transpose")
    assert code == 0 and out.rstrip().splitlines()[-1].startswith("mistake no-transpose: δ¹ = W² δ²")


def test_train_with_a_mistake(capsys):
    doc = run_json(capsys, "train", "--preset", "and", "--epochs", "20", "--bug", "symmetric-init")
    assert doc["bugs"] == ["symmetric-init"] and len(doc["loss"]) == 20
    plain = run_json(capsys, "train", "--preset", "and", "--epochs", "20")
    assert "bugs" not in plain and plain["loss"] != doc["loss"]


def test_trace_batch_gives_each_samples_gradient_and_the_mean(capsys):
    doc = run_json(capsys, "trace", "--preset", "xor", "--batch")
    assert doc["samples"] == 4 and [r["layer"] for r in doc["layers"]] == [2, 1]
    for r in doc["layers"]:
        each = r["grad_w"]
        mean = [[sum(g[j][k] for g in each) / 4 for k in range(len(each[0][0]))]
                for j in range(len(each[0]))]
        for got_row, want_row in zip(r["grad_w_mean"], mean):
            assert got_row == [pytest.approx(v, abs=1e-15) for v in want_row]


def test_bench_seeds_trains_seed_003_with_its_mistakes(capsys):
    doc = run_json(capsys, "bench", "seeds", "--preset", "seed-003", "--seeds", "1")
    assert doc["bugs"] == ["sigma-prime-of-a", "mean-over-features"] and doc["seeds"] == 1


def test_presets_json_names_a_presets_own_mistakes(capsys):
    presets = {p["name"]: p for p in run_json(capsys, "presets")}
    assert presets["seed-003"]["bugs"] == ["sigma-prime-of-a", "mean-over-features"]
    assert presets["xor"]["bugs"] == []
    assert presets["seed-003"]["description"].startswith("a learner's XOR net that fails")
