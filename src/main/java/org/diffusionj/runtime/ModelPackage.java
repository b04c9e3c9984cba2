package org.diffusionj.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A validated model package on disk: a folder holding {@code model.json} and the TorchScript file it names.
 * Zip packages and the embedded default are unpacked into a folder first (see {@link Models}).
 */
public final class ModelPackage {
    private final Path folder;
    private final ModelManifest manifest;

    private ModelPackage(Path folder, ModelManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    /** Reads and validates the package in {@code folder}; the error names the file and field at fault. */
    public static ModelPackage open(Path folder) {
        Path json = folder.resolve("model.json");
        if (!Files.isRegularFile(json)) {
            throw new ModelPackageException(folder, "not a model package: model.json is missing");
        }
        ModelManifest manifest = ModelManifest.read(json);
        Path denoiser = folder.resolve(manifest.denoiserFile());
        if (!Files.isRegularFile(denoiser)) {
            throw new ModelPackageException(denoiser, "is missing (named by field 'files.denoiser' in " + json + ")");
        }
        return new ModelPackage(folder, manifest);
    }

    public Path folder() {
        return folder;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public Path denoiserFile() {
        return folder.resolve(manifest.denoiserFile());
    }

    /** Loads the denoiser for inference on {@code device}. */
    public TorchScriptDenoiser loadDenoiser(DeviceSelection device) {
        return TorchScriptDenoiser.load(denoiserFile(), manifest.channels(), device, false);
    }

    /**
     * Loads the denoiser so that gradients flow to its inputs (null-text inversion). Its weights are frozen:
     * nothing reads their gradients, and without freezing libtorch accumulated one per weight on every call
     * (the first convolution's grew 411, 822, 1232, ... over calls) at about 40 % more time per gradient.
     */
    public TorchScriptDenoiser loadDifferentiableDenoiser(DeviceSelection device) {
        TorchScriptDenoiser d = TorchScriptDenoiser.load(denoiserFile(), manifest.channels(), device, true);
        d.model().getBlock().freezeParameters(true);
        return d;
    }

    @Override
    public String toString() {
        return manifest.name() + " " + manifest.version() + " (" + folder + ")";
    }
}
