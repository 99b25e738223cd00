/**
 * An energy profiler for JMH: {@code -prof dev.ergon.jmh.EnergyProfiler} reports the joules each measurement
 * iteration drew, per channel and per operation, with each channel's method and uncertainty.
 *
 * <pre>{@code
 * java -jar benchmarks.jar MyBenchmark -prof dev.ergon.jmh.EnergyProfiler:meters=powercap
 *
 * Options, separated by ';':
 *   meters=powercap,nvml   only these meters          (ergon.meters)
 *   exclude=estimate       never these meters         (ergon.meters.exclude)
 *   period=100ms           longest sampling period    (ergon.sampling.period)
 *   attribution=process    MACHINE (default), PROCESS or THREADS
 *   powercap.root=/x       any other ergon.* setting, with or without the "ergon." prefix
 * }</pre>
 *
 * <p>Programmatically: {@code new OptionsBuilder().addProfiler(EnergyProfiler.class, "meters=powercap")}.
 */
@NullMarked
package dev.ergon.jmh;

import org.jspecify.annotations.NullMarked;
