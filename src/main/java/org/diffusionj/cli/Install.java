package org.diffusionj.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./diffusion install FIJI_DIR [--dry-run]}: copies the plugin jar into {@code FIJI_DIR/plugins} (as
 * {@code DiffusionJ_-VERSION.jar}: ImageJ 1 skips plugin jars without an underscore) and the
 * libraries it needs into {@code FIJI_DIR/jars} (plain ImageJ: {@code plugins/jars}), skipping every library
 * Fiji already has in some version (two versions on one class path break Fiji) and the SLF4J provider where
 * one is there already, replacing an older
 * DiffusionJ jar, and adding the example macros under {@code macros/DiffusionJ}.
 */
public final class Install {
    private static final Pattern VERSIONED = Pattern.compile("^(.+?)-(\\d.*)\\.jar$");
    /** Provided by every ImageJ / Fiji. */
    private static final Set<String> NEVER = Set.of("ij");
    /**
     * SLF4J providers: Fiji has one (two on a class path make SLF4J complain), plain ImageJ none (then SLF4J
     * prints a warning on every start), so slf4j-simple is only copied where none of these is present.
     */
    static final Set<String> SLF4J_PROVIDERS = Set.of("slf4j-simple", "slf4j-nop", "logback-classic",
            "scijava-log-slf4j", "slf4j-jdk14", "slf4j-reload4j", "slf4j-log4j12", "log4j-slf4j-impl",
            "log4j-slf4j2-impl");

    private Install() {
    }

    public static int run(String[] args) {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--dry-run"))) {
            System.err.println("Usage: ./diffusion install FIJI_DIR [--dry-run]");
            return 2;
        }
        Path jar = ownJar();
        if (jar == null) {
            System.err.println("Error: run this from the built jar (./diffusion install builds it first)");
            return 2;
        }
        List<Path> libraries = new ArrayList<>();
        try (DirectoryStream<Path> lib = Files.newDirectoryStream(jar.getParent().resolve("lib"), "*.jar")) {
            lib.forEach(libraries::add);
        } catch (IOException e) {
            System.err.println("Error: the libraries folder next to " + jar + " is missing (mvn package makes it)");
            return 2;
        }
        try {
            install(Paths.get(args[0]), jar, libraries, Paths.get("macros"), args.length == 2, System.out);
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** Installs {@code pluginJar} and {@code libraries} into {@code fiji}; with {@code dryRun} only reports. */
    public static void install(Path fiji, Path pluginJar, List<Path> libraries, Path macros, boolean dryRun,
            PrintStream out) throws IOException {
        Path plugins = fiji.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            throw new IllegalArgumentException(fiji + " is not a Fiji or ImageJ folder (it has no plugins/ folder)");
        }
        Path jars = Files.isDirectory(fiji.resolve("jars")) ? fiji.resolve("jars") : plugins.resolve("jars");
        Set<String> present = new java.util.HashSet<>();
        for (Path folder : List.of(jars, plugins, fiji)) {
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.jar")) {
                    s.forEach(p -> present.add(artifact(p.getFileName().toString())));
                }
            }
        }
        String prefix = dryRun ? "would " : "";
        try (DirectoryStream<Path> old = Files.newDirectoryStream(plugins, "{diffusionj,DiffusionJ_}-*.jar")) {
            for (Path p : old) {
                out.println(prefix + "remove the older " + plugins.relativize(p));
                if (!dryRun) {
                    Files.delete(p);
                }
            }
        }
        copy(pluginJar, plugins.resolve(pluginName(pluginJar)), dryRun, out, prefix);
        int copied = 1;
        List<String> kept = new ArrayList<>();
        for (Path lib : libraries) {
            String name = artifact(lib.getFileName().toString());
            boolean logging = name.equals("slf4j-simple") && present.stream().anyMatch(SLF4J_PROVIDERS::contains);
            if (NEVER.contains(name) || present.contains(name) || logging) {
                kept.add(name);
            } else {
                copy(lib, jars.resolve(lib.getFileName()), dryRun, out, prefix);
                copied++;
            }
        }
        if (Files.isDirectory(macros)) {
            Path target = fiji.resolve("macros").resolve("DiffusionJ");
            try (DirectoryStream<Path> s = Files.newDirectoryStream(macros, "*.ijm")) {
                for (Path m : s) {
                    copy(m, target.resolve(m.getFileName()), dryRun, out, prefix);
                }
            }
        }
        out.println((dryRun ? "Would copy " : "Copied ") + copied + " jar(s); kept Fiji's own " + kept);
        out.println("Restart Fiji: the commands are under Plugins > Diffusion.");
    }

    /** The plugin's file name in Fiji: ImageJ 1 only reads plugin jars whose name holds an underscore. */
    static String pluginName(Path jar) {
        String name = jar.getFileName().toString();
        return name.startsWith("diffusionj-") ? "DiffusionJ_-" + name.substring("diffusionj-".length()) : name;
    }

    private static void copy(Path file, Path target, boolean dryRun, PrintStream out, String prefix) throws IOException {
        out.println(prefix + "copy " + file.getFileName() + " to " + target);
        if (!dryRun) {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The artifact name of a jar file name: {@code imglib2-7.1.4.jar} is {@code imglib2}. */
    static String artifact(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        if (m.matches()) {
            return m.group(1);
        }
        return fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    private static Path ownJar() {
        try {
            Path p = Paths.get(Install.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
