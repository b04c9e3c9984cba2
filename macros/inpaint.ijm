// Diffusion Inpaint: fills the area selection; pixels outside it are kept exactly.
// Any area selection works, composite ones too. grow widens it, feather softens its edge inside.
// For thin defects (dead rows or columns, scan lines, scratches, specks) select them and use
//   run("Diffusion Inpaint", "start=0.3 samples=4");
// which starts from the smooth fill and weighs the mean of 4 draws against it (estimate=blend, the default).
// Headless: ./diffusion macro macros/inpaint.ijm [IMAGE]
image = getArgument();
if (nImages == 0) open(fallback(image, "test-images/nuclei-fluorescence-16bit.tif"));
if (selectionType() < 0) makeOval(getWidth() * 0.4, getHeight() * 0.35, getWidth() * 0.22, getHeight() * 0.2);
run("Diffusion Inpaint", "grow=2 feather=3 class=fluorescence steps=30 seed=1");
print(getTitle() + ": " + getWidth() + " x " + getHeight() + ", " + bitDepth() + "-bit");

// The given path, or the example image when none is given.
function fallback(path, example) {
    if (path != "") return path;
    return example;
}
