package org.diffusionj.cli;

import ij.IJ;
import ij.ImageJ;
import ij.Prefs;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./diffusion fiji [IMAGE...] [--screenshots DIR [--model M] [--steps N]]}: opens ImageJ with the plugin installed, as
 * a user's Fiji would have it: ImageJ reads our {@code plugins.config} from a jar in its plugins folder and
 * builds Plugins &gt; Diffusion itself. With {@code --screenshots} it runs the {@link ScreenshotTour} and exits.
 * Needs a display (use {@code xvfb-run} on a server).
 */
public final class FijiLauncher {
    private FijiLauncher() {
    }

    public static int run(String[] args) {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("Error: ImageJ's window needs a display; on a server use: xvfb-run ./diffusion fiji");
            return 2;
        }
        Path screenshots = null;
        String model = "default";
        int steps = 20;
        List<String> images = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--screenshots") && i + 1 < args.length) {
                screenshots = Paths.get(args[++i]);
            } else if (args[i].equals("--model") && i + 1 < args.length) {
                model = args[++i];
            } else if (args[i].equals("--steps") && i + 1 < args.length) {
                steps = Integer.parseInt(args[++i]);
            } else {
                images.add(args[i]);
            }
        }
        try {
            ImageJ ij = start(screenshots == null ? ImageJ.STANDALONE : ImageJ.EMBEDDED);
            for (String image : images) {
                IJ.open(image);
            }
            if (screenshots != null) {
                int status = new ScreenshotTour(screenshots, model, steps).run();
                ij.exitWhenQuitting(false);
                System.exit(status);
            }
            while (ij.isDisplayable()) {
                Thread.sleep(500);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (IOException e) {
            System.err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** Starts ImageJ with Plugins &gt; Diffusion built from our plugins.config; returns its main window. */
    static ImageJ start(int mode) throws IOException {
        Path home = Files.createTempDirectory("diffusionj-imagej");
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        writeMenuJar(plugins.resolve("DiffusionJ_menus.jar"));
        home.toFile().deleteOnExit();
        setHome(home);
        ImageJ ij = new ImageJ(mode);
        return ij;
    }

    /**
     * Points ImageJ at {@code home} (whose plugins/ folder it scans), as {@code ImageJ -ijpath home} does; that
     * option is only read by ImageJ's main method, hence the reflective call.
     */
    private static void setHome(Path home) throws IOException {
        try {
            Method set = Prefs.class.getDeclaredMethod("setHomeDir", String.class);
            set.setAccessible(true);
            set.invoke(null, home.toString());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot set ImageJ's folder (" + e + ")", e);
        }
    }

    /**
     * A jar holding only plugins.config (the classes come from our own class path). ImageJ 1 only reads
     * jars in its plugins folder whose name holds an underscore.
     */
    private static void writeMenuJar(Path jar) throws IOException {
        try (InputStream config = FijiLauncher.class.getResourceAsStream("/plugins.config");
                OutputStream raw = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(raw)) {
            if (config == null) {
                throw new IOException("plugins.config is missing from the class path");
            }
            out.putNextEntry(new ZipEntry("plugins.config"));
            config.transferTo(out);
            out.closeEntry();
        }
        jar.toFile().deleteOnExit();
    }
}
