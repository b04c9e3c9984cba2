package org.diffusionj.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.diffusionj.batch.BatchJob;
import org.diffusionj.batch.BlockJob;
import org.diffusionj.batch.BlockRestorer;
import org.diffusionj.batch.BlockResult;
import org.diffusionj.batch.DatasetPlan;
import org.diffusionj.batch.EnginePool;
import org.diffusionj.batch.FileAssembly;
import org.diffusionj.batch.FileReport;

/**
 * The Spark job: restores every image of a folder with one DiffusionJ command.
 * <pre>
 *   spark-submit --master local[2] --class org.diffusionj.spark.RestoreDataset diffusionj-spark-app.jar \
 *       super-resolution --input IN --output OUT [--options "KEY=VALUE ..."] [--masks DIR]
 *       [--block PX] [--overlap PX] [--threads-per-task N]
 * </pre>
 * The driver checks the job and plans it ({@link DatasetPlan}: files whose result exists are skipped); every
 * block is one Spark task ({@link BlockRestorer}, seeded from the run's seed, the file's name and the block, so a
 * retried task computes the same pixels); a file's blocks are then grouped and blended into its result, written
 * atomically ({@link FileAssembly}). Each executor JVM opens an engine per concurrently running task and reuses it
 * for every later task ({@link EnginePool}); libtorch runs {@code --threads-per-task} threads per task (default:
 * {@code spark.task.cpus}), so N tasks on N cores do not oversubscribe them. Exit status 1 when a file failed.
 */
public final class RestoreDataset {
    private RestoreDataset() {
    }

    public static void main(String[] args) {
        Arguments a;
        BatchJob job;
        try {
            a = Arguments.parse(args);
            job = a.job();
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(2);
            return;
        }
        DatasetPlan plan = DatasetPlan.of(job);
        System.out.printf("%s: %d files to restore in %d blocks, %d already done, %d unreadable%n", job.task(),
                plan.files(), plan.blocks().size(), plan.skipped().size(), plan.failed().size());
        List<FileReport> reports = new ArrayList<>(plan.failed());
        reports.addAll(plan.skipped());
        long start = System.nanoTime();
        if (!plan.blocks().isEmpty()) {
            SparkConf conf = new SparkConf().setAppName("DiffusionJ " + job.task());
            if (!conf.contains("spark.master")) {
                conf.setMaster("local[*]"); // started without spark-submit: this machine's cores
            }
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                int threads = a.threadsPerTask() > 0 ? a.threadsPerTask() : conf.getInt("spark.task.cpus", 1);
                System.out.printf("master %s, %d libtorch thread%s per task%n", conf.get("spark.master"), threads,
                        threads == 1 ? "" : "s");
                reports.addAll(restore(spark, job, plan.blocks(), threads));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int failed = 0;
        for (FileReport r : reports) {
            System.out.println(r.line());
            failed += r.status() == FileReport.Status.FAILED ? 1 : 0;
        }
        System.out.printf("done in %.1f s: %d written, %d skipped, %d failed%n", seconds,
                reports.stream().filter(r -> r.status() == FileReport.Status.WRITTEN).count(),
                plan.skipped().size(), failed);
        System.exit(failed > 0 ? 1 : 0);
    }

    /**
     * The job with its model where this executor has it: a {@code model=} that is no path here but a file shipped
     * with {@code spark-submit --files} (a zipped package) is read from Spark's copy.
     */
    static BatchJob shipped(BatchJob job) {
        String model = job.model();
        if (model.equalsIgnoreCase("default") || Files.exists(Path.of(model))) {
            return job;
        }
        Path copy = Path.of(SparkFiles.get(Path.of(model).getFileName().toString()));
        return Files.exists(copy) ? job.withModel(copy.toString()) : job;
    }

    /** One task per block; the blocks of each file grouped, blended and written on an executor. */
    static List<FileReport> restore(JavaSparkContext spark, BatchJob job, List<BlockJob> blocks, int threads) {
        JavaRDD<BlockJob> work = spark.parallelize(blocks, blocks.size());
        return work.map(block -> {
            EnginePool.SHARED.threadsPerEngine(threads);
            return BlockRestorer.restore(shipped(job), block, EnginePool.SHARED);
        }).groupBy(r -> r.block().file()).map(file -> {
            List<BlockResult> results = new ArrayList<>();
            file._2().forEach(results::add);
            return FileAssembly.write(job, results);
        }).collect().stream().sorted(java.util.Comparator.comparing(FileReport::file)).toList();
    }
}
