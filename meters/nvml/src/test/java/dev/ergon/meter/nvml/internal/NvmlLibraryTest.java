package dev.ergon.meter.nvml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.meter.nvml.FakeNvml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binding's own helpers: strings from C buffers, first lines of errors, the symbols bound, failed loads. */
class NvmlLibraryTest {

  @TempDir Path dir;

  @Test
  void aCStringEndsAtItsFirstNulOrAtTheBuffersEnd() {
    assertEquals("GPU-1", NvmlLibrary.string("GPU-1\0junk".getBytes(StandardCharsets.UTF_8)));
    assertEquals("no-nul", NvmlLibrary.string("no-nul".getBytes(StandardCharsets.UTF_8)));
    assertEquals("", NvmlLibrary.string(new byte[4]));
    assertEquals("Grün", NvmlLibrary.string("Grün\0".getBytes(StandardCharsets.UTF_8)), "UTF-8");
  }

  @Test
  void aLoadErrorIsCutToItsFirstLineOf300Characters() {
    assertEquals("no reason given", NvmlLibrary.firstLine(null));
    assertEquals("libx.so: cannot open", NvmlLibrary.firstLine("  libx.so: cannot open \nsecond line"));
    String exact = "e".repeat(300);
    assertEquals(exact, NvmlLibrary.firstLine(exact));
    assertEquals(exact + "...", NvmlLibrary.firstLine(exact + "f"));
    assertEquals("", NvmlLibrary.firstLine(""));
  }

  @Test
  void theVersionedSymbolsAreBoundWhereTheDriverHasThemElseTheLegacyOnes() throws Exception {
    NvmlLibrary full = NvmlLibrary.load(FakeNvml.install(dir, FakeNvml.Variant.FULL).library().toString());
    assertEquals(List.of("nvmlInit_v2", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2"),
        full.versionedSymbols());
    assertEquals("nvmlDeviceGetComputeRunningProcesses_v3", full.computeRunningProcessesSymbol());
    Path v1 = Files.createDirectory(dir.resolve("v1"));
    NvmlLibrary old = NvmlLibrary.load(FakeNvml.install(v1, FakeNvml.Variant.V1_ONLY).library().toString());
    assertEquals(List.of("nvmlInit", "nvmlDeviceGetCount", "nvmlDeviceGetHandleByIndex"), old.versionedSymbols());
    assertEquals("", old.computeRunningProcessesSymbol(), "the v1 process list has another layout: not bound");
  }

  @Test
  void aLibraryThatIsNotNvmlGetsTheGeneralRemedy() {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.NOT_NVML);
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> new NvmlLibraryLocation(fake.config(), name -> null, "Linux").load());
    assertEquals(NvmlLibraryLocation.REMEDY, e.remedy());
    assertTrue(e.remedy().startsWith("install the NVIDIA driver"), e.remedy());
  }

  @Test
  void theDefaultLinuxLookupReportsOnlyTheNameTheLinkerCannotFind() throws Exception {
    // The WSL path is absent here and is not worth a message when it was not configured.
    Files.createDirectories(dir.resolve("etc"));
    Files.write(dir.resolve("etc/ld.so.cache"), "ld.so-1.7.0\0".getBytes(StandardCharsets.UTF_8));
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> new NvmlLibraryLocation(Configuration.of(Map.of()), name -> null, "Linux", dir).load());
    String m = String.valueOf(e.getMessage());
    assertTrue(m.startsWith("no NVML library: libnvidia-ml.so.1 not found in "), m);
    assertFalse(m.contains("wsl"), m);
    assertFalse(m.contains(" not found; "), "one failure only: " + m);
  }
}
