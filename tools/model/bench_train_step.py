"""One training step of a DiffusionJ TorchScript denoiser in PyTorch, timed: the reference for
`./diffusion bench --train`, which times the same step in Java on the same file in the same run.

    /usr/bin/python3 tools/model/bench_train_step.py DENOISER.pt [--batch 8] [--size 64] [--steps 20]

Prints one line: "python_ms_per_step MEDIAN". Forward, MSE loss to the noise, backward, global-norm
clipping and an Adam update, as the Java trainer does.
"""
import argparse
import statistics
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("denoiser")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--cond-dim", type=int, default=64)
    p.add_argument("--threads", type=int, default=0, 
                   help="intra-op threads (0: torch's default; ./diffusion bench --train passes Java's count)")
    args = p.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = torch.jit.load(args.denoiser)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    times = []
    for i in range(args.steps + 5):
        x = torch.randn(args.batch, 3, args.size, args.size)
        t = torch.randint(0, 1000, (args.batch,))
        c = torch.randn(args.batch, args.cond_dim)
        eps = torch.randn_like(x)
        start = time.perf_counter()
        loss = torch.nn.functional.mse_loss(model(x, t, c), eps)
        opt.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= 5:
            times.append((time.perf_counter() - start) * 1000)
    print(f"python_ms_per_step {statistics.median(times):.1f}")


if __name__ == "__main__":
    main()
