package dev.ergon.meter.estimate;

import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import dev.ergon.meter.estimate.internal.EstimateMeter;
import dev.ergon.meter.estimate.internal.EstimatePlanner;
import dev.ergon.meter.estimate.internal.ShippedData;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import java.util.Objects;

/**
 * The estimate meter: CPU, memory and (configured) GPU energy from published models where no hardware counter
 * exists, such as most cloud VMs, containers and CI machines.
 *
 * <p>It opens last ({@link MeterProvider#PRIORITY_MODEL}) and leaves out every component a counter meter already
 * covers ({@link MeterContext#covered()}), so nothing is counted twice. Its channels, all {@link
 * dev.ergon.Method#MODEL}:
 *
 * <ul>
 *   <li>{@code cpu/model}: utilisation measured from {@code /proc/stat} (or the cgroup's CPU time under a quota)
 *       between reads, times per-vCPU watts from Cloud Carbon Footprint by microarchitecture, or the Teads curve
 *       over the CPU's TDP, or a cloud or global average, whichever rung of that ladder answers first;
 *   <li>{@code memory/model}: 0.392 W per GiB of memory in use (CCF's memory coefficient);
 *   <li>{@code gpu/model-N}: configured GPUs at an assumed utilisation on their idle-to-max line.
 * </ul>
 *
 * <p>Each channel's device and notes say which rung answered, the coefficients, the vCPU count and its source, how
 * utilisation was measured, and the basis of its stated uncertainty. The figures are the machine's (or, in a
 * container with a CPU limit, the container's share); the monitor's attribution policy charges jobs their part.
 * Settings are described in {@link EstimateProfile}.
 *
 * <p>Thread-safe; the constructor does no work. The shipped tables are read on first use and kept by the provider.
 *
 * @since 0.1
 */
public final class EstimateMeterProvider implements MeterProvider {
  /** The provider name, {@code estimate}. */
  public static final String NAME = "estimate";

  private final EstimateProfile profile;
  private final ShippedData data = new ShippedData();

  /** Creates a provider that takes its settings from the monitor's configuration; used by ServiceLoader. */
  public EstimateMeterProvider() {
    this(EstimateProfile.empty());
  }

  /**
   * Creates a provider with a profile whose fields take precedence over configuration.
   *
   * @param profile e.g. a cloud instance profile built with {@link EstimateProfile#builder()}
   */
  public EstimateMeterProvider(EstimateProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns {@link MeterProvider#PRIORITY_MODEL}, so counter meters open first.
   *
   * @return 0
   */
  @Override
  public int priority() {
    return PRIORITY_MODEL;
  }

  /**
   * Surveys the machine (a few small files; no sampling) and says what it would model.
   *
   * @param context the configuration and covered components
   * @return available with the channels it would open, or unavailable: {@link UnavailableReason#COVERED} when
   *     counter meters cover everything, {@link UnavailableReason#MISCONFIGURED} for a bad setting
   */
  @Override
  public Availability probe(MeterContext context) {
    try {
      EstimatePlanner.Plan plan = planner(context).plan(context.covered());
      if (plan.channels().isEmpty()) {
        return Availability.unavailable(UnavailableReason.COVERED, plan.summary(),
            "nothing to do: counter meters measure every component this meter would estimate");
      }
      return Availability.available(plan.summary());
    } catch (IllegalArgumentException e) {
      return Availability.unavailable(UnavailableReason.MISCONFIGURED, "bad estimate setting: " + e.getMessage(),
          "correct the ergon.estimate.* setting named above (see EstimateProfile for the keys)");
    } catch (RuntimeException e) {
      return Availability.unavailable(UnavailableReason.PROVIDER_ERROR, "estimate meter survey failed: " + e,
          "report this to the Ergon authors with the message above");
    }
  }

  /**
   * Opens the meter.
   *
   * @param context the configuration and covered components
   * @return the meter
   * @throws MeterUnavailableException with {@link UnavailableReason#COVERED} when everything is covered
   * @throws IllegalArgumentException if an {@code ergon.estimate.*} setting is malformed or unknown, naming it
   */
  @Override
  public Meter open(MeterContext context) {
    EstimatePlanner.Plan plan = planner(context).plan(context.covered());
    if (plan.channels().isEmpty()) {
      throw new MeterUnavailableException(UnavailableReason.COVERED, plan.summary(),
          "nothing to do: counter meters measure every component this meter would estimate");
    }
    return new EstimateMeter(NAME, plan.channels());
  }

  private EstimatePlanner planner(MeterContext context) {
    return new EstimatePlanner(profile.orElse(EstimateProfile.fromConfiguration(context.config())), data);
  }
}
