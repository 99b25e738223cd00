package dev.ergon.cli.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Checks, before anything is metered, that the command to measure can be run: a name with a slash must be an
 * executable file; a bare name must be found as an executable file on {@code PATH}, as {@code execvp} would search
 * it. A failure is a {@link CommandFailure} with exit code 127 (not found) or 126 (found, not executable), the codes
 * of {@code env} and {@code nice}.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class CommandResolver {
  private CommandResolver() {}

  /**
   * Finds the program a command names.
   *
   * @param command the command's first word
   * @param path the {@code PATH} value, or {@code null} if unset
   * @param workingDirectory where relative names and empty {@code PATH} entries resolve
   * @return the program's file
   * @throws CommandFailure if it cannot be found or run
   */
  static Path resolve(String command, @Nullable String path, Path workingDirectory) {
    if (command.isEmpty()) {
      throw new CommandFailure("the command to measure is empty; give it after --, e.g. ergon measure -- sleep 1",
          CommandFailure.NOT_FOUND, null);
    }
    try {
      if (command.indexOf('/') >= 0) {
        Path file = workingDirectory.resolve(command).normalize();
        if (!Files.exists(file)) {
          throw new CommandFailure("command not found: " + command + " (no such file " + file + ")",
              CommandFailure.NOT_FOUND, null);
        }
        return checkExecutable(command, file);
      }
      String searched = path == null ? "" : path;
      Path found = null;
      for (String dir : searched.split(File.pathSeparator, -1)) {
        Path candidate = (dir.isEmpty() ? workingDirectory : workingDirectory.resolve(dir)).resolve(command);
        if (Files.isRegularFile(candidate)) {
          if (Files.isExecutable(candidate)) {
            return candidate;
          }
          if (found == null) {
            found = candidate;
          }
        }
      }
      if (found != null) {
        return checkExecutable(command, found);
      }
      throw new CommandFailure("command not found: " + command + " (searched PATH=" + searched
          + "); check the spelling or give its path", CommandFailure.NOT_FOUND, null);
    } catch (InvalidPathException e) {
      throw new CommandFailure("command not found: " + command + " (" + e.getMessage() + ")",
          CommandFailure.NOT_FOUND, e);
    }
  }

  private static Path checkExecutable(String command, Path file) {
    if (Files.isDirectory(file)) {
      throw new CommandFailure("cannot run " + command + ": " + file + " is a directory",
          CommandFailure.CANNOT_EXECUTE, null);
    }
    if (!Files.isExecutable(file)) {
      throw new CommandFailure("cannot run " + command + ": " + file + " is not executable; chmod +x it or run it "
          + "through its interpreter (e.g. -- sh " + command + ")", CommandFailure.CANNOT_EXECUTE, null);
    }
    return file;
  }
}
