"""`bpviz evaluate`: accuracy, cost, confusion matrix and the misclassified samples of a
preset's starting weights or a model file's weights, on the held-out split when there is one.
"""

from __future__ import annotations

from ..core.datasets import Dataset
from ..core.errors import BpvizError
from ..core.evaluation import report
from ..core.notation import count, num, percent
from .common import load_data, load_source, print_json

SHOWN_MISCLASSIFIED = 20


def data_for(args, source) -> tuple[str, object, object]:
    """(split name, x, y): --data, else the preset's (or the file's recorded preset's) held-out
    split, else its training data."""
    if source.preset is not None and args.data is not None:
        raise BpvizError("--data goes with --model; a preset brings its own data")
    if args.data is not None:
        data = load_data(args.data, source.network)
        return "data", data.x, data.y
    preset = source.preset
    if preset is None:
        preset = source.recorded_preset()
        if preset is None:
            raise BpvizError(f"{source.name} records no preset (training.preset): give the data "
                             "as --data FILE.csv, or save the model with `bpviz train --preset "
                             "NAME --save FILE`, which records it")
    data: Dataset = preset.dataset()
    if data.x_test is not None:
        return "test", data.x_test, data.y_test
    return "train", data.x, data.y


def misclassified_line(wrong: list[int], split: str, sizes) -> str:
    """The misclassified samples numbered from 1, as the window numbers them (the JSON's
    `misclassified` keeps the 0-based row indices)."""
    things = "digits" if (sizes[0], sizes[-1]) == (784, 10) else "samples"
    what = {"test": f"test {things}", "train": f"training {things}", "data": "rows of the data file"}[split]
    shown = ", ".join(str(i + 1) for i in wrong[:SHOWN_MISCLASSIFIED])
    more = f", … ({count(len(wrong))} in all)" if len(wrong) > SHOWN_MISCLASSIFIED else ""
    return f"misclassified {what} (numbered from 1, as in the window): {shown or 'none'}{more}"


def run(args) -> int:
    source = load_source(args)
    split, x, y = data_for(args, source)
    result = report(source.network, x, y)
    if args.json:
        doc = result.as_dict(split)
        doc["weights"] = "preset start" if source.preset is not None else "model file"
        print_json(doc)
        return 0
    what = (f"the {source.name} preset's starting (untrained) weights" if source.preset is not None
            else source.name)
    print(f"Evaluated {what} on the {split} {'split' if split != 'data' else 'file'} "
          f"({count(result.samples)} samples): accuracy {percent(result.accuracy)}, "
          f"loss {num(result.loss)}")
    if source.preset is not None:
        print(f"  (train first: bpviz train --preset {source.name} --save m.json, then "
              f"bpviz evaluate --model m.json)")
    if result.confusion is not None and len(result.confusion) <= 12:
        n = len(result.confusion)
        width = max(3, len(str(result.confusion.max())))
        print("confusion (rows: true class, columns: predicted)")
        print("     " + " ".join(str(p).rjust(width) for p in range(n)))
        for t, row in enumerate(result.confusion):
            print(f"  {str(t).rjust(2)} " + " ".join(str(v).rjust(width) for v in row))
    if result.misclassified is not None:
        print(misclassified_line(result.misclassified.tolist(), split, source.network.sizes))
    return 0
