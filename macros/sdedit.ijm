// Diffusion SDEdit: re-synthesis at a strength (0 = unchanged, 1 = the input is ignored).
// With an area selection only the selection changes. "stack" processes every slice and frame.
// Headless: ./diffusion macro macros/sdedit.ijm [IMAGE]
image = getArgument();
if (nImages == 0) open(fallback(image, "test-images/ihc-histology.tif"));
makeRectangle(getWidth() / 8, getHeight() * 0.3, getWidth() * 0.75, getHeight() * 0.375);
run("Diffusion SDEdit", "strength=0.5 class=histology steps=30 seed=1");
print(getTitle() + ": " + getWidth() + " x " + getHeight());

// The given path, or the example image when none is given.
function fallback(path, example) {
    if (path != "") return path;
    return example;
}
