package org.diffusionj.runtime;

import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Keeps DJL's console output (it logs through SLF4J: a "Failed to detect GPU count" WARN on every CPU-only
 * machine, INFO lines about native extraction and thread counts) out of normal runs. The device that ran is
 * reported where users look for it instead: Device Check and the result's Info.
 *
 * <p>{@code -Ddiffusionj.log=info} (or {@code debug}, {@code warn}), or the environment variable
 * {@code DIFFUSIONJ_DEBUG}, brings DJL's messages back for diagnosis. It works with the SLF4J providers that
 * ImageJ set-ups carry: slf4j-simple (read from system properties, so this must run before DJL logs
 * anything), logback (a level set on the {@code ai.djl} logger) and SciJava's log bridge in Fiji (its
 * {@code scijava.log.level:PACKAGE} property). A level a user set for {@code ai.djl} is kept.
 */
public final class QuietLogging {
    private static final String LOGGER = "ai.djl";
    private static volatile boolean done;

    private QuietLogging() {
    }

    /** The level DJL logs at: {@code error} unless asked for more. */
    public static String level() {
        String asked = System.getProperty("diffusionj.log");
        if (asked != null && !asked.isBlank()) {
            return asked.trim().toLowerCase(Locale.ROOT);
        }
        return System.getenv("DIFFUSIONJ_DEBUG") != null ? "debug" : "error";
    }

    /** Applies {@link #level()} to DJL's loggers, once per JVM, before the engine starts. */
    public static synchronized void configure() {
        if (done) {
            return;
        }
        done = true;
        String level = level();
        setIfAbsent("org.slf4j.simpleLogger.log." + LOGGER, level);
        setIfAbsent("scijava.log.level:" + LOGGER, level);
        try {
            Class<?> factory = Class.forName("org.slf4j.LoggerFactory", true, QuietLogging.class.getClassLoader());
            Object logger = factory.getMethod("getLogger", String.class).invoke(null, LOGGER);
            if (logger.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
                Class<?> levels = Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
                Method setLevel = logger.getClass().getMethod("setLevel", levels);
                if (logger.getClass().getMethod("getLevel").invoke(logger) == null) {
                    setLevel.invoke(logger, levels.getMethod("toLevel", String.class).invoke(null, level));
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // no SLF4J, or a provider we do not know: DJL's messages stay as that provider prints them
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
