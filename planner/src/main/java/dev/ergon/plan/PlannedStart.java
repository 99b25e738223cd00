package dev.ergon.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * One way to run the job: where, from when to when, the emissions expected and the saving against the baseline
 * (starting at the window's earliest time in the first region), each with its 95 % interval.
 *
 * <p>Immutable and thread-safe.
 *
 * @param region the zone the job runs in
 * @param start when it starts (UTC)
 * @param end when it ends (UTC)
 * @param expected the expected emissions, kg CO2e (location-based, the grid's average intensity)
 * @param saving the baseline's emissions minus these, kg CO2e; zero, with no spread, for the baseline itself
 * @param meanGramsPerKwh the energy-weighted mean intensity over the run, gCO2e/kWh
 * @since 0.1
 */
public record PlannedStart(String region, Instant start, Instant end, Co2eInterval expected, Co2eInterval saving,
    double meanGramsPerKwh) {

  /** Checks the fields are present and the run is not empty. */
  public PlannedStart {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(saving, "saving");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a run must end after it starts: " + start + ".." + end);
    }
  }
}
