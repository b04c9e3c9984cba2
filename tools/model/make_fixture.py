"""Make the small TorchScript fixture used by the Java tests (a few hundred KB, committed).

    /usr/bin/python3 tools/model/make_fixture.py src/test/resources/fixture

Random but seeded weights of the same UNet as the default model, scaled down; expected.json records
PyTorch's outputs for fixed inputs so the Java side can check it loads and runs the model faithfully.
"""
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unet import UNet  # noqa: E402
from export import _Scriptable, write_package  # noqa: E402


def pattern(b, c, h, w):
    """A deterministic input that Java can rebuild exactly: sin(0.1 i) over the flat index i."""
    n = b * c * h * w
    return torch.sin(0.1 * torch.arange(n, dtype=torch.float64)).float().reshape(b, c, h, w)


def main(folder):
    torch.manual_seed(42)
    # 16 channels wide (oneDNN's channel block, see export.AlignedConv), two levels: as fast as the real model's shape allows
    unet = UNet(base=16, mults=[1, 1], cond_dim=8)
    for m in unet.modules():  # the real model's output conv starts at zero; the fixture must not
        if m is unet.conv_out:
            torch.nn.init.normal_(m.weight, std=0.1)
            torch.nn.init.normal_(m.bias, std=0.01)
    scripted = torch.jit.script(_Scriptable(unet).eval())
    classes = ["none", "alpha", "beta"]
    g = torch.Generator().manual_seed(7)
    table = (torch.randn(3, 8, generator=g)).tolist()
    manifest = {
        "format": "diffusionj-model/1",
        "name": "test-fixture",
        "version": "1",
        "license": "BSD-2-Clause",
        "description": "Untrained tiny UNet for tests only.",
        "channels": 3,
        "trainingSize": 16,
        "minSize": 4,
        "schedule": {"kind": "linear", "timesteps": 1000, "betaStart": 1e-4, "betaEnd": 0.02},
        "prediction": "epsilon",
        "conditioning": {"kind": "class", "dim": 8, "classes": classes,
                         "embeddings": [[round(v, 6) for v in row] for row in table]},
        "normalization": {"kind": "percentile", "low": 0.1, "high": 99.9},
        "files": {"denoiser": "denoiser.pt"},
        "provenance": {"data": "none (random weights)", "steps": 0, "seed": 42,
                       "command": "python3 tools/model/make_fixture.py " + folder},
    }
    write_package(folder, scripted, manifest)

    cases = []
    rounded = torch.tensor([[round(v, 6) for v in row] for row in table])
    for (b, h, w, t, cls) in ((1, 16, 16, 10, 1), (2, 12, 20, 500, 2), (1, 7, 9, 999, 0)):
        x = pattern(b, 3, h, w)
        cond = rounded[[cls] * b]
        with torch.no_grad():
            y = scripted(x, torch.full((b,), t, dtype=torch.long), cond)
        flat = y.flatten()
        cases.append({"batch": b, "height": h, "width": w, "t": t, "class": cls,
                      "sum": float(y.double().sum()), "sumAbs": float(y.double().abs().sum()),
                      "first": [float(v) for v in flat[:8]], "last": float(flat[-1])})
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"input": "sin(0.1 * flat index), float64 then float32", "cases": cases}, f, indent=1)


class Unaligned(torch.nn.Module):
    """A one-layer "denoiser" with 3 output channels, not a multiple of oneDNN's block: the runtime must limit
    oneDNN's instruction set for it (see OneDnnIsa)."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 3, 3, padding=1)

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        return self.conv(x)


class WrongShape(torch.nn.Module):
    """A broken "denoiser" that halves the width: the Java side must refuse its output clearly."""

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        return x[:, :, :, ::2]


if __name__ == "__main__":
    main(sys.argv[1])
    torch.jit.script(WrongShape()).save(os.path.join(sys.argv[1], "wrong-shape.pt"))
    torch.manual_seed(3)
    torch.jit.script(Unaligned()).save(os.path.join(sys.argv[1], "unaligned.pt"))
