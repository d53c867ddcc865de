"""NaN, Infinity and -Infinity literals (not JSON, but Python's reader takes them) are refused
with the key they stand at, as 1e400 is. Before, only a literal was named:
"expected a finite number, found NaN (not allowed in a model file)" — but where?"""

import json

import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.modelfile import loads

GOOD = {
    "format": "bpviz.model", "version": 1, "sizes": [2, 1], "activations": ["linear"],
    "loss": "mse", "weights": [[[0.5, 0.25]]], "biases": [[0.0]],
}


def text_with(literal: str, **where) -> str:
    """GOOD with one value replaced by a bare literal; `where` names the key, its value the
    marker string that json.dumps writes there and we swap for the literal."""
    doc = {**GOOD, **where}
    return json.dumps(doc).replace('"@"', literal)


CASES = [
    ({"weights": [[[0.5, "@"]]]}, "NaN", "weights[0][0][1]: expected a finite number, found NaN"),
    ({"biases": [["@"]]}, "-Infinity", "biases[0][0]: expected a finite number, found -Infinity"),
    ({"sizes": ["@", 1]}, "Infinity", "sizes[0]: expected a whole number from 1 to 10000000, "
                                      "found Infinity"),
    ({"version": "@"}, "NaN", "version: expected 1, found NaN"),
    ({"loss": "@"}, "NaN", "loss: expected one of"),
    ({"training": {"learning_rate": "@"}}, "NaN",
     "training.learning_rate: expected a finite number, found NaN"),
    ({"notes": [1, {"x": "@"}]}, "Infinity", "notes[1].x: expected a finite number, found Infinity"),
]


@pytest.mark.parametrize("where, literal, message", CASES)
def test_a_nan_or_infinity_literal_is_refused_naming_its_key(where, literal, message):
    with pytest.raises(BpvizError) as info:
        loads(text_with(literal, **where))
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_with_a_lone_surrogate_escape_too_the_literal_is_still_one_line():
    """The check for half a character writes the document back as JSON: the marker must not
    stop it with a TypeError."""
    text = text_with("NaN", weights=[[[0.5, "@"]]], title="T").replace('"T"', '"\\ud800"')
    assert '"\\ud800"' in text
    with pytest.raises(BpvizError, match="lone surrogate"):
        loads(text)
