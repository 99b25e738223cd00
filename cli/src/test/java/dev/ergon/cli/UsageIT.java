package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version, help and usage errors of the built jar. */
class UsageIT {

  @Test
  void versionHelpAndUsageErrors(@TempDir Path home) {
    ErgonProcess p = ErgonProcess.in(home);
    ErgonProcess.Result version = p.run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("ergon 0.1.0"), version.out());
    ErgonProcess.Result help = p.run("help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("measure") && help.out().contains("meters"), help.out());
    ErgonProcess.Result bad = p.run("measure", "--no-such-flag", "--", "true");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--no-such-flag"), bad.err());
    assertEquals("", bad.out());
  }
}
