// Diffusion Null-Text Edit: inverts the image under its source class, then regenerates it under the
// target class with classifier-free guidance. mode=fast skips the optimisation (quicker, less faithful).
// Headless: ./diffusion macro macros/null-text-edit.ijm [IMAGE]
image = getArgument();
if (nImages == 0 && image != "") open(image);
if (nImages == 0) {
    open("test-images/cell-brightfield.tif");
    makeRectangle(0, 64, 128, 128);
    run("Crop");
}
run("Diffusion Null-Text Edit", "source=brightfield target=histology guidance=7.5 steps=20 inner=5 seed=1");
print(getTitle() + ": " + getWidth() + " x " + getHeight());

