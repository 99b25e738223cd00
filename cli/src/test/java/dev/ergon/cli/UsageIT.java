package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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

  @Test
  void anUnknownMeterIsAUsageErrorListingTheMetersFoundAndNothingRuns(@TempDir Path home) {
    Path ran = home.resolve("ran");
    ErgonProcess.Result r = ErgonProcess.in(home).run("measure", "--meter", "foo", "--ledger",
        home.resolve("l.jsonl").toString(), "--", "touch", ran.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--meter foo: no such meter; the meters found are: amdsmi, estimate, nvml, powercap"),
        r.err());
    assertFalse(Files.exists(ran), "the command ran");
    assertFalse(Files.exists(home.resolve("l.jsonl")), "a record was written");
    ErgonProcess.Result meters = ErgonProcess.in(home).run("meters", "--exclude-meter", "rapl");
    assertEquals(2, meters.code(), meters.err());
    assertTrue(meters.err().contains("--exclude-meter rapl: no such meter"), meters.err());
  }

  @Test
  void absurdNumbersAreRefusedWithTheFlagAndTheRange(@TempDir Path home) {
    ErgonProcess p = ErgonProcess.in(home);
    ErgonProcess.Result pue = p.run("measure", "--no-ledger", "--pue", "1e308", "--", "true");
    assertEquals(2, pue.code(), pue.err());
    assertTrue(pue.err().contains("--pue must be a number >= 1 and <= 5"), pue.err());
    ErgonProcess.Result nan = p.run("measure", "--no-ledger", "--pue", "NaN", "--", "true");
    assertEquals(2, nan.code(), nan.err());
    ErgonProcess.Result interval = p.run("measure", "--no-ledger", "--interval", "100000h", "--", "true");
    assertEquals(2, interval.code(), interval.err());
    assertTrue(interval.err().contains("--interval") && interval.err().contains("10ms to 1h"), interval.err());
  }

  @Test
  void anUnwritableLedgerIsReportedOnce(@TempDir Path home) {
    ErgonProcess.Result r = ErgonProcess.in(home).run("measure", "--ledger", "/dev/null", "--", "true");
    String err = r.err();
    int first = err.indexOf("/dev/null");
    assertTrue(first >= 0, err);
    assertEquals(-1, err.indexOf("/dev/null", first + 1), "reported more than once: " + err);
  }
}
