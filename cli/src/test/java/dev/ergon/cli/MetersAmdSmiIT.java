package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ergon meters} on the AMD SMI meter, run from the built jar: each reason it cannot measure, with its remedy,
 * and a GPU it can, through the fake libamd_smi.so (a test fixture of ergon-meter-amdsmi, compiled with gcc).
 */
class MetersAmdSmiIT {

  /** Copies the fake into a directory with a control file. */
  private static Path fake(Path dir, String control) throws Exception {
    String built = System.getProperty("ergon.test.fake-amdsmi");
    if (built == null) {
      fail("system property ergon.test.fake-amdsmi is not set: run the tests through Maven");
    }
    Path library = dir.resolve("libamd_smi.so");
    Files.copy(Path.of(built, "full", "libamd_smi.so"), library, StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("fake-amdsmi.control"), control, StandardCharsets.UTF_8);
    return library;
  }

  private static ErgonProcess.Result meters(Path dir, String library) throws Exception {
    ErgonProcess.Result r = ErgonProcess.in(dir).workDir(dir)
        .run("meters", "--amdsmi-library", library, "--exclude-meter", "nvml");
    assertEquals(0, r.code(), r.err());
    return r;
  }

  @Test
  void aMissingLibraryIsDriverMissingWithTheInstallRemedy(@TempDir Path dir) throws Exception {
    ErgonProcess.Result r = meters(dir, "lib/libamd_smi.so");
    assertTrue(r.out().contains("amdsmi: NOT USED (driver_missing)"), r.out() + r.err());
    assertTrue(r.out().contains(dir.resolve("lib/libamd_smi.so") + " does not exist"),
        "the relative path is resolved against the working directory: " + r.out());
    assertTrue(r.out().contains("amd-smi-lib"), r.out());
  }

  @Test
  void noGpuIsNotPresentWithTheRemedy(@TempDir Path dir) throws Exception {
    fake(dir, "gpus = 0\n");
    ErgonProcess.Result r = meters(dir, "./libamd_smi.so"); // relative to the working directory
    assertTrue(r.out().contains("amdsmi: NOT USED (not_present)"), r.out() + r.err());
    assertTrue(r.out().contains("sees no AMD GPU") && r.out().contains("amd-smi list"), r.out());
  }

  @Test
  void aRefusedInitialisationIsPermissionDeniedWithTheGroupsRemedy(@TempDir Path dir) throws Exception {
    Path library = fake(dir, "gpus = 1\nret.amdsmi_init = 10\n");
    ErgonProcess.Result r = meters(dir, library.toString());
    assertTrue(r.out().contains("amdsmi: NOT USED (permission_denied)"), r.out() + r.err());
    assertTrue(r.out().contains("AMDSMI_STATUS_NO_PERM") && r.out().contains("usermod -aG render,video"), r.out());
  }

  @Test
  void anUnloadedDriverIsDriverNotLoaded(@TempDir Path dir) throws Exception {
    Path library = fake(dir, "gpus = 1\nret.amdsmi_init = 34\n");
    ErgonProcess.Result r = meters(dir, library.toString());
    assertTrue(r.out().contains("amdsmi: NOT USED (driver_not_loaded)"), r.out() + r.err());
    assertTrue(r.out().contains("modprobe amdgpu"), r.out());
  }

  @Test
  void aGpuIsInUseWithItsChannel(@TempDir Path dir) throws Exception {
    Path library = fake(dir, "gpus = 1\ngpu.0.uuid = 8dff74a1-0000-1000-80c1-4c5a2f1e0a01\n");
    ErgonProcess.Result r = meters(dir, library.toString());
    assertTrue(r.out().contains("amdsmi: IN USE"), r.out() + r.err());
    assertTrue(r.out().contains("gpu/8dff74a1-0000-1000-80c1-4c5a2f1e0a01"), r.out());
  }
}
