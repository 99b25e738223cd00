package dev.ergon.ledger.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.BucketEnergy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.cells.CellInputs;
import dev.ergon.ledger.RecordJson;
import dev.ergon.ledger.RecordSets;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of records as rows, idempotently: one statement per batch, whatever its size, that inserts the
 * new channel sets, upserts the records and upserts the buckets of the records it inserted or replaced; it runs in
 * auto-commit, so it is its own transaction and a batch costs one round trip.
 *
 * <p>The record upsert keeps the latest state of each job as {@link RecordSets#later} does: a row is replaced
 * only while it is provisional (a checkpoint), by a state of the same job (same name, parent, tags, host, start,
 * attribution) that is final or ends no earlier and differs from it (a copy changes nothing). A final record is
 * never replaced; an older checkpoint never replaces a newer one; a different job under an existing id is ignored
 * (and logged). Buckets are written only for the rows the upsert inserted or replaced (joined to its
 * {@code RETURNING}), so they always belong to the stored state. A later state's buckets are a superset (by start)
 * of an earlier state's, so upserting them by {@code (record_id, bucket_start)} leaves no stale bucket.
 *
 * <p>Columns travel as arrays in the driver's binary format (text, bigint and boolean arrays: no quoting, no
 * array-literal parsing in the server); timestamps and µJ values as their exact text, cast per element.
 *
 * <p>Thread-safe: the cache of channel sets known to be stored is concurrent; each call uses the connection it is
 * given.
 */
final class RecordRows {
  private static final Logger LOG = LoggerFactory.getLogger(RecordRows.class);

  /** The upsert of the records: its rows are the ids inserted or replaced. */
  static final String UPSERT_RECORDS = "INSERT INTO ergon_records AS r (id, parent_id, name, host, region, tags, "
      + "start_at, end_at, units, attribution, status, provisional, energy_uj, channels_ref, line, cell_split, "
      + "cell_region, cell_level, cell_model_uj, cell_uncertainty, cell_whole, cell_start_ns, cell_end_ns) "
      + "SELECT u.id, u.parent_id, u.name, u.host, u.region, u.tags::jsonb, u.start_at::timestamptz, "
      + "u.end_at::timestamptz, u.units, u.attribution, u.status, u.provisional, u.energy_uj::numeric, "
      + "u.channels_ref, u.line, u.cell_split, u.cell_region, u.cell_level, u.cell_model_uj, u.cell_uncertainty, "
      + "u.cell_whole, u.cell_start_ns, u.cell_end_ns "
      + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
      + "?::bigint[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::boolean[], "
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

  /**
   * The whole batch in one statement: channel sets (parameters 1-2), records (3-25), the buckets of the records
   * written (26-29); its one row is how many records were inserted or replaced. The data-modifying {@code WITH}
   * parts each run once; the foreign keys are checked at the statement's end, when the sets and records are in.
   */
  static final String STORE = "WITH sets AS (INSERT INTO ergon_channel_sets (digest, entry) "
      + "SELECT * FROM unnest(?::text[], ?::text[]) ON CONFLICT (digest) DO NOTHING), "
      + "written AS (" + UPSERT_RECORDS + "), "
      + "buckets AS (INSERT INTO ergon_buckets AS b (record_id, bucket_start, bucket_end, energy_uj) "
      + "SELECT u.id, u.s::timestamptz, u.e::timestamptz, u.uj::numeric "
      + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, s, e, uj) "
      + "JOIN written w ON w.id = u.id COLLATE \"C\" "
      + "ON CONFLICT (record_id, bucket_start) DO UPDATE SET bucket_end = EXCLUDED.bucket_end, "
      + "energy_uj = EXCLUDED.energy_uj) "
      + "SELECT count(*) FROM written";

  private final RecordJson json = new RecordJson();
  private final JsonFactory factory = new JsonFactory();
  private final Set<String> storedRefs = ConcurrentHashMap.newKeySet();

  /**
   * Keeps one record per id, the latest state of its job ({@link RecordSets#later}); a different job under an id
   * already seen is dropped and logged, as the upsert would ignore it.
   *
   * @param records the records, in any order, ids possibly repeated
   * @return the records by id, in id order (the order rows are locked in, so that concurrent writers never
   *     deadlock)
   */
  static SortedMap<String, EnergyRecord> latest(List<EnergyRecord> records) {
    SortedMap<String, EnergyRecord> byId = new TreeMap<>();
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
    return byId;
  }

  /**
   * Stores a batch as one statement on the connection, in auto-commit: all of it or, if it fails, none of it.
   *
   * @param c a connection; auto-commit is switched on if it was off (and back off after)
   * @param records the records, in any order, ids possibly repeated
   * @return how many rows were inserted or replaced (the rest were older states, copies, or conflicting)
   * @throws SQLException if the statement fails; nothing of the batch is stored then
   */
  int store(Connection c, List<EnergyRecord> records) throws SQLException {
    return storeUnique(c, latest(records).values());
  }

  /**
   * Stores records with distinct ids, in id order, as one statement on the connection, in auto-commit.
   *
   * @param c a connection; auto-commit is switched on if it was off (and back off after)
   * @param unique the records, one per id, sorted by id ({@link #latest})
   * @return how many rows were inserted or replaced
   * @throws SQLException if the statement fails; nothing of the batch is stored then
   */
  int storeUnique(Connection c, Collection<EnergyRecord> unique) throws SQLException {
    int n = unique.size();
    if (n == 0) {
      return 0;
    }
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
    SortedMap<String, String> newRefs = new TreeMap<>(); // sorted: concurrent writers lock sets in one order
    List<String> bIds = new ArrayList<>(2 * n);
    List<String> bStarts = new ArrayList<>(2 * n);
    List<String> bEnds = new ArrayList<>(2 * n);
    List<String> bEnergies = new ArrayList<>(2 * n);
    int i = 0;
    for (EnergyRecord r : unique) {
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
      for (BucketEnergy b : r.buckets()) {
        bIds.add(r.id());
        bStarts.add(b.start().toString());
        bEnds.add(b.end().toString());
        bEnergies.add(b.energy().toBigMicrojoules().toString());
      }
      i++;
    }
    boolean auto = c.getAutoCommit();
    if (!auto) {
      c.setAutoCommit(true);
    }
    int stored;
    try (PreparedStatement p = c.prepareStatement(STORE)) {
      int k = 1;
      // String[], Long[] and Boolean[] go in the driver's binary array format; createArrayOf would send literals
      p.setObject(k++, newRefs.keySet().toArray(new String[0]));
      p.setObject(k++, newRefs.values().toArray(new String[0]));
      p.setObject(k++, ids);
      p.setObject(k++, parents);
      p.setObject(k++, names);
      p.setObject(k++, hosts);
      p.setObject(k++, regions);
      p.setObject(k++, tags);
      p.setObject(k++, starts);
      p.setObject(k++, ends);
      p.setObject(k++, units);
      p.setObject(k++, attributions);
      p.setObject(k++, statuses);
      p.setObject(k++, provisional);
      p.setObject(k++, energies);
      p.setObject(k++, refs);
      p.setObject(k++, lines);
      p.setObject(k++, cellSplit);
      p.setObject(k++, cellRegion);
      p.setObject(k++, cellLevel);
      p.setObject(k++, cellModel);
      p.setObject(k++, cellUncertainty);
      p.setObject(k++, cellWhole);
      p.setObject(k++, cellStart);
      p.setObject(k++, cellEnd);
      p.setObject(k++, bIds.toArray(new String[0]));
      p.setObject(k++, bStarts.toArray(new String[0]));
      p.setObject(k++, bEnds.toArray(new String[0]));
      p.setObject(k, bEnergies.toArray(new String[0]));
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        stored = rs.getInt(1);
      }
    } finally {
      if (!auto) {
        try {
          c.setAutoCommit(false);
        } catch (SQLException ignored) {
          // the connection is broken; the pool discards it
        }
      }
    }
    storedRefs.addAll(newRefs.keySet());
    return stored;
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
