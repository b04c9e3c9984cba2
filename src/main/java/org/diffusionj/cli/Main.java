package org.diffusionj.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./diffusion COMMAND [ARGS]}: each sub-command is a class in this package with
 * {@code public static int run(String[] args)} returning the exit status.
 */
public final class Main {
    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", new String[] {"Demo", "run six commands on test-images/ with the default model"});
        COMMANDS.put("macro", new String[] {"MacroRunner", "FILE.ijm [ARG]  run an ImageJ macro headless, plugin installed"});
        COMMANDS.put("fiji", new String[] {"FijiLauncher", "open ImageJ with the plugin (needs a display)"});
        COMMANDS.put("install", new String[] {"Install", "FIJI_DIR  copy the plugin and its dependencies into Fiji"});
        COMMANDS.put("device", new String[] {"DeviceReport", "which device runs the model, and why not the GPU"});
        COMMANDS.put("bench", new String[] {"Bench", "[--sizes 64,128] [--steps N] | --large [--size 2048] | --blocks | --train [--workers 2,1]  timings, large-image memory, block seams, training steps"});
        COMMANDS.put("eval", new String[] {"Eval", "[--model M] [--task T] [--crops N] [--samples N] [--quick]  quality against classical baselines"});
        COMMANDS.put("train", new String[] {"Train", "--images DIR --out DIR --class NAME [--minutes M | --steps N]  fine-tune the prior"});
        COMMANDS.put("finetune-eval", new String[] {"FineTuneEval", "[--modality filaments|dic|em|muscle|bacteria] [--minutes 12] [--lr X] [--crop PX] [--whole]  fine-tune on a new modality and measure the gain"});
        // started by the script itself (Spark's submit class, the spark/ module), listed here for the help text
        COMMANDS.put("spark", new String[] {"SparkHelp", "TASK --input DIR --output DIR [--master local[N]] [--options \"...\"]  a whole folder or Zarr array on Spark"});
        COMMANDS.put("invert", new String[] {"InversionReport", "[--size 64] [--steps 50]  null-text reconstruction quality"});
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        org.diffusionj.runtime.QuietLogging.configure();
        String name = args.length == 0 ? "help" : args[0];
        String[] spec = COMMANDS.get(name);
        if (spec == null) {
            if (!name.equals("help") && !name.equals("--help")) {
                System.err.println("Unknown command '" + name + "'.");
            }
            System.err.println("Usage: ./diffusion COMMAND [ARGS]");
            COMMANDS.forEach((k, v) -> System.err.printf("  %-8s %s%n", k, v[1]));
            return name.equals("help") || name.equals("--help") ? 0 : 2;
        }
        try {
            Method m = Class.forName(Main.class.getPackageName() + "." + spec[0]).getMethod("run", String[].class);
            return (Integer) m.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            System.err.println("The command '" + name + "' is not part of this build.");
            return 2;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            System.err.println("Error: " + cause.getMessage());
            if (System.getenv("DIFFUSIONJ_DEBUG") != null) {
                cause.printStackTrace();
            }
            return 1;
        }
    }
}
