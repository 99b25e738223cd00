package dev.ergon.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One zone's grid carbon intensity over a stretch of time, in equal steps with no gap and no overlap: step
 * {@code i} covers {@code [start + i × step, start + (i + 1) × step)}.
 *
 * <p>Times are whole UTC seconds. Immutable and thread-safe (the arrays are copied in and never handed out).
 *
 * @since 0.1
 */
public final class IntensitySeries {
  private final String zone;
  private final long startSecond;
  private final long stepSeconds;
  private final double[] gramsPerKwh;
  private final IntensityKind[] kinds;
  private final String source;

  private IntensitySeries(String zone, long startSecond, long stepSeconds, double[] gramsPerKwh,
      IntensityKind[] kinds, String source) {
    this.zone = zone;
    this.startSecond = startSecond;
    this.stepSeconds = stepSeconds;
    this.gramsPerKwh = gramsPerKwh;
    this.kinds = kinds;
    this.source = source;
  }

  /**
   * Creates a series.
   *
   * @param zone the grid zone or location, as the data name it ({@code DE}, {@code westus})
   * @param start the start of the first step (whole seconds)
   * @param step the length of each step, whole seconds, {@code > 0}
   * @param gramsPerKwh the intensity of each step, gCO2e/kWh, each finite and {@code >= 0}
   * @param kinds whether each step is actual or forecast; the same length as {@code gramsPerKwh}
   * @param source where the values came from (file names), for disclosures
   * @return the series
   * @throws IllegalArgumentException if empty, the lengths differ, a value is negative or not finite, or a time is
   *     not whole seconds
   */
  public static IntensitySeries of(String zone, Instant start, Duration step, double[] gramsPerKwh,
      IntensityKind[] kinds, String source) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(source, "source");
    if (zone.isBlank()) {
      throw new IllegalArgumentException("an intensity series needs a zone name");
    }
    if (gramsPerKwh.length == 0 || gramsPerKwh.length != kinds.length) {
      throw new IllegalArgumentException("zone " + zone + ": need one kind per value and at least one value, got "
          + gramsPerKwh.length + " values and " + kinds.length + " kinds");
    }
    if (start.getNano() != 0 || step.toNanosPart() != 0 || step.toSeconds() <= 0) {
      throw new IllegalArgumentException("zone " + zone + ": the start and step must be whole seconds and the step "
          + "positive, got " + start + " and " + step);
    }
    for (int i = 0; i < gramsPerKwh.length; i++) {
      if (!Double.isFinite(gramsPerKwh[i]) || gramsPerKwh[i] < 0) {
        throw new IllegalArgumentException("zone " + zone + ": intensity " + gramsPerKwh[i] + " g/kWh at "
            + start.plusSeconds(i * step.toSeconds()) + " must be finite and >= 0");
      }
      Objects.requireNonNull(kinds[i], "kind");
    }
    return new IntensitySeries(zone, start.getEpochSecond(), step.toSeconds(), gramsPerKwh.clone(), kinds.clone(),
        source);
  }

  /**
   * Returns a copy with every intensity plus a constant (tests of invariance; what-if scenarios).
   *
   * @param gramsPerKwh the constant, gCO2e/kWh; the result must stay {@code >= 0}
   * @return the shifted series
   * @throws IllegalArgumentException if a value would become negative
   */
  public IntensitySeries plus(double gramsPerKwh) {
    double[] g = this.gramsPerKwh.clone();
    for (int i = 0; i < g.length; i++) {
      g[i] += gramsPerKwh;
    }
    return of(zone, start(), step(), g, kinds, source);
  }

  /**
   * Returns the zone.
   *
   * @return the zone or location name, as in the data
   */
  public String zone() {
    return zone;
  }

  /**
   * Returns the start of the first step.
   *
   * @return the instant (UTC)
   */
  public Instant start() {
    return Instant.ofEpochSecond(startSecond);
  }

  /**
   * Returns the end of the last step (exclusive).
   *
   * @return the instant (UTC)
   */
  public Instant end() {
    return Instant.ofEpochSecond(endSecond());
  }

  /**
   * Returns the step length.
   *
   * @return the step, whole seconds
   */
  public Duration step() {
    return Duration.ofSeconds(stepSeconds);
  }

  /**
   * Returns how many steps the series has.
   *
   * @return the count, {@code >= 1}
   */
  public int size() {
    return gramsPerKwh.length;
  }

  /**
   * Returns one step's intensity.
   *
   * @param index the step, {@code 0 <= index < size()}
   * @return gCO2e/kWh
   */
  public double gramsPerKwh(int index) {
    return gramsPerKwh[index];
  }

  /**
   * Returns whether one step is actual or forecast.
   *
   * @param index the step, {@code 0 <= index < size()}
   * @return the kind
   */
  public IntensityKind kind(int index) {
    return kinds[index];
  }

  /**
   * Returns where the values came from.
   *
   * @return the source, e.g. file names
   */
  public String source() {
    return source;
  }

  long startSecond() {
    return startSecond;
  }

  long stepSeconds() {
    return stepSeconds;
  }

  long endSecond() {
    return startSecond + stepSeconds * gramsPerKwh.length;
  }

  /* The arrays themselves, for the scan (never handed out of the package). */
  double[] values() {
    return gramsPerKwh;
  }

  IntensityKind[] kinds() {
    return kinds;
  }

  /** Returns e.g. {@code DE 2026-03-01T00:00:00Z..2026-03-08T00:00:00Z step PT1H (168 values)}. */
  @Override
  public String toString() {
    return zone + " " + start() + ".." + end() + " step " + step() + " (" + gramsPerKwh.length + " values)";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof IntensitySeries s && zone.equals(s.zone) && startSecond == s.startSecond
        && stepSeconds == s.stepSeconds && Arrays.equals(gramsPerKwh, s.gramsPerKwh) && Arrays.equals(kinds, s.kinds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, startSecond, stepSeconds, Arrays.hashCode(gramsPerKwh));
  }
}
