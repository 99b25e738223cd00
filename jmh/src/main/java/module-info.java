/**
 * An energy profiler for JMH: {@code -prof dev.ergon.jmh.EnergyProfiler}. See {@link dev.ergon.jmh.EnergyProfiler}.
 *
 * <p>JMH runs benchmarks on the class path, where the profiler is found by its name or through
 * {@code META-INF/services/org.openjdk.jmh.profile.Profiler}; this descriptor serves the module path.
 */
module dev.ergon.jmh {
  requires dev.ergon.core;
  requires static transitive jmh.core; // the profiler's public API names JMH types; the benchmark project brings JMH

  exports dev.ergon.jmh;

  provides org.openjdk.jmh.profile.Profiler with dev.ergon.jmh.EnergyProfiler;
}
