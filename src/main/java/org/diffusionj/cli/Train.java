package org.diffusionj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.engine.CancelledException;
import org.diffusionj.imagej.PriorTraining;

/**
 * {@code ./diffusion train --images DIR --out DIR --class NAME [--init MODEL] [--steps N | --minutes M]
 * [--batch B] [--crop PX] [--lr X] [--seed S] [--device auto|cpu|gpu] [--resume DIR] [--force]}: fine-tunes a
 * model package on a folder of unlabelled images (see {@link PriorTraining}).
 */
public final class Train {
    private static final List<String> FLAGS = List.of("--images", "--out", "--class", "--init", "--steps", "--minutes",
            "--batch", "--crop", "--lr", "--seed", "--device", "--resume");

    private Train() {
    }

    public static int run(String[] args) {
        Map<String, String> a;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        if (!a.containsKey("--images") || !a.containsKey("--out") || !a.containsKey("--class")) {
            System.err.println(usage());
            return 2;
        }
        PriorTraining.Options o;
        try {
            o = new PriorTraining.Options(Paths.get(a.get("--images")), Paths.get(a.get("--out")), a.get("--class"),
                    a.getOrDefault("--init", "default"), Integer.parseInt(a.getOrDefault("--steps", "0")),
                    Double.parseDouble(a.getOrDefault("--minutes", a.containsKey("--steps") ? "0" : "15")),
                    Integer.parseInt(a.getOrDefault("--batch", "8")), Integer.parseInt(a.getOrDefault("--crop", "0")),
                    Double.parseDouble(a.getOrDefault("--lr", "1e-4")), Long.parseLong(a.getOrDefault("--seed", "0")),
                    a.getOrDefault("--device", "auto"), a.containsKey("--resume") ? Paths.get(a.get("--resume")) : null,
                    a.containsKey("--force"));
        } catch (NumberFormatException e) {
            System.err.println("Error: not a number: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        String command = "./diffusion train " + String.join(" ", args);
        long[] lastPrint = {0};
        try {
            PriorTraining.Report r = PriorTraining.run(o, null, command, new PriorTraining.Listener() {
                @Override
                public void progress(int step, int total, double loss, double heldOut, double rate, double left) {
                    long now = System.nanoTime();
                    if (!Double.isNaN(heldOut) || now - lastPrint[0] > 10e9 || step == total) {
                        lastPrint[0] = now;
                        System.out.printf(Locale.ROOT, "step %d/%d  loss %.4f%s  %.2f steps/s  %s left%n", step, total,
                                loss, Double.isNaN(heldOut) ? "" : String.format(Locale.ROOT, "  held-out %.3f of its start",
                                        heldOut), rate, PriorTraining.clock(left));
                    }
                }

                @Override
                public void log(String line) {
                    System.out.println(line);
                }
            });
            System.out.printf(Locale.ROOT, "done: %d steps (%d skipped as non-finite), %.1f min -> %s%n", r.steps(),
                    r.skippedSteps(), r.minutes(), r.output());
            // in Fiji's Model choice too, as a package trained from the menu is (by name in the models folder, else
            // by its path)
            try {
                org.diffusionj.runtime.Models.remember(r.output());
                System.out.println(org.diffusionj.imagej.TrainPriorCommand.listing(r.output()));
            } catch (IOException e) { // the package is written; only the Model choice's list could not be
                System.err.println("Warning: " + r.output() + " could not be listed in the Model choice ("
                        + e.getMessage() + "); use model=[" + r.output() + "]");
            }
            return 0;
        } catch (CancelledException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--force")) {
                out.put("--force", "true");
            } else if (FLAGS.contains(args[i]) && i + 1 < args.length) {
                out.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'");
            }
        }
        return out;
    }

    static String usage() {
        return "Usage: ./diffusion train --images DIR --out DIR --class NAME [--init MODEL] [--steps N | --minutes M]\n"
                + "         [--batch 8] [--crop PX] [--lr 1e-4] [--seed 0] [--device auto|cpu|gpu] [--resume DIR] [--force]";
    }

}
