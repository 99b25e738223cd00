package dev.ergon.compare.internal;

/**
 * The logarithmic mean of the additive LMDI-I (Ang 2004; zero values after Ang and Liu 2007).
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class Lmdi {
  private Lmdi() {}

  /**
   * The logarithmic mean {@code L(x, y) = (x − y) / (ln x − ln y)}, with {@code L(x, x) = x} and, as its limit,
   * {@code L(x, 0) = L(0, y) = 0}.
   *
   * @param x a value {@code >= 0}
   * @param y a value {@code >= 0}
   * @return the mean
   */
  public static double logMean(double x, double y) {
    if (x == y) {
      return x;
    }
    if (x == 0 || y == 0) {
      return 0;
    }
    double r = x / y;
    // Close values: ln(x/y) as log1p((x − y)/y), accurate where ln(r) would lose digits. Far apart: ln(x/y)
    // directly, since 1 + (x − y)/y loses the small ratio's digits (x/y = 1e-11 kept only 5 of them).
    double ln = Math.abs(r - 1) < 0.5 ? Math.log1p((x - y) / y) : Math.log(r);
    return (x - y) / ln;
  }
}
