package org.diffusionj.engine.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.sampler.PredictionHook;

/**
 * The slices of a z-stack, each a plane task of its own, sampled together as one batch {@code [Z, C, H, W]}
 * (batch = z) so that a {@link TotalVariationZ} coupling can act between them at every step (DiffusionMBIR,
 * Chung et al. CVPR 2023). The batch's observations and guides are the slices' stacked; its operator applies
 * each slice's own operator to its batch item; the way back to input units, the final step and the estimate
 * are each slice's. The noise of a draw differs between slices (it comes from the batch), the seed is shared.
 *
 * <p>The slices must agree on everything that is one number for the batch: the shape, the observation's and
 * the guide's noise levels, the strength and the resampling plan. Build them with one shared {@link ModelSpace}
 * (normalisation) for the stack, so that the coupling compares like with like; sigma_y and the guide's noise
 * then agree too. The memory is that of Z planes sampled at once.
 */
public final class SliceStack extends RestorationTask {

    private final List<RestorationTask> slices;
    private final double zWeight;
    private final RestorationProblem problem;

    /**
     * @param slices  the slices' tasks, in z order, each with a one-item problem
     * @param zWeight the TV weight along z in model units (0 = no coupling: independent draws in one batch)
     * @throws IllegalArgumentException when the slices disagree (the message says on what)
     */
    public SliceStack(List<? extends RestorationTask> slices, double zWeight) {
        super(first(slices).space(), null, null);
        if (!(zWeight >= 0) || Double.isInfinite(zWeight)) {
            throw new IllegalArgumentException("The z weight must be finite and >= 0, got " + zWeight);
        }
        this.slices = List.copyOf(slices);
        this.zWeight = zWeight;
        this.problem = stacked();
    }

    private static RestorationTask first(List<? extends RestorationTask> slices) {
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("A stack needs at least one slice");
        }
        return slices.get(0);
    }

    /** The slices' problems as one batch, checked against each other. */
    private RestorationProblem stacked() {
        List<RestorationProblem> problems = slices.stream().map(RestorationTask::problem).toList();
        RestorationProblem p0 = problems.get(0);
        int[] shape = p0.shape();
        if (shape[0] != 1) {
            throw new IllegalArgumentException("Each slice's problem must hold one image, got " + Arrays.toString(shape));
        }
        for (RestorationProblem p : problems) {
            require(Arrays.equals(p.shape(), shape), "shape", Arrays.toString(p.shape()), Arrays.toString(shape));
            require((p.operator() == null) == (p0.operator() == null), "operator", p.operator(), p0.operator());
            require((p.guide() == null) == (p0.guide() == null), "guide", p.guide(), p0.guide());
            require(p.sigmaY() == p0.sigmaY(), "observation noise", p.sigmaY(), p0.sigmaY());
            require(p.guideSigma() == p0.guideSigma(), "guide noise", p.guideSigma(), p0.guideSigma());
            require(p.strength() == p0.strength(), "strength", p.strength(), p0.strength());
            require(p.resampling().toString().equals(p0.resampling().toString()), "resampling", p.resampling(), p0.resampling());
        }
        shape[0] = problems.size();
        LinearOperator operator = null;
        Tensor y = null;
        if (p0.operator() != null) {
            operator = PerSlice.of(problems.stream().map(RestorationProblem::operator).toList());
            y = Tensor.stack(problems.stream().map(RestorationProblem::y).toArray(Tensor[]::new));
        }
        Tensor guide = p0.guide() == null ? null
                : Tensor.stack(problems.stream().map(RestorationProblem::guide).toArray(Tensor[]::new));
        return new RestorationProblem(shape, operator, y, p0.sigmaY(), guide, p0.strength(), p0.resampling(),
                p0.guideSigma());
    }

    private static void require(boolean ok, String what, Object got, Object first) {
        if (!ok) {
            throw new IllegalArgumentException("The slices of a stack must share their " + what + ": " + got
                    + " differs from the first slice's " + first + " (give every slice the stack's normalisation)");
        }
    }

    /** The number of slices. */
    public int depth() {
        return slices.size();
    }

    public double zWeight() {
        return zWeight;
    }

    @Override
    public RestorationProblem problem() {
        return problem;
    }

    /** The TV prox along z, or none for weight 0. */
    @Override
    public PredictionHook coupling() {
        return zWeight > 0 ? new TotalVariationZ(zWeight) : null;
    }

    @Override
    public int outputChannels() {
        return slices.get(0).outputChannels();
    }

    @Override
    public Tensor toOutput(Tensor sample) {
        return perSlice(sample, (i, t) -> slices.get(i).toOutput(t));
    }

    @Override
    public Tensor finish(Tensor result) {
        return perSlice(result, (i, t) -> slices.get(i).finish(t));
    }

    @Override
    public Tensor estimate(Tensor mean, Tensor stdDev, int samples, Map<String, Double> metrics) {
        return perSlice(mean, (i, t) -> slices.get(i).estimate(t, stdDev.sample(i), samples, metrics));
    }

    @Override
    public Tensor unchangedResult() {
        List<Tensor> out = new ArrayList<>();
        for (RestorationTask s : slices) {
            Tensor t = s.unchangedResult();
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return Tensor.stack(out.toArray(Tensor[]::new));
    }

    /** The largest of the slices' errors. */
    @Override
    public double consistencyError(Tensor result) {
        double max = 0;
        for (int i = 0; i < slices.size(); i++) {
            max = Math.max(max, slices.get(i).consistencyError(result.sample(i)));
        }
        return max;
    }

    /** Batch item i of the result, each mapped by its slice and stacked again. */
    public static Tensor perSlice(Tensor x, SliceMap map) {
        Tensor[] out = new Tensor[x.batch()];
        for (int i = 0; i < out.length; i++) {
            out[i] = map.apply(i, x.sample(i));
        }
        return Tensor.stack(out);
    }

    @FunctionalInterface
    public interface SliceMap {
        Tensor apply(int slice, Tensor item);
    }

    /** Each batch item through its slice's operator. */
    private static class PerSlice implements LinearOperator {
        final List<LinearOperator> operators;

        PerSlice(List<LinearOperator> operators) {
            this.operators = operators;
        }

        /** Spectral when every slice's operator is, so that DDNM+ treats a stack as it treats one slice. */
        static PerSlice of(List<LinearOperator> operators) {
            return operators.stream().allMatch(o -> o instanceof SpectralOperator) ? new SpectralPerSlice(operators)
                    : new PerSlice(operators);
        }

        @Override
        public Tensor apply(Tensor x) {
            return map(x, LinearOperator::apply);
        }

        @Override
        public Tensor pseudoInverse(Tensor y) {
            return map(y, LinearOperator::pseudoInverse);
        }

        Tensor map(Tensor x, java.util.function.BiFunction<LinearOperator, Tensor, Tensor> f) {
            if (x.batch() != operators.size()) {
                throw new IllegalArgumentException("The stack has " + operators.size() + " slices, the tensor "
                        + x.batch());
            }
            return perSlice(x, (i, t) -> f.apply(operators.get(i), t));
        }
    }

    /** {@link PerSlice} of spectral operators: the weighted maps slice by slice too. */
    private static final class SpectralPerSlice extends PerSlice implements SpectralOperator {

        SpectralPerSlice(List<LinearOperator> operators) {
            super(operators);
        }

        @Override
        public Tensor weightedPseudoInverse(Tensor y, DoubleUnaryOperator weight) {
            return map(y, (o, t) -> ((SpectralOperator) o).weightedPseudoInverse(t, weight));
        }

        @Override
        public Tensor rangeComponents(Tensor x, DoubleUnaryOperator weight) {
            return map(x, (o, t) -> ((SpectralOperator) o).rangeComponents(t, weight));
        }
    }
}
