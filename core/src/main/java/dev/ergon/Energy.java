package dev.ergon;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * An amount of energy, exact to the microjoule.
 *
 * <p><b>Representation and bounds.</b> Like {@link Duration}, an {@code Energy} is a {@code long} of whole joules
 * plus an {@code int} of microjoules ({@code 0..999_999}). This keeps the microjoule resolution a job needs (one
 * RAPL counter tick is 15 to 61 µJ) and the range a fleet-year needs: the largest value is {@link Long#MAX_VALUE}
 * joules, about 2.56 million TWh, where a plain {@code long} of microjoules would end at 2.56 GWh, which a single
 * data hall passes in days. Energy is never negative. Arithmetic is exact: {@link #plus}, {@link #minus} and
 * {@link #multipliedBy(long)} throw {@link ArithmeticException} on overflow or a negative result; they never wrap.
 * Conversions to {@code double} ({@link #toJoules()}, {@link #toKilowattHours()}) are for display and for
 * accounting, where 15 significant digits are more than any emission factor carries.
 *
 * <p>Instances are immutable, value-based and thread-safe.
 *
 * @param joules whole joules, {@code >= 0}
 * @param micros the microjoules beyond {@code joules}, {@code 0..999_999}
 * @since 0.1
 */
public record Energy(long joules, int micros) implements Comparable<Energy> {

  /** No energy. */
  public static final Energy ZERO = new Energy(0, 0);

  private static final long MICROS_PER_JOULE = 1_000_000L;
  private static final double JOULES_PER_KWH = 3.6e6;
  private static final BigDecimal MAX_MICROJOULES =
      BigDecimal.valueOf(Long.MAX_VALUE).multiply(BigDecimal.valueOf(MICROS_PER_JOULE))
          .add(BigDecimal.valueOf(MICROS_PER_JOULE - 1));

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if {@code joules} is negative or {@code micros} is outside {@code 0..999_999}
   */
  public Energy {
    if (joules < 0) {
      throw new IllegalArgumentException("negative energy: " + joules + " J; energy is never negative");
    }
    if (micros < 0 || micros >= MICROS_PER_JOULE) {
      throw new IllegalArgumentException("micros out of range 0..999999: " + micros);
    }
  }

  /**
   * Returns the energy of a whole number of microjoules (the unit of the Linux powercap {@code energy_uj} file).
   *
   * @param microjoules the energy in µJ, {@code >= 0}
   * @return the energy
   * @throws IllegalArgumentException if negative
   */
  public static Energy ofMicrojoules(long microjoules) {
    if (microjoules < 0) {
      throw new IllegalArgumentException("negative energy: " + microjoules + " µJ; energy is never negative");
    }
    return new Energy(microjoules / MICROS_PER_JOULE, (int) (microjoules % MICROS_PER_JOULE));
  }

  /**
   * Returns the energy of a whole number of millijoules (the unit of NVML's energy counter).
   *
   * @param millijoules the energy in mJ, {@code >= 0}
   * @return the energy
   * @throws IllegalArgumentException if negative
   */
  public static Energy ofMillijoules(long millijoules) {
    if (millijoules < 0) {
      throw new IllegalArgumentException("negative energy: " + millijoules + " mJ; energy is never negative");
    }
    return new Energy(millijoules / 1000, (int) (millijoules % 1000) * 1000);
  }

  /**
   * Returns the energy nearest to a number of joules, rounded half-up to the microjoule.
   *
   * @param joules the energy in J; finite and {@code >= 0}
   * @return the energy
   * @throws IllegalArgumentException if negative, NaN or infinite
   * @throws ArithmeticException if beyond the range of this type
   */
  public static Energy ofJoules(double joules) {
    if (!Double.isFinite(joules) || joules < 0) {
      throw new IllegalArgumentException("energy must be finite and >= 0 J, got " + joules);
    }
    return ofMicrojoules(new BigDecimal(joules).movePointRight(6).setScale(0, RoundingMode.HALF_UP));
  }

  /**
   * Returns the energy nearest to a number of kilowatt-hours (1 kWh = 3.6 MJ).
   *
   * @param kilowattHours the energy in kWh; finite and {@code >= 0}
   * @return the energy, rounded half-up to the microjoule
   * @throws IllegalArgumentException if negative, NaN or infinite
   * @throws ArithmeticException if beyond the range of this type
   */
  public static Energy ofKilowattHours(double kilowattHours) {
    if (!Double.isFinite(kilowattHours) || kilowattHours < 0) {
      throw new IllegalArgumentException("energy must be finite and >= 0 kWh, got " + kilowattHours);
    }
    return ofMicrojoules(
        new BigDecimal(kilowattHours).multiply(BigDecimal.valueOf(3_600_000_000_000L))
            .setScale(0, RoundingMode.HALF_UP));
  }

  /**
   * Returns the energy nearest to a number of megawatt-hours (1 MWh = 3.6 GJ).
   *
   * @param megawattHours the energy in MWh; finite and {@code >= 0}
   * @return the energy, rounded half-up to the microjoule
   * @throws IllegalArgumentException if negative, NaN or infinite
   * @throws ArithmeticException if beyond the range of this type
   */
  public static Energy ofMegawattHours(double megawattHours) {
    if (!Double.isFinite(megawattHours) || megawattHours < 0) {
      throw new IllegalArgumentException("energy must be finite and >= 0 MWh, got " + megawattHours);
    }
    return ofKilowattHours(megawattHours * 1000.0);
  }

  /**
   * Returns the energy of an exact, possibly very large, number of microjoules.
   *
   * @param microjoules the energy in µJ, {@code >= 0}
   * @return the energy
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if beyond the range of this type
   */
  public static Energy ofMicrojoules(BigInteger microjoules) {
    if (microjoules.signum() < 0) {
      throw new IllegalArgumentException("negative energy: " + microjoules + " µJ; energy is never negative");
    }
    if (microjoules.bitLength() < Long.SIZE) {
      return ofMicrojoules(microjoules.longValue());
    }
    return ofMicrojoules(new BigDecimal(microjoules));
  }

  /**
   * Returns the energy of an exact decimal number of microjoules, rounded half-up.
   *
   * @param microjoules the energy in µJ, {@code >= 0}
   * @return the energy
   * @throws ArithmeticException if beyond the range of this type
   */
  static Energy ofMicrojoules(BigDecimal microjoules) {
    BigDecimal whole = microjoules.setScale(0, RoundingMode.HALF_UP);
    if (whole.compareTo(MAX_MICROJOULES) > 0) {
      throw new ArithmeticException("energy overflow: " + whole + " µJ exceeds " + MAX_MICROJOULES + " µJ");
    }
    BigInteger[] qr = whole.toBigIntegerExact().divideAndRemainder(BigInteger.valueOf(MICROS_PER_JOULE));
    return new Energy(qr[0].longValueExact(), qr[1].intValue());
  }

  /**
   * Returns the sum of this energy and another.
   *
   * @param other the energy to add
   * @return the sum
   * @throws ArithmeticException if the sum exceeds {@link Long#MAX_VALUE} joules
   */
  public Energy plus(Energy other) {
    long j = Math.addExact(joules, other.joules);
    int m = micros + other.micros;
    if (m >= MICROS_PER_JOULE) {
      j = Math.addExact(j, 1);
      m -= (int) MICROS_PER_JOULE;
    }
    return new Energy(j, m);
  }

  /**
   * Returns the sum of this energy and a number of microjoules.
   *
   * @param microjoules the energy to add in µJ, {@code >= 0}
   * @return the sum
   * @throws ArithmeticException if the sum overflows
   */
  public Energy plusMicrojoules(long microjoules) {
    return plus(ofMicrojoules(microjoules));
  }

  /**
   * Returns this energy less another.
   *
   * @param other the energy to subtract, not more than this
   * @return the difference
   * @throws ArithmeticException if {@code other} is larger than this (energy is never negative)
   */
  public Energy minus(Energy other) {
    if (compareTo(other) < 0) {
      throw new ArithmeticException("negative energy: " + this + " minus " + other);
    }
    long j = joules - other.joules;
    int m = micros - other.micros;
    if (m < 0) {
      j -= 1;
      m += (int) MICROS_PER_JOULE;
    }
    return new Energy(j, m);
  }

  /**
   * Returns this energy multiplied by a whole number.
   *
   * @param factor the multiplier, {@code >= 0}
   * @return the product
   * @throws ArithmeticException if the product overflows
   * @throws IllegalArgumentException if {@code factor} is negative
   */
  public Energy multipliedBy(long factor) {
    if (factor < 0) {
      throw new IllegalArgumentException("negative factor: " + factor);
    }
    return ofMicrojoules(new BigDecimal(toBigMicrojoules().multiply(BigInteger.valueOf(factor))));
  }

  /**
   * Returns this energy multiplied by a real factor (a PUE, an attribution share), rounded half-up to the µJ.
   *
   * @param factor the multiplier; finite and {@code >= 0}
   * @return the product
   * @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite
   * @throws ArithmeticException if the product overflows
   */
  public Energy multipliedBy(double factor) {
    if (!Double.isFinite(factor) || factor < 0) {
      throw new IllegalArgumentException("factor must be finite and >= 0, got " + factor);
    }
    return ofMicrojoules(new BigDecimal(toBigMicrojoules()).multiply(new BigDecimal(factor)));
  }

  /**
   * Returns the average power of this energy spent over an interval.
   *
   * @param interval the interval, positive
   * @return the average power
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   */
  public Power over(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    double seconds = interval.getSeconds() + interval.getNano() / 1e9;
    return Power.ofWatts(toJoules() / seconds);
  }

  /**
   * Returns the energy in microjoules as a {@code long}.
   *
   * @return the energy in µJ
   * @throws ArithmeticException if it does not fit a {@code long} (above about 2.56 GWh)
   */
  public long toMicrojoulesExact() {
    return Math.addExact(Math.multiplyExact(joules, MICROS_PER_JOULE), micros);
  }

  /**
   * Returns the energy in microjoules, exactly.
   *
   * @return the energy in µJ
   */
  public BigInteger toBigMicrojoules() {
    return BigInteger.valueOf(joules).multiply(BigInteger.valueOf(MICROS_PER_JOULE)).add(BigInteger.valueOf(micros));
  }

  /**
   * Returns the energy in joules.
   *
   * @return the energy in J (rounded to the nearest {@code double})
   */
  public double toJoules() {
    return joules + micros / 1e6;
  }

  /**
   * Returns the energy in kilowatt-hours.
   *
   * @return the energy in kWh
   */
  public double toKilowattHours() {
    return joules / JOULES_PER_KWH + micros / (JOULES_PER_KWH * 1e6);
  }

  /**
   * Returns the energy in megawatt-hours.
   *
   * @return the energy in MWh
   */
  public double toMegawattHours() {
    return toKilowattHours() / 1000.0;
  }

  /**
   * Tells whether this is no energy.
   *
   * @return true if zero
   */
  public boolean isZero() {
    return joules == 0 && micros == 0;
  }

  @Override
  public int compareTo(Energy other) {
    int c = Long.compare(joules, other.joules);
    return c != 0 ? c : Integer.compare(micros, other.micros);
  }

  /**
   * Returns the energy with its unit, in joules with six decimals (µJ exact), e.g. {@code 12.500000 J}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return joules + "." + String.format(java.util.Locale.US, "%06d", micros) + " J";
  }

  // Written out rather than generated: a record's generated equals and hashCode bootstrap through
  // java.lang.runtime.ObjectMethods, which spins ~60 method-handle classes on first use (tens of ms of CPU in
  // `ergon measure`'s start-up). Same meaning as the generated ones: every component, in declaration order.
  @Override
  public boolean equals(Object o) {
    return o instanceof Energy e && joules == e.joules && micros == e.micros;
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(joules) + micros;
  }
}
