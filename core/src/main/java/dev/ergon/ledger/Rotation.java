package dev.ergon.ledger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a file ledger starts a new part: never, every UTC month, or when the current part reaches a size.
 *
 * <p>Parts sit beside the configured file and are named after it: for {@code ledger.jsonl}, monthly parts are
 * {@code ledger.2026-05.jsonl} (the UTC month of the append) and size parts {@code ledger.0.jsonl},
 * {@code ledger.1.jsonl}, ... (a writer moves to the next number once the highest part holds at least
 * {@code maxBytes}; a record is never split). Nothing is renamed, so several processes agree on the current part.
 * Read every part with {@link LedgerReader#files(String)} on the directory or a glob.
 *
 * <p>Configured with {@code ergon.ledger.rotate} ({@link #parse}). Immutable and thread-safe.
 *
 * @param kind the kind
 * @param maxBytes for {@link Kind#SIZE}, the size in bytes at which a part is full (positive); 0 otherwise
 * @since 0.2
 */
public record Rotation(Kind kind, long maxBytes) {

  /** One file, never rotated. The default. */
  public static final Rotation NONE = new Rotation(Kind.NONE, 0);

  /** One part per UTC month. */
  public static final Rotation MONTHLY = new Rotation(Kind.MONTHLY, 0);

  /** The allowed forms, for messages. */
  static final String FORMS = "none, monthly or size:<bytes> (e.g. size:1073741824, size:512m, size:1g)";

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final Pattern SIZE = Pattern.compile("size:([0-9]{1,18})([kmg]?)");

  /** How parts are cut. */
  public enum Kind {
    /** Never. */
    NONE,
    /** By UTC month. */
    MONTHLY,
    /** By size. */
    SIZE
  }

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a size rotation has no positive size, or another kind has one
   */
  public Rotation {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.SIZE ? maxBytes <= 0 : maxBytes != 0) {
      throw new IllegalArgumentException("rotation " + kind + " with size " + maxBytes + " bytes");
    }
  }

  /**
   * Returns size rotation.
   *
   * @param maxBytes the size in bytes at which a part is full, positive
   * @return the rotation
   */
  public static Rotation bySize(long maxBytes) {
    return new Rotation(Kind.SIZE, maxBytes);
  }

  /**
   * Parses the configuration form {@code none}, {@code monthly} or {@code size:<bytes>} (with an optional
   * {@code k}, {@code m} or {@code g} suffix, powers of 1024).
   *
   * @param text the text, case-insensitive
   * @return the rotation
   * @throws IllegalArgumentException if malformed, saying the allowed forms
   */
  public static Rotation parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return NONE;
    }
    if (t.equals("monthly")) {
      return MONTHLY;
    }
    Matcher m = SIZE.matcher(t);
    if (m.matches()) {
      int shift = switch (m.group(2)) {
        case "k" -> 10;
        case "m" -> 20;
        case "g" -> 30;
        default -> 0;
      };
      long n = Long.parseLong(m.group(1));
      if (n > 0 && n <= (Long.MAX_VALUE >> shift)) {
        return bySize(n << shift);
      }
    }
    throw new IllegalArgumentException("bad rotation '" + text + "'; expected " + FORMS);
  }

  /**
   * Returns the part to append to now.
   *
   * @param base the configured ledger file
   * @param now the time of the append
   * @param current the part in use, or the base before the first append
   * @param currentSize the size in bytes of {@code current}, or -1 if unknown
   * @return the part
   * @throws IOException if the directory cannot be listed (size rotation)
   */
  Path part(Path base, Instant now, Path current, long currentSize) throws IOException {
    return switch (kind) {
      case NONE -> base;
      case MONTHLY -> sibling(base, MONTH.format(now));
      case SIZE -> {
        if (!current.equals(base) && currentSize >= 0 && currentSize < maxBytes) {
          yield current;
        }
        int highest = highestSizePart(base);
        Path p = sibling(base, Integer.toString(Math.max(highest, 0)));
        if (highest >= 0 && Files.exists(p) && Files.size(p) >= maxBytes) {
          p = sibling(base, Integer.toString(highest + 1));
        }
        yield p;
      }
    };
  }

  private static int highestSizePart(Path base) throws IOException {
    Path dir = base.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return -1;
    }
    String[] se = stemAndExtension(base);
    Pattern p = Pattern.compile(Pattern.quote(se[0]) + "\\.([0-9]{1,9})" + Pattern.quote(se[1]));
    int highest = -1;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path f : s) {
        Matcher m = p.matcher(f.getFileName().toString());
        if (m.matches()) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
      }
    }
    return highest;
  }

  /** Returns {@code stem.label.ext} beside the base file. */
  static Path sibling(Path base, String label) {
    String[] se = stemAndExtension(base);
    return base.resolveSibling(se[0] + "." + label + se[1]);
  }

  private static String[] stemAndExtension(Path base) {
    String name = base.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? new String[] {name.substring(0, dot), name.substring(dot)} : new String[] {name, ""};
  }

  @Override
  public String toString() {
    return kind == Kind.SIZE ? "size:" + maxBytes : kind.name().toLowerCase(Locale.ROOT);
  }
}
