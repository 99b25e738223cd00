package dev.ergon.spi;

import dev.ergon.MeterUnavailableException;

/**
 * Creates meters of one kind; discovered through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must have a public no-argument constructor, do no work in it (nothing loaded, nothing read),
 * and be thread-safe. A provider is selected or excluded by its {@link #name()}.
 *
 * @since 0.1
 */
public interface MeterProvider {

  /**
   * Returns the name users select this provider by, e.g. {@code powercap}, {@code nvml}, {@code estimate}.
   *
   * @return a short lower-case name
   */
  String name();

  /**
   * Returns the order in which providers are opened, highest first. Counter-based meters use
   * {@link #PRIORITY_COUNTER}; model-based ones {@link #PRIORITY_MODEL}, so they open last and see which
   * components are already covered ({@link MeterContext#covered()}).
   *
   * @return the priority
   */
  default int priority() {
    return PRIORITY_COUNTER;
  }

  /** The priority of meters that read hardware counters or power sensors. */
  int PRIORITY_COUNTER = 100;

  /** The priority of meters that estimate from a model. */
  int PRIORITY_MODEL = 0;

  /**
   * Tells whether a meter could be opened here, and if not, why and what to do.
   *
   * <p>Must not throw and must return quickly (no sampling, no sleeping); Ergon reports a provider that throws as
   * {@link dev.ergon.UnavailableReason#PROVIDER_ERROR} and carries on.
   *
   * @param context the configuration and what other meters already cover
   * @return the availability
   */
  Availability probe(MeterContext context);

  /**
   * Opens a meter.
   *
   * @param context the configuration and what other meters already cover
   * @return an open meter, owned by the caller, who must close it
   * @throws MeterUnavailableException if it cannot measure here, with the reason and the remedy
   */
  Meter open(MeterContext context);
}
