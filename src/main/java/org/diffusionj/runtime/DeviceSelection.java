package org.diffusionj.runtime;

import ai.djl.Device;

/**
 * The device that will run the model and why that one: the sentence users see in the log and in
 * the Device Check command (for example "CPU: no CUDA device visible to libtorch (CPU build)").
 */
public record DeviceSelection(Device device, String reason) {
    public boolean isGpu() {
        return device.isGpu();
    }

    @Override
    public String toString() {
        return (isGpu() ? "GPU " + device.getDeviceId() : "CPU") + ": " + reason;
    }
}
