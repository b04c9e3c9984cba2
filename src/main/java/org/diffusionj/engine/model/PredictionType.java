package org.diffusionj.engine.model;

import java.util.Locale;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;

/**
 * What a network outputs, and how to turn that into a {@link Prediction}. With {@code a = sqrt(abar)} and
 * {@code s = sqrt(1-abar)}: epsilon gives {@code x0 = (x - s e) / a}; sample gives {@code e = (x - a x0) / s};
 * v (Salimans and Ho 2022, "Progressive Distillation", section 4) is {@code v = a e - s x0}, so
 * {@code x0 = a x - s v} and {@code e = a v + s x}.
 */
public enum PredictionType {

    /** The network predicts the added noise (DDPM). */
    EPSILON {
        @Override
        public Prediction toPrediction(Tensor out, Tensor xVp, double alphaBar) {
            return Prediction.fromEps(out, xVp, alphaBar);
        }
    },
    /** The network predicts velocity {@code v = sqrt(abar) eps - sqrt(1-abar) x0}. */
    V {
        @Override
        public Prediction toPrediction(Tensor out, Tensor xVp, double alphaBar) {
            double a = Math.sqrt(alphaBar);
            double s = Math.sqrt(1 - alphaBar);
            return new Prediction(Tensors.axpby(a, xVp, -s, out), Tensors.axpby(a, out, s, xVp));
        }
    },
    /** The network predicts the clean sample x0 directly. */
    SAMPLE {
        @Override
        public Prediction toPrediction(Tensor out, Tensor xVp, double alphaBar) {
            return Prediction.fromX0(out, xVp, alphaBar);
        }
    };

    /**
     * Converts a raw model output at a variance-preserving input {@code xVp} whose level is {@code alphaBar}.
     */
    public abstract Prediction toPrediction(Tensor modelOutput, Tensor xVp, double alphaBar);

    /**
     * What the network should output for one value noised as {@code xt = a x0 + s eps} (the training target):
     * {@code eps}, {@code x0}, or {@code v = a eps - s x0}.
     */
    public double target(double x0, double eps, double alphaBar) {
        double a = Math.sqrt(alphaBar);
        double s = Math.sqrt(1 - alphaBar);
        return switch (this) {
            case EPSILON -> eps;
            case V -> a * eps - s * x0;
            case SAMPLE -> x0;
        };
    }

    /** The clean value a network output {@code out} at the noised value {@code xt} implies (scalar form). */
    public double x0(double out, double xt, double alphaBar) {
        double a = Math.sqrt(alphaBar);
        double s = Math.sqrt(1 - alphaBar);
        return switch (this) {
            case EPSILON -> (xt - s * out) / a;
            case V -> a * xt - s * out;
            case SAMPLE -> out;
        };
    }

    /** The name used in {@code model.json}: {@code epsilon}, {@code v} or {@code sample}. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A prediction type by name: {@code epsilon} (or {@code eps}), {@code v} (or {@code v_prediction}),
     * {@code sample} (or {@code x0}); case-insensitive.
     *
     * @throws IllegalArgumentException naming the bad value and listing the valid ones
     */
    public static PredictionType fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "epsilon":
            case "eps":
                return EPSILON;
            case "v":
            case "v_prediction":
                return V;
            case "sample":
            case "x0":
                return SAMPLE;
            default:
                throw new IllegalArgumentException("Unknown prediction type '" + name
                        + "'; valid: epsilon, v (v_prediction), sample (x0)");
        }
    }
}
