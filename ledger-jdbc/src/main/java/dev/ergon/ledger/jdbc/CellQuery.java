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
   * Per record and hour: e = Σ bucket µJ, its modelled share, its partial part and a = round_half_up(u × (double) e)
   * (Math.round: floor(x) + 1 when the exact fraction x − floor(x) is at least one half). Then the cells ('c') and,
   * per pair of a record's hours, the covariance terms ('p').
   */
  static final String CELLS = "WITH plain AS MATERIALIZED ("
      + "SELECT r.id, r.cell_region, r.host, r.tags, r.cell_level, r.status, r.cell_whole, r.cell_model_uj, "
      + "r.energy_uj, r.cell_uncertainty FROM ergon_records r WHERE " + PLAIN + "), "
      + "hourly AS (SELECT b.record_id AS id, floor(extract(epoch FROM b.bucket_start) / 3600)::bigint * 3600 AS hour, "
      + "sum(b.energy_uj) AS e FROM ergon_buckets b JOIN plain p ON p.id = b.record_id GROUP BY 1, 2 "
      + "HAVING sum(b.energy_uj) <> 0), "
      + "rh AS MATERIALIZED (SELECT p.id, p.cell_region, p.host, p.tags, p.cell_level, h.hour, h.e, "
      + "CASE WHEN p.cell_model_uj > 0 THEN CASE WHEN p.cell_model_uj = p.energy_uj THEN h.e "
      + "ELSE div(2 * h.e * p.cell_model_uj + p.energy_uj, 2 * p.energy_uj) END ELSE 0 END AS m, "
      + "CASE WHEN p.cell_whole OR p.status = 'no_meter' THEN 0 ELSE h.e END AS part, "
      + "(floor(v.x) + CASE WHEN v.x - floor(v.x) >= 0.5 THEN 1 ELSE 0 END)::numeric AS a "
      + "FROM plain p JOIN hourly h ON h.id = p.id "
      + "CROSS JOIN LATERAL (SELECT p.cell_uncertainty * h.e::float8 AS x) v) "
      + "SELECT 'c', cell_region, host, tags::text, cell_level, hour, NULL::bigint, sum(e), sum(m), sum(part), "
      + "sum(a * a) FROM rh GROUP BY cell_region, host, tags, cell_level, hour "
      + "UNION ALL "
      + "SELECT 'p', x.cell_region, x.host, x.tags::text, x.cell_level, x.hour, y.hour, NULL, NULL, NULL, "
      + "sum(x.a * y.a) FROM rh x JOIN rh y ON y.id = x.id AND y.hour > x.hour WHERE x.a <> 0 AND y.a <> 0 "
      + "GROUP BY x.cell_region, x.host, x.tags, x.cell_level, x.hour, y.hour";

  static final String TALLY = "SELECT count(*), count(*) FILTER (WHERE r.status = 'no_meter'), "
      + "count(*) FILTER (WHERE r.status <> 'no_meter' AND r.cell_whole), "
      + "count(*) FILTER (WHERE r.status <> 'no_meter' AND NOT r.cell_whole), "
      + "count(*) FILTER (WHERE r.cell_level = 'FACILITY'), count(*) FILTER (WHERE r.region IS NULL), "
      + "coalesce(sum(r.units) FILTER (WHERE r.status <> 'no_meter'), 0), "
      + "coalesce(sum(r.units) FILTER (WHERE r.status = 'no_meter'), 0), min(r.cell_start_ns), max(r.cell_end_ns) "
      + "FROM ergon_records r WHERE " + PLAIN;

  static final String SETS = "SELECT DISTINCT 'n', r.name FROM ergon_records r WHERE " + PLAIN
      + " UNION ALL SELECT DISTINCT 'h', r.host FROM ergon_records r WHERE " + PLAIN
      + " UNION ALL SELECT DISTINCT 'a', r.attribution FROM ergon_records r WHERE " + PLAIN
      + " UNION ALL SELECT DISTINCT 't', jsonb_object_keys(r.tags) FROM ergon_records r WHERE " + PLAIN
      + " UNION ALL SELECT 'c', min(r.id) FROM ergon_records r WHERE " + PLAIN + " AND r.channels_ref IS NOT NULL "
      + "GROUP BY r.channels_ref";

  /* Each host's run spans (the counted records' [start, end)), overlapping or touching spans joined. */
  static final String RUNS = "SELECT host, min(s), max(e) FROM (SELECT host, s, e, "
      + "sum(CASE WHEN pm IS NULL OR s > pm THEN 1 ELSE 0 END) OVER (PARTITION BY host ORDER BY s, e "
      + "ROWS UNBOUNDED PRECEDING) AS g FROM (SELECT r.host, r.cell_start_ns AS s, r.cell_end_ns AS e, "
      + "max(r.cell_end_ns) OVER (PARTITION BY r.host ORDER BY r.cell_start_ns, r.cell_end_ns "
      + "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS pm FROM ergon_records r WHERE " + PLAIN
      + " AND r.cell_end_ns > r.cell_start_ns) a) b GROUP BY host, g";

  static final String OTHERS = "SELECT r.id, r.line FROM ergon_records r WHERE NOT (coalesce(r.cell_split, false) "
      + "AND r.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM ergon_records k WHERE k.parent_id = r.id)) "
      + "ORDER BY r.id";

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
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT entry FROM ergon_channel_sets")) {
      while (rs.next()) {
        decoder.read(rs.getString(1));
      }
    }
    ConsumptionCells.Builder b = ConsumptionCells.builder();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(CELLS)) {
        while (rs.next()) {
          CellKey key = key(rs);
          if (rs.getString(1).equals("c")) {
            b.add(key, new CellEnergy(longOf(rs, 8), longOf(rs, 9), longOf(rs, 10), bigOf(rs, 11)));
          } else {
            CellKey other = new CellKey(key.region(), Instant.ofEpochSecond(rs.getLong(7)), key.host(), key.tags(),
                key.level());
            b.addCovariance(key, other, bigOf(rs, 11));
          }
        }
      }
    }
    b.addTally(tally(c, decoder, describe));
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(RUNS)) {
        while (rs.next()) {
          b.addRun(rs.getString(1), instant(rs.getLong(2)), instant(rs.getLong(3)));
        }
      }
    }
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

  private RecordTally tally(Connection c, RecordJson.LineDecoder decoder, String describe) throws SQLException {
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
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TALLY)) {
      rs.next();
      given = rs.getLong(1);
      noMeter = rs.getLong(2);
      complete = rs.getLong(3);
      partial = rs.getLong(4);
      facility = rs.getLong(5);
      withoutRegion = rs.getLong(6);
      units = rs.getBigDecimal(7).longValueExact();
      unmeteredUnits = rs.getBigDecimal(8).longValueExact();
      long first = rs.getLong(9);
      earliest = rs.wasNull() ? null : instant(first);
      long last = rs.getLong(10);
      latest = rs.wasNull() ? null : instant(last);
    }
    SortedSet<String> names = new TreeSet<>();
    SortedSet<String> hosts = new TreeSet<>();
    SortedSet<String> attributions = new TreeSet<>();
    SortedSet<String> tagKeys = new TreeSet<>();
    List<String> samples = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SETS)) {
      while (rs.next()) {
        String v = rs.getString(2);
        switch (rs.getString(1)) {
          case "n" -> names.add(v);
          case "h" -> hosts.add(v);
          case "a" -> attributions.add(Attribution.valueOf(v.toUpperCase(Locale.ROOT)).name());
          case "t" -> tagKeys.add(v);
          default -> samples.add(v);
        }
      }
    }
    // A channel description is the same for every record that refers to it: one record per description names them.
    SortedSet<String> channels = new TreeSet<>();
    if (!samples.isEmpty()) {
      List<EnergyRecord> described = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT id, line FROM ergon_records WHERE id = ANY (?)")) {
        p.setArray(1, c.createArrayOf("text", samples.toArray(new String[0])));
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
