"""Write test-images/: held-out crops of the real images and synthetic images from seeds never used in training.

    /usr/bin/python3 tools/model/make_test_images.py test-images
    /usr/bin/python3 tools/model/make_test_images.py --noise-free test-images

The synthetic images carry camera noise (nuclei: shot noise; phase-contrast cells and H&E: Gaussian). A denoising
benchmark needs truths without it, so `--noise-free` writes each one's companion `NAME.noise-free.tif`: the same
random draws (the noise is drawn and thrown away, so every later draw matches), the noise never added, then
normalised as the generator normalises (the nuclei by their own 99.8th percentile: about 3.5 % brighter than the
noisy file in bright areas; the denoising eval rescales each crop to its light level, so only the scene counts). It
also checks that the noisy images it makes again are the files in the folder, bit for bit.
"""
import os
import sys

import numpy as np
import tifffile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402

HELD_OUT_SEED = 987_654  # training uses seeds 0 .. 10 000


def main(folder):
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(HELD_OUT_SEED)
    real = data.real_images("heldout")
    cell = real[2][0][:, :, 0]
    ihc = real[3][0]
    tifffile.imwrite(os.path.join(folder, "cell-brightfield.tif"), (cell[200:456, :128] * 255).round().astype(np.uint8))
    tifffile.imwrite(os.path.join(folder, "ihc-histology.tif"), (ihc[128:384, :128] * 255).round().astype(np.uint8),
                     photometric="rgb")
    write(folder, synthetic(rng))


class _Quiet:
    """A generator whose noise draws are made and discarded: Poisson counts come back as their means, Gaussian
    noise as zeros. Every other draw passes through, so the random stream stays the noisy images' own."""

    def __init__(self, rng):
        self._rng = rng

    def poisson(self, lam, size=None):
        self._rng.poisson(lam, size)
        return np.asarray(lam, dtype=np.float64)

    def normal(self, loc=0.0, scale=1.0, size=None):
        self._rng.normal(loc, scale, size)
        return np.zeros(size) + loc if size is not None else loc

    def __getattr__(self, name):
        return getattr(self._rng, name)


def synthetic(rng):
    """{file name: image as written} of the synthetic test images, drawn from `rng` in the files' order."""
    nuclei = data.fluorescence(rng, 256)[:, :, 0]
    he = data.histology_synthetic(rng, 256)
    phase = data.brightfield_synthetic(rng, 256)[:, :, 0]
    return {"nuclei-fluorescence-16bit.tif": (nuclei * 4000 + 100).round().astype(np.uint16),
            "he-histology.tif": (he * 255).round().astype(np.uint8),
            "cells-phase.tif": (phase * 255).round().astype(np.uint8)}


def noise_free(folder):
    noisy = synthetic(np.random.default_rng(HELD_OUT_SEED))
    for name, img in noisy.items():
        if not np.array_equal(tifffile.imread(os.path.join(folder, name)), img):
            raise SystemExit(name + " differs from the image this script makes: not its companion")
    clean = synthetic(_Quiet(np.random.default_rng(HELD_OUT_SEED)))
    write(folder, {name.replace(".tif", ".noise-free.tif"): img for name, img in clean.items()})


def write(folder, images):
    for name, img in images.items():
        tifffile.imwrite(os.path.join(folder, name), img, photometric="rgb" if img.ndim == 3 else None)


if __name__ == "__main__":
    if sys.argv[1] == "--noise-free":
        noise_free(sys.argv[2])
    else:
        main(sys.argv[1])
