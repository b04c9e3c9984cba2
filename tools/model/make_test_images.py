"""Write test-images/: held-out crops of the real images and synthetic images from seeds never used in training.

    /usr/bin/python3 tools/model/make_test_images.py test-images
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
    nuclei = data.fluorescence(rng, 256)[:, :, 0]
    tifffile.imwrite(os.path.join(folder, "nuclei-fluorescence-16bit.tif"),
                     (nuclei * 4000 + 100).round().astype(np.uint16))
    he = data.histology_synthetic(rng, 256)
    tifffile.imwrite(os.path.join(folder, "he-histology.tif"), (he * 255).round().astype(np.uint8), photometric="rgb")
    phase = data.brightfield_synthetic(rng, 256)[:, :, 0]
    tifffile.imwrite(os.path.join(folder, "cells-phase.tif"), (phase * 255).round().astype(np.uint8))


if __name__ == "__main__":
    main(sys.argv[1])
