// Diffusion Colorize: grayscale in, colour out; the mean of R, G and B equals the gray input.
// 8-bit gives RGB; 16- and 32-bit give a three-channel composite of the same type.
// Headless: ./diffusion macro macros/colorize.ijm [IMAGE]
image = getArgument();
if (nImages == 0) open(fallback(image, "test-images/he-histology.tif"));
if (bitDepth() == 24) run("8-bit");
run("Diffusion Colorize", "class=histology steps=30 seed=1");
print(getTitle() + ": " + bitDepth() + "-bit, " + nSlices + " plane(s)");

// The given path, or the example image when none is given.
function fallback(path, example) {
    if (path != "") return path;
    return example;
}
