package dev.ergon.accounting.factors;

import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.internal.BundledData;
import dev.ergon.accounting.internal.CsvTable;
import dev.ergon.accounting.internal.ZoneIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The grid zone that serves each cloud region, so that a record tagged with a cloud region gets the factors of
 * the grid it draws from.
 *
 * <p>The bundled mapping ({@link #bundled()}) covers the AWS, Google Cloud and Azure regions named in Cloud Carbon
 * Footprint's data and a few newer ones; each row says why its zone was chosen. Users load their own mapping
 * ({@link #load(Path)}) to add regions or correct a zone; it takes precedence. A mapping file is CSV with the
 * columns:
 *
 * <table>
 *   <caption>Cloud-region mapping columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>{@code provider}</td><td>yes</td><td>{@code aws}, {@code gcp}, {@code azure} or another lower-case
 *     name</td></tr>
 *   <tr><td>{@code region}</td><td>yes</td><td>the provider's region id, e.g. {@code eu-west-1}</td></tr>
 *   <tr><td>{@code zone}</td><td>yes</td><td>the grid zone, e.g. {@code IE} or {@code US-MIDA-PJM}</td></tr>
 *   <tr><td>{@code location}</td><td>no</td><td>the published location</td></tr>
 *   <tr><td>{@code basis}</td><td>no</td><td>why this zone</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CloudRegions {

  private static final String BUNDLED = "cloud-regions.csv";

  private final Map<String, CloudRegion> byRegion;
  private final List<DataSet> dataSets;

  private CloudRegions(Map<String, CloudRegion> byRegion, List<DataSet> dataSets) {
    this.byRegion = Map.copyOf(byRegion);
    this.dataSets = List.copyOf(dataSets);
  }

  /**
   * Returns no mapping.
   *
   * @return an empty mapping
   */
  public static CloudRegions empty() {
    return new CloudRegions(Map.of(), List.of());
  }

  /**
   * Returns the mapping bundled with Ergon (AWS, Google Cloud, Azure), read from the jar on each call.
   *
   * @return the bundled mapping
   */
  public static CloudRegions bundled() {
    CsvTable table = CsvTable.parse(BundledData.sourceName(BUNDLED), BundledData.read(BUNDLED),
        Set.of("provider", "region", "zone"), Set.of("location", "basis"));
    DataSet ds = new DataSet("ergon-cloud-regions", "sha256:" + table.sha256(),
        "Cloud region to grid zone mapping for AWS, Google Cloud and Azure, compiled for Ergon from the providers' "
            + "published locations and the location columns of Cloud Carbon Footprint's and CodeCarbon's data",
        "Apache-2.0", "Ergon");
    return new CloudRegions(read(table), List.of(ds));
  }

  /**
   * Returns a mapping of the given regions from one data set (the bundled mapping's binary image).
   *
   * @param regions the mappings; a region may appear once
   * @param dataSet the data set they come from
   * @return the mapping
   * @throws IllegalArgumentException if a region appears twice
   */
  static CloudRegions of(Collection<CloudRegion> regions, DataSet dataSet) {
    return new CloudRegions(of(regions).byRegion, List.of(dataSet));
  }

  /**
   * Reads a mapping file.
   *
   * @param csv the file
   * @return the mapping
   * @throws InvalidDataException if the file is malformed: the message names the file, the line and the reason
   */
  public static CloudRegions load(Path csv) {
    CsvTable table = CsvTable.read(csv, Set.of("provider", "region", "zone"), Set.of("location", "basis"));
    DataSet ds = new DataSet(String.valueOf(csv.getFileName()), "sha256:" + table.sha256(),
        "Cloud region to grid zone mapping loaded from " + csv, "user-supplied", "");
    return new CloudRegions(read(table), List.of(ds));
  }

  /**
   * Returns a mapping of the given regions.
   *
   * @param regions the mappings; a region may appear once
   * @return the mapping
   * @throws IllegalArgumentException if a region appears twice
   */
  public static CloudRegions of(Collection<CloudRegion> regions) {
    Map<String, CloudRegion> m = new HashMap<>();
    for (CloudRegion r : regions) {
      if (m.put(r.region(), r) != null) {
        throw new IllegalArgumentException("cloud region " + r.region() + " is mapped twice");
      }
    }
    return new CloudRegions(m, List.of());
  }

  private static Map<String, CloudRegion> read(CsvTable table) {
    Map<String, CloudRegion> m = new LinkedHashMap<>();
    Map<String, Long> lines = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String provider = row.required("provider");
      String region = row.required("region");
      CloudRegion r;
      try {
        r = new CloudRegion(provider + ":" + region, row.required("zone"),
            nullToEmpty(row.optional("location")), nullToEmpty(row.optional("basis")),
            table.source() + ":" + row.line());
      } catch (IllegalArgumentException e) {
        throw row.error(String.valueOf(e.getMessage()));
      }
      Long first = lines.putIfAbsent(r.region(), row.line());
      if (first != null) {
        throw row.error("cloud region " + r.region() + " is already mapped on line " + first
            + "; keep one row per region");
      }
      m.put(r.region(), r);
    }
    return m;
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  /**
   * Returns this mapping with another beneath it: a region found here wins, others are looked up in {@code base}.
   *
   * @param base the mapping to fall back to
   * @return the combined mapping
   */
  public CloudRegions layeredOver(CloudRegions base) {
    Map<String, CloudRegion> m = new HashMap<>(base.byRegion);
    m.putAll(byRegion);
    List<DataSet> ds = new ArrayList<>(dataSets);
    for (DataSet d : base.dataSets) {
      if (!ds.contains(d)) {
        ds.add(d);
      }
    }
    return new CloudRegions(m, ds);
  }

  /**
   * Finds the zone of a cloud region.
   *
   * @param region a cloud region, e.g. {@code aws:eu-west-1} (normalised first)
   * @return the mapping, or empty if the region is unknown
   */
  public Optional<CloudRegion> find(String region) {
    return Optional.ofNullable(byRegion.get(ZoneIds.normalize(region)));
  }

  /**
   * Returns every mapping, sorted by region.
   *
   * @return the mappings
   */
  public List<CloudRegion> all() {
    return List.copyOf(new TreeMap<>(byRegion).values());
  }

  /**
   * Returns the data sets the mapping was read from.
   *
   * @return the data sets, highest precedence first
   */
  public List<DataSet> dataSets() {
    return dataSets;
  }
}
