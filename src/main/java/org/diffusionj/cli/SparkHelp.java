package org.diffusionj.cli;

/** {@code spark} reached the plugin's own launcher: the job is started by {@code ./diffusion spark}, not from here. */
final class SparkHelp {
    private SparkHelp() {
    }

    public static int run(String[] args) {
        System.err.println("The Spark job starts through the script: ./diffusion spark TASK --input DIR --output DIR "
                + "[--master local[N]] (README, \"Restore whole datasets\"); on a cluster: spark-submit with "
                + "spark/target/diffusionj-spark-app.jar.");
        return 2;
    }
}
