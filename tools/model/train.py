"""Train DiffusionJ's default model (CPU is enough; a GPU is used when present).

Reproducible from one command with a fixed seed:
    /usr/bin/python3 tools/model/train.py --out tools/runs/default --steps 7000 --seed 0
Every --export-every steps the EMA weights are exported as a model package (export.py) into OUT/package, and
the weights, optimiser state and log into OUT/checkpoint.pt, from which --resume continues (the package's
provenance then lists every command that contributed).
"""
import argparse
import copy
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
from unet import UNet  # noqa: E402
import export  # noqa: E402

T = 1000
BETA_START, BETA_END = 1e-4, 0.02
HELD_OUT_T = (50, 200, 500, 800)


def alphas_cumprod():
    betas = torch.linspace(BETA_START, BETA_END, T, dtype=torch.float64)
    return torch.cumprod(1 - betas, 0).float()


class Denoiser(torch.nn.Module):
    """The UNet plus its class embedding table (row 0 = the null class)."""

    def __init__(self, cond_dim=64, **unet_args):
        super().__init__()
        self.unet = UNet(cond_dim=cond_dim, **unet_args)
        self.embedding = torch.nn.Embedding(len(data.CLASSES), cond_dim)
        torch.nn.init.normal_(self.embedding.weight, std=1.0)

    def forward(self, x, t, classes):
        return self.unet(x, t, self.embedding(classes))


def to_model_range(imgs):
    return torch.from_numpy(imgs).permute(0, 3, 1, 2).contiguous() * 2 - 1


@torch.no_grad()
def held_out_loss(model, batch, ab, seed=1234):
    """Per noise level: MSE of the predicted noise, and x0 error against the noise's own x0 error."""
    g = torch.Generator().manual_seed(seed)
    x0 = to_model_range(batch[0])
    classes = torch.from_numpy(batch[1]).long()
    rows = {}
    for t in HELD_OUT_T:
        eps = torch.randn(x0.shape, generator=g)
        a = ab[t]
        xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
        pred = model(xt, torch.full((x0.shape[0],), t, dtype=torch.long), classes)
        x0_pred = (xt - (1 - a).sqrt() * pred) / a.sqrt()
        rows[str(t)] = {
            "eps_mse": float(F.mse_loss(pred, eps)),
            "x0_mse": float(F.mse_loss(x0_pred, x0)),
            # the "identity" baseline: taking the noisy image (rescaled) as the estimate of x0
            "identity_x0_mse": float(F.mse_loss(xt / a.sqrt(), x0)),
        }
    return rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, default=6000)
    p.add_argument("--minutes", type=float, default=0, help="stop after this wall time (0 = no limit)")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--cfg-dropout", type=float, default=0.15)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--export-every", type=int, default=500)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--init", help="start from the weights and class table of this model package folder")
    p.add_argument("--data", default="v1.1", choices=["v1.1", "v1.2", "v1.4"],
                   help="v1.2 adds membranes and puncta to the fluorescence class; v1.4 is v1.2 mostly noise-free,"
                        " with 2 x 2-binned copies of the real pictures")
    p.add_argument("--version", help="the package version to write (default: 1.1 or 1.2 after --data)")
    args = p.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    os.makedirs(args.out, exist_ok=True)
    model = Denoiser().to(device)
    ema = copy.deepcopy(model).eval()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    ab = alphas_cumprod().to(device)
    generators = {"v1.1": data.SYNTHETIC, "v1.2": data.SYNTHETIC_V12, "v1.4": data.SYNTHETIC_V14}[args.data]
    binned = args.data == "v1.4"
    pool = data.Pool(args.seed, generators=generators, with_binned=binned)
    held_out = data.Pool(args.seed + 10_000, split="heldout", pool_size=16, generators=generators if binned else None,
                         with_binned=binned).batch(48, args.size)
    step, log = 0, []
    ckpt_path = os.path.join(args.out, "checkpoint.pt")
    if args.resume and os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path)
        model.load_state_dict(ck["model"]); ema.load_state_dict(ck["ema"]); opt.load_state_dict(ck["opt"])
        step, log = ck["step"], ck["log"]
        commands = ck.get("commands", [f"(earlier run, {step} steps)"])
    else:
        commands = []
        if args.init:
            init_from_package(model, args.init)
            ema.load_state_dict(model.state_dict())
    start = time.time()
    # A resumed run records every command that contributed, with the step it started from.
    commands.append(f"python3 tools/model/train.py {' '.join(sys.argv[1:])} (from step {step})")
    command = " ; then ".join(commands)
    while step < args.steps:
        imgs, classes = pool.batch(args.batch, args.size)
        x0 = to_model_range(imgs).to(device)
        classes = torch.from_numpy(classes).long().to(device)
        classes = torch.where(torch.rand(classes.shape, device=device) < args.cfg_dropout, 0, classes)
        t = torch.randint(0, T, (x0.shape[0],), device=device)
        eps = torch.randn_like(x0)
        a = ab[t][:, None, None, None]
        loss = F.mse_loss(model(a.sqrt() * x0 + (1 - a).sqrt() * eps, t, classes), eps)
        for g in opt.param_groups:  # warm-up, then cosine decay to 10 %
            warm = min(1.0, (step + 1) / 200)
            g["lr"] = args.lr * warm * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / args.steps)))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        decay = min(0.999, (1 + step) / (10 + step))
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
        step += 1
        if step % 20 == 0:
            pool.refresh()
        if step % 50 == 0:
            elapsed = time.time() - start
            print(f"step {step} loss {loss.item():.4f} {elapsed / 60:.1f} min", flush=True)
        out_of_time = args.minutes > 0 and time.time() - start > args.minutes * 60
        if step % args.export_every == 0 or step == args.steps or out_of_time:
            rows = held_out_loss(ema.cpu(), held_out, ab.cpu())
            ema.to(device)
            log.append({"step": step, "minutes": (time.time() - start) / 60, "held_out": rows})
            print(json.dumps(log[-1]), flush=True)
            torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(),
                        "step": step, "log": log, "commands": commands}, ckpt_path + ".tmp")
            os.replace(ckpt_path + ".tmp", ckpt_path)
            try:
                export_package(ema, args, step, command, device, log, rows)
            except Exception as e:  # a failed export must not end a long training run
                print(f"export failed at step {step}: {e}", flush=True)
            ema.to(device)
        if out_of_time:
            break


def init_from_package(model, folder):
    """Loads a package's TorchScript weights (keys unet.*) and class table into the training module."""
    scripted = torch.jit.load(os.path.join(folder, "denoiser.pt"))
    with open(os.path.join(folder, "model.json")) as f:
        table = torch.tensor(json.load(f)["conditioning"]["embeddings"], dtype=torch.float32)
    state = {k: v for k, v in scripted.state_dict().items()}
    state["embedding.weight"] = table
    model.load_state_dict(state)


_REAL = "scikit-image cell.png and ihc.png, left 75 % of columns"
DATA_DESCRIPTIONS = {
    "v1.1": "synthetic fluorescence nuclei, synthetic phase-contrast cells, synthetic H&E tissue "
            "(tools/model/data.py); " + _REAL,
    "v1.2": "synthetic fluorescence nuclei, membranes and puncta, synthetic phase-contrast cells, synthetic H&E "
            "tissue (tools/model/data.py); " + _REAL,
    "v1.4": "synthetic fluorescence nuclei, membranes and puncta (60 % noise-free, the rest at 300-3000 photons), "
            "synthetic phase-contrast cells with little noise, synthetic H&E tissue (tools/model/data.py); "
            + _REAL + ", also 2 x 2-binned",
}


def export_package(ema, args, step, command, device, log, rows):
    export.export(ema.cpu(), os.path.join(args.out, "package"), {
        "data": DATA_DESCRIPTIONS[args.data],
        "steps": step, "batch": args.batch, "crop": args.size, "seed": args.seed,
        "cfgDropout": args.cfg_dropout, "command": command, "device": device,
        "trainingMinutes": round(log[-1]["minutes"], 1), "heldOutLoss": rows},
        version=args.version or {"v1.1": "1.1", "v1.2": "1.2", "v1.4": "1.4"}[args.data])


if __name__ == "__main__":
    main()
