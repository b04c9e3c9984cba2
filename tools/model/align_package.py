"""Rewrite a model package made by this recipe before its output convolution was aligned (export.AlignedConv).

    /usr/bin/python3 tools/model/align_package.py PACKAGE_DIR [--base 32] [--mults 1,2,2,2]

The network computes the same numbers (checked here on random inputs); only the TorchScript file changes, so
that DiffusionJ can run it without limiting oneDNN's instruction set (see export.AlignedConv). The file is
replaced atomically; a package that is aligned already is left alone.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export import _Scriptable  # noqa: E402
from unet import UNet  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("package")
    p.add_argument("--base", type=int, default=32)
    p.add_argument("--mults", default="1,2,2,2")
    args = p.parse_args()
    file = os.path.join(args.package, "denoiser.pt")
    with open(os.path.join(args.package, "model.json")) as f:
        manifest = json.load(f)
    old = torch.jit.load(file).eval()
    state = old.state_dict()
    if "unet.conv_out.conv.weight" in state:
        print(file, "is aligned already")
        return
    unet = UNet(channels=manifest["channels"], base=args.base, mults=[int(m) for m in args.mults.split(",")],
                cond_dim=manifest["conditioning"]["dim"])
    unet.load_state_dict({k[len("unet."):]: v for k, v in state.items()})
    new = torch.jit.script(_Scriptable(unet).eval())
    torch.manual_seed(0)
    for h, w in ((64, 64), (40, 72)):
        x = torch.randn(2, manifest["channels"], h, w)
        t = torch.tensor([10, 700])
        c = torch.randn(2, manifest["conditioning"]["dim"])
        with torch.no_grad():
            diff = (new(x, t, c) - old(x, t, c)).abs().max().item()
        if diff != 0.0:
            sys.exit(f"the aligned network differs by {diff}; {file} left as it was")
    new.save(file + ".tmp")
    os.replace(file + ".tmp", file)
    print(file, "aligned: same outputs, output convolution padded to a multiple of 16 filters")


if __name__ == "__main__":
    main()
