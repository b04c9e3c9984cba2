"""A small conditional UNet for DiffusionJ's default model.

Architecture after Ho et al. 2020 (DDPM) at a small scale: GroupNorm + SiLU residual blocks,
a sinusoidal timestep embedding, a conditioning vector added to the time embedding (the class
embedding lives outside the network so that null-text inversion can optimise it), and
self-attention only at the lowest resolution. The network is fully convolutional: forward()
pads any H x W to a multiple of the downsampling factor and crops back, so Java never has to.
Scriptable with torch.jit.script; exported as forward(x [B,C,H,W] f32, t [B] i64, cond [B,D] f32).
"""
import math
from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F


def groups_for(channels: int) -> int:
    for g in (8, 4, 2, 1):
        if channels % g == 0:
            return g
    return 1


class ResBlock(nn.Module):
    def __init__(self, cin: int, cout: int, emb_dim: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups_for(cin), cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb_dim, cout)
        self.norm2 = nn.GroupNorm(groups_for(cout), cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, emb: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(F.silu(emb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.skip(x) + h


class Attention(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.norm = nn.GroupNorm(groups_for(channels), channels)
        self.qkv = nn.Conv2d(channels, 3 * channels, 1)
        self.proj = nn.Conv2d(channels, channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        qkv = self.qkv(self.norm(x)).reshape(b, 3, c, h * w)
        # Contiguous operands and bmm: libtorch 2.7's einsum on these strided views gave wrong
        # results for batch > 1 (checked against PyTorch 1.13 in the Java fixture test).
        q = qkv[:, 0].transpose(1, 2).contiguous()
        k = qkv[:, 1].contiguous()
        v = qkv[:, 2].contiguous()
        att = torch.softmax(torch.bmm(q, k) / math.sqrt(c), dim=-1)
        out = torch.bmm(v, att.transpose(1, 2).contiguous()).reshape(b, c, h, w)
        return x + self.proj(out)


class Level(nn.Module):
    """Residual blocks of one resolution, with attention after each when requested."""

    def __init__(self, blocks: List[ResBlock], attention: bool, channels: int):
        super().__init__()
        self.blocks = nn.ModuleList(blocks)
        self.attn = nn.ModuleList([Attention(b.conv2.out_channels) for b in blocks] if attention else [])


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.to(torch.float32)[:, None] * freqs[None, :]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


class UNet(nn.Module):
    def __init__(self, channels: int = 3, base: int = 32, mults: List[int] = (1, 2, 2, 2),
                 blocks_per_level: int = 1, cond_dim: int = 64, attention_at_lowest: bool = True):
        super().__init__()
        self.base = base
        self.factor = 2 ** (len(mults) - 1)
        emb_dim = 4 * base
        self.time_mlp = nn.Sequential(nn.Linear(base, emb_dim), nn.SiLU(), nn.Linear(emb_dim, emb_dim))
        self.cond_mlp = nn.Sequential(nn.Linear(cond_dim, emb_dim), nn.SiLU(), nn.Linear(emb_dim, emb_dim))
        self.conv_in = nn.Conv2d(channels, base, 3, padding=1)

        widths = [base * m for m in mults]
        skip_widths = [base]
        self.down = nn.ModuleList()
        self.downsample = nn.ModuleList()
        cur = base
        for i, w in enumerate(widths):
            blocks = []
            for _ in range(blocks_per_level):
                blocks.append(ResBlock(cur, w, emb_dim))
                cur = w
                skip_widths.append(cur)
            lowest = i == len(widths) - 1
            self.down.append(Level(blocks, attention_at_lowest and lowest, cur))
            if not lowest:
                self.downsample.append(nn.Conv2d(cur, cur, 3, stride=2, padding=1))
                skip_widths.append(cur)
        self.mid1 = ResBlock(cur, cur, emb_dim)
        self.mid_attn = Attention(cur) if attention_at_lowest else nn.Identity()
        self.mid2 = ResBlock(cur, cur, emb_dim)

        self.up = nn.ModuleList()
        self.upsample = nn.ModuleList()
        for i, w in reversed(list(enumerate(widths))):
            blocks = []
            for _ in range(blocks_per_level + 1):
                blocks.append(ResBlock(cur + skip_widths.pop(), w, emb_dim))
                cur = w
            self.up.append(Level(blocks, attention_at_lowest and i == len(widths) - 1, cur))
            if i != 0:
                self.upsample.append(nn.Conv2d(cur, cur, 3, padding=1))
        self.norm_out = nn.GroupNorm(groups_for(cur), cur)
        self.conv_out = nn.Conv2d(cur, channels, 3, padding=1)
        nn.init.zeros_(self.conv_out.weight)
        nn.init.zeros_(self.conv_out.bias)

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h_in, w_in = x.shape[2], x.shape[3]
        ph = (self.factor - h_in % self.factor) % self.factor
        pw = (self.factor - w_in % self.factor) % self.factor
        if ph > 0 or pw > 0:
            x = F.pad(x, (0, pw, 0, ph), mode="replicate")
        emb = self.time_mlp(timestep_embedding(t, self.base)) + self.cond_mlp(cond)

        h = self.conv_in(x)
        skips = [h]
        for i, level in enumerate(self.down):
            for j, block in enumerate(level.blocks):
                h = block(h, emb)
                for k, attn in enumerate(level.attn):
                    if k == j:
                        h = attn(h)
                skips.append(h)
            for k, ds in enumerate(self.downsample):
                if k == i:
                    h = ds(h)
                    skips.append(h)
        h = self.mid2(self.mid_attn(self.mid1(h, emb)), emb)
        for i, level in enumerate(self.up):
            for j, block in enumerate(level.blocks):
                h = block(torch.cat([h, skips.pop()], dim=1), emb)
                for k, attn in enumerate(level.attn):
                    if k == j:
                        h = attn(h)
            for k, us in enumerate(self.upsample):
                if k == i:
                    h = us(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        out = self.conv_out(F.silu(self.norm_out(h)))
        return out[:, :, :h_in, :w_in]
