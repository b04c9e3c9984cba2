// Diffusion Device Check: which device runs the model, why not the GPU, and a timed forward pass.
// Headless: ./diffusion macro macros/device-check.ijm
run("Diffusion Device Check");
