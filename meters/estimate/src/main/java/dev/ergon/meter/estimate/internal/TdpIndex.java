package dev.ergon.meter.estimate.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * An index of the shipped {@code cpu_power.csv}, so that looking up one CPU model reads the few lines that can answer
 * for it instead of scanning about 4 900: the scan cost {@code ergon measure} about 40 ms of CPU at start-up (in the
 * interpreter), the index about 1 ms.
 *
 * <p>The index is written at build time ({@code process-classes}: {@link #main}) from the shipped table by the
 * table's own reader ({@link CsvRows}) and word rules ({@link TdpTable#words}), and stored next to it as
 * {@value #FILE}. Each row is listed under the key of an exact match (its words joined by spaces) and under each of
 * its words with a digit, the only keys by which {@link TdpTable#find} reaches a row; so the rows listed under a
 * name's exact key and its words with a digit include every row that can answer for that name, and
 * {@code new TdpTable(rowsFor(n)).find(n)} equals {@code TdpTable.load().find(n)}. A key is stored as its
 * {@link String#hashCode()} (fixed by the Java specification): two keys with one hash list each other's rows, and an
 * extra row changes no answer, since {@code find} reaches a row only by a key the row has.
 *
 * <p>The index records the length and CRC-32 of the table it was made from, and the CRC-32 of its own entries;
 * opening it checks both, so a stale or damaged index fails with an error naming the file and the fix (rebuild the
 * jar), never with other answers.
 *
 * <p>Layout (big-endian): the magic {@code 0x45524754} ("ERGT") and the format version; the table's length and
 * CRC-32; the entry count and the entries' CRC-32; the entries, sorted, each three ints: a key's hash, the line number
 * of a row listed under it, and the byte offset in the table where that line starts.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class TdpIndex {
  /** The index's file name, next to {@value #TABLE}. */
  public static final String FILE = "cpu_power.idx";

  /** The table the index is made from. */
  static final String TABLE = "cpu_power.csv";

  private static final int MAGIC = 0x45524754;
  private static final int VERSION = 2;
  private static final int HEADER = 4 + 4 + 4 + 8 + 4 + 8;
  private static final int ENTRY = 12;
  private static final String FIX = "rebuild the jar (mvn package writes it from " + TABLE + " at process-classes)";

  private final ByteBuffer entries;
  private final int count;
  private final byte[] table;

  private TdpIndex(ByteBuffer entries, int count, byte[] table) {
    this.entries = entries;
    this.count = count;
    this.table = table;
  }

  /**
   * Writes the index of the table found on the class path; run at build time.
   *
   * @param args one argument: the file to write
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: TdpIndex OUTPUT_FILE");
    }
    byte[] table = CsvRows.bytes(TABLE);
    if (table == null) {
      throw new IOException("resource " + TABLE + " is not on the class path");
    }
    Path out = Path.of(args[0]);
    Path dir = out.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.write(out, encode(table));
  }

  /**
   * Opens the index shipped in the jar, or returns {@code null} if the class path has none (classes compiled by an
   * IDE without the build's {@code process-classes} step); the caller then scans the table.
   *
   * @return the index, or {@code null}
   * @throws UncheckedIOException if the index is damaged or was made from another table than the jar's
   */
  static @Nullable TdpIndex shipped() {
    byte[] image = CsvRows.bytes(FILE);
    if (image == null) {
      return null;
    }
    byte[] table = CsvRows.bytes(TABLE);
    if (table == null) {
      throw damaged("the table " + TABLE + " it indexes is missing from the jar");
    }
    return open(image, table);
  }

  /**
   * Makes the index of a table.
   *
   * @param table the table's bytes, UTF-8 CSV as shipped
   * @return the index's bytes
   */
  static byte[] encode(byte[] table) {
    List<Integer> lineStarts = new ArrayList<>();
    lineStarts.add(0);
    for (int i = 0; i < table.length; i++) {
      if (table[i] == '\n') {
        lineStarts.add(i + 1);
      }
    }
    // hash -> line numbers, both ascending: the order rowsFor searches and returns them in
    TreeMap<Integer, TreeSet<Integer>> byHash = new TreeMap<>();
    for (CsvRows.Row row : CsvRows.rows(table)) {
      if (row.fields().size() < 2) {
        continue; // TdpTable skips it: it cannot answer
      }
      int start = lineStarts.get(row.line() - 1);
      if (!CsvRows.split(text(table, start)).equals(row.fields())) {
        throw new IllegalStateException(TABLE + " line " + row.line() + " is not the text the index would point to"
            + " (byte " + start + "): end every line with \\n or \\r\\n, not with a lone \\r");
      }
      for (String key : keys(TdpTable.words(row.fields().get(0).strip()))) {
        byHash.computeIfAbsent(key.hashCode(), k -> new TreeSet<>()).add(row.line());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int n = 0;
    try (DataOutputStream out = new DataOutputStream(body)) {
      for (var e : byHash.entrySet()) {
        for (int line : e.getValue()) {
          out.writeInt(e.getKey());
          out.writeInt(line);
          out.writeInt(lineStarts.get(line - 1));
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    byte[] entries = body.toByteArray();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(table.length);
      out.writeLong(crc(table, 0, table.length));
      out.writeInt(n);
      out.writeLong(crc(entries, 0, entries.length));
      out.write(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Opens an index, checking it against the table it must have been made from.
   *
   * @param image the index's bytes
   * @param table the table's bytes; kept, not copied
   * @return the index
   * @throws UncheckedIOException if the index is damaged or was made from another table
   */
  static TdpIndex open(byte[] image, byte[] table) {
    if (image.length < HEADER) {
      throw damaged("it ends too early (" + image.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(image).asReadOnlyBuffer();
    if (b.getInt(0) != MAGIC) {
      throw damaged("it is not an index of " + TABLE + " (wrong magic number)");
    }
    int version = b.getInt(4);
    if (version != VERSION) {
      throw damaged("it has format version " + version + ", this code reads version " + VERSION);
    }
    int length = b.getInt(8);
    long crc = b.getLong(12);
    long actual = crc(table, 0, table.length);
    if (length != table.length || crc != actual) {
      throw damaged(String.format(Locale.US, "it is stale: it was made from a %s of %d bytes (CRC-32 %08x), the "
          + "jar holds one of %d bytes (CRC-32 %08x)", TABLE, length, crc, table.length, actual));
    }
    int count = b.getInt(20);
    if (count < 0 || (long) count * ENTRY != image.length - HEADER) {
      throw damaged("it declares " + count + " entries in " + (image.length - HEADER) + " bytes");
    }
    if (b.getLong(24) != crc(image, HEADER, image.length - HEADER)) {
      throw damaged("its entries do not match their CRC-32");
    }
    return new TdpIndex(b.slice(HEADER, image.length - HEADER), count, table);
  }

  /**
   * Returns the rows that can answer {@link TdpTable#find} for a CPU model name (and perhaps a few that cannot), in
   * table order.
   *
   * @param modelName the name as {@code /proc/cpuinfo} prints it
   * @return the rows, split into fields, with their line numbers; empty for a name without words
   * @throws UncheckedIOException if an entry points to no line of the table
   */
  List<CsvRows.Row> rowsFor(String modelName) {
    TreeMap<Integer, Integer> lines = new TreeMap<>();
    for (String key : keys(TdpTable.words(modelName))) {
      int hash = key.hashCode();
      for (int i = first(hash); i < count && entries.getInt(i * ENTRY) == hash; i++) {
        lines.put(entries.getInt(i * ENTRY + 4), entries.getInt(i * ENTRY + 8));
      }
    }
    List<CsvRows.Row> out = new ArrayList<>(lines.size());
    for (var e : lines.entrySet()) {
      out.add(new CsvRows.Row(CsvRows.split(line(e.getValue(), e.getKey())), e.getKey()));
    }
    return out;
  }

  /**
   * The keys a row is listed under, or that a name is looked up by: the exact key, then the words with a digit.
   *
   * @param words the normalised words ({@link TdpTable#words})
   * @return the keys, without repeats; empty for no words
   */
  static Set<String> keys(List<String> words) {
    Set<String> keys = new LinkedHashSet<>();
    if (words.isEmpty()) {
      return keys;
    }
    keys.add(String.join(" ", words));
    for (String w : words) {
      if (TdpTable.hasDigit(w)) {
        keys.add(w);
      }
    }
    return keys;
  }

  /** The first entry whose hash is at least {@code hash} (binary search), or {@code count}. */
  private int first(int hash) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.getInt(mid * ENTRY) < hash) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The text of the table's line that starts at a byte offset, without its line break. */
  private String line(int start, int number) {
    if (start < 0 || start >= table.length || (start > 0 && table[start - 1] != '\n')) {
      throw damaged("an entry for line " + number + " points to byte " + start + ", where no line of " + TABLE
          + " starts");
    }
    return text(table, start);
  }

  /** The text of a line that starts at a byte offset, without its line break. */
  private static String text(byte[] table, int start) {
    int end = start;
    while (end < table.length && table[end] != '\n') {
      end++;
    }
    if (end > start && table[end - 1] == '\r') {
      end--;
    }
    return new String(table, start, end - start, StandardCharsets.UTF_8);
  }

  private static long crc(byte[] b, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(b, offset, length);
    return crc.getValue();
  }

  private static UncheckedIOException damaged(String why) {
    return new UncheckedIOException(new IOException("resource /dev/ergon/meter/estimate/" + FILE
        + " of ergon-meter-estimate cannot be used: " + why + "; " + FIX));
  }
}
