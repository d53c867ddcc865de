"""The command line's parser and dispatch: every command, its options and the module that
runs it (see docs/ARCHITECTURE.md, "Command line"). `bpviz.cli.main` imports this inside
its Ctrl-C guard, so an interrupt while NumPy and the commands load is one line too.
"""

from __future__ import annotations

from ..core import settings
from ..core.initializers import INITIALIZERS
from ..core.notation import count
from .options import (
    BATCH,
    EPOCHS,
    ETA,
    SEED,
    CliParser,
    add_bugs,
    add_divergence_factor,
    add_force,
    add_sample,
    add_source,
    number,
    vector,
    whole,
)

MAX_BENCH_SEEDS = 10_000      # bench seeds: each seed is a whole run (seed-003: 60 000 steps)


def build_parser() -> CliParser:
    parser = CliParser(prog="bpviz", description="Backpropagation, one layer at a time: the "
                       "headless commands of bpviz (the window is `python main.py`).")
    from .. import __version__
    parser.add_argument("--version", action="version", version=f"bpviz {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    json_help = "print exactly one JSON document on stdout"

    p = commands.add_parser("trace", help="one sample forward, backward and one update, "
                            "with every equation", description="Walk one sample through "
                            "the forward pass, the loss, the backward pass and one "
                            "gradient-descent update, printing every equation with its numbers.")
    add_source(p, "a model file (JSON); walks the preset it records (see --sample), else "
               "needs --input and --target")
    add_sample(p)
    p.add_argument("--learning-rate", type=ETA, metavar="ETA",
                   help="η (default: the preset's or model file's, else 0.1)")
    add_divergence_factor(p)
    add_force(p)
    p.add_argument("--json", action="store_true", help=json_help)
    add_bugs(p)
    p.add_argument("--batch", action="store_true", help="the backward pass on the whole "
                   "training set: each sample's δ and ∂C/∂W, and their mean")
    p.add_argument("--data", metavar="FILE.csv", help="with --batch and --model: the samples")
    p.set_defaults(run="trace")

    p = commands.add_parser("train", help="train a preset or a model file on a CSV",
                            description="Train with the headless trainer and report the loss "
                            "per epoch, accuracy and any divergence.")
    add_source(p, "a model file (JSON); needs --data")
    p.add_argument("--data", metavar="FILE.csv", help="training data: inputs, then the "
                   "last nᴸ columns are targets (a header row is optional)")
    p.add_argument("--epochs", type=EPOCHS, metavar="N")
    p.add_argument("--seed", type=SEED, metavar="S",
                   help="seeds the initial weights of a preset (fixed-weight presets such as "
                   "toy-40-80 keep theirs) and the shuffling")
    p.add_argument("--learning-rate", type=ETA, metavar="ETA")
    p.add_argument("--init", choices=list(INITIALIZERS), metavar="NAME",
                   help="with --preset: draw its initial weights with this initialiser instead "
                   f"of the preset's ({', '.join(INITIALIZERS)}; e.g. normal for N(0, 1) as in "
                   "Nielsen's network.py, scaled-normal for his network2.py)")
    p.add_argument("--batch-size", type=BATCH, metavar="B",
                   help="samples per step (default: the preset's, else the whole set)")
    p.add_argument("--optimizer", choices=settings.OPTIMIZER_NAMES)
    p.add_argument("--save", metavar="FILE", help="save the trained model (JSON); on Ctrl-C "
                   "the last finite weights are saved, marked training.interrupted")
    add_divergence_factor(p)
    add_force(p)
    p.add_argument("--json", action="store_true", help=json_help)
    add_bugs(p)
    p.set_defaults(run="train")

    p = commands.add_parser("gradcheck", help="backprop against finite differences",
                            description="Compare backprop's ∂C/∂W and ∂C/∂b with central "
                            "finite differences; report the largest relative error per layer.")
    add_source(p, "a model file (JSON); --input/--target optional (else the training samples "
               "of the preset the file records, or a random sample when it records none)")
    add_sample(p)
    add_force(p)
    p.add_argument("--json", action="store_true", help=json_help)
    add_bugs(p)
    p.set_defaults(run="gradcheck")

    p = commands.add_parser("bugs", help="the bug lab's mistakes", description="List the "
                            "mistakes that --bug can put into trace, gradcheck and train, and "
                            "what finds each (the gradient check or the training curves).")
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(run="bugs")

    p = commands.add_parser("presets", help="list the presets", description="List every "
                            "preset: its name and one line.")
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(run="presets")

    p = commands.add_parser("evaluate", help="accuracy, cost and confusion matrix",
                            description="Evaluate a preset's starting weights or a model file's "
                            "weights: accuracy, mean cost, the confusion matrix and the "
                            "misclassified samples, on the held-out split when there is one.")
    add_source(p, "a model file (JSON); evaluated on --data, else on the held-out split of the "
               "preset recorded in the file")
    p.add_argument("--data", metavar="FILE.csv", help="inputs, then the last nᴸ columns are "
                   "targets (a header row is optional)")
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(run="evaluate")

    p = commands.add_parser("data", help="MNIST: status, download, import",
                            description="Which MNIST set is in use (the bundled 5 000-digit "
                            "subset or the full set in your cache), fetch the full set, or "
                            "import MNIST files you already have. Nothing downloads unless asked.")
    p.add_argument("dataset", choices=("mnist",), help="the data set (mnist)")
    action = p.add_mutually_exclusive_group(required=True)
    action.add_argument("--status", action="store_true", help="which set is in use, its sizes")
    action.add_argument("--download", action="store_true",
                        help="fetch the four MNIST files into the cache (SHA-256 checked)")
    action.add_argument("--from", dest="source", metavar="PATH", help="import a folder of the "
                        "four IDX files (.gz or plain) or Nielsen's mnist.pkl.gz")
    p.add_argument("--url", metavar="BASE", help="download from this mirror (a folder URL "
                   "holding train-images-idx3-ubyte.gz …)")
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(run="data")

    p = commands.add_parser("bench", help="benchmarks (train, ui, view, seeds, soak)",
                            description="Speed and reliability benchmarks.")
    benches = p.add_subparsers(dest="bench", metavar="BENCH", required=True)
    b = benches.add_parser("train", help="speed of the headless trainer",
                           description="Time the headless trainer on a preset's data.")
    b.add_argument("--preset", default="xor", metavar="NAME", help="default: xor")
    b.add_argument("--batch-size", type=BATCH, metavar="B")
    b.add_argument("--epochs", type=whole(1, "epochs", settings.MAX_EPOCHS), metavar="N",
                   help=f"default: enough for about {count(50_000)} steps")
    b.add_argument("--dtype", choices=("float32", "float64"), default="float64")
    b.add_argument("--json", action="store_true", help=json_help)
    b.set_defaults(run="bench_train")
    b = benches.add_parser("ui", help="training inside the real window",
                           description="Train XOR inside the main window and measure speed, "
                           "frame rate and GUI latency.")
    b.add_argument("--seconds", type=number("seconds", positive=True, most=86400), default=5.0,
                   metavar="S", help="default: 5; at most 86400 (a day)")
    b.add_argument("--preset", default="xor", metavar="NAME", help="default: xor")
    b.add_argument("--json", action="store_true", help=json_help)
    b.set_defaults(run="bench_ui")
    b = benches.add_parser("view", help="how fast one walk step repaints the window",
                           description="Step through complete walks in the real main window "
                           "(offscreen without a display) and time each step to the window "
                           "painted again.")
    b.add_argument("--preset", default="toy-40-80", metavar="NAME", help="default: toy-40-80")
    b.add_argument("--steps", type=whole(1, "steps"), metavar="N",
                   help="default: three complete walks, at least 60")
    b.add_argument("--json", action="store_true", help=json_help)
    b.set_defaults(run="bench_view")
    b = benches.add_parser("seeds", help="how many seeds train to 100 %% accuracy",
                           description="Train the preset with its defaults from seeds "
                           "0…N−1 and count those reaching 100 % train accuracy.")
    b.add_argument("--preset", default="xor", metavar="NAME", help="default: xor")
    b.add_argument("--seeds", type=whole(1, "seeds", MAX_BENCH_SEEDS), default=100, metavar="N",
                   help=f"default: 100; at most {MAX_BENCH_SEEDS} (seeds 0…N−1, each a whole "
                   "training run: xor's 10 000 take a few minutes)")
    add_bugs(b)
    b.add_argument("--json", action="store_true", help=json_help)
    b.set_defaults(run="bench_seeds")
    b = benches.add_parser("soak", help="headless training memory over a long run",
                           description="Train a preset headless for many epochs and report "
                           "the resident memory before and after, and the growth per epoch.")
    b.add_argument("--preset", default="xor", metavar="NAME", help="default: xor")
    b.add_argument("--epochs", type=whole(1, "epochs", settings.MAX_EPOCHS), default=1_000_000,
                   metavar="N", help="default: 1000000")
    b.add_argument("--json", action="store_true", help=json_help)
    b.set_defaults(run="bench_soak")
    add_descent_commands(commands, json_help)
    return parser


def add_descent_commands(commands, json_help: str) -> None:
    from ..core.descent import FUNCTIONS, MAX_STEPS
    from ..core.surface import MAX_CELLS

    p = commands.add_parser("descent", help="gradient descent on x², a bowl, a ravine, …",
                            description="Walk gradient descent (the trainer's optimisers) on a "
                            "textbook function; a divergence ends the path and is reported, "
                            "not an error.")
    p.add_argument("--function", required=True, choices=tuple(FUNCTIONS))
    p.add_argument("--start", type=vector, metavar="X[,Y]",
                   help="the start point (default: the function's own, e.g. -1.2,1 for "
                   "rosenbrock); write --start=-1.2,1 for negative values")
    p.add_argument("--learning-rate", type=ETA, metavar="ETA",
                   help="η (default: the function's own, e.g. 0.1 for x2, 0.001 for rosenbrock)")
    p.add_argument("--steps", type=whole(0, "steps", MAX_STEPS), metavar="N", default=50,
                   help=f"default 50, at most {MAX_STEPS}")
    p.add_argument("--optimizer", choices=("sgd", "momentum", "adam"), default="sgd")
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(run="descent")

    p = commands.add_parser("surface", help="the cost over a grid of two parameters",
                            description="The mean cost over a grid of two parameters of the "
                            "network, all others fixed: a 2-D slice of the cost surface.")
    add_source(p, "a model file (JSON); --data, else the preset the file records")
    p.add_argument("--data", metavar="FILE.csv", help="training data for --model")
    p.add_argument("--params", required=True, metavar="P,Q",
                   help="two parameters, L:J:K (weight Wᴸ row J column K) or L:J:b (bias), "
                   "1-based, e.g. 1:1:1,1:1:2")
    p.add_argument("--span", type=number("span", positive=True), metavar="S",
                   help="half-width of the grid on each axis (default 1 + |value| per axis)")
    p.add_argument("--grid", type=whole(3, "grid"), default=31, metavar="N",
                   help=f"odd points per axis (default 31; N² ≤ {MAX_CELLS})")
    p.add_argument("--samples", type=whole(1, "samples"), metavar="M", help="use the first M samples")
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(run="surface")


def dispatch(args) -> int:
    from . import bench, bugs, data, descent, evaluate, gradcheck, surface, trace, train
    return {"bugs": bugs.run_list, "trace": trace.run, "train": train.run, "gradcheck": gradcheck.run,
            "evaluate": evaluate.run, "data": data.run, "presets": gradcheck.run_presets,
            "descent": descent.run, "surface": surface.run,
            "bench_train": bench.run_train, "bench_ui": bench.run_ui, "bench_view": bench.run_view,
            "bench_seeds": bench.run_seeds, "bench_soak": bench.run_soak}[args.run](args)
