package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of ergon, run in this JVM: parsing, usage errors, help, version and error reporting. */
class CommandLineTest {

  /** What a run printed and returned. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ErgonCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void eachSubcommandIsRegisteredUnderItsOwnName() {
    for (var e : ErgonCommand.SUBCOMMANDS.entrySet()) {
      picocli.CommandLine.Command c = e.getValue().get().getClass().getAnnotation(picocli.CommandLine.Command.class);
      assertEquals(e.getKey(), c.name());
    }
  }

  @Test
  void aSubcommandBuiltAloneKeepsTheSharedOptionsAndItsFullName() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine alone = ErgonCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
        "measure", "--help");
    assertEquals(java.util.Set.of("measure"), alone.getSubcommands().keySet());
    assertEquals(0, alone.execute("measure", "--help"));
    assertTrue(out.toString().startsWith("Usage: ergon measure "), out.toString());
    assertTrue(out.toString().contains("--version"), out.toString());
    Run all = run("--help");
    assertTrue(all.out().contains("measure") && all.out().contains("report") && all.out().contains("help"),
        all.out());
    Run version = run("measure", "--version");
    assertEquals(0, version.code(), version.err());
    assertTrue(version.out().startsWith("ergon "), version.out());
  }

  @Test
  void versionPrintsTheVersionAndTheJava() {
    Run r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("ergon "), r.out());
    assertTrue(r.out().contains("Java " + System.getProperty("java.version")), r.out());
  }

  @Test
  void helpListsTheCommands() {
    Run r = run("help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("measure"), r.out());
    assertTrue(r.out().contains("meters"), r.out());
  }

  @Test
  void everyHelpTextFormatsWithoutPicocliWarnings() throws Exception {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String[] args : new String[][] {{"--help"}, {"help", "measure"}, {"help", "meters"},
          {"help", "report"}}) {
        assertEquals(0, run(args).code());
      }
    } finally {
      System.setErr(saved);
    }
    String warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    // A bare '%' in a description (e.g. "95 % interval") breaks picocli's formatting: it must be written '%%'.
    assertFalse(warnings.contains("Could not format"), warnings);
  }

  @Test
  void helpOfMeasureListsItsOptions() {
    Run r = run("help", "measure");
    assertEquals(0, r.code(), r.err());
    for (String option : new String[] {"--name", "--tag", "--ledger", "--region", "--pue", "--meter",
        "--exclude-meter", "--attribution", "--powercap-root", "--nvml-library", "--amdsmi-library", "--interval",
        "--json"}) {
      assertTrue(r.out().contains(option), option + " missing from\n" + r.out());
    }
  }

  @Test
  void noCommandIsAUsageError() {
    Run r = run();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("a command is required"), r.err());
  }

  @Test
  void unknownFlagIsAUsageErrorWithAHint() {
    Run r = run("meters", "--jsn");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--jsn"), r.err());
    assertTrue(r.err().contains("Try 'ergon meters --help'"), r.err());
    assertTrue(r.err().contains("--json"), "suggests the right flag: " + r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Run r = run("mesure");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("mesure"), r.err());
  }

  @Test
  void measureWithoutCommandIsAUsageError() {
    Run r = run("measure", "--no-ledger");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("COMMAND"), r.err());
  }

  @Test
  void badIntervalIsAUsageError() {
    Run r = run("measure", "--interval", "fast", "--", "true");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("'fast' is not a duration"), r.err());
    Run zero = run("measure", "--interval", "0s", "--", "true");
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("positive"), zero.err());
    Run tiny = run("measure", "--no-ledger", "--interval", "1ns", "--", "true");
    assertEquals(2, tiny.code(), "a period the sampler would busy-loop at is refused before anything runs");
    assertTrue(tiny.err().contains("--interval 0.000000001s is below 10 ms"), tiny.err());
  }

  @Test
  void pueBelowOneIsAUsageError() {
    Run r = run("measure", "--no-ledger", "--pue", "0.9", "--", "true");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--pue must be a number >= 1"), r.err());
    Run absurd = run("measure", "--no-ledger", "--pue", "12", "--", "true");
    assertEquals(2, absurd.code());
    assertTrue(absurd.err().contains("--pue must be a number >= 1 and <= 5"), absurd.err());
    Run report = run("report", "--ledger", "no-such-ledger.jsonl", "--pue", "12");
    assertEquals(2, report.code());
    assertTrue(report.err().contains("--pue must be a number >= 1 and <= 5"), report.err());
  }

  @Test
  void badTagKeyIsAUsageError() {
    Run r = run("measure", "--no-ledger", "--tag", "Bad Key=x", "--", "true");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("invalid tag key 'Bad Key'"), r.err());
  }

  @Test
  void badAttributionIsAUsageError() {
    Run r = run("measure", "--attribution", "threads", "--", "true");
    assertEquals(2, r.code());
    String lower = r.err().toLowerCase(java.util.Locale.ROOT);
    assertTrue(lower.contains("machine") && lower.contains("process"), r.err());
  }

  @Test
  void commandNotFoundExits127WithOneLine(@TempDir Path dir) {
    Run r = run("measure", "--ledger", dir.resolve("l.jsonl").toString(), "--", "no-such-command-ergon-test");
    assertEquals(127, r.code());
    assertTrue(r.err().startsWith("ergon: command not found: no-such-command-ergon-test"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("at dev.ergon"), "no stack trace: " + r.err());
  }

  @Test
  void unwritableLedgerIsOneLineAndExitCodeOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("file");
    java.nio.file.Files.writeString(file, "x");
    // A ledger below a regular file cannot be created, whoever runs the test.
    Run r = run("measure", "--ledger", file.resolve("ledger.jsonl").toString(), "--", "true");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("ergon: cannot open ledger " + file.resolve("ledger.jsonl")), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void verboseAddsTheStackTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("file");
    java.nio.file.Files.writeString(file, "x");
    Run r = run("measure", "--verbose", "--ledger", file.resolve("ledger.jsonl").toString(), "--", "true");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("at dev.ergon"), r.err());
  }

  @Test
  void optionsAfterTheCommandBelongToIt() {
    // Without "--": "-c" and "exit 5" are the command's, not ergon's.
    Run r = run("measure", "--no-ledger", "--exclude-meter", "powercap,nvml,estimate", "sh", "-c", "exit 5");
    assertEquals(5, r.code(), r.err());
  }

  @Test
  void exitCodeOfTheCommandIsPropagated() {
    Run r = run("measure", "--no-ledger", "--exclude-meter", "powercap,nvml,estimate", "--", "sh", "-c", "exit 42");
    assertEquals(42, r.code(), r.err());
    assertTrue(r.err().contains("exit code 42"), r.err());
  }

  @Test
  void anUnknownRegionIsNamedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran");
    Run option = run("measure", "--no-ledger", "--region", "XX", "--", "touch", marker.toString());
    assertEquals(2, option.code(), option.err());
    assertTrue(option.err().startsWith("ergon: --region: unknown region 'XX'"), option.err());
    String previous = System.getProperty("ergon.region");
    System.setProperty("ergon.region", "XX");
    try {
      Run property = run("measure", "--no-ledger", "--", "touch", marker.toString());
      assertEquals(1, property.code(), property.err());
      assertTrue(property.err().contains("unknown region 'XX'"), property.err());
      assertTrue(property.err().contains("(from system property ergon.region)"), property.err());
    } finally {
      if (previous == null) {
        System.clearProperty("ergon.region");
      } else {
        System.setProperty("ergon.region", previous);
      }
    }
    assertFalse(java.nio.file.Files.exists(marker), "the command never ran");
  }

  @Test
  void aCorruptedLedgerNeverStopsMeasuring(@TempDir Path dir) throws Exception {
    // Appending never reads old lines (issue #12), so a corrupt one is not even looked at; readers name it.
    Path ledger = dir.resolve("ledger.jsonl");
    java.nio.file.Files.writeString(ledger, "{not json}\n");
    Run r = run("measure", "--ledger", ledger.toString(), "--exclude-meter", "powercap,nvml,estimate", "--", "true");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("appended to " + ledger), r.err());
    dev.ergon.ledger.JsonLinesLedger.ReadResult read = dev.ergon.ledger.JsonLinesLedger.readLenient(ledger);
    assertEquals(1, read.records().size());
    assertTrue(read.problems().get(0).startsWith(ledger + ":1:"), read.problems().toString());
  }
}
