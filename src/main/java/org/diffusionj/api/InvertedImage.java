package org.diffusionj.api;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.inversion.NullTextInversion;
import org.diffusionj.engine.inversion.NullTextInversion.Inversion;
import org.diffusionj.engine.task.ModelSpace;
import org.diffusionj.runtime.ModelManifest;

/**
 * An image inverted into the model's noise space by {@link DiffusionEngine#invert}: its DDIM latents and per-step
 * unconditional embeddings. Inverting is the slow half of a null-text edit; one inversion serves any number of
 * {@link DiffusionEngine#edit edits} (other targets, strengths or selections) by the engine that made it, while it
 * is open. Holds no native memory; not thread-safe (each edit sets the inversion's progress listener), like the
 * engine.
 */
public final class InvertedImage {
    private final ModelManifest model;
    private final NullTextInversion nti;
    private final Inversion inversion;
    private final ModelSpace space;
    private final Tensor image;
    private final float[] sourceRow;
    private final int steps;
    private final double seconds;

    InvertedImage(ModelManifest model, NullTextInversion nti, Inversion inversion, ModelSpace space, Tensor image,
            float[] sourceRow, int steps, double seconds) {
        this.model = model;
        this.nti = nti;
        this.inversion = inversion;
        this.space = space;
        this.image = image;
        this.sourceRow = sourceRow;
        this.steps = steps;
        this.seconds = seconds;
    }

    /** The image's width in pixels. */
    public int width() {
        return image.width();
    }

    /** The image's height in pixels. */
    public int height() {
        return image.height();
    }

    /** DDIM steps of the inversion (and of every edit from it). */
    public int steps() {
        return steps;
    }

    /** Seconds the inversion took. */
    public double seconds() {
        return seconds;
    }

    ModelManifest model() {
        return model;
    }

    NullTextInversion nti() {
        return nti;
    }

    Inversion inversion() {
        return inversion;
    }

    ModelSpace space() {
        return space;
    }

    Tensor image() {
        return image;
    }

    float[] sourceRow() {
        return sourceRow;
    }
}
