package org.diffusionj.cli;

import org.diffusionj.imagej.DeviceCheck;
import org.diffusionj.runtime.DeviceChoice;

/**
 * {@code ./diffusion device [--model M] [--device auto|cpu|gpu]}: which device runs the model, why not the
 * GPU, and a timed forward pass of the model's network.
 */
public final class DeviceReport {
    private DeviceReport() {
    }

    public static int run(String[] args) {
        String model = "default";
        String device = "auto";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                model = args[++i];
            } else if (args[i].equals("--device") && i + 1 < args.length) {
                device = args[++i];
            } else {
                System.err.println("Usage: ./diffusion device [--model NAME|PATH] [--device auto|cpu|gpu]");
                return 2;
            }
        }
        DeviceCheck.report(model, DeviceChoice.parse(device)).forEach(System.out::println);
        return 0;
    }
}
