package dev.ergon.ledger.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ergon.Attribution;
import dev.ergon.EnergyRecord;
import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.cells.CellEnergy;
import dev.ergon.accounting.cells.CellKey;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.cells.RecordTally;
import dev.ergon.ledger.RecordJson;
import dev.ergon.ledger.RecordSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates a ledger database into {@link ConsumptionCells} with SQL, as {@link ConsumptionCells#of} aggregates the
 * same records in Java: the plain records ({@code cell_split}, not in a job tree, the common case) are summed per
 * region × UTC hour × host × tags × level by {@code GROUP BY} in the database, from their buckets and the cell
 * columns of schema 3 ({@link dev.ergon.accounting.cells.CellInputs}); the others (job trees, records without
 * buckets or with a bucket across an hour, rows stored before schema 3) are read as records and aggregated in
 * Java; the two parts are merged ({@link ConsumptionCells#plus}), exactly, since no job tree is split between them.
 *
 * <p>All queries run in one read-only, repeatable-read transaction, so appends that land meanwhile are in every
 * part or in none. Stateless apart from the JSON factory; one instance per call.
 */
final class CellQuery {

  /* The plain records: aggregated in SQL. Their complement is aggregated in Java. */
  private static final String PLAIN = "r.cell_split AND r.parent_id IS NULL "
      + "AND NOT EXISTS (SELECT 1 FROM ergon_records k WHERE k.parent_id = r.id)";

  /*
   * Per plain record and hour (the record's columns are functionally dependent on its id): e = Σ bucket µJ, its
   * modelled share, its partial part and a = round_half_up(u × (double) e) (Math.round: floor(x) + 1 when the
   * exact fraction x − floor(x) is at least one half), and whether the record spans several hours.
   */
  private static final String RECORD_HOURS = "SELECT id, cell_region, host, tags, cell_level, hour, e, "
      + "CASE WHEN cell_model_uj > 0 THEN CASE WHEN cell_model_uj = energy_uj THEN e "
      + "ELSE div(2 * e * cell_model_uj + energy_uj, 2 * energy_uj) END ELSE 0 END AS m, "
      + "CASE WHEN cell_whole OR status = 'no_meter' THEN 0 ELSE e END AS part, "
      + "(floor(x) + CASE WHEN x - floor(x) >= 0.5 THEN 1 ELSE 0 END)::numeric AS a, multi "
      + "FROM (SELECT r.id, r.cell_region, r.host, r.tags, r.cell_level, r.cell_model_uj, r.energy_uj, "
      + "r.cell_whole, r.status, date_trunc('hour', b.bucket_start AT TIME ZONE 'UTC') AS hour, "
      + "sum(b.energy_uj::bigint) AS e, r.cell_uncertainty * sum(b.energy_uj::bigint)::float8 AS x, "
      + "r.cell_start_ns / 3600000000000 <> (r.cell_end_ns - 1) / 3600000000000 AS multi "
      + "FROM ergon_buckets b JOIN ergon_records r ON r.id = b.record_id WHERE " + PLAIN + " "
      + "GROUP BY r.id, hour HAVING sum(b.energy_uj::bigint) <> 0) h";

  /*
   * One statement, so that every part sees one snapshot. Rows: 'c' a cell, 'p' the covariance of two hours of the
   * same records (only records with energy in several hours), 'g' a group of records alike in every field the
   * record tally looks at, 'r' one host's run span (overlapping or touching spans joined).
   * Columns: kind, region, host, tags, level, hour, hour2, v1..v4, name, attribution, channels_ref, sample id,
   * no_region, status, whole, start_ns, end_ns.
   */
  static final String AGGREGATE = "WITH rh AS MATERIALIZED (" + RECORD_HOURS + "), "
      + "multi AS MATERIALIZED (SELECT * FROM rh WHERE multi AND a <> 0), "
      + "plain AS MATERIALIZED (SELECT r.id, r.host, r.tags, r.cell_level, r.status, r.cell_whole, "
      + "r.region IS NULL AS no_region, r.name, r.attribution, r.channels_ref, r.units, r.cell_start_ns, "
      + "r.cell_end_ns FROM ergon_records r WHERE " + PLAIN + "), "
      + "spans AS (SELECT host, cell_start_ns AS s, cell_end_ns AS e, max(cell_end_ns) OVER (PARTITION BY host "
      + "ORDER BY cell_start_ns ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS pm "
      + "FROM plain WHERE cell_end_ns > cell_start_ns), "
      + "islands AS (SELECT host, s, e, sum(CASE WHEN pm IS NULL OR s > pm THEN 1 ELSE 0 END) OVER (PARTITION BY "
      + "host ORDER BY s ROWS UNBOUNDED PRECEDING) AS g FROM spans) "
      + "SELECT 'c', cell_region, host, tags::text, cell_level, extract(epoch FROM hour)::bigint, NULL::bigint, "
      + "sum(e), sum(m), sum(part), sum(a * a), NULL, NULL, NULL, NULL, NULL::boolean, NULL, NULL::boolean, "
      + "NULL::bigint, NULL::bigint FROM rh GROUP BY cell_region, host, tags, cell_level, hour "
      + "UNION ALL SELECT 'p', x.cell_region, x.host, x.tags::text, x.cell_level, extract(epoch FROM x.hour)::bigint, "
      + "extract(epoch FROM y.hour)::bigint, sum(x.a * y.a), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
      + "NULL, NULL, NULL FROM multi x JOIN multi y ON y.id = x.id AND y.hour > x.hour "
      + "GROUP BY x.cell_region, x.host, x.tags, x.cell_level, x.hour, y.hour "
      + "UNION ALL SELECT 'g', NULL, host, tags::text, cell_level, NULL, NULL, count(*), sum(units), NULL, NULL, "
      + "name, attribution, channels_ref, min(id), no_region, status, cell_whole, min(cell_start_ns), "
      + "max(cell_end_ns) FROM plain GROUP BY name, host, attribution, channels_ref, tags, no_region, cell_level, "
      + "status, cell_whole "
      + "UNION ALL SELECT 'r', NULL, host, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
      + "NULL, NULL, NULL, min(s), max(e) FROM islands GROUP BY host, g";

  /* The other records, read whole: rows stored before schema 3 or not split in SQL, and job trees. */
  static final String OTHERS = "SELECT r.id, r.line FROM ergon_records r WHERE r.cell_split IS NOT TRUE "
      + "UNION ALL SELECT r.id, r.line FROM ergon_records r WHERE r.cell_split AND r.parent_id IS NOT NULL "
      + "UNION ALL SELECT r.id, r.line FROM ergon_records r WHERE r.cell_split AND r.parent_id IS NULL "
      + "AND r.id IN (SELECT k.parent_id FROM ergon_records k WHERE k.parent_id IS NOT NULL)";

  private final JsonFactory factory = new JsonFactory();
  private final Map<String, Tags> tagsByText = new HashMap<>();

  /**
   * Aggregates the ledger on a connection (its transaction settings are changed and restored by the caller).
   *
   * @param c the connection, auto-commit off
   * @param describe names the database in messages
   * @return the cells of every record in the ledger
   * @throws SQLException if a query fails
   */
  ConsumptionCells aggregate(Connection c, String describe) throws SQLException {
    RecordJson.LineDecoder decoder = new RecordJson().lineDecoder();
    try (Statement s = c.createStatement()) {
      // Hash tables and sorts of a large ledger in memory rather than in temporary files, for this transaction.
      s.execute("SET LOCAL work_mem = '256MB'");
      try (ResultSet rs = s.executeQuery("SELECT entry FROM ergon_channel_sets")) {
        while (rs.next()) {
          decoder.read(rs.getString(1));
        }
      }
    }
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    TallyRows tally = new TallyRows();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(AGGREGATE)) {
        while (rs.next()) {
          switch (rs.getString(1)) {
            case "c" -> b.add(key(rs), new CellEnergy(longOf(rs, 8), longOf(rs, 9), longOf(rs, 10), bigOf(rs, 11)));
            case "p" -> {
              CellKey key = key(rs);
              b.addCovariance(key, new CellKey(key.region(), Instant.ofEpochSecond(rs.getLong(7)), key.host(),
                  key.tags(), key.level()), bigOf(rs, 8));
            }
            case "g" -> tally.add(rs, tagsByText.computeIfAbsent(rs.getString(4), this::tags).asMap().keySet());
            default -> b.addRun(rs.getString(3), instant(rs.getLong(19)), instant(rs.getLong(20)));
          }
        }
      }
    }
    b.addTally(tally.tally(c, decoder, describe));
    List<EnergyRecord> others = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(1000);
      try (ResultSet rs = s.executeQuery(OTHERS)) {
        while (rs.next()) {
          others.add(RecordSets.closeDangling(decode(decoder, rs.getString(1), rs.getString(2), describe)));
        }
      }
    }
    return b.build().plus(ConsumptionCells.of(others));
  }

  /* The record tally of the plain records, summed from the 'g' rows. */
  private static final class TallyRows {
    long given;
    long noMeter;
    long complete;
    long partial;
    long facility;
    long withoutRegion;
    long units;
    long unmeteredUnits;
    @Nullable Instant earliest;
    @Nullable Instant latest;
    final SortedSet<String> names = new TreeSet<>();
    final SortedSet<String> hosts = new TreeSet<>();
    final SortedSet<String> attributions = new TreeSet<>();
    final SortedSet<String> tagKeys = new TreeSet<>();
    final Map<String, String> samples = new HashMap<>(); // channels_ref -> the least record id using it

    void add(ResultSet rs, java.util.Set<String> keys) throws SQLException {
      long n = longOf(rs, 8);
      long u = longOf(rs, 9);
      given = Math.addExact(given, n);
      if (rs.getString(17).equals("no_meter")) {
        noMeter += n;
        unmeteredUnits = Math.addExact(unmeteredUnits, u);
      } else {
        units = Math.addExact(units, u);
        if (rs.getBoolean(18)) {
          complete += n;
        } else {
          partial += n;
        }
      }
      if (rs.getString(5).equals("FACILITY")) {
        facility += n;
      }
      if (rs.getBoolean(16)) {
        withoutRegion += n;
      }
      Instant s = instant(rs.getLong(19));
      Instant e = instant(rs.getLong(20));
      Instant first = earliest;
      Instant last = latest;
      earliest = first == null || s.isBefore(first) ? s : first;
      latest = last == null || e.isAfter(last) ? e : last;
      names.add(rs.getString(12));
      hosts.add(rs.getString(3));
      attributions.add(Attribution.valueOf(rs.getString(13).toUpperCase(Locale.ROOT)).name());
      tagKeys.addAll(keys);
      String ref = rs.getString(14);
      if (ref != null) {
        samples.merge(ref, rs.getString(15), (x, y) -> x.compareTo(y) <= 0 ? x : y);
      }
    }

    RecordTally tally(Connection c, RecordJson.LineDecoder decoder, String describe) throws SQLException {
      // A channel description is the same for every record that refers to it: one record per description names
      // its channels.
      SortedSet<String> channels = new TreeSet<>();
      if (!samples.isEmpty()) {
        List<EnergyRecord> described = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, line FROM ergon_records WHERE id = ANY (?)")) {
          p.setArray(1, c.createArrayOf("text", samples.values().toArray(new String[0])));
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              described.add(decode(decoder, rs.getString(1), rs.getString(2), describe));
            }
          }
        }
        channels.addAll(ConsumptionCells.of(described).tally().channels());
      }
      return new RecordTally(given, 0, 0, given, complete, partial, noMeter, 0, 0, facility, withoutRegion, units,
          unmeteredUnits, earliest, latest, tagKeys, names, hosts, channels, attributions);
    }
  }

  private CellKey key(ResultSet rs) throws SQLException {
    String text = rs.getString(4);
    Tags tags = tagsByText.computeIfAbsent(text, this::tags);
    return new CellKey(rs.getString(2), Instant.ofEpochSecond(rs.getLong(6)), rs.getString(3), tags,
        EnergyLevel.valueOf(rs.getString(5)));
  }

  /* A jsonb object of strings, as the ledger stores tags. */
  private Tags tags(String json) {
    Map<String, String> m = new LinkedHashMap<>();
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("tags column is not a JSON object: " + json);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        p.nextToken();
        m.put(k, p.getText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("tags column is not JSON: " + json, e);
    }
    return Tags.of(m);
  }

  private static EnergyRecord decode(RecordJson.LineDecoder decoder, String id, String line, String describe) {
    EnergyRecord r;
    try {
      r = decoder.read(line);
    } catch (IllegalArgumentException e) {
      throw new dev.ergon.ledger.LedgerException("the ledger database " + describe + " holds a bad line for record "
          + id + ": " + e.getMessage(), e);
    }
    if (r == null) {
      throw new dev.ergon.ledger.LedgerException("the ledger database " + describe + " holds a channel description "
          + "in place of record " + id);
    }
    return r;
  }

  private static long longOf(ResultSet rs, int column) throws SQLException {
    BigDecimal d = rs.getBigDecimal(column);
    return d == null ? 0 : d.longValueExact();
  }

  private static BigInteger bigOf(ResultSet rs, int column) throws SQLException {
    BigDecimal d = rs.getBigDecimal(column);
    return d == null ? BigInteger.ZERO : d.toBigIntegerExact();
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
