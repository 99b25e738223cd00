package dev.ergon.meter.powercap;

import dev.ergon.Configuration;
import dev.ergon.spi.Availability;
import dev.ergon.spi.MeterContext;
import java.nio.file.Path;

/** Run by {@link PermissionTest} in a separate JVM as an unprivileged user: probes a root and prints the answer. */
public final class UnprivilegedProbe {

  private UnprivilegedProbe() {}

  /**
   * Probes the powercap root given as the only argument.
   *
   * @param args the root
   */
  public static void main(String[] args) {
    Availability a = PowercapMeterProvider.builder().root(Path.of(args[0])).build()
        .probe(MeterContext.of(Configuration.empty()));
    System.out.println("available=" + a.available() + " reason=" + a.reason());
    System.out.println(a.detail());
    System.out.println(a.remedy());
  }
}
