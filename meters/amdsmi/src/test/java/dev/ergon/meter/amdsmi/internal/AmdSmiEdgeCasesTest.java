package dev.ergon.meter.amdsmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.meter.amdsmi.FakeAmdSmi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edges of the AMD SMI meter's helpers: tick conversion at resolutions far below a µJ (the 64- and 128-bit shifts),
 * the power-info layout of an unknown or old release, channel-id numbering, and where the library is looked for.
 */
class AmdSmiEdgeCasesTest {

  @TempDir Path root;

  /** {@code floor(ticks × resolution)}, in exact decimal arithmetic. */
  private static long exactFloor(long ticks, float resolution) {
    return new BigDecimal((double) resolution).multiply(BigDecimal.valueOf(ticks))
        .setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  @Test
  void resolutionsOf2ToTheMinus64AndBelowAreFlooredExactly() {
    long ticks = (1L << 62) - 1; // the largest in the 2^62-tick window these resolutions get
    for (float r : new float[] {Math.scalb(1f, -64), Math.scalb(16_777_215f, -64), Math.scalb(16_777_215f, -70),
        Math.scalb(16_777_215f, -100), Math.scalb(16_777_215f, -128), Float.MIN_VALUE}) {
      TickConverter c = new TickConverter(r);
      assertEquals(exactFloor(ticks, r), c.microjoules(ticks), "resolution " + r);
      assertEquals(exactFloor(5, r), c.microjoules(5), "resolution " + r);
    }
    // By hand: (2^62 - 1) × (2^24 - 1) × 2^-70 is just below 2^16 = 65 536; × 2^-64 just below 2^22.
    assertEquals(65_535, new TickConverter(Math.scalb(16_777_215f, -70)).microjoules(ticks));
    assertEquals((1L << 22) - 1, new TickConverter(Math.scalb(16_777_215f, -64)).microjoules(ticks));
    assertEquals(0, new TickConverter(Math.scalb(16_777_215f, -128)).microjoules(ticks));
    assertEquals(0, new TickConverter(Math.scalb(1f, -64)).microjoules(ticks));
  }

  @Test
  void anUnknownReleaseReadsOnlyTheFirstWordAndOldReleasesTheFirstTwo() {
    Memory m = new Memory(AmdSmiLibrary.STRUCT_BUFFER_SIZE);
    m.clear();
    m.setInt(4, 200); // a zero first word, a power in the second
    assertEquals(OptionalLong.of(0), PowerInfoLayout.forRelease(0).watts(m));
    assertEquals(OptionalLong.of(200), PowerInfoLayout.forRelease(1).watts(m));
    assertEquals(OptionalLong.of(200), PowerInfoLayout.forRelease(24).watts(m));
    assertEquals("amdsmi 24.x layout", PowerInfoLayout.forRelease(24).describe());
    assertEquals("amdsmi 25 layout", PowerInfoLayout.forRelease(25).describe());
    assertEquals("release unknown (amdsmi_get_lib_version failed): socket power read from the first word",
        PowerInfoLayout.forRelease(0).describe());
  }

  @Test
  void duplicateChannelIdsAreNumberedWithin128Characters() {
    Set<String> taken = new HashSet<>();
    String full = "gpu/" + "a".repeat(124);
    assertEquals(full, AmdSmiMeterOpener.uniqueId(full, taken));
    assertEquals(full.substring(0, 126) + "-2", AmdSmiMeterOpener.uniqueId(full, taken));
    assertEquals(full.substring(0, 126) + "-3", AmdSmiMeterOpener.uniqueId(full, taken));
    assertEquals("gpu/X-2", AmdSmiMeterOpener.uniqueId("gpu/X", new HashSet<>(List.of("gpu/x"))));
  }

  private void emptyLinkerCache() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.write(root.resolve("etc/ld.so.cache"), "ld.so-1.7.0\0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void theRocmDirectoriesAreLookedForUnderTheRootAndLoadedFromThere() throws Exception {
    emptyLinkerCache();
    Path lib = Files.createDirectories(root.resolve("opt/rocm-6.4.1/lib"));
    FakeAmdSmi.install(lib, FakeAmdSmi.Variant.FULL);
    AmdSmiLibrary loaded = new AmdSmiLibraryLocation(Configuration.empty(),
        Map.of("ROCM_PATH", "/opt/rocm-6.4.1")::get, "Linux", root).load();
    assertEquals(lib.resolve("libamd_smi.so").toString(), loaded.location());
    Path standard = Files.createDirectories(root.resolve("opt/rocm/lib"));
    FakeAmdSmi.install(standard, FakeAmdSmi.Variant.FULL);
    assertEquals(standard.resolve("libamd_smi.so").toString(), new AmdSmiLibraryLocation(Configuration.empty(),
        Map.<String, String>of()::get, "Linux", root).load().location());
  }

  @Test
  void aRocmLibraryThatIsNotAmdSmiIsNamedWithTheGeneralRemedy() throws Exception {
    emptyLinkerCache();
    Path standard = Files.createDirectories(root.resolve("opt/rocm/lib"));
    FakeAmdSmi.install(standard, FakeAmdSmi.Variant.NOT_AMDSMI);
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> new AmdSmiLibraryLocation(
        Configuration.empty(), Map.<String, String>of()::get, "Linux", root).load());
    String m = String.valueOf(e.getMessage());
    assertTrue(m.startsWith("no AMD SMI library: libamd_smi.so not found in " + root.resolve("etc/ld.so.cache")), m);
    assertTrue(m.contains("; " + standard.resolve("libamd_smi.so") + " is not AMD SMI: it exports no symbol"), m);
    assertEquals(AmdSmiLibraryLocation.REMEDY, e.remedy());
  }

  @Test
  void absentRocmDirectoriesAreSkippedSilently() throws Exception {
    emptyLinkerCache();
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class, () -> new AmdSmiLibraryLocation(
        Configuration.empty(), Map.of("ROCM_PATH", "/opt/rocm-6.4.1")::get, "Linux", root).load());
    String m = String.valueOf(e.getMessage());
    assertEquals("no AMD SMI library: libamd_smi.so not found in " + root.resolve("etc/ld.so.cache")
        + ", LD_LIBRARY_PATH (unset) and the standard library directories; " + AmdSmiLibraryLocation.REMEDY, m);
  }
}
