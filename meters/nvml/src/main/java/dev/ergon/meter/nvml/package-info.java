/**
 * NVIDIA GPU energy through NVML.
 *
 * <p>{@link dev.ergon.meter.nvml.NvmlMeterProvider} is found by {@link java.util.ServiceLoader}; applications
 * normally only add this module and let Ergon discover it. To point it at a library outside the dynamic linker's
 * path (a container that mounts the driver elsewhere, or a test):
 *
 * <pre>{@code
 * EnergyMonitor monitor = EnergyMonitor.builder()
 *     .configuration(Configuration.of(Map.of("ergon.nvml.library", "/opt/nvidia/lib64/libnvidia-ml.so.1")))
 *     .build();
 * }</pre>
 *
 * <p>or set {@code ERGON_NVML_LIBRARY}. Run {@code ergon meters} to see what the probe found.
 */
@NullMarked
package dev.ergon.meter.nvml;

import org.jspecify.annotations.NullMarked;
