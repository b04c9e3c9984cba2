"""Training data for the default model: synthetic microscopy plus real images from scikit-image.

Classes (index 0 is the null / unconditional class used for classifier-free guidance):
  1 fluorescence  synthetic nuclei: varied shape, size, brightness and texture, optics blur, Poisson noise
  2 brightfield   cell.png (quantitative phase, CC0) and synthetic phase-contrast-like cells
  3 histology     ihc.png (IHC with hematoxylin, no known copyright restrictions) and synthetic H&E tissue
Real images are split by columns: the left 75 % trains, the right 25 % is held out (test-images/).
All images are float32 in [0, 1], H x W x 3 (grayscale replicated to R = G = B).
"""
import os

import numpy as np
from scipy import ndimage

SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"
CLASSES = ["none", "fluorescence", "brightfield", "histology"]
TRAIN_FRACTION = 0.75


def _blur(img, sigma):
    return ndimage.gaussian_filter(img, sigma=sigma) if sigma > 0 else img


def _smooth_noise(rng, shape, sigma):
    n = _blur(rng.standard_normal(shape), sigma)
    return n / (n.std() + 1e-8)


def _ellipses(rng, size, count, rmin, rmax):
    """Label-free union of random ellipses with soft, slightly irregular edges; returns (mask, per-pixel id)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    ids = np.zeros((size, size), np.int32)
    for i in range(count):
        cy, cx = rng.uniform(-rmax, size + rmax, 2)
        a = rng.uniform(rmin, rmax)
        b = a * rng.uniform(0.55, 1.0)
        th = rng.uniform(0, np.pi)
        dy, dx = yy - cy, xx - cx
        u = (dx * np.cos(th) + dy * np.sin(th)) / a
        v = (-dx * np.sin(th) + dy * np.cos(th)) / b
        ang = np.arctan2(v, u)
        wobble = 1 + 0.08 * np.sin(3 * ang + rng.uniform(0, 6.3)) + 0.05 * np.sin(5 * ang + rng.uniform(0, 6.3))
        ids[(u * u + v * v) < wobble ** 2] = i + 1
    return ids


RANDOM_LIGHT = "random"


def _shot_noise(rng, img, photons, low, high):
    """Poisson counts at a peak of `photons` (RANDOM_LIGHT: 10 ** uniform(low, high)); None: noise-free."""
    if photons is None:
        return img
    if photons == RANDOM_LIGHT:
        photons = 10 ** rng.uniform(low, high)
    return rng.poisson(img * photons) / photons


def fluorescence(rng, size, photons=RANDOM_LIGHT):
    count = rng.integers(3, 3 + size * size // 250)
    ids = _ellipses(rng, size, count, size / 28 + 2, size / 9 + 3)
    bright = np.concatenate([[0.0], rng.uniform(0.25, 1.0, count)])
    img = bright[ids].astype(np.float32)
    texture = 1 + 0.25 * _smooth_noise(rng, (size, size), rng.uniform(0.7, 2.0))
    img = img * np.clip(texture, 0.2, None)
    img = _blur(img, rng.uniform(0.6, 2.2))
    background = rng.uniform(0.0, 0.08) * (1 + 0.5 * _smooth_noise(rng, (size, size), size / 4))
    img = np.clip(img + np.clip(background, 0, None), 0, None)
    img = _shot_noise(rng, img, photons, 1.3, 3.0)  # peak photon count: 20 .. 1000
    img = img / max(np.percentile(img, 99.8), 1e-3)
    return np.repeat(np.clip(img, 0, 1)[..., None], 3, axis=2).astype(np.float32)


def membranes(rng, size, photons=RANDOM_LIGHT):
    """Fluorescent cell membranes: the borders of a Voronoi tiling of cells, blurred, with shot noise."""
    n = rng.integers(3, 3 + size * size // 400)
    pts = rng.uniform(0, size, (n, 2))
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    d = np.sqrt((yy[..., None] - pts[:, 0]) ** 2 + (xx[..., None] - pts[:, 1]) ** 2)
    d.sort(axis=2)
    gap = d[..., 1] - d[..., 0] if n > 1 else d[..., 0]
    img = np.exp(-0.5 * (gap / rng.uniform(0.7, 1.5)) ** 2).astype(np.float32)
    img = img * np.clip(1 + 0.3 * _smooth_noise(rng, (size, size), 3.0), 0.2, None)
    img = _blur(img, rng.uniform(0.6, 1.5)) + rng.uniform(0.01, 0.08)
    img = _shot_noise(rng, img, photons, 1.5, 3.2)
    img = img / max(np.percentile(img, 99.8), 1e-3)
    return np.repeat(np.clip(img, 0, 1)[..., None], 3, axis=2).astype(np.float32)


def puncta(rng, size, photons=RANDOM_LIGHT):
    """Diffraction-limited spots (vesicles, single molecules) over a smooth, sometimes bright, cytoplasm."""
    img = np.zeros((size, size), np.float32)
    count = rng.integers(5, 5 + size * size // 60)
    ys, xs = rng.integers(0, size, count), rng.integers(0, size, count)
    img[ys, xs] = rng.uniform(0.3, 1.0, count)
    img = _blur(img, rng.uniform(0.8, 1.6))
    img = img / max(img.max(), 1e-6)
    cytoplasm = np.clip(rng.uniform(0, 0.4) * (1 + 0.6 * _smooth_noise(rng, (size, size), size / 5)), 0, None)
    img = img + cytoplasm + 0.02
    img = _shot_noise(rng, img, photons, 1.5, 3.5)
    img = img / max(np.percentile(img, 99.8), 1e-3)
    return np.repeat(np.clip(img, 0, 1)[..., None], 3, axis=2).astype(np.float32)


def fluorescence_mix(rng, size):
    """The fluorescence class: nuclei (half), membranes and puncta (a quarter each)."""
    r = rng.random()
    if r < 0.5:
        return fluorescence(rng, size)
    return membranes(rng, size) if r < 0.75 else puncta(rng, size)


def brightfield_synthetic(rng, size, noise=None):
    count = rng.integers(2, 2 + size * size // 600)
    ids = _ellipses(rng, size, count, size / 14 + 3, size / 5 + 4)
    inside = (ids > 0).astype(np.float32)
    edge = np.abs(_blur(inside, 1.0) - inside)  # a ring at every cell border (phase halo)
    body = _blur(inside, 2.0) * (0.3 * _smooth_noise(rng, (size, size), 1.5))
    img = 0.6 + rng.uniform(-0.1, 0.1) - 0.9 * _blur(edge, 0.8) + 0.15 * body
    img = img + 0.03 * _smooth_noise(rng, (size, size), size / 3)
    img = img + rng.normal(0, rng.uniform(0.005, 0.03) if noise is None else noise, img.shape)
    return np.repeat(np.clip(img, 0, 1)[..., None], 3, axis=2).astype(np.float32)


# Beer-Lambert stain vectors (optical density per unit stain) for hematoxylin and eosin, Ruifrok & Johnston 2001.
_HEMATOXYLIN = np.array([0.65, 0.70, 0.29], np.float32)
_EOSIN = np.array([0.07, 0.99, 0.11], np.float32)


def histology_synthetic(rng, size):
    count = rng.integers(4, 4 + size * size // 200)
    ids = _ellipses(rng, size, count, size / 30 + 1.5, size / 14 + 2)
    nuclei = _blur((ids > 0).astype(np.float32), 0.7) * (1 + 0.3 * _smooth_noise(rng, (size, size), 1.0))
    stroma = np.clip(0.6 + 0.5 * _smooth_noise(rng, (size, size), rng.uniform(1.5, 5.0)), 0, None)
    lumen = _blur((_smooth_noise(rng, (size, size), size / 6) > 1.2).astype(np.float32), 2)
    stroma = stroma * (1 - lumen)
    od = (rng.uniform(0.8, 1.6) * nuclei[..., None] * _HEMATOXYLIN
          + rng.uniform(0.3, 0.8) * stroma[..., None] * _EOSIN)
    img = np.exp(-od) + rng.normal(0, 0.01, od.shape)
    return np.clip(img, 0, 1).astype(np.float32)


def _clean_photons(rng):
    """Version 1.4's light levels: 60 % of the images noise-free (None), the rest at 300 .. 3000 photons."""
    return None if rng.random() < 0.6 else 10 ** rng.uniform(2.5, 3.5)


def fluorescence_clean(rng, size):
    """Version 1.4's fluorescence: the mix of v1.2, mostly without shot noise, so that the prior stops taking
    noise for texture (a prior trained on noisy images returns noise in its posterior samples, which costs
    denoising and super-resolution their PSNR)."""
    r = rng.random()
    generator = fluorescence if r < 0.5 else membranes if r < 0.75 else puncta
    return generator(rng, size, _clean_photons(rng))


def brightfield_clean(rng, size):
    return brightfield_synthetic(rng, size, noise=rng.uniform(0.0, 0.006))


def _load_real(name):
    from skimage import io
    img = io.imread(os.path.join(SKIMAGE_DATA, name)).astype(np.float32) / 255.0
    if img.ndim == 2:
        img = np.repeat(img[..., None], 3, axis=2)
    return img[..., :3]


def binned(img):
    """2 x 2 block means: half the noise of the real picture, its structures at half the size."""
    h, w = img.shape[0] // 2 * 2, img.shape[1] // 2 * 2
    return img[:h, :w].reshape(h // 2, 2, w // 2, 2, -1).mean(axis=(1, 3))


def real_images(split, with_binned=False):
    """{class index: [H x W x 3 arrays]} for the real images, columns split into train / held-out; with_binned
    adds each part's 2 x 2-binned copy."""
    out = {2: [], 3: []}
    for cls, name in ((2, "cell.png"), (3, "ihc.png")):
        img = _load_real(name)
        cut = int(img.shape[1] * TRAIN_FRACTION)
        part = img[:, :cut] if split == "train" else img[:, cut:]
        out[cls].append(part)
        if with_binned:
            out[cls].append(binned(part))
    return out


SYNTHETIC = {1: fluorescence, 2: brightfield_synthetic, 3: histology_synthetic}
# Version 1.2 of the default model (fine-tuned from 1.1): fluorescence also shows membranes and puncta.
SYNTHETIC_V12 = {1: fluorescence_mix, 2: brightfield_synthetic, 3: histology_synthetic}
# Version 1.4 (fine-tuned from 1.3): cleaner images, so that the prior's samples carry less noise (see
# fluorescence_clean); the real pictures also come 2 x 2-binned.
SYNTHETIC_V14 = {1: fluorescence_clean, 2: brightfield_clean, 3: histology_synthetic}


def augment(rng, crop):
    crop = np.rot90(crop, rng.integers(4))
    if rng.random() < 0.5:
        crop = crop[:, ::-1]
    return np.ascontiguousarray(crop)


class Pool:
    """A refreshable pool of images per class; batches are random crops with flips and 90-degree rotations."""

    def __init__(self, seed, split="train", pool_size=96, image_size=96, real_weight=0.35, generators=None,
                 with_binned=False):
        self.rng = np.random.default_rng(seed)
        self.generators = generators or SYNTHETIC
        self.image_size = image_size
        self.real = real_images(split, with_binned)
        self.real_weight = real_weight
        self.synthetic = {c: [f(self.rng, image_size) for _ in range(pool_size)] for c, f in self.generators.items()}

    def refresh(self, count=8):
        for c, f in self.generators.items():
            for _ in range(count):
                self.synthetic[c][self.rng.integers(len(self.synthetic[c]))] = f(self.rng, self.image_size)

    def crop(self, cls, size):
        rng = self.rng
        if cls in self.real and rng.random() < self.real_weight:
            src = self.real[cls][rng.integers(len(self.real[cls]))]
        else:
            src = self.synthetic[cls][rng.integers(len(self.synthetic[cls]))]
        y = rng.integers(0, src.shape[0] - size + 1)
        x = rng.integers(0, src.shape[1] - size + 1)
        return augment(rng, src[y:y + size, x:x + size])

    def batch(self, n, size):
        classes = self.rng.integers(1, len(CLASSES), n)
        imgs = np.stack([self.crop(c, size) for c in classes])
        return imgs, classes
