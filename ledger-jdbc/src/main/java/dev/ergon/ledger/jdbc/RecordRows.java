package dev.ergon.ledger.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.BucketEnergy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.ledger.RecordJson;
import dev.ergon.accounting.cells.CellInputs;
import dev.ergon.ledger.RecordSets;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of records as rows, idempotently: one transaction, three array-bound statements (channel sets,
 * records, buckets), whatever the batch size.
 *
 * <p>The record upsert keeps the latest state of each job as {@link RecordSets#later} does: a row is replaced
 * only while it is provisional (a checkpoint), by a state of the same job (same name, parent, tags, host, start,
 * attribution) that is final or ends no earlier and differs from it (a copy changes nothing). A final record is never replaced; an older checkpoint never
 * replaces a newer one; a different job under an existing id is ignored (and logged). Buckets are written only for
 * the rows the upsert inserted or replaced ({@code RETURNING}), so they always belong to the stored state. A
 * later state's buckets are a superset (by start) of an earlier state's, so upserting them by
 * {@code (record_id, bucket_start)} leaves no stale bucket.
 *
 * <p>Thread-safe: the cache of channel sets known to be stored is concurrent; each call uses its own connection.
 */
final class RecordRows {
  private static final Logger LOG = LoggerFactory.getLogger(RecordRows.class);

  static final String UPSERT_RECORDS = "INSERT INTO ergon_records AS r (id, parent_id, name, host, region, tags, "
      + "start_at, end_at, units, attribution, status, provisional, energy_uj, channels_ref, line, cell_split, "
      + "cell_region, cell_level, cell_model_uj, cell_uncertainty, cell_whole, cell_start_ns, cell_end_ns) "
      + "SELECT u.id, u.parent_id, u.name, u.host, u.region, u.tags::jsonb, u.start_at::timestamptz, "
      + "u.end_at::timestamptz, u.units, u.attribution, u.status, u.provisional, u.energy_uj, u.channels_ref, u.line, "
      + "u.cell_split, u.cell_region, u.cell_level, u.cell_model_uj, u.cell_uncertainty, u.cell_whole, "
      + "u.cell_start_ns, u.cell_end_ns "
      + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
      + "?::bigint[], ?::text[], ?::text[], ?::boolean[], ?::numeric[], ?::text[], ?::text[], ?::boolean[], "
      + "?::text[], ?::text[], ?::bigint[], ?::float8[], ?::boolean[], ?::bigint[], ?::bigint[]) AS u(id, parent_id, "
      + "name, host, region, tags, start_at, end_at, units, attribution, status, provisional, energy_uj, "
      + "channels_ref, line, cell_split, cell_region, cell_level, cell_model_uj, cell_uncertainty, cell_whole, "
      + "cell_start_ns, cell_end_ns) "
      + "ON CONFLICT (id) DO UPDATE SET region = EXCLUDED.region, end_at = EXCLUDED.end_at, units = EXCLUDED.units, "
      + "status = EXCLUDED.status, provisional = EXCLUDED.provisional, energy_uj = EXCLUDED.energy_uj, "
      + "channels_ref = EXCLUDED.channels_ref, line = EXCLUDED.line, stored_at = now(), "
      + "cell_split = EXCLUDED.cell_split, cell_region = EXCLUDED.cell_region, cell_level = EXCLUDED.cell_level, "
      + "cell_model_uj = EXCLUDED.cell_model_uj, cell_uncertainty = EXCLUDED.cell_uncertainty, "
      + "cell_whole = EXCLUDED.cell_whole, cell_start_ns = EXCLUDED.cell_start_ns, cell_end_ns = EXCLUDED.cell_end_ns "
      + "WHERE r.provisional AND (NOT EXCLUDED.provisional OR EXCLUDED.end_at >= r.end_at) "
      + "AND r.name = EXCLUDED.name AND r.host = EXCLUDED.host AND r.start_at = EXCLUDED.start_at "
      + "AND r.tags = EXCLUDED.tags AND r.parent_id IS NOT DISTINCT FROM EXCLUDED.parent_id "
      + "AND r.attribution = EXCLUDED.attribution AND r.line <> EXCLUDED.line "
      + "RETURNING r.id";

  static final String UPSERT_BUCKETS = "INSERT INTO ergon_buckets AS b (record_id, bucket_start, bucket_end, "
      + "energy_uj) SELECT u.id, u.s::timestamptz, u.e::timestamptz, u.uj "
      + "FROM unnest(?::text[], ?::text[], ?::text[], ?::numeric[]) AS u(id, s, e, uj) "
      + "ON CONFLICT (record_id, bucket_start) DO UPDATE SET bucket_end = EXCLUDED.bucket_end, "
      + "energy_uj = EXCLUDED.energy_uj";

  static final String INSERT_CHANNEL_SETS = "INSERT INTO ergon_channel_sets (digest, entry) "
      + "SELECT * FROM unnest(?::text[], ?::text[]) ON CONFLICT (digest) DO NOTHING";

  private final RecordJson json = new RecordJson();
  private final JsonFactory factory = new JsonFactory();
  private final Set<String> storedRefs = ConcurrentHashMap.newKeySet();

  /**
   * Stores a batch in one transaction on the connection (committed here).
   *
   * @param c a connection; its auto-commit is switched off and back on
   * @param records the records, in any order, ids possibly repeated
   * @return how many rows were inserted or replaced (the rest were older states, copies, or conflicting)
   * @throws SQLException if the transaction fails; it is rolled back and nothing of the batch is stored
   */
  int store(Connection c, List<EnergyRecord> records) throws SQLException {
    TreeMap<String, EnergyRecord> byId = new TreeMap<>(); // sorted: concurrent writers lock rows in one order
    for (EnergyRecord r : records) {
      EnergyRecord prior = byId.get(r.id());
      if (prior == null || prior.equals(r)) {
        byId.put(r.id(), r);
      } else if (RecordSets.sameJob(prior, r)) {
        byId.put(r.id(), RecordSets.later(prior, r));
      } else {
        LOG.warn("record {} ignored: another job ('{}') has the same id in this batch", r.id(), prior.name());
      }
    }
    int n = byId.size();
    String[] ids = new String[n];
    @Nullable String[] parents = new String[n];
    String[] names = new String[n];
    String[] hosts = new String[n];
    @Nullable String[] regions = new String[n];
    String[] tags = new String[n];
    String[] starts = new String[n];
    String[] ends = new String[n];
    Long[] units = new Long[n];
    String[] attributions = new String[n];
    String[] statuses = new String[n];
    Boolean[] provisional = new Boolean[n];
    String[] energies = new String[n];
    @Nullable String[] refs = new String[n];
    String[] lines = new String[n];
    Boolean[] cellSplit = new Boolean[n];
    @Nullable String[] cellRegion = new String[n];
    @Nullable String[] cellLevel = new String[n];
    @Nullable Long[] cellModel = new Long[n];
    @Nullable Double[] cellUncertainty = new Double[n];
    @Nullable Boolean[] cellWhole = new Boolean[n];
    @Nullable Long[] cellStart = new Long[n];
    @Nullable Long[] cellEnd = new Long[n];
    Map<String, String> newRefs = new LinkedHashMap<>();
    int i = 0;
    for (EnergyRecord r : byId.values()) {
      ids[i] = r.id();
      parents[i] = r.parentId();
      names[i] = r.name();
      hosts[i] = r.host();
      regions[i] = r.region();
      tags[i] = tagsJson(r);
      starts[i] = r.start().toString();
      ends[i] = r.end().toString();
      units[i] = r.units();
      attributions[i] = r.attribution().name().toLowerCase(Locale.ROOT);
      statuses[i] = r.status().name().toLowerCase(Locale.ROOT);
      provisional[i] = r.status() == RecordStatus.OPEN
          || (r.status() == RecordStatus.PARTIAL && r.problems().contains(RecordSets.DANGLING));
      energies[i] = r.total().toBigMicrojoules().toString();
      byte[] line = json.toLedgerLine(r);
      lines[i] = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
      CellInputs in = CellInputs.of(r);
      cellSplit[i] = in.splitInSql();
      if (in.splitInSql()) { // else the report aggregates the record from its line
        cellRegion[i] = in.region();
        cellLevel[i] = in.level().name();
        cellModel[i] = in.modelMicrojoules();
        cellUncertainty[i] = in.relativeUncertainty();
        cellWhole[i] = in.whole();
        cellStart[i] = in.startNanos();
        cellEnd[i] = in.endNanos();
      }
      String ref = json.channelsRef(r);
      refs[i] = ref;
      if (ref != null && !storedRefs.contains(ref) && !newRefs.containsKey(ref)) {
        String entry = json.channelEntry(r);
        if (entry != null) {
          newRefs.put(ref, entry);
        }
      }
      i++;
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    int stored = 0;
    try {
      if (!newRefs.isEmpty()) {
        try (PreparedStatement p = c.prepareStatement(INSERT_CHANNEL_SETS)) {
          p.setArray(1, c.createArrayOf("text", newRefs.keySet().toArray(new String[0])));
          p.setArray(2, c.createArrayOf("text", newRefs.values().toArray(new String[0])));
          p.executeUpdate();
        }
      }
      Set<String> written = new HashSet<>();
      try (PreparedStatement p = c.prepareStatement(UPSERT_RECORDS)) {
        int k = 1;
        p.setArray(k++, c.createArrayOf("text", ids));
        p.setArray(k++, c.createArrayOf("text", parents));
        p.setArray(k++, c.createArrayOf("text", names));
        p.setArray(k++, c.createArrayOf("text", hosts));
        p.setArray(k++, c.createArrayOf("text", regions));
        p.setArray(k++, c.createArrayOf("text", tags));
        p.setArray(k++, c.createArrayOf("text", starts));
        p.setArray(k++, c.createArrayOf("text", ends));
        p.setArray(k++, c.createArrayOf("bigint", units));
        p.setArray(k++, c.createArrayOf("text", attributions));
        p.setArray(k++, c.createArrayOf("text", statuses));
        p.setArray(k++, c.createArrayOf("boolean", provisional));
        p.setArray(k++, c.createArrayOf("numeric", energies));
        p.setArray(k++, c.createArrayOf("text", refs));
        p.setArray(k++, c.createArrayOf("text", lines));
        p.setArray(k++, c.createArrayOf("boolean", cellSplit));
        p.setArray(k++, c.createArrayOf("text", cellRegion));
        p.setArray(k++, c.createArrayOf("text", cellLevel));
        p.setArray(k++, c.createArrayOf("bigint", cellModel));
        p.setArray(k++, c.createArrayOf("float8", cellUncertainty));
        p.setArray(k++, c.createArrayOf("boolean", cellWhole));
        p.setArray(k++, c.createArrayOf("bigint", cellStart));
        p.setArray(k, c.createArrayOf("bigint", cellEnd));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            written.add(rs.getString(1));
          }
        }
      }
      stored = written.size();
      List<String> bIds = new ArrayList<>();
      List<String> bStarts = new ArrayList<>();
      List<String> bEnds = new ArrayList<>();
      List<String> bEnergies = new ArrayList<>();
      for (EnergyRecord r : byId.values()) {
        if (!written.contains(r.id())) {
          continue;
        }
        for (BucketEnergy b : r.buckets()) {
          bIds.add(r.id());
          bStarts.add(b.start().toString());
          bEnds.add(b.end().toString());
          bEnergies.add(b.energy().toBigMicrojoules().toString());
        }
      }
      if (!bIds.isEmpty()) {
        try (PreparedStatement p = c.prepareStatement(UPSERT_BUCKETS)) {
          p.setArray(1, array(c, "text", bIds.toArray(new String[0])));
          p.setArray(2, array(c, "text", bStarts.toArray(new String[0])));
          p.setArray(3, array(c, "text", bEnds.toArray(new String[0])));
          p.setArray(4, array(c, "numeric", bEnergies.toArray(new String[0])));
          p.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(auto);
      } catch (SQLException ignored) {
        // the connection is broken; the pool discards it
      }
    }
    storedRefs.addAll(newRefs.keySet());
    return stored;
  }

  private static Array array(Connection c, String type, Object[] values) throws SQLException {
    return c.createArrayOf(type, values);
  }

  /** Tags as a JSON object, keys sorted. */
  private String tagsJson(EnergyRecord r) {
    StringWriter w = new StringWriter(64);
    try (JsonGenerator g = factory.createGenerator(w)) {
      g.writeStartObject();
      for (Map.Entry<String, String> e : r.tags().asMap().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Forgets which channel sets are stored, after the database refused a reference to one (it was replaced). */
  void forgetStoredSets() {
    storedRefs.clear();
  }
}
