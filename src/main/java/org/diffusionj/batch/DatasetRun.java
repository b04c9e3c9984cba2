package org.diffusionj.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset run in this JVM, block after block: what the Spark job does across a cluster, in one thread. Used by
 * tests and as the reference the distributed run must equal.
 */
public final class DatasetRun {
    private DatasetRun() {
    }

    /** Restores every file of {@code job}'s input that has no result yet; one report per input file. */
    public static List<FileReport> sequential(BatchJob job) {
        DatasetPlan plan = DatasetPlan.of(job);
        Map<String, List<BlockResult>> byFile = new LinkedHashMap<>();
        for (BlockJob block : plan.blocks()) {
            byFile.computeIfAbsent(block.file(), f -> new ArrayList<>())
                    .add(BlockRestorer.restore(job, block, EnginePool.SHARED));
        }
        List<FileReport> reports = new ArrayList<>(plan.failed());
        reports.addAll(plan.skipped());
        for (List<BlockResult> results : byFile.values()) {
            reports.add(FileAssembly.write(job, results));
        }
        return reports;
    }
}
