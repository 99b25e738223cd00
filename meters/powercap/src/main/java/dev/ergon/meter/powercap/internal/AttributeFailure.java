package dev.ergon.meter.powercap.internal;

import dev.ergon.UnavailableReason;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Classifies a failed attribute read, following SPECS A.6: the read is attempted (file modes are only a hint) and
 * {@link AccessDeniedException} means no permission, {@link NoSuchFileException} means the zone is absent or gone,
 * and any other {@link IOException} (EIO, ENODATA, a malformed value) is an input/output error.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class AttributeFailure {

  private AttributeFailure() {}

  /**
   * Tells whether the operating system refused the read (EACCES, or EPERM from a security module).
   *
   * @param e the failure
   * @return true for a permission failure
   */
  public static boolean isPermission(IOException e) {
    if (e instanceof AccessDeniedException) {
      return true;
    }
    if (e instanceof FileSystemException fse) {
      String reason = fse.getReason();
      return reason != null && reason.toLowerCase(Locale.ROOT).contains("not permitted");
    }
    return false;
  }

  /**
   * Tells whether the file does not exist.
   *
   * @param e the failure
   * @return true if the file or a directory above it is missing
   */
  public static boolean isMissing(IOException e) {
    return e instanceof NoSuchFileException;
  }

  /**
   * Returns the reason for a read that failed while the meter was in use.
   *
   * @param e the failure
   * @return {@link UnavailableReason#PERMISSION_DENIED}, {@link UnavailableReason#DEVICE_LOST} for a vanished zone,
   *     else {@link UnavailableReason#IO_ERROR}
   */
  public static UnavailableReason reasonDuringUse(IOException e) {
    if (isPermission(e)) {
      return UnavailableReason.PERMISSION_DENIED;
    }
    return isMissing(e) ? UnavailableReason.DEVICE_LOST : UnavailableReason.IO_ERROR;
  }

  /**
   * Describes the failure in a few words, without repeating the path.
   *
   * @param e the failure
   * @return e.g. "permission denied", "no such file", "Input/output error"
   */
  public static String describe(IOException e) {
    if (isPermission(e)) {
      return "permission denied";
    }
    if (isMissing(e)) {
      return "no such file";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
