package dev.ergon.accounting.sci;

import dev.ergon.Co2e;
import dev.ergon.accounting.DataSet;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The embodied emissions of the hardware a piece of software runs on, and the share of them that one use takes:
 * the SCI's {@code M = TE × (TiR / EL) × (RR / ToR)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param total TE, the hardware's total embodied emissions (from a life-cycle assessment)
 * @param lifespan EL, the hardware's expected lifespan, positive
 * @param resourcesReserved RR, the resources reserved for the software (e.g. vCPUs), {@code > 0}
 * @param totalResources ToR, the hardware's total resources of that kind (e.g. the vCPUs of the largest instance of
 *     the family), {@code >= resourcesReserved}
 * @param relativeUncertainty TE's relative standard uncertainty, if known
 * @param source where TE comes from (e.g. {@code Cloud Carbon Footprint coefficients, aws m5.xlarge})
 * @param dataSet the data set TE was taken from, or {@code null} for a figure the caller supplies
 * @since 0.1
 */
public record EmbodiedEmissions(
    Co2e total,
    Duration lifespan,
    double resourcesReserved,
    double totalResources,
    OptionalDouble relativeUncertainty,
    String source,
    @Nullable DataSet dataSet) {

  /** The lifespan Cloud Carbon Footprint assumes for servers: 4 years, 35 040 hours (Dell R740 LCA). */
  public static final Duration CCF_LIFESPAN = Duration.ofDays(4 * 365);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the lifespan is not positive, a resource count not positive and finite, the
   *     reserved resources exceed the total, or the uncertainty is negative or not finite
   */
  public EmbodiedEmissions {
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(lifespan, "lifespan");
    Objects.requireNonNull(relativeUncertainty, "relativeUncertainty");
    Objects.requireNonNull(source, "source");
    if (lifespan.isNegative() || lifespan.isZero()) {
      throw new IllegalArgumentException("embodied lifespan must be positive, got " + lifespan);
    }
    if (!(resourcesReserved > 0) || !(totalResources > 0) || !Double.isFinite(totalResources)
        || resourcesReserved > totalResources) {
      throw new IllegalArgumentException("resources reserved " + resourcesReserved + " of " + totalResources
          + ": both must be positive and reserved <= total");
    }
    if (relativeUncertainty.isPresent()
        && (!Double.isFinite(relativeUncertainty.getAsDouble()) || relativeUncertainty.getAsDouble() < 0)) {
      throw new IllegalArgumentException("relative uncertainty must be finite and >= 0");
    }
  }

  /**
   * Returns embodied emissions from a life-cycle figure the caller supplies.
   *
   * @param total TE, the hardware's total embodied emissions
   * @param lifespan EL, its expected lifespan
   * @param resourcesReserved RR, e.g. the vCPUs or GPUs reserved
   * @param totalResources ToR, the hardware's total of that resource
   * @param source where TE comes from
   * @return the embodied emissions, with no stated uncertainty
   * @throws IllegalArgumentException if a value is out of range
   */
  public static EmbodiedEmissions of(Co2e total, Duration lifespan, double resourcesReserved, double totalResources,
      String source) {
    return new EmbodiedEmissions(total, lifespan, resourcesReserved, totalResources, OptionalDouble.empty(), source,
        null);
  }

  /**
   * Returns a copy with a relative standard uncertainty on TE.
   *
   * @param fraction e.g. 0.3 for 30 %
   * @return the copy
   * @throws IllegalArgumentException if negative or not finite
   */
  public EmbodiedEmissions withRelativeUncertainty(double fraction) {
    return new EmbodiedEmissions(total, lifespan, resourcesReserved, totalResources, OptionalDouble.of(fraction),
        source, dataSet);
  }

  /**
   * Returns the share of the embodied emissions a reservation of hardware for some time takes.
   *
   * @param timeReserved TiR, how long the hardware was reserved
   * @return {@code TE × (TiR / EL) × (RR / ToR)}
   */
  public Co2e share(Duration timeReserved) {
    double timeShare = seconds(timeReserved) / seconds(lifespan);
    return total.multipliedBy(timeShare * (resourcesReserved / totalResources));
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
