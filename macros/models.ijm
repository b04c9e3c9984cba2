// Diffusion Models: list the model packages, show one's manifest, make one the session default,
// import a package folder or zip (copied into the models folder, validated, then moved into place).
// Headless: ./diffusion macro macros/models.ijm [PACKAGE.zip]
run("Diffusion Models", "action=list");
run("Diffusion Models", "action=info model=default");
package = getArgument();
if (package != "") run("Diffusion Models", "action=import path=[" + package + "]");
