/**
 * The estimate meter: honest, model-based energy for CPUs, memory and configured GPUs where no hardware counter
 * exists.
 *
 * <p>Found by {@link java.util.ServiceLoader} as provider {@code estimate}; it opens after counter meters and
 * estimates only what they leave uncovered. Every channel is {@link dev.ergon.Method#MODEL} and says in its
 * notes how its figure was estimated. Settings: {@link dev.ergon.meter.estimate.EstimateProfile}.
 *
 * <pre>{@code
 * EnergyMonitor monitor = EnergyMonitor.builder()
 *     .providers(List.of(new EstimateMeterProvider(EstimateProfile.builder()
 *         .cloud(CloudProvider.AWS).instanceType("m5.large").cpuArchitecture("Cascade Lake").build())))
 *     .build();
 * }</pre>
 */
@NullMarked
package dev.ergon.meter.estimate;

import org.jspecify.annotations.NullMarked;
