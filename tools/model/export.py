"""Export a trained denoiser into a DiffusionJ model package: model.json + denoiser.pt (TorchScript).

The package format is documented in the README ("Model packages"). A model trained elsewhere can be
exported the same way: script a module with forward(x [B,C,H,W] float32, t [B] int64, cond [B,D] float32)
returning a tensor shaped like x, and write model.json beside it (see export_diffusers_unet.py).
"""
import json
import os

import torch

import data


class _Scriptable(torch.nn.Module):
    """The bare UNet: conditioning enters as a vector, so the embedding table goes into model.json."""

    def __init__(self, unet):
        super().__init__()
        self.unet = unet

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
