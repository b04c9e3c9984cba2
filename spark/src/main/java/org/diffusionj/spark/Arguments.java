package org.diffusionj.spark;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.batch.BatchJob;

/** The job's command line: the command, then {@code --key value} pairs. */
record Arguments(String task, String input, String output, String options, String masks, int block, int overlap,
        int threadsPerTask) {

    static final String USAGE = "usage: TASK --input DIR --output DIR [--options \"KEY=VALUE ...\"] [--masks DIR] "
            + "[--block PX (" + BatchJob.DEFAULT_BLOCK + ")] [--overlap PX (" + BatchJob.DEFAULT_OVERLAP + ")] "
            + "[--threads-per-task N (spark.task.cpus)]\n  TASK: one of " + BatchJob.taskNames();

    static Arguments parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("the first argument is the command, one of " + BatchJob.taskNames());
        }
        String input = null;
        String output = null;
        String options = "";
        String masks = null;
        int block = BatchJob.DEFAULT_BLOCK;
        int overlap = BatchJob.DEFAULT_OVERLAP;
        int threads = 0;
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        while (!rest.isEmpty()) {
            String key = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(key + " needs a value");
            }
            String value = rest.remove(0);
            switch (key) {
                case "--input" -> input = value;
                case "--output" -> output = value;
                case "--options" -> options = value;
                case "--masks" -> masks = value;
                case "--block" -> block = number(key, value, 16);
                case "--overlap" -> overlap = number(key, value, 0);
                case "--threads-per-task" -> threads = number(key, value, 1);
                default -> throw new IllegalArgumentException("unknown argument " + key);
            }
        }
        if (input == null || output == null) {
            throw new IllegalArgumentException("--input and --output are needed");
        }
        return new Arguments(args[0], input, output, options, masks, block, overlap, threads);
    }

    private static int number(String key, String value, int min) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " takes a whole number of at least " + min + ", not " + value);
    }

    BatchJob job() {
        return new BatchJob(task, options, input, output, masks, block, overlap);
    }
}
