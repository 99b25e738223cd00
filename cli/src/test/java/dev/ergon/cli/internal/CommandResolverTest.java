package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the command to measure before anything is metered, with the exit codes of env and nice. */
class CommandResolverTest {

  private static Path script(Path dir, String name, String mode) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  @Test
  void findsAnExecutableOnPathInOrder(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    script(a, "tool", "rw-r--r--");
    Path inB = script(b, "tool", "rwxr-xr-x");
    assertEquals(inB, CommandResolver.resolve("tool", a + ":" + b, dir));
  }

  @Test
  void notFoundIs127AndNamesThePath(@TempDir Path dir) {
    CommandFailure f = assertThrows(CommandFailure.class, () -> CommandResolver.resolve("nope", "/x:/y", dir));
    assertEquals(127, f.exitCode());
    assertTrue(f.getMessage().contains("command not found: nope (searched PATH=/x:/y)"), f.getMessage());
  }

  @Test
  void unsetPathFindsNothing(@TempDir Path dir) {
    CommandFailure f = assertThrows(CommandFailure.class, () -> CommandResolver.resolve("sh", null, dir));
    assertEquals(127, f.exitCode());
  }

  @Test
  void foundButNotExecutableIs126(@TempDir Path dir) throws Exception {
    script(dir, "plain", "rw-r--r--");
    CommandFailure f = assertThrows(CommandFailure.class, () -> CommandResolver.resolve("plain", dir.toString(), dir));
    assertEquals(126, f.exitCode());
    assertTrue(f.getMessage().contains("is not executable"), f.getMessage());
  }

  @Test
  void aNameWithASlashIsAPath(@TempDir Path dir) throws Exception {
    Path s = script(dir, "run.sh", "rwxr-xr-x");
    assertEquals(s, CommandResolver.resolve("./run.sh", "", dir));
    CommandFailure missing = assertThrows(CommandFailure.class, () -> CommandResolver.resolve("./gone.sh", "", dir));
    assertEquals(127, missing.exitCode());
    CommandFailure directory = assertThrows(CommandFailure.class,
        () -> CommandResolver.resolve(dir.toString(), "", dir));
    assertEquals(126, directory.exitCode());
  }

  @Test
  void anEmptyPathEntryIsTheWorkingDirectory(@TempDir Path dir) throws Exception {
    Path s = script(dir, "here", "rwxr-xr-x");
    assertEquals(s, CommandResolver.resolve("here", "/nonexistent:", dir));
  }
}
