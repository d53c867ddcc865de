"""The bug lab's catalogue: named mistakes that learners make when they write backpropagation.

Each mistake is a clearly named variant of one correct step (core/bug_backprop.py builds it
from the same per-layer functions as the correct backprop, core/backprop.py). None is ever on
by default: a mistake is only used when its name is passed explicitly (`--bug NAME` on the
command line, a preset that reproduces a learner's code, a tick box in the window).

Some mistakes corrupt the gradient, and a gradient check exposes them (`detected_by`
"gradcheck"); others leave the gradient right and hurt training, which the loss curves
expose ("training"). A mistake that the network at hand cannot show is refused with one line
saying why (`check_bugs`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import BpvizError

GRADCHECK, TRAINING = "gradcheck", "training"
# σ whose derivative, evaluated at σ(z) instead of z, gives different numbers
BENDS_AT_A = ("sigmoid", "tanh")
# the two mistakes that replace the batch mean's 1/m: at most one of them at a time
SCALE_MISTAKES = ("mean-over-features", "sum-not-mean")


@dataclass(frozen=True)
class Bug:
    name: str
    description: str          # one line, for `bpviz bugs`
    detected_by: str          # "gradcheck" or "training"
    what: str                 # what the code did
    correct: str              # the correct equation
    reveal: str               # how the check (or the training curves) reveals it
    refuse: Callable          # network -> None, or the one-line reason it cannot show here

    @property
    def explanation(self) -> str:
        return f"{self.what} Correct: {self.correct} {self.reveal}"

    def as_dict(self) -> dict:
        return {"name": self.name, "description": self.description, "detected_by": self.detected_by}


def _hidden(network) -> list[str]:
    return network.activation_names[:-1]


def _refuse_sigma_prime_of_a(network):
    if network.L < 2:
        return "it needs a hidden layer (δˡ of a hidden layer is where σ′ is evaluated)"
    if not any(name in BENDS_AT_A for name in _hidden(network)):
        return (f"the hidden layers are {', '.join(_hidden(network))}: for these σ′(σ(z)) = σ′(z), "
                f"so the mistake changes no number (it shows on sigmoid or tanh hidden layers)")
    return None


def _refuse_missing_output_prime(network):
    out = network.sigmas[-1]
    if out.name == "linear":
        return "the output layer is linear: σ′(zᴸ) = 1, so leaving it out changes nothing"
    if network.loss.shortcut_activation == out.name:
        return (f"{out.name} with {network.loss.name} has δᴸ = a − y exactly: there is no σ′(zᴸ) "
                f"to leave out (try extra-sigma-prime-bce)")
    return None


def _refuse_extra_prime(network):
    if network.sigmas[-1].name != "sigmoid" or network.loss.name != "binary_cross_entropy":
        return (f"it needs a sigmoid output with binary cross-entropy (this network: "
                f"{network.sigmas[-1].name} output, {network.loss.name})")
    return None


def _refuse_no_transpose(network):
    return None if network.L >= 2 else "it needs a hidden layer (BP2 is where Wᵀ is used)"


def _refuse_naive_sigmoid(network):
    if "sigmoid" not in network.activation_names:
        return "the network has no sigmoid layer"
    return None


def _refuse_symmetric(network):
    if network.L < 2 or max(network.sizes[1:-1]) < 2:
        return "it needs a hidden layer with at least 2 units (there is nothing to keep equal)"
    return None


def _refuse_no_bias(network):
    return None if network.has_biases else "the network has no biases"


def _always(network):
    return None


CATALOGUE: tuple[Bug, ...] = (
    Bug("sigma-prime-of-a", "δˡ uses σ′(aˡ), the derivative evaluated at the activation, "
        "instead of σ′(zˡ)", GRADCHECK,
        "The code evaluated the derivative function at the layer's activation: σ′(aˡ), for "
        "the logistic σ that is σ(a)(1 − σ(a)), so σ is applied twice.",
        "δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ′(zˡ), and for the logistic σ, σ′(zˡ) = aˡ(1 − aˡ).",
        "The gradient check fails on the hidden layers (and every layer below the first one "
        "it changes); the output layer stays right. On relu, leaky_relu and linear layers "
        "σ′(σ(z)) = σ′(z), so there it changes nothing.", _refuse_sigma_prime_of_a),
    Bug("mean-over-features", "∂C/∂W and ∂C/∂b divided by the number of inputs n⁰ instead "
        "of the number of samples m", GRADCHECK,
        "The code averaged the gradient over len(x) of a transposed batch: the number of "
        "input features n⁰, not the number of samples m.",
        "∂C/∂Wˡ = (1/m) Σₓ δˡₓ (aˡ⁻¹ₓ)ᵀ.",
        "Every layer's gradient is off by the same factor m/n⁰ (×2 for XOR's 4 samples of 2 "
        "inputs); it is the same as another η. Invisible when m = n⁰.", _always),
    Bug("sum-not-mean", "the batch gradient is summed over the samples, never divided by m",
        GRADCHECK,
        "The code summed the samples' gradients and forgot the 1/m of the batch mean.",
        "∂C/∂Wˡ = (1/m) Σₓ δˡₓ (aˡ⁻¹ₓ)ᵀ.",
        "Every layer's gradient is m times too large (invisible when m = 1): the same as an "
        "η m times larger, so it diverges sooner.", _always),
    Bug("missing-sigma-prime-output", "δᴸ = ∇ₐC (a − y for the quadratic cost) without "
        "the factor σ′(zᴸ)", GRADCHECK,
        "The code wrote the output error as ∇ₐC alone (a − y with the quadratic cost), "
        "leaving out σ′(zᴸ).",
        "BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ); only sigmoid with binary cross-entropy (or softmax with "
        "cross-entropy) simplifies exactly to a − y.",
        "The output layer fails the gradient check, and so does every layer below it: the "
        "wrong δᴸ flows down through BP2.", _refuse_missing_output_prime),
    Bug("extra-sigma-prime-bce", "δᴸ = (a − y) ⊙ σ′(zᴸ) with a sigmoid output and binary "
        "cross-entropy", GRADCHECK,
        "The code multiplied the exact shortcut a − y by σ′(zᴸ) once more.",
        "With σ = sigmoid and binary cross-entropy, ∇ₐC ⊙ σ′(z) = (a − y)/(a(1 − a)) · a(1 − a) "
        "= a − y: δᴸ = a − y, with no σ′.",
        "The output layer and every layer below fail the gradient check; learning slows where "
        "the output saturates (σ′ ≈ 0).", _refuse_extra_prime),
    Bug("no-transpose", "δˡ = Wˡ⁺¹ δˡ⁺¹ instead of (Wˡ⁺¹)ᵀ δˡ⁺¹", GRADCHECK,
        "The code sent the error back through Wˡ⁺¹ itself instead of its transpose.",
        "BP2: δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ′(zˡ).",
        "On a non-square Wˡ⁺¹ the product does not fit (a shape error, reported with the "
        "shapes); on a square one the numbers are wrong and the hidden layers fail the "
        "gradient check.", _refuse_no_transpose),
    Bug("naive-sigmoid", "σ(z) = 1/(1 + exp(−z)) without guarding large −z", TRAINING,
        "The code computed 1/(1 + exp(−z)) directly: for z < −709, exp(−z) overflows to inf "
        "(NumPy warns 'overflow encountered in exp').",
        "σ(z) = exp(−ln(1 + e⁻ᶻ)), computed without overflow (bpviz uses logaddexp).",
        "The gradient is right wherever it is finite, so the gradient check passes; training "
        "counts the overflows.", _refuse_naive_sigmoid),
    Bug("symmetric-init", "every weight starts at the same constant (0.5), biases at 0",
        TRAINING,
        "The code started every weight at the same value, so the hidden units of a layer "
        "compute the same function and receive the same gradient.",
        "Start from random weights (any distribution that breaks the symmetry).",
        "The gradient is right, so the gradient check passes; after training, the hidden "
        "units are still identical (equal weights, equal maps).", _refuse_symmetric),
    Bug("no-bias-update", "the biases are never updated", TRAINING,
        "The code computed ∂C/∂b but never applied it: the biases keep their starting values.",
        "bˡ ← bˡ − η ∂C/∂bˡ, together with the weights.",
        "The gradient is right, so the gradient check passes; the training curves show what "
        "the frozen biases cost. With zero biases and tanh hidden units every z at the input "
        "(0, 0) is 0: a linear output gives ŷ = 0 there (XOR's target, so XOR is still "
        "learned), a sigmoid output is pinned at ŷ = 0.5 whatever the weights (so AND, whose "
        "target there is 0, never reaches 100 %).", _refuse_no_bias),
)

BUGS: dict[str, Bug] = {bug.name: bug for bug in CATALOGUE}
TRAINING_ONLY_NOTE = "this mistake leaves the gradient right; see the training curves"


def get_bug(name: str) -> Bug:
    try:
        return BUGS[name]
    except (KeyError, TypeError):
        raise BpvizError(f"unknown mistake {name!r}: expected one of {', '.join(BUGS)}") from None


def check_bugs(names, network) -> tuple[str, ...]:
    """The mistakes named, in catalogue order without repeats, each checked against `network`;
    BpvizError (one line) for an unknown name or one the network cannot show."""
    wanted = {get_bug(name).name for name in names}
    if all(name in wanted for name in SCALE_MISTAKES):
        raise BpvizError("mistakes mean-over-features and sum-not-mean both replace the batch "
                         "mean's 1/m: choose one")
    for name in wanted:
        reason = BUGS[name].refuse(network)
        if reason:
            raise BpvizError(f"mistake {name} cannot show on this network: {reason}")
    return tuple(bug.name for bug in CATALOGUE if bug.name in wanted)


def refusal(name: str, network) -> str | None:
    """Why `name` cannot show on `network` (for a disabled tick box's tooltip), or None."""
    return get_bug(name).refuse(network)


def gradient_bugs(names) -> tuple[str, ...]:
    return tuple(n for n in names if BUGS[n].detected_by == GRADCHECK)


def training_bugs(names) -> tuple[str, ...]:
    return tuple(n for n in names if BUGS[n].detected_by == TRAINING)
