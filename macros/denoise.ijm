// Diffusion Denoise: removes photon (Poisson) and camera read noise. The noise model is estimated from the
// image itself and written to the result's Info (Image > Show Info...); give the camera's offset for a
// correct read noise, or gain, offset and sigma to skip the estimate. With an area selection only the
// selection changes. "stack" processes every slice and frame.
// Headless: ./diffusion macro macros/denoise.ijm [IMAGE]
image = getArgument();
if (nImages == 0) open(fallback(image, "test-images/nuclei-fluorescence-16bit.tif"));
run("Diffusion Denoise", "samples=4 steps=50 seed=1");
print(getTitle() + ": " + getWidth() + " x " + getHeight());

// The given path, or the example image when none is given.
function fallback(path, example) {
    if (path != "") return path;
    return example;
}
