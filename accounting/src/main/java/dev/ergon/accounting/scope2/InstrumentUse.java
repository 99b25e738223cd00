package dev.ergon.accounting.scope2;

import dev.ergon.Energy;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the market-based allocation did with one instrument: used, unused, or excluded and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param instrument the instrument
 * @param status used, unused or excluded
 * @param failedCriteria the quality criteria it fails, in order; empty unless excluded by a criterion
 * @param reasons why it was excluded or left unused, one line each; empty when used
 * @param used the consumption it covered; never more than its volume
 * @param unused its volume less {@code used}, or {@code null} for a supplier rate without a volume
 * @since 0.1
 */
public record InstrumentUse(
    Instrument instrument,
    Status status,
    List<QualityCriterion> failedCriteria,
    List<String> reasons,
    Energy used,
    @Nullable Energy unused) {

  /** What happened to an instrument. */
  public enum Status {
    /** It covered some consumption. */
    USED,
    /**
     * It passed the checks but covered nothing: its market had no consumption, earlier instruments had covered
     * it, or no hour matched.
     */
    UNUSED,
    /** It failed a checkable quality criterion (1 to 4); it was not used. */
    EXCLUDED
  }

  /** Validates the fields. */
  public InstrumentUse {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(used, "used");
    failedCriteria = List.copyOf(failedCriteria);
    reasons = List.copyOf(reasons);
  }
}
