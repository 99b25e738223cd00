package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.meter.estimate.CloudProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the estimate meter's facts come from: the DMI files that name a cloud, the JVM, cgroups, shipped tables. */
class EstimateSourcesTest {

  @TempDir Path root;

  private Path dmi(String name, String value) throws IOException {
    Path f = root.resolve("sys/class/dmi/id").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, value + "\n");
    return f;
  }

  private Optional<CloudDetector.Detected> detect() {
    return new CloudDetector(root.resolve("sys")).detect();
  }

  @Test
  void anAmazonBiosIsAws() throws IOException {
    Path bios = dmi("bios_version", "1.0-amazon");
    assertEquals(Optional.of(new CloudDetector.Detected(CloudProvider.AWS, bios + " '1.0-amazon'")), detect());
  }

  @Test
  void googleIsNamedByProductOrElseByVendor() throws IOException {
    Path product = dmi("product_name", "Google Compute Engine");
    assertEquals(Optional.of(new CloudDetector.Detected(CloudProvider.GCP, product + " 'Google Compute Engine'")),
        detect());
    Files.delete(product);
    dmi("sys_vendor", "Google");
    assertEquals(Optional.of(new CloudDetector.Detected(CloudProvider.GCP, product + " 'Google'")), detect(),
        "the product file is named, with the vendor's value when it is empty");
  }

  @Test
  void azureIsNamedByItsChassisAssetTag() throws IOException {
    Path tag = dmi("chassis_asset_tag", "7783-7084-3265-9085-8269-3286-77");
    assertEquals(Optional.of(new CloudDetector.Detected(CloudProvider.AZURE,
        tag + " '7783-7084-3265-9085-8269-3286-77'")), detect());
    Files.writeString(tag, "7783-7084-3265-9085-8269-3286-78\n");
    assertEquals(Optional.empty(), detect(), "another tag is no cloud");
  }

  @Test
  void theJvmsMemoryGaugeReportsThePhysicalMemoryAndAUseWithinIt() {
    JvmMemoryGauge g = JvmMemoryGauge.create();
    assertNotNull(g, "HotSpot reports the physical memory");
    long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    assertEquals(total, g.capacityBytes());
    long used = g.bytesInUse();
    assertTrue(used >= 0 && used <= total, used + " of " + total);
    assertEquals("memory in use = total − free physical memory from the JVM (page cache counted as in use: an upper"
        + " bound)", g.description());
  }

  @Test
  void theCgroupMemoryGaugeKeepsItsCapacityAndNamesItsGroup() throws IOException {
    Path dir = Files.createDirectories(root.resolve("cg/memory/docker/abc"));
    Files.writeString(dir.resolve("memory.usage_in_bytes"), "3000\n");
    Files.writeString(dir.resolve("memory.stat"), "total_inactive_file 1000\n");
    CgroupMemoryGauge g = new CgroupMemoryGauge(Cgroups.detect(root.resolve("proc"), root.resolve("cg")), dir, 8192);
    assertEquals(8192, g.capacityBytes());
    assertEquals(2000, g.bytesInUse(), "3 000 B used less 1 000 B of inactive file cache");
    assertEquals("memory in use = the cgroup's usage minus inactive file cache, from " + dir, g.description());
  }

  @Test
  void theGpuCatalogListsItsModelsForMessages() {
    assertTrue(GpuCatalog.load().names().contains("NVIDIA T4"), GpuCatalog.load().names().toString());
  }

  @Test
  void everyRungSaysWhyItsUncertaintyIsWhatItIs() {
    for (CpuRung r : CpuRung.values()) {
      assertFalse(r.basis().isBlank(), r.name());
    }
  }
}
