package dev.ergon;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable, ordered set of key-value labels on a job, such as {@code model=bert-base}.
 *
 * <p>Keys start with a lower-case ASCII letter and continue with lower-case letters, digits, {@code _}, {@code .}
 * or {@code -}, at most 64 characters; they are iterated in sorted order, so records are reproducible. Values are
 * any text up to 1024 characters (control characters included; every output format escapes them).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Tags {

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.\\-]{0,63}");
  private static final int MAX_VALUE = 1024;
  private static final Tags EMPTY = new Tags(new TreeMap<>());

  private final SortedMap<String, String> map;
  /* The map's hash code, worked out on first use (0: not yet; String's idiom, safe without a lock for an int). */
  private int hash;

  private Tags(SortedMap<String, String> map) {
    this.map = Collections.unmodifiableSortedMap(map);
  }

  /**
   * Returns no tags.
   *
   * @return the empty tags
   */
  public static Tags empty() {
    return EMPTY;
  }

  /**
   * Returns tags from alternating keys and values: {@code Tags.of("model", "bert", "version", "1.4")}.
   *
   * @param keysAndValues an even number of strings
   * @return the tags
   * @throws IllegalArgumentException if the count is odd, a key is invalid or repeated, or a value is too long
   */
  public static Tags of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Tags.of needs keys and values in pairs, got " + keysAndValues.length + " strings");
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = keysAndValues[i];
      check(key, keysAndValues[i + 1]);
      if (m.put(key, keysAndValues[i + 1]) != null) {
        throw new IllegalArgumentException("tag key '" + key + "' given twice");
      }
    }
    return m.isEmpty() ? EMPTY : new Tags(m);
  }

  /**
   * Returns tags from a map.
   *
   * @param tags keys to values
   * @return the tags
   * @throws IllegalArgumentException if a key is invalid or a value too long
   */
  public static Tags of(Map<String, String> tags) {
    TreeMap<String, String> m = new TreeMap<>();
    tags.forEach((k, v) -> {
      check(k, v);
      m.put(k, v);
    });
    return m.isEmpty() ? EMPTY : new Tags(m);
  }

  /**
   * Returns a copy with a tag added or replaced.
   *
   * @param key a valid key
   * @param value the value
   * @return the new tags
   * @throws IllegalArgumentException if the key is invalid or the value too long
   */
  public Tags with(String key, String value) {
    check(key, value);
    TreeMap<String, String> m = new TreeMap<>(map);
    m.put(key, value);
    return new Tags(m);
  }

  /**
   * Tells whether a key is valid.
   *
   * @param key the candidate
   * @return true if it can be used as a tag key
   */
  public static boolean isValidKey(String key) {
    return KEY.matcher(key).matches();
  }

  private static void check(String key, String value) {
    Objects.requireNonNull(key, "tag key");
    Objects.requireNonNull(value, () -> "value of tag " + key);
    if (!isValidKey(key)) {
      throw new IllegalArgumentException("invalid tag key '" + key + "': keys start with a-z and continue with "
          + "a-z, 0-9, '_', '.' or '-' (at most 64 characters), e.g. 'model' or 'run.id'");
    }
    if (value.length() > MAX_VALUE) {
      throw new IllegalArgumentException(
          "value of tag '" + key + "' is " + value.length() + " characters; the limit is " + MAX_VALUE);
    }
  }

  /**
   * Returns a tag's value.
   *
   * @param key the key
   * @return the value, if present
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(map.get(key));
  }

  /**
   * Returns the tags as a sorted, unmodifiable map.
   *
   * @return the map
   */
  public SortedMap<String, String> asMap() {
    return map;
  }

  /**
   * Returns the number of tags.
   *
   * @return the size
   */
  public int size() {
    return map.size();
  }

  /**
   * Tells whether there are no tags.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Tags tags && tags.map.equals(map));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = map.hashCode();
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return map.toString();
  }
}
