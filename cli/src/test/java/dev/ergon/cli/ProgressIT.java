package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress of a long measure: on stderr at a terminal (a pseudo-terminal from script(1)), never otherwise. */
class ProgressIT {

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Test
  void aTerminalSeesProgressAndAPipeDoesNot(@TempDir Path home) {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) from util-linux gives a terminal");
    ErgonProcess p = ErgonProcess.in(home);
    List<String> quoted = new ArrayList<>();
    for (String part : p.command("measure", "--no-ledger", "--", "sleep", "2.5")) {
      quoted.add(quote(part));
    }
    Process script;
    try {
      script = new ProcessBuilder("/usr/bin/script", "-qfec", String.join(" ", quoted), "/dev/null")
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ErgonProcess.Result atTerminal = ErgonProcess.finish(script, 60);
    assertEquals(0, atTerminal.code(), atTerminal.out() + atTerminal.err());
    assertTrue(atTerminal.out().contains("ergon: 2 s, "), atTerminal.out());
    assertTrue(atTerminal.out().contains(" so far"), atTerminal.out());
    assertTrue(atTerminal.out().contains("\r\033[K"), "the progress line is cleared before the summary");

    ErgonProcess.Result piped = p.run("measure", "--no-ledger", "--", "sleep", "2.5");
    assertEquals(0, piped.code(), piped.err());
    assertFalse(piped.err().contains("so far"), piped.err());
  }
}
