/**
 * Ergon compare: did a change really save energy? A/B comparison of runs from ledgers or JMH energy-profiler
 * results (Welch's t, a seeded bootstrap BCa, runs needed for an effect), and the period-over-period LMDI
 * decomposition of location-based emissions into volume, efficiency, region mix and grid intensity.
 *
 * <p>{@code dev.ergon.compare.internal} is not exported.
 */
module dev.ergon.compare {
  requires transitive dev.ergon.core;
  requires transitive dev.ergon.accounting;
  requires static transitive org.jspecify;
  requires com.fasterxml.jackson.core;
  requires org.apache.commons.statistics.inference;
  requires org.apache.commons.statistics.distribution;
  requires org.apache.commons.statistics.descriptive;

  exports dev.ergon.compare;
}
