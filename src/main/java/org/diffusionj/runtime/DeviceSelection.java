package org.diffusionj.runtime;

import ai.djl.Device;

/**
 * The device that will run the model and why that one: the sentence users see in Device Check and the
 * result's Info (for example "CPU: no CUDA device visible to libtorch (CPU build)"). Plain values, so that
 * DJL's types stay inside the runtime.
 *
 * @param gpu      whether it is a CUDA device
 * @param deviceId the CUDA device index (0 for the CPU)
 * @param reason   why this device
 */
public record DeviceSelection(boolean gpu, int deviceId, String reason) {
    /** The CPU, for {@code reason}. */
    public static DeviceSelection cpu(String reason) {
        return new DeviceSelection(false, 0, reason);
    }

    public boolean isGpu() {
        return gpu;
    }

    /** DJL's handle for it (runtime only). */
    Device djlDevice() {
        return gpu ? Device.gpu(deviceId) : Device.cpu();
    }

    @Override
    public String toString() {
        return (gpu ? "GPU " + deviceId : "CPU") + ": " + reason;
    }
}
