package org.diffusionj.engine.task;

import java.util.Map;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.sampler.PredictionHook;

/**
 * A task as {@link TaskRunner} runs it: a {@link RestorationProblem} in the model's space, the way back to
 * the input's units, and a final data-consistency step there. The final step defaults to the exact projection
 * {@code x - A+ (A x - y)} in input units, so {@code A x = y} holds to float rounding whatever the model did;
 * tasks whose observation is a set of pixels copy them instead, bit for bit.
 */
public abstract class RestorationTask {

    private final ModelSpace space;
    private final LinearOperator operator;
    private final Tensor observed;

    /**
     * @param space    the input's normalisation and channel mapping
     * @param operator the degradation A in input units, or null for none
     * @param observed the observation {@code y} in input units, shaped like {@code A x} (null without A, or
     *                 when the task overrides {@link #finish} and {@link #consistencyError})
     */
    protected RestorationTask(ModelSpace space, LinearOperator operator, Tensor observed) {
        this.space = space;
        this.operator = operator;
        this.observed = observed;
    }

    /** The sampling problem in the model's normalised space. */
    public abstract RestorationProblem problem();

    public ModelSpace space() {
        return space;
    }

    /** The degradation A, or null for none. */
    public LinearOperator operator() {
        return operator;
    }

    /** The observation y in input units, or null. */
    public Tensor observed() {
        return observed;
    }

    /** Channels of the result: the input's, unless the task says otherwise (colorization: three). */
    public int outputChannels() {
        return space.inputChannels();
    }

    /** A model-space sample in the input's units and channels, before the final step. */
    public Tensor toOutput(Tensor sample) {
        return space.fromModel(sample, outputChannels());
    }

    /** The final data-consistency step on a result in input units: the exact projection onto {@code A x = y}. */
    public Tensor finish(Tensor result) {
        return operator == null ? result : NullSpaceProjection.project(operator, result, observed, 1);
    }

    /**
     * The result from several draws (in input units, each after {@link #finish}): by default their mean. A task
     * may combine the mean and spread with what else it knows, and report how in {@code metrics}; what it
     * returns must still be finished.
     *
     * @param stdDev  the draws' per-pixel standard deviation (zeros for one draw)
     * @param metrics the run's figures, to add to
     */
    public Tensor estimate(Tensor mean, Tensor stdDev, int samples, Map<String, Double> metrics) {
        return mean;
    }

    /**
     * The result of a run that has no step to run (SDEdit at strength 0: the input itself, bit for bit); null
     * for tasks that always sample.
     */
    public Tensor unchangedResult() {
        return null;
    }

    /**
     * A step on each predicted clean image before the data consistency (a prior coupling the batch items, such
     * as {@link TotalVariationZ}); null, the default, for none.
     */
    public PredictionHook coupling() {
        return null;
    }

    /** {@code max |A x - y|} over the input's range (0 without an operator). */
    public double consistencyError(Tensor result) {
        if (operator == null) {
            return 0;
        }
        return Tensors.maxAbsDiff(operator.apply(result), observed) / space.normalization().range();
    }
}
