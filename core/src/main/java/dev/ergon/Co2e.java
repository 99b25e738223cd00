package dev.ergon;

/**
 * A mass of greenhouse gases expressed as CO₂-equivalent, in grams.
 *
 * <p>Held as a {@code double} of grams: emissions are the product of energy and an emission factor that carries
 * at most four significant digits, so a double's fifteen digits hold any inventory, from a job's milligrams to a
 * fleet's megatonnes (up to about 1.8e308 g), without meaningful rounding. Finite and never negative; addition
 * that would not be finite throws {@link ArithmeticException}. Offsets are never subtracted from an inventory, so
 * there is no {@code minus}.
 *
 * <p>Instances are immutable, value-based and thread-safe.
 *
 * @param grams the mass in gCO₂e; finite and {@code >= 0}
 * @since 0.1
 */
public record Co2e(double grams) implements Comparable<Co2e> {

  /** No emissions. */
  public static final Co2e ZERO = new Co2e(0);

  /**
   * Validates the value.
   *
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public Co2e {
    if (!Double.isFinite(grams) || grams < 0) {
      throw new IllegalArgumentException("CO2e mass must be finite and >= 0 g, got " + grams);
    }
  }

  /**
   * Returns a mass in grams.
   *
   * @param grams gCO₂e
   * @return the mass
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static Co2e ofGrams(double grams) {
    return new Co2e(grams);
  }

  /**
   * Returns a mass in kilograms.
   *
   * @param kilograms kgCO₂e
   * @return the mass
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static Co2e ofKilograms(double kilograms) {
    return new Co2e(kilograms * 1e3);
  }

  /**
   * Returns a mass in metric tonnes.
   *
   * @param tonnes tCO₂e
   * @return the mass
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static Co2e ofTonnes(double tonnes) {
    return new Co2e(tonnes * 1e6);
  }

  /**
   * Returns the sum of this mass and another.
   *
   * @param other the mass to add
   * @return the sum
   * @throws ArithmeticException if the sum is not finite
   */
  public Co2e plus(Co2e other) {
    double sum = grams + other.grams;
    if (!Double.isFinite(sum)) {
      throw new ArithmeticException("CO2e overflow: " + this + " + " + other);
    }
    return new Co2e(sum);
  }

  /**
   * Returns this mass multiplied by a factor.
   *
   * @param factor finite and {@code >= 0}
   * @return the product
   * @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite
   * @throws ArithmeticException if the product is not finite
   */
  public Co2e multipliedBy(double factor) {
    if (!Double.isFinite(factor) || factor < 0) {
      throw new IllegalArgumentException("factor must be finite and >= 0, got " + factor);
    }
    double product = grams * factor;
    if (!Double.isFinite(product)) {
      throw new ArithmeticException("CO2e overflow: " + this + " x " + factor);
    }
    return new Co2e(product);
  }

  /**
   * Returns the mass in grams.
   *
   * @return gCO₂e
   */
  public double toGrams() {
    return grams;
  }

  /**
   * Returns the mass in kilograms.
   *
   * @return kgCO₂e
   */
  public double toKilograms() {
    return grams / 1e3;
  }

  /**
   * Returns the mass in metric tonnes.
   *
   * @return tCO₂e
   */
  public double toTonnes() {
    return grams / 1e6;
  }

  @Override
  public int compareTo(Co2e other) {
    return Double.compare(grams, other.grams);
  }

  /**
   * Returns the mass with its unit, e.g. {@code 12.5 gCO2e}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return grams + " gCO2e";
  }
}
