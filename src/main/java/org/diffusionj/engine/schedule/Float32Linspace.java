package org.diffusionj.engine.schedule;

/**
 * {@code linspace} evaluated in float32 the way PyTorch does on the CPU: the step is a float, the first half
 * counts up from {@code start} and the second half counts down from {@code end}. Reproducing this rounding
 * makes our betas identical to those a PyTorch model was trained with.
 */
final class Float32Linspace {

    private Float32Linspace() {
    }

    static float[] of(double start, double end, int n) {
        float s = (float) start;
        float e = (float) end;
        float[] out = new float[n];
        if (n == 1) {
            out[0] = s;
            return out;
        }
        float step = (e - s) / (float) (n - 1);
        int halfway = n / 2;
        for (int i = 0; i < n; i++) {
            out[i] = i < halfway ? s + step * (float) i : e - step * (float) (n - 1 - i);
        }
        return out;
    }
}
