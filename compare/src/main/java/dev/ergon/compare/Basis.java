package dev.ergon.compare;

/**
 * What each run's figure is per: per {@code per} units (the records' functional units, or a benchmark's
 * operations), or per run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param per the number of units the figure is per, {@code >= 1}; ignored when {@code perRun}
 * @param perRun true to compare each run's whole energy (for jobs that count no units)
 * @param unitName the unit's name for display, e.g. {@code unit}, {@code op}
 * @since 0.2
 */
public record Basis(long per, boolean perRun, String unitName) {

  /** Validates the fields. */
  public Basis {
    if (per < 1) {
      throw new IllegalArgumentException("per must be >= 1 unit, got " + per);
    }
    if (unitName.isBlank()) {
      throw new IllegalArgumentException("unit name is blank");
    }
  }

  /**
   * Returns the basis per {@code per} units.
   *
   * @param per the number of units, {@code >= 1}
   * @param unitName the unit's name, e.g. {@code unit} or {@code op}
   * @return the basis
   */
  public static Basis perUnits(long per, String unitName) {
    return new Basis(per, false, unitName);
  }

  /**
   * Returns the basis per run (whole energy of each run).
   *
   * @return the basis
   */
  public static Basis ofRuns() {
    return new Basis(1, true, "run");
  }

  /**
   * Returns the unit of the figures, e.g. {@code J per 1000 units}, {@code J per op}, {@code J per run}.
   *
   * @return the text
   */
  public String unit() {
    if (perRun) {
      return "J per run";
    }
    return per == 1 ? "J per " + unitName : "J per " + per + " " + unitName + "s";
  }
}
