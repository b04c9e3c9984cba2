// Diffusion Isotropic: a z-stack whose slices are thicker than its pixels are wide becomes one with that many
// times more slices (factor 0 = voxel depth / pixel width from Image > Properties). Every xz and yz slice is
// restored along z by the 2D prior and the two orientations are averaged; z-averaging the result gives back
// the input. Every channel; "stack" processes every frame.
// Headless: ./diffusion macro macros/isotropic.ijm [STACK]
stack = getArgument();
if (nImages == 0) {
    if (stack != "") {
        open(stack);
    } else {
        // an example stack: 4 slices 4 times thicker than the pixels, shifted views of the nuclei image
        open("test-images/nuclei-fluorescence-16bit.tif");
        source = getImageID();
        newImage("stack", "16-bit black", 48, 48, 4);
        stackId = getImageID();
        for (z = 0; z < 4; z++) {
            for (y = 0; y < 48; y++) for (x = 0; x < 48; x++) {
                selectImage(source); v = getPixel(x + 3 * z, y + 2 * z);
                selectImage(stackId); setSlice(z + 1); setPixel(x, y, v);
            }
        }
        selectImage(source); close();
        selectImage(stackId);
        setVoxelSize(1, 1, 4, "um");
    }
}
run("Diffusion Isotropic", "steps=50 seed=1");
print(getTitle() + ": " + getWidth() + " x " + getHeight() + " x " + nSlices);
