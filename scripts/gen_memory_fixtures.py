"""Fixtures for memory figures: torchinfo's own figures for PyTorch models
equivalent to Keras models the tests build (same layers with weights, same
output element counts; channels first instead of last).

    /work/.venv-torch/bin/python scripts/gen_memory_fixtures.py

For each model, dtype and batch size, `tests/fixtures/memory/<name>.json`
holds torchinfo 1.8's `ModelStatistics` figures: `total_input` ("Input
size", `sys.getsizeof` of each input's storage), `input_nbytes` (the
inputs' data alone, `tensor.nbytes`), `total_output_bytes`
("Forward/backward pass size"), `total_param_bytes` ("Params size"),
`total_params`, `buffer_bytes` (the module's buffers, which torchinfo
leaves out: BatchNorm's running statistics), and the summary's last lines
as torchinfo prints them.
"""

import json
import pathlib

import torch
import torchinfo
from torch import nn

assert torchinfo.__version__ == "1.8.0", torchinfo.__version__

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "memory"


def mlp():
    """Keras: Input(20), Dense(32, relu), LayerNormalization, Dropout, Dense(10)."""
    return nn.Sequential(
        nn.Linear(20, 32), nn.ReLU(), nn.LayerNorm(32, eps=1e-3), nn.Dropout(0.1), nn.Linear(32, 10)
    ), [(20,)]


def cnn():
    """Keras: Input(16,16,3), ZeroPadding2D(1), Conv2D(8,3), BatchNormalization,
    relu, MaxPooling2D(2), Flatten, Dense(1, sigmoid)."""
    return nn.Sequential(
        nn.ZeroPad2d(1),
        nn.Conv2d(3, 8, 3),
        nn.BatchNorm2d(8),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(512, 1),
        nn.Sigmoid(),
    ), [(3, 16, 16)]


class TwoInputs(nn.Module):
    """Keras: Input(6), Input(4), Dense(5) on the first, Concatenate with the
    second, Dense(3), Dense(2)."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(6, 5)
        self.head = nn.Linear(9, 3)
        self.out = nn.Linear(3, 2)

    def forward(self, x, y):
        h = self.a(x)
        h = torch.cat([h, y], dim=1)
        return self.out(self.head(h))


def two_inputs():
    return TwoInputs(), [(6,), (4,)]


MODELS = {"mlp": mlp, "cnn": cnn, "two_inputs": two_inputs}
DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16, "float64": torch.float64}
BATCHES = [1, 7, 64]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in MODELS.items():
        runs = []
        for dname, dtype in DTYPES.items():
            for batch in BATCHES:
                torch.manual_seed(0)
                model, shapes = build()
                model = model.to(dtype)
                sizes = [(batch, *s) for s in shapes]
                stats = torchinfo.summary(
                    model, input_size=sizes, dtypes=[dtype] * len(sizes), verbose=0, device="cpu"
                )
                nbytes = sum(torch.zeros(s, dtype=dtype).nbytes for s in sizes)
                buffers = sum(b.nbytes for b in model.buffers())
                text = str(stats).splitlines()
                runs.append(
                    {
                        "dtype": dname,
                        "batch_size": batch,
                        "total_input": stats.total_input,
                        "input_nbytes": nbytes,
                        "total_output_bytes": stats.total_output_bytes,
                        "total_param_bytes": stats.total_param_bytes,
                        "total_params": stats.total_params,
                        "buffer_bytes": buffers,
                        "size_lines": [l for l in text if "(MB)" in l],
                    }
                )
        (OUT / f"{name}.json").write_text(json.dumps({"model": name, "runs": runs}, indent=1) + "\n")
        print(name, len(runs))


if __name__ == "__main__":
    main()
