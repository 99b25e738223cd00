package dev.ergon.meter.estimate.internal;

import dev.ergon.meter.estimate.CloudProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the cloud a virtual machine runs in from its DMI strings under {@code <sys>/class/dmi/id/}, which are
 * world-readable: {@code sys_vendor} {@code Amazon EC2} (or {@code amazon} in a Xen {@code bios_version}) for AWS,
 * {@code product_name} {@code Google Compute Engine} for Google Cloud, and Azure's fixed {@code chassis_asset_tag}
 * {@code 7783-7084-3265-9085-8269-3286-77}.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class CloudDetector {
  private static final String AZURE_ASSET_TAG = "7783-7084-3265-9085-8269-3286-77";

  /**
   * A recognised cloud.
   *
   * @param provider the cloud
   * @param evidence the file and value that told
   */
  public record Detected(CloudProvider provider, String evidence) {}

  private final Path dmi;

  /**
   * Creates a detector.
   *
   * @param sysRoot the sys file system root, normally {@code /sys}
   */
  public CloudDetector(Path sysRoot) {
    this.dmi = sysRoot.resolve("class/dmi/id");
  }

  /**
   * Recognises the cloud.
   *
   * @return the cloud, or empty when not recognised or DMI is unreadable
   */
  public Optional<Detected> detect() {
    String vendor = read("sys_vendor");
    if (vendor.toLowerCase(Locale.ROOT).contains("amazon ec2")) {
      return found(CloudProvider.AWS, "sys_vendor", vendor);
    }
    String biosVersion = read("bios_version");
    if (biosVersion.toLowerCase(Locale.ROOT).contains("amazon")) {
      return found(CloudProvider.AWS, "bios_version", biosVersion);
    }
    String product = read("product_name");
    if (product.equalsIgnoreCase("Google Compute Engine") || vendor.equalsIgnoreCase("Google")) {
      return found(CloudProvider.GCP, "product_name", product.isEmpty() ? vendor : product);
    }
    String tag = read("chassis_asset_tag");
    if (tag.equals(AZURE_ASSET_TAG)) {
      return found(CloudProvider.AZURE, "chassis_asset_tag", tag);
    }
    return Optional.empty();
  }

  private Optional<Detected> found(CloudProvider p, String file, String value) {
    return Optional.of(new Detected(p, dmi.resolve(file) + " '" + value + "'"));
  }

  private String read(String name) {
    try {
      return Files.readString(dmi.resolve(name), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
