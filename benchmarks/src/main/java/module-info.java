/**
 * Ergon's JMH benchmarks of its own overhead; they use {@code dev.ergon.jmh.EnergyProfiler} from {@code ergon-jmh}.
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
  requires dev.ergon.planner;
  requires com.fasterxml.jackson.core;
  requires dev.ergon.jmh;
  requires jmh.core;
  requires java.management;
}
