package dev.ergon.ledger;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a child JVM on the test class path. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Path errFile, List<String> jvmArgs, Class<?> main, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire may put the module under test on the module path: give the child both paths as its class path.
    String cp = System.getProperty("java.class.path", "");
    String mp = System.getProperty("jdk.module.path");
    if (mp != null && !mp.isEmpty()) {
      cp = mp + File.pathSeparator + cp;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(errFile.toFile())).start();
  }

  static Process appender(Path ledger, int writer, long count, String sync) throws IOException {
    return start(ledger.resolveSibling("writer" + writer + ".err"), List.of(), LedgerAppender.class,
        ledger.toString(), Integer.toString(writer), Long.toString(count), sync);
  }
}
