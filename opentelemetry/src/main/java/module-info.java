/**
 * Ergon on the OpenTelemetry metrics API: channels after the hardware semantic conventions, jobs and workloads under
 * {@code ergon.job.*}. Optional; core does not depend on it.
 */
module dev.ergon.opentelemetry {
  requires transitive dev.ergon.core;
  requires transitive io.opentelemetry.api;
  requires static org.jspecify;
  requires org.slf4j;

  exports dev.ergon.opentelemetry;
}
