package dev.ergon.meter.amdsmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.MeterUnavailableException;
import dev.ergon.UnavailableReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmdSmiLibraryLocationTest {

  @TempDir Path root;

  @Test
  void theLinkerThenRocmPathThenOptRocmAreTried() {
    AmdSmiLibraryLocation l = new AmdSmiLibraryLocation(Configuration.empty(),
        Map.of("ROCM_PATH", "/opt/rocm-6.4.1")::get, "Linux", root);
    assertEquals(List.of("libamd_smi.so", "/opt/rocm-6.4.1/lib/libamd_smi.so", "/opt/rocm/lib/libamd_smi.so"),
        l.candidates());
    assertEquals(List.of("libamd_smi.so", "/opt/rocm/lib/libamd_smi.so"),
        new AmdSmiLibraryLocation(Configuration.empty(), Map.<String, String>of()::get, "Linux", root).candidates());
    assertEquals(List.of(),
        new AmdSmiLibraryLocation(Configuration.empty(), Map.<String, String>of()::get, "Windows 11", root)
            .candidates());
  }

  @Test
  void aConfiguredRelativePathIsTheWorkingDirectorysAndAPlainNameIsTheLinkers() {
    Configuration relative = Configuration.of(Map.of(AmdSmiLibraryLocation.KEY, "rocm/lib/libamd_smi.so"));
    assertEquals(List.of(Path.of("").toAbsolutePath().resolve("rocm/lib/libamd_smi.so").toString()),
        new AmdSmiLibraryLocation(relative, Map.<String, String>of()::get, "Linux", root).candidates());
    Configuration name = Configuration.of(Map.of(AmdSmiLibraryLocation.KEY, "libamd_smi.so.25"));
    assertEquals(List.of("libamd_smi.so.25"),
        new AmdSmiLibraryLocation(name, Map.<String, String>of()::get, "Linux", root).candidates());
  }

  @Test
  void withoutRocmTheAnswerComesWithoutLoadingAnything() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.write(root.resolve("etc/ld.so.cache"), new byte[] {1, 2, 3});
    MeterUnavailableException e = assertThrows(MeterUnavailableException.class,
        () -> new AmdSmiLibraryLocation(Configuration.empty(), Map.<String, String>of()::get, "Linux", root).load());
    assertEquals(UnavailableReason.DRIVER_MISSING, e.reason());
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("libamd_smi.so not found in " + root.resolve("etc/ld.so.cache")), message);
    assertTrue(e.remedy().contains("amd-smi-lib"), e.remedy());
  }
}
