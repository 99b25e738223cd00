package dev.ergon.meter.estimate.internal;

import dev.ergon.meter.estimate.CloudProvider;
import dev.ergon.meter.estimate.EstimateProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the cloud instance type this machine is, without the network: the configured
 * {@value EstimateProfile#INSTANCE_TYPE} (as {@code TYPE} with {@value EstimateProfile#CLOUD} or a detected cloud, or
 * as {@code PROVIDER:TYPE}, the form of {@code ergon report --instance}), else, on AWS, the DMI
 * {@code product_name}, which the Nitro hypervisor sets to the instance type (e.g. {@code m5.large}) next to
 * {@code sys_vendor} {@code Amazon EC2}. Google Cloud and Azure publish the type only through their metadata
 * services, which this meter does not call: there it must be configured.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class CloudInstanceResolver {

  /** An AWS instance type: family and size, e.g. {@code m5.large}, {@code c7gn.16xlarge}, {@code u-6tb1.metal}. */
  private static final Pattern AWS_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");

  /**
   * The instance type and how it is known.
   *
   * @param provider the cloud
   * @param type the instance type as given or detected
   * @param evidence where it comes from, e.g. {@code configured ergon.estimate.instance-type = aws:m5.large}
   */
  public record Resolved(CloudProvider provider, String type, String evidence) {}

  /**
   * What the resolver found.
   *
   * @param resolved the type, if known
   * @param note why not, when a type was configured but cannot be used; empty otherwise
   */
  public record Outcome(Optional<Resolved> resolved, String note) {}

  private final Path sysRoot;

  /**
   * Creates a resolver.
   *
   * @param sysRoot the sys file system root, normally {@code /sys}
   */
  public CloudInstanceResolver(Path sysRoot) {
    this.sysRoot = sysRoot;
  }

  /**
   * Resolves the instance type.
   *
   * @param profile the configured profile
   * @param detected the cloud detected from DMI, or null
   * @return the outcome
   */
  public Outcome resolve(EstimateProfile profile, CloudDetector.@Nullable Detected detected) {
    Optional<String> configured = profile.instanceType();
    if (configured.isPresent()) {
      String value = configured.get().strip();
      String where = "configured " + EstimateProfile.INSTANCE_TYPE + " = " + value + " (from "
          + profile.source(EstimateProfile.INSTANCE_TYPE) + ")";
      int colon = value.indexOf(':');
      if (colon > 0) {
        String prefix = value.substring(0, colon).toLowerCase(Locale.ROOT);
        for (CloudProvider p : CloudProvider.values()) {
          if (p.key().equals(prefix)) {
            return found(p, value.substring(colon + 1).strip(), where);
          }
        }
        return new Outcome(Optional.empty(), where + ": '" + value.substring(0, colon) + "' is not a cloud; write "
            + "aws:TYPE, gcp:TYPE or azure:TYPE");
      }
      Optional<CloudProvider> cloud = profile.cloud();
      if (cloud.isPresent()) {
        return found(cloud.get(), value, where);
      }
      if (detected != null) {
        return found(detected.provider(), value, where + ", cloud detected from " + detected.evidence());
      }
      return new Outcome(Optional.empty(), where + ": the cloud is neither configured nor detected; write it as "
          + "PROVIDER:TYPE (e.g. aws:" + value + ") or set " + EstimateProfile.CLOUD);
    }
    if (detected != null && detected.provider() == CloudProvider.AWS) {
      Path file = sysRoot.resolve("class/dmi/id/product_name");
      String product = read(file);
      if (AWS_TYPE.matcher(product).matches()) {
        return found(CloudProvider.AWS, product, "DMI " + file + " '" + product + "' (AWS Nitro names the instance"
            + " type there)");
      }
    }
    return new Outcome(Optional.empty(), "");
  }

  private static Outcome found(CloudProvider p, String type, String evidence) {
    if (type.isEmpty()) {
      return new Outcome(Optional.empty(), evidence + ": the instance type is empty");
    }
    return new Outcome(Optional.of(new Resolved(p, type, evidence)), "");
  }

  private static String read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return bytes.length > 128 ? "" : new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
