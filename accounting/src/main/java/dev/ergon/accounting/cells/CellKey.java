package dev.ergon.accounting.cells;

import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and when one cell's energy was consumed, and by whom: region × UTC hour × group (host, tags) × basis (energy
 * level). Cells with equal keys add up.
 *
 * <p>Immutable and thread-safe. Keys sort by region (no region first), hour, host, tags (entry by entry) and level,
 * which is the order every calculation walks cells in.
 *
 * @param region the record's region as normalised by Ergon ({@code DE}, {@code US-CAL-CISO}, {@code aws:eu-west-1}),
 *     or {@code null} when the record names none (the calculator's default region, else {@code WORLD}, applies)
 * @param hour the start of the UTC hour, a whole hour
 * @param host the host the record was measured on (a PUE can be set per host)
 * @param tags the tags of the record whose own energy this is (for a nested record: its own tags)
 * @param level {@link EnergyLevel#IT} (PUE applies) or {@link EnergyLevel#FACILITY} (never multiplied)
 * @since 0.2
 */
public record CellKey(@Nullable String region, Instant hour, String host, Tags tags, EnergyLevel level)
    implements Comparable<CellKey> {

  private static final Comparator<@Nullable String> REGION = Comparator.nullsFirst(Comparator.naturalOrder());

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if {@code hour} is not a whole UTC hour
   */
  public CellKey {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(level, "level");
    if (hour.getNano() != 0 || Math.floorMod(hour.getEpochSecond(), 3600L) != 0) { // truncatedTo(HOURS), no copy
      throw new IllegalArgumentException("cell hour " + hour + " is not the start of a UTC hour; truncate it to the "
          + "hour (e.g. date_trunc('hour', t) in SQL)");
    }
  }

  @Override
  public int compareTo(CellKey o) {
    int c = REGION.compare(region, o.region);
    if (c != 0) {
      return c;
    }
    c = hour.compareTo(o.hour);
    if (c != 0) {
      return c;
    }
    c = host.compareTo(o.host);
    if (c != 0) {
      return c;
    }
    c = compareTags(tags, o.tags);
    return c != 0 ? c : level.compareTo(o.level);
  }

  // Written out rather than generated: a record's generated equals and hashCode bootstrap through
  // java.lang.runtime.ObjectMethods, which spins ~60 method-handle classes on first use (tens of ms of CPU in
  // `ergon measure`'s start-up). Same meaning as the generated ones: every component, in declaration order.
  @Override
  public boolean equals(Object o) {
    return o instanceof CellKey k && Objects.equals(region, k.region) && hour.equals(k.hour) && host.equals(k.host)
        && tags.equals(k.tags) && level == k.level;
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(region);
    h = 31 * h + hour.hashCode();
    h = 31 * h + host.hashCode();
    h = 31 * h + tags.hashCode();
    return 31 * h + level.hashCode();
  }

  /* Entry by entry (keys, then values), a shorter prefix first. */
  static int compareTags(Tags a, Tags b) {
    if (a.equals(b)) {
      return 0;
    }
    Iterator<Map.Entry<String, String>> i = a.asMap().entrySet().iterator();
    Iterator<Map.Entry<String, String>> j = b.asMap().entrySet().iterator();
    while (i.hasNext() && j.hasNext()) {
      Map.Entry<String, String> x = i.next();
      Map.Entry<String, String> y = j.next();
      int c = x.getKey().compareTo(y.getKey());
      if (c != 0) {
        return c;
      }
      c = x.getValue().compareTo(y.getValue());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(i.hasNext(), j.hasNext());
  }
}
