"""Export a diffusers UNet2DModel (pixel space) into a DiffusionJ model package.

    python3 export_diffusers_unet.py MODEL_DIR_OR_HUB_CACHE OUT_DIR [--size 64] [--name my-model]

Needs `torch` and `diffusers` (run it where you trained the model; DiffusionJ never needs Python).
The network is traced at --size; the traced graph is convolutional and runs at other sizes that are
multiples of the UNet's downsampling factor (written to model.json as "minSize"; use tile sizes that
are multiples of it).
Unconditional models get conditioning kind "none"; class-conditional ones (num_class_embeds) get their
class embedding table copied into model.json, row 0 being the class used as "null".
"""
import argparse
import json
import os

import torch

from export import AlignedConv


class _Wrapper(torch.nn.Module):
    """forward(x, t, cond) -> epsilon / v / sample, as DiffusionJ calls it; cond is ignored or embedded."""

    def __init__(self, unet, class_conditional):
        super().__init__()
        self.unet = unet
        self.class_conditional = class_conditional

    def forward(self, x, t, cond):
        if self.class_conditional:
            return _forward_with_class_vector(self.unet, x, t, cond)
        return self.unet(x, t, return_dict=False)[0]


def _forward_with_class_vector(unet, x, t, cond):
    # UNet2DModel adds class_embedding(class_labels) to the time embedding; replace the lookup by the vector.
    original = unet.class_embedding
    unet.class_embedding = torch.nn.Identity()
    try:
        return unet(x, t, class_labels=cond, return_dict=False)[0]
    finally:
        unet.class_embedding = original


def main():
    from diffusers import DDPMScheduler, UNet2DModel

    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("out")
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--name", default="exported-unet")
    p.add_argument("--classes", default="", help="comma-separated class names, index 0 first")
    args = p.parse_args()

    unet = UNet2DModel.from_pretrained(args.model, subfolder="unet" if os.path.isdir(
        os.path.join(args.model, "unet")) else None).eval()
    sched = DDPMScheduler.from_pretrained(args.model, subfolder="scheduler" if os.path.isdir(
        os.path.join(args.model, "scheduler")) else None)
    class_conditional = getattr(unet, "class_embedding", None) is not None
    c = unet.config.in_channels
    dim = unet.class_embedding.weight.shape[1] if class_conditional else 1
    unet.conv_out = AlignedConv(unet.conv_out)  # same outputs; lets DiffusionJ run oneDNN unlimited (export.py)
    wrapper = _Wrapper(unet, class_conditional).eval()
    example = (torch.randn(1, c, args.size, args.size), torch.tensor([500]), torch.zeros(1, dim))
    with torch.no_grad():
        traced = torch.jit.trace(wrapper, example, check_trace=False)
    os.makedirs(args.out, exist_ok=True)
    traced.save(os.path.join(args.out, "denoiser.pt"))

    conditioning = {"kind": "none", "dim": 1}
    if class_conditional:
        table = unet.class_embedding.weight.detach().tolist()
        names = args.classes.split(",") if args.classes else [f"class{i}" for i in range(len(table))]
        conditioning = {"kind": "class", "dim": dim, "classes": names, "embeddings": table}
    manifest = {
        "format": "diffusionj-model/1", "name": args.name, "version": "1",
        "license": "see the source model", "description": f"exported from {args.model}",
        "channels": c, "trainingSize": unet.config.sample_size, "minSize": 2 ** (len(unet.config.block_out_channels) - 1),
        "schedule": {"kind": sched.config.beta_schedule, "timesteps": sched.config.num_train_timesteps,
                     "betaStart": sched.config.beta_start, "betaEnd": sched.config.beta_end},
        "prediction": sched.config.prediction_type,
        "conditioning": conditioning,
        "normalization": {"kind": "percentile", "low": 0.1, "high": 99.9},
        "files": {"denoiser": "denoiser.pt"},
        "provenance": {"data": "see the source model", "command": "export_diffusers_unet.py " + args.model},
    }
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
