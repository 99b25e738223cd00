package dev.ergon.plan.internal;

import dev.ergon.accounting.InvalidDataException;
import dev.ergon.plan.IntensityKind;
import dev.ergon.plan.IntensitySeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rows of one or more files into one series per zone, refusing gaps and overlaps by naming the missing or
 * doubled hours and the lines around them.
 *
 * <p>Rules, per zone, after sorting the rows of every file by start: every row has the same length (the step); a
 * row whose file gives only a start gets the zone's smallest spacing between starts (one hour if it has one row);
 * each row starts where the previous one ended.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one per load.
 */
public final class SeriesAssembler {

  /** How many missing or doubled steps a message lists before it says "and N more". */
  private static final int LISTED = 6;

  private final Map<String, List<IntensityRow>> byZone = new TreeMap<>();

  /** Creates an empty assembler. */
  public SeriesAssembler() {}

  /**
   * Adds a row.
   *
   * @param row the row
   */
  public void add(IntensityRow row) {
    byZone.computeIfAbsent(row.zone(), z -> new ArrayList<>()).add(row);
  }

  /**
   * Checks the rows and builds the series.
   *
   * @return the series by zone
   * @throws InvalidDataException naming the file, line and the missing or doubled hours
   */
  public SortedMap<String, IntensitySeries> build() {
    SortedMap<String, IntensitySeries> out = new TreeMap<>();
    for (Map.Entry<String, List<IntensityRow>> e : byZone.entrySet()) {
      out.put(e.getKey(), series(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static IntensitySeries series(String zone, List<IntensityRow> rows) {
    rows.sort(Comparator.comparingLong(IntensityRow::startSecond));
    long step = stepOf(zone, rows);
    double[] g = new double[rows.size()];
    IntensityKind[] kinds = new IntensityKind[rows.size()];
    Set<String> sources = new LinkedHashSet<>();
    IntensityRow first = rows.get(0);
    for (int i = 0; i < rows.size(); i++) {
      IntensityRow r = rows.get(i);
      if (i > 0) {
        IntensityRow prev = rows.get(i - 1);
        long prevEnd = prev.startSecond() + step;
        if (r.startSecond() < prevEnd) {
          throw new InvalidDataException(r.source(), r.line(), "zone " + zone + ": doubled "
              + steps(r.startSecond(), Math.min(prevEnd, r.startSecond() + step), step) + ": this row overlaps "
              + prev.where() + "; keep one value per step");
        }
        if (r.startSecond() > prevEnd) {
          throw new InvalidDataException(r.source(), r.line(), "zone " + zone + ": missing "
              + steps(prevEnd, r.startSecond(), step) + " between " + prev.where() + " and this row; add them "
              + "(a gap would be read as zero emissions)");
        }
      }
      g[i] = r.gramsPerKwh();
      kinds[i] = r.kind();
      sources.add(r.source());
    }
    return IntensitySeries.of(zone, Instant.ofEpochSecond(first.startSecond()), Duration.ofSeconds(step), g, kinds,
        String.join(", ", sources));
  }

  /* The rows' common length; rows without an end get the smallest spacing of the zone's starts. */
  private static long stepOf(String zone, List<IntensityRow> rows) {
    long step = 0;
    @Nullable IntensityRow stepRow = null;
    long spacing = Long.MAX_VALUE;
    for (int i = 0; i < rows.size(); i++) {
      IntensityRow r = rows.get(i);
      if (i > 0 && r.startSecond() > rows.get(i - 1).startSecond()) {
        spacing = Math.min(spacing, r.startSecond() - rows.get(i - 1).startSecond());
      }
      if (r.endSecond() == IntensityRow.UNKNOWN_END) {
        continue;
      }
      long len = r.endSecond() - r.startSecond();
      if (len <= 0) {
        throw new InvalidDataException(r.source(), r.line(), "zone " + zone + ": the row ends at "
            + Instant.ofEpochSecond(r.endSecond()) + ", not after its start " + Instant.ofEpochSecond(r.startSecond()));
      }
      if (stepRow == null) {
        step = len;
        stepRow = r;
      } else if (len != step) {
        throw new InvalidDataException(r.source(), r.line(), "zone " + zone + ": this row covers "
            + Duration.ofSeconds(len) + " but " + stepRow.where() + " covers " + Duration.ofSeconds(step)
            + "; give one resolution per zone (e.g. all hourly)");
      }
    }
    if (stepRow == null) {
      step = spacing == Long.MAX_VALUE ? 3600 : spacing;
    }
    return step;
  }

  /* "hour 2026-03-01T02:00:00Z" or "3 steps of PT1H: 2026-..., ..." */
  private static String steps(long from, long to, long step) {
    long n = Math.max(1, (to - from + step - 1) / step);
    String unit = step == 3600 ? "hour" : "step of " + Duration.ofSeconds(step);
    StringBuilder b = new StringBuilder();
    b.append(n == 1 ? unit : n + " " + (step == 3600 ? "hours" : "steps of " + Duration.ofSeconds(step)))
        .append(' ');
    for (long k = 0; k < Math.min(n, LISTED); k++) {
      if (k > 0) {
        b.append(", ");
      }
      b.append(Instant.ofEpochSecond(from + k * step));
    }
    if (n > LISTED) {
      b.append(" and ").append(n - LISTED).append(" more up to ").append(Instant.ofEpochSecond(to));
    }
    return b.toString();
  }
}
