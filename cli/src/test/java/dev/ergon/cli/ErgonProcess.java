package dev.ergon.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar, {@code java -jar cli/target/ergon.jar ...}, as a separate process with a clean environment
 * (no {@code ERGON_*} variables, {@code XDG_DATA_HOME} set to a test directory), and collects what it printed.
 */
final class ErgonProcess {

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {}

  private final List<String> prefix = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private Path workDir = Path.of("").toAbsolutePath();

  private ErgonProcess(Path dataHome) {
    env.putAll(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("ERGON_"));
    env.put("XDG_DATA_HOME", dataHome.toString());
  }

  /**
   * Returns a runner whose default ledger lies under {@code dataHome}.
   *
   * @param dataHome the {@code XDG_DATA_HOME} of the run
   * @return the runner
   */
  static ErgonProcess in(Path dataHome) {
    return new ErgonProcess(dataHome);
  }

  /** The runnable jar under test. */
  static Path jar() {
    Path jar = Path.of(System.getProperty("ergon.cli.jar", "target/ergon.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "the runnable jar " + jar + " is built in the package phase");
    return jar;
  }

  /** The java launcher of this JVM. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs the JVM through a command first, e.g. {@code setpriv --reuid=65534 ...}. */
  ErgonProcess through(List<String> command) {
    prefix.addAll(command);
    return this;
  }

  ErgonProcess env(String key, String value) {
    env.put(key, value);
    return this;
  }

  ErgonProcess workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** Returns the full command line for these ergon arguments. */
  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(java());
    cmd.add("-XX:-UsePerfData");
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Starts ergon without waiting for it. */
  Process start(String... args) {
    ProcessBuilder pb = new ProcessBuilder(command(args)).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs ergon to the end (at most 60 s) and returns what it printed. */
  Result run(String... args) {
    Process p = start(args);
    return finish(p, 60);
  }

  /** Waits for a started ergon and collects its output. */
  static Result finish(Process p, int timeoutSeconds) {
    try {
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail("ergon did not finish in " + timeoutSeconds + " s; stderr so far: " + err.getNow("?"));
      }
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
