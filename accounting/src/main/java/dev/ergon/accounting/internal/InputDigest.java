package dev.ergon.accounting.internal;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.Offset;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 digest of a calculation's inputs, so an auditor can tell whether two reports were computed from the
 * same records, data and options.
 *
 * <p>Canonical form (version 1): UTF-8 lines, each a record type followed by length-prefixed fields
 * ({@code <length>:<text>}), in this order: {@code ergon-input-digest|1|<calculation>}; the options sorted by key;
 * the data sets in precedence order (name, version); the records, de-duplicated and sorted by id (every field,
 * energies in exact µJ, channels and buckets in their order); the instruments and offsets sorted by their own
 * canonical lines. Record order therefore does not change the digest.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class InputDigest {
  private static final Comparator<EnergyRecord> BY_ID = Comparator.comparing(EnergyRecord::id);

  private InputDigest() {}

  /**
   * Computes the digest.
   *
   * @param calculation {@code scope2} or {@code sci}
   * @param options the options as text
   * @param dataSets the data sets, in precedence order
   * @param records the records given
   * @param instruments the instruments given
   * @param offsets the offsets given
   * @return {@code sha256:<hex>}
   */
  public static String of(String calculation, Map<String, String> options, List<DataSet> dataSets,
      Collection<EnergyRecord> records, Collection<Instrument> instruments, Collection<Offset> offsets) {
    MessageDigest md = head(calculation, options, dataSets);
    records(md, records);
    return tail(md, instruments, offsets);
  }

  /**
   * Computes the digest of a calculation from cells: as {@link #of}, with one line {@code cells|<cells digest>} in
   * place of the records.
   *
   * @param calculation {@code scope2} or {@code sci}
   * @param options the options as text
   * @param dataSets the data sets, in precedence order
   * @param cells the cells given
   * @param instruments the instruments given
   * @param offsets the offsets given
   * @return {@code sha256:<hex>}
   */
  public static String ofCells(String calculation, Map<String, String> options, List<DataSet> dataSets,
      ConsumptionCells cells, Collection<Instrument> instruments, Collection<Offset> offsets) {
    MessageDigest md = head(calculation, options, dataSets);
    line(md, "cells", cells.digest());
    return tail(md, instruments, offsets);
  }

  static MessageDigest head(String calculation, Map<String, String> options, List<DataSet> dataSets) {
    MessageDigest md = Digests.sha256();
    line(md, "ergon-input-digest", "1", calculation);
    new TreeMap<>(options).forEach((k, v) -> line(md, "option", k, v));
    for (DataSet d : dataSets) {
      line(md, "dataset", d.name(), d.version());
    }
    return md;
  }

  private static void records(MessageDigest md, Collection<EnergyRecord> records) {
    records(md, records.toArray(new EnergyRecord[0]), () -> false);
  }

  /**
   * Feeds the records' lines to a digest, as {@link #of} does.
   *
   * @param md the digest, after the head lines
   * @param records the records; this array is sorted by id in place
   * @param abandoned polled every few thousand records; when true, the work stops with a
   *     {@link CancellationException}
   */
  static void records(MessageDigest md, EnergyRecord[] records, BooleanSupplier abandoned) {
    sort(records);
    RecordLineWriter lines = new RecordLineWriter(new CanonicalFieldWriter(md));
    for (int k = 0; k < records.length; k++) {
      if ((k & 4095) == 0 && abandoned.getAsBoolean()) {
        throw new CancellationException("input digest abandoned: the calculation ended without it");
      }
      if (!repeatsPrevious(records, k)) {
        lines.write(records[k]);
      }
    }
    lines.flush();
  }

  /**
   * Sorts records by id in place, for {@link #records} and {@link RecordLineChunks}: a stable sort, linear on a
   * ledger already in id order (ids are time-ordered UUIDs). Adjacent repeats are then skipped
   * ({@link #repeatsPrevious}), keeping the first of each id: the same order and records a sorted map would give.
   *
   * @param records the records
   */
  static void sort(EnergyRecord[] records) {
    Arrays.sort(records, BY_ID);
  }

  /**
   * Tells whether a record of sorted records has the id of the one before it (a repeat, not digested).
   *
   * @param sorted records sorted by {@link #sort}
   * @param k an index
   * @return true to skip the record
   */
  static boolean repeatsPrevious(EnergyRecord[] sorted, int k) {
    return k > 0 && sorted[k].id().equals(sorted[k - 1].id());
  }

  static String tail(MessageDigest md, Collection<Instrument> instruments, Collection<Offset> offsets) {
    List<String> lines = new ArrayList<>();
    for (Instrument i : instruments) {
      StringBuilder sb = new StringBuilder();
      append(sb, "instrument", i.id(), i.type().name(), i.market(), i.generationStart().toString(),
          i.generationEnd().toString(), i.volume() == null ? "" : micro(i.volume()),
          i.emissionRate() == null ? "" : Double.toString(i.emissionRate().toGramsPerKilowattHour()),
          i.technology(), Boolean.toString(i.retired()), text(i.retiredFor()), i.facility());
      for (Map.Entry<Instant, Energy> h : i.hourlyGeneration().entrySet()) {
        append(sb, "hour", h.getKey().toString(), micro(h.getValue()));
      }
      lines.add(sb.toString());
    }
    for (Offset o : offsets) {
      StringBuilder sb = new StringBuilder();
      append(sb, "offset", o.id(), Double.toString(o.quantity().toGrams()), o.registry(), o.project(), o.type(),
          Integer.toString(o.vintage()), text(o.retiredFor()));
      lines.add(sb.toString());
    }
    lines.sort(null);
    for (String l : lines) {
      md.update((l + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  private static String micro(@Nullable Energy e) {
    return e == null ? "" : e.toBigMicrojoules().toString();
  }

  private static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static void line(MessageDigest md, String... fields) {
    StringBuilder sb = new StringBuilder();
    append(sb, fields);
    sb.append('\n');
    md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void append(StringBuilder sb, String... fields) {
    for (String f : fields) {
      sb.append(f.length()).append(':').append(f).append('|');
    }
  }
}
