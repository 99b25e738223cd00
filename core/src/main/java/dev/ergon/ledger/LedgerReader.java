package dev.ergon.ledger;

import dev.ergon.EnergyRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ledger files line by line, in constant memory, and merges them by id.
 *
 * <p><b>Total.</b> Any failure in a line (malformed JSON, a number out of range, an id that is not a UUID, a
 * record covering centuries, a bucket outside its record, children's energy above the job's, an unknown
 * schema) is an error of that line, naming {@code file:line} and the field. Strict reading stops at the first
 * one; lenient reading skips it and counts it. A line longer than {@value #MAX_LINE_BYTES} bytes is an error of
 * that line and is skipped without being held in memory. A last line without its newline is a write still in
 * progress or torn by a crash: its record was never acknowledged, so it is skipped and reported, in both modes.
 *
 * <p><b>Memory.</b> {@link #forEach} holds one line at a time (plus the channel descriptions of schema 2, one per
 * distinct meter set). {@link #read} keeps the latest state of each distinct id, as its result must.
 *
 * <p><b>Duplicates.</b> {@link #read} keeps the latest state per id across all files ({@link RecordSets}); a
 * conflicting duplicate (same id, different content, not checkpoints of one job) is an error in strict mode
 * naming both places, and in lenient mode both records are excluded and the conflict is listed. Jobs whose
 * latest state is a checkpoint are closed as partial ({@link RecordSets#closeDangling}).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.2
 */
public final class LedgerReader {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerReader.class);

  /** The longest line read, in bytes (16 MiB: a year of hourly buckets takes under 1 MiB). */
  public static final int MAX_LINE_BYTES = 16 << 20;

  private static final Pattern SIDE_FILE = Pattern.compile(".*\\.(lock|torn-[0-9-]+)$");

  private LedgerReader() {}

  /**
   * Where a record was read.
   *
   * @param file the file
   * @param line the line number, from 1
   */
  public record Location(Path file, long line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /** Receives what a streaming read finds. */
  public interface Visitor {
    /**
     * Receives a record read from a line.
     *
     * @param record the record, exactly as written (checkpoints included)
     * @param where its file and line
     */
    void record(EnergyRecord record, Location where);

    /**
     * Receives a bad line, in lenient mode (and torn last lines in both modes).
     *
     * @param problem {@code file:line: reason}
     */
    default void problem(String problem) {}
  }

  /**
   * Streams the records of one file to a visitor, one line in memory at a time.
   *
   * @param file the ledger file
   * @param strict true to stop at the first bad line, false to skip and report it
   * @param visitor the receiver
   * @return the number of bad lines skipped (0 in strict mode unless the last line is torn)
   * @throws LedgerException in strict mode naming the file, line and field of the first bad line; in both modes
   *     if the file cannot be read
   */
  public static long forEach(Path file, boolean strict, Visitor visitor) {
    RecordJson json = new RecordJson();
    Map<String, List<RecordJson.Description>> descriptions = new HashMap<>();
    long[] bad = {0};
    try (InputStream in = Files.newInputStream(file)) {
      LineSplitter lines = new LineSplitter(in);
      long lineNo = 0;
      while (lines.next()) {
        lineNo++;
        if (lines.blank()) {
          continue;
        }
        Location where = new Location(file, lineNo);
        String error = null;
        Throwable cause = null;
        if (lines.oversized()) {
          error = "line is " + lines.length() + " bytes, longer than the " + MAX_LINE_BYTES + " a record may have";
        } else if (!lines.terminated()) {
          bad[0]++;
          String msg = where + ": last line has no newline (" + lines.length() + " bytes: a write in progress or"
              + " torn by a crash; never acknowledged, so skipped; the next writer sets it aside)";
          LOG.debug("{}", msg);
          visitor.problem(msg);
          continue;
        } else {
          try {
            EnergyRecord r = json.parseLine(lines.buffer(), lines.lengthKept(), descriptions);
            if (r != null) {
              visitor.record(r, where);
            }
          } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException
              | IndexOutOfBoundsException | NullPointerException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            cause = e;
          }
        }
        if (error != null) {
          String msg = where + ": " + error;
          if (strict) {
            throw new LedgerException(msg + "; fix or remove that line, or read leniently (--lenient) to skip it",
                cause);
          }
          bad[0]++;
          visitor.problem(msg);
        }
      }
    } catch (IOException e) {
      throw new LedgerException("cannot read ledger " + file + ": " + LedgerFiles.reason(e)
          + "; check the path (ergon.ledger / --ledger) and permissions", e);
    }
    return bad[0];
  }

  /**
   * Reads files and merges them: the latest state per id, conflicts refused or disclosed, dangling jobs closed as
   * partial.
   *
   * @param files the ledger files, e.g. from {@link #files(String)}
   * @param strict true to fail on the first bad line or conflicting duplicate
   * @return the records sorted by id, and in lenient mode the problems
   * @throws LedgerException in strict mode naming the file(s), line(s) and field; if a file cannot be read
   */
  public static JsonLinesLedger.ReadResult read(Collection<Path> files, boolean strict) {
    Merger merger = new Merger(strict);
    for (Path f : files) {
      forEach(f, strict, merger);
    }
    return merger.result();
  }

  /** Keeps the latest state per id and the conflicts. */
  private static final class Merger implements Visitor {
    private final boolean strict;
    private final TreeMap<String, Slot> byId = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    Merger(boolean strict) {
      this.strict = strict;
    }

    @Override
    public void record(EnergyRecord r, Location where) {
      Slot s = byId.get(r.id());
      if (s == null) {
        byId.put(r.id(), new Slot(r, where));
        return;
      }
      if (s.conflict) {
        problems.add(where + ": record " + r.id() + " excluded too (its id is in conflict, see above)");
        return;
      }
      if (s.record.equals(r)) {
        return;
      }
      if (RecordSets.sameJob(s.record, r)) {
        EnergyRecord keep = RecordSets.later(s.record, r);
        if (!keep.equals(s.record)) {
          s.record = keep;
          s.where = where;
        }
        return;
      }
      String msg = "conflicting duplicate: id " + r.id() + " at " + s.where + " (job '" + s.record.name() + "', "
          + s.record.status().name().toLowerCase(java.util.Locale.ROOT) + ", " + s.record.total() + ") and at "
          + where + " (job '" + r.name() + "', " + r.status().name().toLowerCase(java.util.Locale.ROOT) + ", "
          + r.total() + ") differ and are not checkpoints of one job";
      if (strict) {
        throw new LedgerException(msg + "; remove the wrong one, or read leniently (--lenient) to exclude both");
      }
      problems.add(msg + "; both excluded");
      s.conflict = true;
    }

    @Override
    public void problem(String problem) {
      problems.add(problem);
    }

    JsonLinesLedger.ReadResult result() {
      List<EnergyRecord> out = new ArrayList<>(byId.size());
      for (Slot s : byId.values()) {
        if (!s.conflict) {
          out.add(RecordSets.closeDangling(s.record));
        }
      }
      return new JsonLinesLedger.ReadResult(out, problems);
    }
  }

  private static final class Slot {
    EnergyRecord record;
    Location where;
    boolean conflict;

    Slot(EnergyRecord record, Location where) {
      this.record = record;
      this.where = where;
    }
  }

  /**
   * Resolves a ledger argument to its files: a file is itself; a directory gives its {@code *.jsonl} files
   * (rotated parts included, lock and torn side files excluded); a glob such as {@code /var/ergon/*.jsonl} or
   * {@code ledgers/**.jsonl} gives the matching regular files. Sorted by name.
   *
   * @param spec a path, directory or glob
   * @return the files; a plain path is returned even if it does not exist (reading it names it)
   * @throws LedgerException if a directory cannot be listed, or a glob matches nothing
   */
  public static List<Path> files(String spec) {
    Path p = Path.of(spec);
    if (Files.isDirectory(p)) {
      return list(p, "glob:*.jsonl", false, spec);
    }
    if (!spec.contains("*") && !spec.contains("?") && !spec.contains("[") && !spec.contains("{")) {
      return List.of(p);
    }
    int firstMeta = firstMeta(spec);
    int slash = spec.lastIndexOf('/', firstMeta);
    Path root = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : spec.substring(0, slash));
    String pattern = spec.substring(slash + 1);
    List<Path> out = list(root, "glob:" + pattern, pattern.contains("/") || pattern.contains("**"), spec);
    if (out.isEmpty()) {
      throw new LedgerException("no ledger file matches " + spec + "; check the pattern (quote it so that the "
          + "shell does not expand it)");
    }
    return out;
  }

  /**
   * Returns a rotated ledger's files: the base file if it exists, and its parts ({@code ledger.*.jsonl}).
   *
   * @param base the configured ledger path
   * @return the existing files, sorted by name
   */
  public static List<Path> parts(Path base) {
    Path dir = base.toAbsolutePath().getParent();
    String name = base.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    List<Path> out = new ArrayList<>();
    if (Files.isRegularFile(base)) {
      out.add(base);
    }
    if (dir != null && Files.isDirectory(dir)) {
      for (Path f : list(dir, "glob:" + globQuote(stem) + ".*" + globQuote(ext), false, base.toString())) {
        if (!f.equals(base.toAbsolutePath())) {
          out.add(f);
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static String globQuote(String s) {
    return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
  }

  private static int firstMeta(String spec) {
    int i = 0;
    while (i < spec.length() && "*?[{".indexOf(spec.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private static List<Path> list(Path dir, String glob, boolean deep, String spec) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher(glob);
    List<Path> out = new ArrayList<>();
    try {
      if (deep) {
        try (var s = Files.walk(dir)) {
          s.filter(f -> m.matches(dir.relativize(f)) && ok(f)).forEach(out::add);
        }
      } else {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
          for (Path f : s) {
            if (m.matches(f.getFileName()) && ok(f)) {
              out.add(f);
            }
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new LedgerException("cannot list " + dir + " for ledgers " + spec + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  private static boolean ok(Path f) {
    return Files.isRegularFile(f) && !SIDE_FILE.matcher(f.getFileName().toString()).matches();
  }

  /** Splits a stream into lines without holding more than one line (up to the limit) in memory. */
  private static final class LineSplitter {
    private final InputStream in;
    private final byte[] chunk = new byte[64 << 10];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[4096];
    private int length;
    private long fullLength;
    private boolean terminated;
    private boolean eof;

    LineSplitter(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      length = 0;
      fullLength = 0;
      terminated = false;
      while (true) {
        if (chunkPos == chunkLen) {
          if (eof) {
            return fullLength > 0;
          }
          chunkLen = in.read(chunk);
          chunkPos = 0;
          if (chunkLen <= 0) {
            chunkLen = 0;
            eof = true;
            return fullLength > 0;
          }
        }
        int nl = -1;
        for (int i = chunkPos; i < chunkLen; i++) {
          if (chunk[i] == '\n') {
            nl = i;
            break;
          }
        }
        int end = nl < 0 ? chunkLen : nl;
        take(chunkPos, end - chunkPos);
        chunkPos = nl < 0 ? chunkLen : nl + 1;
        if (nl >= 0) {
          terminated = true;
          return true;
        }
      }
    }

    private void take(int from, int n) {
      fullLength += n;
      if (fullLength > MAX_LINE_BYTES) {
        return; // counted, not kept
      }
      if (length + n > line.length) {
        byte[] bigger = new byte[Math.max(length + n, Math.min(MAX_LINE_BYTES, line.length * 2))];
        System.arraycopy(line, 0, bigger, 0, length);
        line = bigger;
      }
      System.arraycopy(chunk, from, line, length, n);
      length += n;
    }

    boolean oversized() {
      return fullLength > MAX_LINE_BYTES;
    }

    boolean terminated() {
      return terminated;
    }

    long length() {
      return fullLength;
    }

    int lengthKept() {
      return length;
    }

    boolean blank() {
      if (oversized()) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        byte b = line[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }

    byte[] buffer() {
      return line;
    }
  }
}
