package org.diffusionj.engine;

/**
 * The fixtures of diffusers' scheduler tests: a deterministic 4x3x8x8 sample and noise, and the dummy model
 * {@code model(x, t) = x * t / (t + 1)}, evaluated in float32 as PyTorch does.
 */
public final class DummyData {

    private static final int B = 4;
    private static final int C = 3;
    private static final int H = 8;
    private static final int W = 8;
    private static final int N = B * C * H * W;

    private DummyData() {
    }

    /** {@code (arange(n).reshape(3, 8, 8, 4) / n).permute(3, 0, 1, 2)}. */
    public static Tensor sample() {
        return arranged(false);
    }

    /** The same with {@code arange(n).flip(-1)}. */
    public static Tensor noise() {
        return arranged(true);
    }

    private static Tensor arranged(boolean flipped) {
        Tensor t = new Tensor(B, C, H, W);
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    for (int b = 0; b < B; b++) {
                        int i = ((c * H + y) * W + x) * B + b;
                        int v = flipped ? N - 1 - i : i;
                        t.set(b, c, y, x, (float) v / (float) N);
                    }
                }
            }
        }
        return t;
    }

    /** {@code x * t / (t + 1)} in float32 for a fractional timestep. */
    public static Tensor model(Tensor x, double t) {
        float tf = (float) t;
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * tf / (tf + 1f);
        }
        return new Tensor(out, x.batch(), x.channels(), x.height(), x.width());
    }

    /** The dummy model as a denoiser (integer timesteps, one per batch item). */
    public static Denoiser denoiser() {
        return (x, t, cond) -> {
            Tensor out = x.zerosLike();
            int n = x.itemSize();
            for (int b = 0; b < x.batch(); b++) {
                float tf = t[b];
                for (int i = b * n; i < (b + 1) * n; i++) {
                    out.data()[i] = x.data()[i] * tf / (tf + 1f);
                }
            }
            return out;
        };
    }
}
