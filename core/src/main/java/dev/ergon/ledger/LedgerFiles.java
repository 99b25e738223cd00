package dev.ergon.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/*
 * The file-system rules of a ledger file, in one place: what may be opened (regular files only; a symbolic link
 * only to an empty file or to a ledger), and how new files and directories are made (0600 and 0700: tags and
 * host names are nobody else's business).
 */
final class LedgerFiles {
  private static final byte[] LEDGER_START = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);

  private LedgerFiles() {}

  /**
   * Creates a new file readable and writable by its owner only (0600, less any umask bits).
   *
   * @param file the file, which must not exist
   * @throws IOException if it exists or cannot be created
   */
  static void createPrivateFile(Path file) throws IOException {
    try {
      Files.createFile(file, ownerOnly("rw-------"));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system
    }
  }

  /**
   * Creates a directory and its missing parents, each new one private to its owner (0700).
   *
   * @param dir the directory
   * @throws IOException if it cannot be created
   */
  static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir, ownerOnly("rwx------"));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(dir);
    }
  }

  private static FileAttribute<?> ownerOnly(String perms) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms));
  }

  /**
   * Checks that a path may be opened as a ledger for appending.
   *
   * @param path the ledger path
   * @return true if the file exists
   * @throws LedgerException if it is not a regular file, or a symbolic link to something other than an empty file
   *     or a ledger, naming what it is and the fix
   */
  static boolean checkAppendable(Path path) {
    try {
      BasicFileAttributes own;
      try {
        own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return false;
      }
      if (own.isSymbolicLink()) {
        BasicFileAttributes target;
        try {
          target = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          throw new LedgerException("cannot open ledger " + path + ": it is a symbolic link to a missing file ("
              + Files.readSymbolicLink(path) + "); create the target or point ergon.ledger at a file");
        }
        refuseIrregular(path, target, " (through a symbolic link)");
        if (target.size() > 0 && !looksLikeLedger(path)) {
          throw new LedgerException("cannot open ledger " + path + ": it is a symbolic link to " + path.toRealPath()
              + ", which is not empty and not an Ergon ledger (its first line does not start with {\"schema\":);"
              + " nothing was written to it; point ergon.ledger at a ledger file or a new file");
        }
        return true;
      }
      refuseIrregular(path, own, "");
      return true;
    } catch (IOException e) {
      throw new LedgerException("cannot open ledger " + path + ": " + reason(e)
          + "; check the path and its permissions", e);
    }
  }

  private static void refuseIrregular(Path path, BasicFileAttributes a, String how) {
    if (a.isRegularFile()) {
      return;
    }
    String what = a.isDirectory() ? "a directory" : a.isOther() ? "not a regular file (a FIFO, socket or device)"
        : "not a regular file";
    throw new LedgerException("cannot open ledger " + path + ": it" + how + " is " + what
        + "; a ledger must be a regular file: point ergon.ledger (or --ledger) at a file such as "
        + (a.isDirectory() ? path.resolve("ledger.jsonl") : "ledger.jsonl"));
  }

  /** Tells whether a file starts like a ledger line. Reads at most a few bytes. */
  static boolean looksLikeLedger(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(LEDGER_START.length);
      return Arrays.equals(head, LEDGER_START);
    }
  }

  /**
   * Returns the operating system's reason for an I/O failure, e.g. "No space left on device".
   *
   * @param e the failure
   * @return its reason, or its class and message
   */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getClass().getSimpleName() + ")";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
