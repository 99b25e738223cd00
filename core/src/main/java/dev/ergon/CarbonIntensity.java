package dev.ergon;

/**
 * The greenhouse-gas emissions of a unit of electricity, in grams of CO₂-equivalent per kilowatt-hour.
 *
 * <p>Held as a {@code double} of g/kWh (equal to kg/MWh). Sources quote other units: Cloud Carbon Footprint uses
 * tonnes per kWh ({@link #ofTonnesPerKilowattHour}), US EPA eGRID and CodeCarbon's US file use pounds per MWh
 * ({@link #ofPoundsPerMegawattHour}); convert at the edge with the named factory, never by hand. Finite and never
 * negative.
 *
 * <p>Instances are immutable, value-based and thread-safe.
 *
 * @param gramsPerKilowattHour the intensity in gCO₂e/kWh; finite and {@code >= 0}
 * @since 0.1
 */
public record CarbonIntensity(double gramsPerKilowattHour) implements Comparable<CarbonIntensity> {

  /** One avoirdupois pound in grams, exactly (international yard and pound agreement, 1959). */
  public static final double GRAMS_PER_POUND = 453.59237;

  /** Zero emissions per kWh. */
  public static final CarbonIntensity ZERO = new CarbonIntensity(0);

  /**
   * Validates the value.
   *
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public CarbonIntensity {
    if (!Double.isFinite(gramsPerKilowattHour) || gramsPerKilowattHour < 0) {
      throw new IllegalArgumentException(
          "carbon intensity must be finite and >= 0 gCO2e/kWh, got " + gramsPerKilowattHour);
    }
  }

  /**
   * Returns an intensity in grams per kilowatt-hour.
   *
   * @param grams gCO₂e/kWh
   * @return the intensity
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static CarbonIntensity ofGramsPerKilowattHour(double grams) {
    return new CarbonIntensity(grams);
  }

  /**
   * Returns an intensity in kilograms per megawatt-hour (numerically equal to g/kWh).
   *
   * @param kilograms kgCO₂e/MWh
   * @return the intensity
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static CarbonIntensity ofKilogramsPerMegawattHour(double kilograms) {
    return new CarbonIntensity(kilograms);
  }

  /**
   * Returns an intensity in metric tonnes per kilowatt-hour (Cloud Carbon Footprint's unit).
   *
   * @param tonnes tCO₂e/kWh
   * @return the intensity
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static CarbonIntensity ofTonnesPerKilowattHour(double tonnes) {
    return new CarbonIntensity(tonnes * 1e6);
  }

  /**
   * Returns an intensity in pounds per megawatt-hour (US EPA eGRID's unit).
   *
   * @param pounds lbCO₂e/MWh
   * @return the intensity
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static CarbonIntensity ofPoundsPerMegawattHour(double pounds) {
    return new CarbonIntensity(pounds * GRAMS_PER_POUND / 1000.0);
  }

  /**
   * Returns the emissions of an amount of electricity at this intensity.
   *
   * @param energy the electricity
   * @return the mass of CO₂e
   * @throws ArithmeticException if the result is not finite
   */
  public Co2e times(Energy energy) {
    return Co2e.ofGrams(gramsPerKilowattHour * energy.toKilowattHours());
  }

  /**
   * Returns the intensity in gCO₂e/kWh.
   *
   * @return g/kWh
   */
  public double toGramsPerKilowattHour() {
    return gramsPerKilowattHour;
  }

  /**
   * Returns the intensity in kgCO₂e/MWh.
   *
   * @return kg/MWh
   */
  public double toKilogramsPerMegawattHour() {
    return gramsPerKilowattHour;
  }

  @Override
  public int compareTo(CarbonIntensity other) {
    return Double.compare(gramsPerKilowattHour, other.gramsPerKilowattHour);
  }

  /**
   * Returns the intensity with its unit, e.g. {@code 379.1 gCO2e/kWh}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return gramsPerKilowattHour + " gCO2e/kWh";
  }

  // Written out rather than generated: a record's generated equals and hashCode bootstrap through
  // java.lang.runtime.ObjectMethods, which spins ~60 method-handle classes on first use (tens of ms of CPU in
  // `ergon measure`'s start-up). Same meaning as the generated ones: every component, in declaration order.
  @Override
  public boolean equals(Object o) {
    return o instanceof CarbonIntensity c && Double.compare(gramsPerKilowattHour, c.gramsPerKilowattHour) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(gramsPerKilowattHour);
  }
}
