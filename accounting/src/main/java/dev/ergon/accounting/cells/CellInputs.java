package dev.ergon.accounting.cells;

import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.internal.ZoneIds;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The values of one record that a database needs, beside the record's own columns and its buckets, to aggregate it
 * into {@link ConsumptionCells} with SQL ({@code GROUP BY} region × UTC hour × host × tags × level), exactly as
 * {@link ConsumptionCells#of} does in Java. Compute them when the record is stored, in columns of its row.
 *
 * <p>For a record that {@link #splitInSql() can be split in SQL} (the common case), per UTC hour {@code h}:
 * {@code e = Σ bucket µJ} of the buckets starting in {@code h} (hours with {@code e = 0} are left out); the cell's
 * {@code energy} adds {@code e}; {@code modelled} adds {@code e} if {@code modelMicrojoules = total}, else
 * {@code (2·e·M + T) div (2·T)} when {@code M > 0} ({@code T}: the record's total µJ); {@code partial} adds
 * {@code e} unless {@link #whole()} or the record has no meter; {@code variance} adds {@code a²} with
 * {@code a = round_half_up(relativeUncertainty × (double) e)} (Java's {@link Math#round(double)}); and each pair
 * of the record's hours adds {@code a₁·a₂} to their covariance. Records nested in a given record, records with
 * nested records, and records that cannot be split in SQL are aggregated with {@link ConsumptionCells#of} instead
 * and the parts merged with {@link ConsumptionCells#plus}: see {@code accounting/CELLS-API.md}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param splitInSql whether the record's energy per UTC hour is the sum of its buckets by the hour of their start,
 *     even with the bucket times rounded to whole microseconds (as a database's timestamp keeps them): it has
 *     buckets, each inside one UTC hour and within the hours from its start to its end, their and the record's µJ
 *     within a {@code long}, a valid {@code energy.level} tag, a valid region and times within the years
 *     1970-2261 (so its buckets span several hours exactly when its start and its last instant are in different
 *     hours). When false, aggregate the record in Java; the other values are then meaningless
 * @param region the record's region as {@link CellKey#region()} holds it, or null when the record names none
 * @param level the cell basis, {@link EnergyLevel#IT} unless the record is tagged {@code energy.level=facility}
 * @param totalMicrojoules {@code T}, the record's energy in µJ (sum of its channels)
 * @param modelMicrojoules {@code M}, the µJ of its channels measured by {@link Method#MODEL}
 * @param relativeUncertainty the record's total standard uncertainty over its total energy, a plain ratio (0 when
 *     the total is 0), computed exactly as the cells aggregation computes it
 * @param whole whether the record's energy is whole: complete, or failed without a problem
 * @param startNanos the record's start, nanoseconds since the epoch
 * @param endNanos the record's end, nanoseconds since the epoch
 * @since 0.2
 */
public record CellInputs(boolean splitInSql, @Nullable String region, EnergyLevel level, long totalMicrojoules,
    long modelMicrojoules, double relativeUncertainty, boolean whole, long startNanos, long endNanos) {

  private static final long HOUR = 3600;
  private static final CellInputs NOT_IN_SQL = new CellInputs(false, null, EnergyLevel.IT, 0, 0, 0, false, 0, 0);

  /**
   * Computes a record's inputs.
   *
   * @param r the record
   * @return its inputs; {@link #splitInSql()} is false for a record that must be aggregated in Java
   */
  public static CellInputs of(EnergyRecord r) {
    if (r.buckets().isEmpty()) {
      return NOT_IN_SQL;
    }
    EnergyLevel level;
    String region = r.region();
    long start;
    long end;
    try {
      level = EnergyLevel.of(r);
      region = region == null ? null : ZoneIds.normalize(region);
      start = nanos(r.start());
      end = nanos(r.end());
      if (start < 0) {
        return NOT_IN_SQL; // before 1970: SQL's integer division by the hour would truncate the wrong way
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      return NOT_IN_SQL; // ConsumptionCells.of reports it, with the record's id
    }
    long total = 0;
    long model = 0;
    double uncertaintySquares = 0;
    long bucketSum = 0;
    try {
      for (ChannelEnergy c : r.channels()) {
        long e = c.energy().toMicrojoulesExact();
        total = Math.addExact(total, e);
        if (c.method() == Method.MODEL) {
          model += e;
        }
        double u = c.relativeUncertainty() * c.energy().toJoules();
        uncertaintySquares += u * u;
      }
      long firstHour = hourOf(r.start().getEpochSecond());
      Instant last = r.end().isAfter(r.start()) ? r.end().minusNanos(1) : r.start();
      long lastHour = hourOf(last.getEpochSecond());
      for (BucketEnergy b : r.buckets()) {
        bucketSum = Math.addExact(bucketSum, b.energy().toMicrojoulesExact());
        long hour = hourOf(b.start().getEpochSecond());
        if (!insideOneHour(b.start(), b.end()) || hour < firstHour || hour > lastHour) {
          return NOT_IN_SQL;
        }
      }
    } catch (ArithmeticException tooLarge) {
      return NOT_IN_SQL;
    }
    // As r.total().toJoules() and r.totalUncertaintyJoules() compute them (whole joules + µJ / 1e6), bit for bit.
    long wholeJoules = total / 1_000_000;
    double totalJoules = wholeJoules + (int) (total % 1_000_000) / 1e6;
    double relative = total == 0 ? 0 : Math.sqrt(uncertaintySquares) / totalJoules;
    boolean whole = r.status() == RecordStatus.COMPLETE
        || (r.status() == RecordStatus.FAILED && r.problems().isEmpty());
    return new CellInputs(true, region, level, total, model, relative, whole, start, end);
  }

  /**
   * Returns the region as the cells hold it.
   *
   * @return the normalised region, if the record names one
   */
  public Optional<String> normalizedRegion() {
    return Optional.ofNullable(region);
  }

  /*
   * A bucket is split in SQL by the hour of its stored start; that is the hour of all of it when its start and its
   * last nanosecond are in one hour, and stay so with either end rounded to a whole microsecond either way.
   */
  private static boolean insideOneHour(Instant start, Instant end) {
    long hour = hourOf(start.getEpochSecond());
    if (hour != lastHourOf(end.getEpochSecond(), end.getNano())) {
      return false;
    }
    // Rounding moves a start at most into the next second (same hour unless it is the hour's last second and
    // rounds up onto the next hour) and an end into its own or the next second.
    boolean startRoundsUp = start.getNano() > 999_999_000;
    if (startRoundsUp && hourOf(start.getEpochSecond() + 1) != hour) {
      return false;
    }
    long e = end.getEpochSecond();
    int en = end.getNano();
    int eFloor = en / 1000 * 1000;
    int eCeil = en % 1000 == 0 ? en : eFloor + 1000;
    return lastHourOf(e, eFloor) == hour
        && (eCeil < 1_000_000_000 ? lastHourOf(e, eCeil) : lastHourOf(e + 1, 0)) == hour;
  }

  private static long hourOf(long second) {
    return Math.floorDiv(second, HOUR) * HOUR;
  }

  /* The hour of the last nanosecond before the instant. */
  private static long lastHourOf(long second, int nano) {
    long s = nano == 0 ? second - 1 : second;
    return Math.floorDiv(s, HOUR) * HOUR;
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }
}
