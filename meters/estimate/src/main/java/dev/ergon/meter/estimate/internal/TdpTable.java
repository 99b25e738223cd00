package dev.ergon.meter.estimate.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Thermal design power by CPU model name, from CodeCarbon's {@code cpu_power.csv} (MIT), with a matcher from the
 * model names Linux prints to the names in the table.
 *
 * <p>Both sides are normalised the same way: lower case; {@code (R)}, {@code (TM)}, {@code CPU}, {@code Processor}
 * and {@code N-Core} dropped; everything from {@code @} (the clock) dropped; split into words at spaces and commas.
 * Then, like CodeCarbon's matcher (an exact fuzzy ratio of 100, then a token-set ratio of 100):
 *
 * <ol>
 *   <li>an entry whose normalised name equals the CPU's answers;
 *   <li>otherwise, among entries whose words are all words of the CPU's name and include a word with a digit (the
 *       model number), those with the most words answer if they agree on the TDP; entries that disagree make the
 *       match ambiguous, and nothing answers.
 * </ol>
 *
 * <p>Rows whose TDP is not a number (a few upstream rows read {@code 27.29.5}) are skipped.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class TdpTable {
  private static final Set<String> DROPPED = Set.of("cpu", "processor");

  /**
   * A table entry that matched.
   *
   * @param name the entry's name as in the table, e.g. {@code Intel Xeon Platinum 8259CL}
   * @param tdpWatts its TDP, in W per package
   * @param exact true if the names were equal after normalisation; false for a word-subset match
   */
  public record Match(String name, double tdpWatts, boolean exact) {}

  /*
   * One row. Identity equality: each row is one instance, and `find` gathers candidates in a set only so that a row
   * reached through two of its words counts once (two identical rows give the same TDP, so they never make a match
   * ambiguous). Not a record: a record's generated equals and hashCode spin ~60 method-handle classes on first use,
   * tens of ms of CPU in `ergon measure`'s start-up, and value equality is not needed.
   */
  private static final class Entry {
    private final String name;
    private final Set<String> wordSet;
    private final double tdp;

    Entry(String name, Set<String> wordSet, double tdp) {
      this.name = name;
      this.wordSet = wordSet;
      this.tdp = tdp;
    }

    String name() {
      return name;
    }

    Set<String> wordSet() {
      return wordSet;
    }

    double tdp() {
      return tdp;
    }
  }

  private final Map<String, Entry> exact = new HashMap<>();
  private final Map<String, List<Entry>> byModelWord = new HashMap<>();
  private final int size;

  TdpTable(List<CsvRows.Row> rows) {
    int n = 0;
    for (CsvRows.Row row : rows) {
      if (row.fields().size() < 2) {
        continue;
      }
      double tdp;
      try {
        tdp = Double.parseDouble(row.fields().get(1).strip());
      } catch (NumberFormatException e) {
        continue; // malformed upstream value such as "27.29.5": this entry cannot answer
      }
      if (!(tdp > 0) || !Double.isFinite(tdp)) {
        continue;
      }
      String name = row.fields().get(0).strip();
      List<String> words = words(name);
      if (words.isEmpty()) {
        continue;
      }
      Entry e = new Entry(name, Set.copyOf(words), tdp);
      exact.putIfAbsent(String.join(" ", words), e);
      for (String w : new LinkedHashSet<>(words)) {
        if (hasDigit(w)) {
          byModelWord.computeIfAbsent(w, k -> new ArrayList<>()).add(e);
        }
      }
      n++;
    }
    this.size = n;
  }

  /**
   * Loads the shipped {@code cpu_power.csv}.
   *
   * @return the table
   * @throws java.io.UncheckedIOException if the resource is missing
   */
  public static TdpTable load() {
    return new TdpTable(CsvRows.resource("cpu_power.csv"));
  }

  /**
   * Loads only the rows of the shipped {@code cpu_power.csv} that can answer {@link #find} for one CPU model name:
   * {@code forModel(n).find(n)} equals {@code load().find(n)}, at a fraction of the cost (the full table is about
   * 4 900 rows; a lookup needs a handful).
   *
   * <p>The rows come from the table's index ({@link TdpIndex}, written at build time), which lists each row under
   * the only keys {@link #find} reaches it by. Where the class path has no index (classes built without the build's
   * {@code process-classes} step) the table is scanned with a filter on raw lines ({@link #linesFor}).
   *
   * @param modelName the name as {@code /proc/cpuinfo} prints it
   * @return a table holding at least every row that can answer for this name
   * @throws java.io.UncheckedIOException if the resource is missing, or its index is damaged or stale
   */
  public static TdpTable forModel(String modelName) {
    TdpIndex index = TdpIndex.shipped();
    return new TdpTable(index != null ? index.rowsFor(modelName)
        : CsvRows.resource(TdpIndex.TABLE, linesFor(modelName)));
  }

  /**
   * Returns the filter on raw lines that {@link #forModel} scans the table with where there is no index.
   *
   * <p>A row can answer only if all its words are words of the name (an exact match has exactly the name's words;
   * a word-subset match has a word with a digit that is one of the name's). A word of a row is a substring of the
   * row's line in lower case, so a line that contains none of the name's words with a digit (or, when the name has
   * none, not all of its words) cannot answer and is not split. Lines with a quote or a character outside ASCII are
   * always kept, since unquoting or lower-casing could change their text.
   *
   * @param modelName the CPU model name
   * @return the filter: true for a line that may answer for it
   */
  static Predicate<String> linesFor(String modelName) {
    List<String> wanted = words(modelName);
    if (wanted.isEmpty()) {
      return line -> false; // find answers nothing for a name without words
    }
    List<String> digitWords = new ArrayList<>();
    for (String w : wanted) {
      if (hasDigit(w)) {
        digitWords.add(w);
      }
    }
    return line -> mayAnswer(line, wanted, digitWords);
  }

  /**
   * Tells whether a raw line may hold a row that answers for a name with these words (see {@link #forModel}).
   *
   * @param line the raw CSV line
   * @param wanted the name's words, not empty
   * @param digitWords those of them with a digit
   * @return false only if no row on this line can answer
   */
  static boolean mayAnswer(String line, List<String> wanted, List<String> digitWords) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' || c > 0x7e) {
        return true;
      }
    }
    String lower = line.toLowerCase(Locale.ROOT);
    if (digitWords.isEmpty()) {
      for (String w : wanted) {
        if (!lower.contains(w)) {
          return false;
        }
      }
      return true;
    }
    for (String w : digitWords) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the number of usable entries.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * Finds the TDP of a CPU model.
   *
   * @param modelName the name as {@code /proc/cpuinfo} prints it, e.g.
   *     {@code Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz}
   * @return the match, or empty if none or ambiguous
   */
  public Optional<Match> find(String modelName) {
    List<String> words = words(modelName);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    Entry e = exact.get(String.join(" ", words));
    if (e != null) {
      return Optional.of(new Match(e.name(), e.tdp(), true));
    }
    Set<String> have = new HashSet<>(words);
    Set<Entry> candidates = new LinkedHashSet<>();
    for (String w : have) {
      for (Entry c : byModelWord.getOrDefault(w, List.of())) {
        if (have.containsAll(c.wordSet())) {
          candidates.add(c);
        }
      }
    }
    int most = candidates.stream().mapToInt(c -> c.wordSet().size()).max().orElse(0);
    Entry best = null;
    for (Entry c : candidates) {
      if (c.wordSet().size() != most) {
        continue;
      }
      if (best != null && best.tdp() != c.tdp()) {
        return Optional.empty(); // ambiguous: two equally good entries disagree
      }
      best = best == null ? c : best;
    }
    return best == null ? Optional.empty() : Optional.of(new Match(best.name(), best.tdp(), false));
  }

  /**
   * Normalises a CPU name into words.
   *
   * @param name the name
   * @return the words, in order
   */
  static List<String> words(String name) {
    String s = name.toLowerCase(Locale.ROOT)
        .replace("(r)", " ").replace("(tm)", " ").replace("®", " ").replace("™", " ");
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean separator = i == s.length() || s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i));
      if (separator && start >= 0) {
        String w = s.substring(start, i);
        if (!DROPPED.contains(w) && !isCoreCount(w)) {
          out.add(w);
        }
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return out;
  }

  /** Tells whether a word is a core count such as {@code 64-core}. */
  private static boolean isCoreCount(String w) {
    int dash = w.indexOf('-');
    if (dash <= 0 || !w.substring(dash + 1).equals("core")) {
      return false;
    }
    for (int i = 0; i < dash; i++) {
      if (!Character.isDigit(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean hasDigit(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isDigit(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
