"""Contact sheet of samples from a trained model: one row unconditional, one row per class (guidance 3).

    /usr/bin/python3 tools/model/sample_sheet.py tools/runs/default/checkpoint.pt docs/model-samples.png
"""
import os
import sys

import numpy as np
import torch
from PIL import Image, ImageDraw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
from train import Denoiser, alphas_cumprod  # noqa: E402


@torch.no_grad()
def ddim(model, classes, size=64, steps=25, guidance=3.0, seed=0):
    g = torch.Generator().manual_seed(seed)
    ab = alphas_cumprod().double()
    ts = list(range(0, 1000, 1000 // steps))[::-1]
    x = torch.randn(len(classes), 3, size, size, generator=g)
    cond = torch.tensor(classes)
    null = torch.zeros_like(cond)
    for i, t in enumerate(ts):
        tt = torch.full((len(classes),), t, dtype=torch.long)
        e = model(x, tt, cond)
        if guidance > 1:
            e_u = model(x, tt, null)
            e = torch.where((cond > 0)[:, None, None, None], e_u + guidance * (e - e_u), e)
        a = ab[t].float()
        a_prev = ab[ts[i + 1]].float() if i + 1 < len(ts) else torch.tensor(1.0)
        x0 = ((x - (1 - a).sqrt() * e) / a.sqrt()).clamp(-1, 1)
        x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * e
    return ((x.clamp(-1, 1) + 1) / 2).permute(0, 2, 3, 1).numpy()


def main(ckpt, out, per_row=5):
    torch.set_num_threads(2)
    model = Denoiser()
    model.load_state_dict(torch.load(ckpt)["ema"])
    model.eval()
    rows = []
    for c in range(len(data.CLASSES)):
        rows.append(ddim(model, [c] * per_row, seed=c))
    tile, label = 64, 110
    sheet = Image.new("RGB", (label + per_row * (tile + 4), len(rows) * (tile + 4)), "white")
    draw = ImageDraw.Draw(sheet)
    for r, imgs in enumerate(rows):
        name = "unconditional" if r == 0 else data.CLASSES[r]
        draw.text((4, r * (tile + 4) + tile // 2 - 6), name, fill="black")
        for k, img in enumerate(imgs):
            sheet.paste(Image.fromarray((img * 255).round().astype(np.uint8)), (label + k * (tile + 4), r * (tile + 4)))
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    sheet.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
