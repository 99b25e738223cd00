/**
 * AMD GPU energy through ROCm's AMD SMI library.
 *
 * <p>{@link dev.ergon.meter.amdsmi.AmdSmiMeterProvider} is found by {@link java.util.ServiceLoader}; applications
 * normally only add this module and let Ergon discover it. To point it at a library outside the dynamic linker's
 * path and ROCm's usual directories (a container that mounts ROCm elsewhere, or a test):
 *
 * <pre>{@code
 * EnergyMonitor monitor = EnergyMonitor.builder()
 *     .configuration(Configuration.of(Map.of("ergon.amdsmi.library", "/opt/rocm-6.4.0/lib/libamd_smi.so")))
 *     .build();
 * }</pre>
 *
 * <p>or set {@code ERGON_AMDSMI_LIBRARY}. Run {@code ergon meters} to see what the probe found.
 */
@NullMarked
package dev.ergon.meter.amdsmi;

import org.jspecify.annotations.NullMarked;
