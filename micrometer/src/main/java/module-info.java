/**
 * Ergon's Micrometer binder: channels, jobs and workloads as Micrometer meters. Optional; core does not depend on it.
 */
module dev.ergon.micrometer {
  requires transitive dev.ergon.core;
  requires transitive micrometer.core;
  requires static org.jspecify;
  requires org.slf4j;

  exports dev.ergon.micrometer;
}
