package dev.ergon.meter.powercap.internal;

import dev.ergon.meter.powercap.PowercapPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The zones a policy counts and those it leaves out, each with its reason.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 *
 * @param policy the policy applied
 * @param chosen the zones counted, in channel order (packages, then DRAM, then platform; by socket and die)
 * @param skipped the zones not counted, with the reason
 */
public record ZoneSelection(PowercapPolicy policy, List<SelectedZone> chosen, List<SkippedZone> skipped) {

  /** Copies the lists. */
  public ZoneSelection {
    Objects.requireNonNull(policy, "policy");
    chosen = List.copyOf(chosen);
    skipped = List.copyOf(skipped);
  }

  /**
   * Returns the policy as it is written in configuration.
   *
   * @return e.g. {@code packages-and-dram}
   */
  public String policyName() {
    return policyName(policy);
  }

  /**
   * Returns a policy as it is written in configuration.
   *
   * @param policy the policy
   * @return e.g. {@code packages-and-dram}
   */
  public static String policyName(PowercapPolicy policy) {
    return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Describes the selection in one line: what is counted and what is not, and why.
   *
   * @return e.g. "policy packages-and-dram counts cpu/package-0 = intel-rapl:0 'package-0'; not counted:
   *     intel-rapl:0:0 'core' (part of package-0)"
   */
  public String describe() {
    StringBuilder s = new StringBuilder("policy ").append(policyName()).append(" counts ");
    if (chosen.isEmpty()) {
      s.append("nothing");
    }
    for (int i = 0; i < chosen.size(); i++) {
      SelectedZone c = chosen.get(i);
      s.append(i == 0 ? "" : ", ").append(c.channelId()).append(" = ").append(c.zone().label());
    }
    if (!skipped.isEmpty()) {
      s.append("; not counted: ");
      for (int i = 0; i < skipped.size(); i++) {
        SkippedZone k = skipped.get(i);
        s.append(i == 0 ? "" : ", ").append(k.zone().label()).append(" (").append(k.reason()).append(')');
      }
    }
    return s.toString();
  }
}
