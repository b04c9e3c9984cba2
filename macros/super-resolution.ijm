// Diffusion Super-Resolution: x2 or x4; the result averages back to the input and the pixel size is
// divided by the scale. noise > 0 (DDNM+) for noisy inputs.
// Headless: ./diffusion macro macros/super-resolution.ijm [IMAGE]
image = getArgument();
if (nImages == 0 && image != "") open(image);
if (nImages == 0) {
    open("test-images/cells-phase.tif");
    makeRectangle(96, 96, 64, 64);
    run("Crop");
}
getPixelSize(unit, before, h);
run("Diffusion Super-Resolution", "scale=4 class=brightfield steps=30 seed=1");
getPixelSize(unit, after, h);
print(getTitle() + ": " + getWidth() + " x " + getHeight() + ", pixel " + before + " -> " + after + " " + unit);

