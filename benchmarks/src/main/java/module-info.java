/**
 * Ergon's JMH benchmarks of its own overhead, and {@link dev.ergon.jmh.EnergyProfiler}, an energy profiler for JMH.
 *
 * <p>Built on every reactor build, never published. The benchmarks run from the shaded {@code benchmarks.jar} on the
 * class path; this descriptor keeps the module's dependencies explicit.
 */
module dev.ergon.benchmarks {
  requires dev.ergon.core;
  requires dev.ergon.meter.powercap;
  requires dev.ergon.meter.nvml;
  requires dev.ergon.meter.estimate;
  requires dev.ergon.accounting;
  requires com.fasterxml.jackson.core;
  requires transitive jmh.core; // the profiler's public API names JMH types
  requires java.management;

  exports dev.ergon.jmh;

  provides org.openjdk.jmh.profile.Profiler with dev.ergon.jmh.EnergyProfiler;
}
