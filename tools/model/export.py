"""Export a trained denoiser into a DiffusionJ model package: model.json + denoiser.pt (TorchScript).

The package format is documented in the README ("Model packages"). A model trained elsewhere can be
exported the same way: script a module with forward(x [B,C,H,W] float32, t [B] int64, cond [B,D] float32)
returning a tensor shaped like x, and write model.json beside it (see export_diffusers_unet.py).
"""
import copy
import json
import os

import torch

BLOCK = 16
"""oneDNN's widest channel block (AVX-512 float32): every convolution's output channels are a multiple of it."""


class AlignedConv(torch.nn.Module):
    """A convolution whose filters are padded with zero filters to a multiple of BLOCK, its output cut back.

    Why: oneDNN 3.7 (inside libtorch 2.7.1, which DiffusionJ runs) stores channels in blocks of 8 or 16 and pads
    a partial block itself; with the output convolution's 3 channels padded that way, its backward pass gave NaN
    or wrong gradients on AMD Zen 5 (ratios 0.72-0.91 against finite differences) unless the instruction set was
    limited to AVX, which costs about 1.4x per training step. Padded here, no block is partial: the outputs are
    the same numbers, the padding filters get zero gradient (the cut discards them) and stay zero.
    """

    def __init__(self, conv: torch.nn.Conv2d):
        super().__init__()
        self.channels = conv.out_channels
        padded = -(-conv.out_channels // BLOCK) * BLOCK
        self.conv = torch.nn.Conv2d(conv.in_channels, padded, conv.kernel_size, stride=conv.stride,
                                    padding=conv.padding, dilation=conv.dilation, groups=conv.groups,
                                    bias=conv.bias is not None, padding_mode=conv.padding_mode)
        with torch.no_grad():
            self.conv.weight.zero_()
            self.conv.weight[:self.channels] = conv.weight
            if conv.bias is not None:
                self.conv.bias.zero_()
                self.conv.bias[:self.channels] = conv.bias

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x)[:, :self.channels]


def aligned(unet):
    """A copy of unet whose output convolution is an AlignedConv (the others are multiples of BLOCK already)."""
    unet = copy.deepcopy(unet)
    unet.conv_out = AlignedConv(unet.conv_out)
    return unet


class _Scriptable(torch.nn.Module):
    """The bare UNet: conditioning enters as a vector, so the embedding table goes into model.json."""

    def __init__(self, unet):
        super().__init__()
        self.unet = aligned(unet)

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        return self.unet(x, t, cond)


def write_package(folder, scripted, manifest):
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, "denoiser.pt.tmp")
    scripted.save(tmp)
    os.replace(tmp, os.path.join(folder, "denoiser.pt"))
    with open(os.path.join(folder, "model.json.tmp"), "w") as f:
        json.dump(manifest, f, indent=1)
    os.replace(os.path.join(folder, "model.json.tmp"), os.path.join(folder, "model.json"))


def export(model, folder, provenance, version="1.1"):
    import data  # the training data's class list (data needs scipy; the fixture and converter do not)

    model = model.eval()
    scripted = torch.jit.script(_Scriptable(model.unet).eval())
    table = model.embedding.weight.detach().cpu().tolist()
    manifest = {
        "format": "diffusionj-model/1",
        "name": "microscopy-small",
        # 1.0: 1240 steps; 1.1: 7000 steps; 1.2: 1.1 fine-tuned with membranes and puncta (--data v1.2).
        # Bump whenever the embedded weights change.
        "version": version,
        "license": "BSD-2-Clause (weights); training images: see test-images/ATTRIBUTION.md",
        "description": "Small conditional pixel-space UNet for fluorescence, brightfield and histology images.",
        "channels": 3,
        "trainingSize": 64,
        "minSize": 16,
        "schedule": {"kind": "linear", "timesteps": 1000, "betaStart": 1e-4, "betaEnd": 0.02},
        "prediction": "epsilon",
        "conditioning": {"kind": "class", "dim": len(table[0]), "classes": data.CLASSES,
                         "embeddings": [[round(v, 6) for v in row] for row in table]},
        "normalization": {"kind": "percentile", "low": 0.1, "high": 99.9},
        "files": {"denoiser": "denoiser.pt"},
        "provenance": provenance,
    }
    write_package(folder, scripted, manifest)
