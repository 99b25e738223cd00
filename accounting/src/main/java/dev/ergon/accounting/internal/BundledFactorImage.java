package dev.ergon.accounting.internal;

import dev.ergon.CarbonIntensity;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.factors.CloudRegion;
import dev.ergon.accounting.factors.CloudRegions;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorPeriod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * A compact binary image of the bundled default factors ({@code EmissionFactors.bundled()}): the Electricity Maps
 * and Ember tables and the cloud-region mapping, as the objects their JSON and CSV files give, so that a short-lived
 * process (the {@code ergon} command) reads them without parsing about 130 KB of text, and decodes the factors of
 * only the zones it looks up.
 *
 * <p>The image is written at build time ({@code process-classes}: {@link #main}) from the bundled files by the same
 * readers that parse them ({@link BundledFactors}, {@link CloudRegions#bundled()}), and stored next to them as
 * {@value #FILE}. It records the length and CRC-32 of each file it was made from; reading it checks them against the
 * files in the jar, so an image made from other files (stale) fails with an {@link InvalidDataException} naming the
 * file and the fix (rebuild the jar), never with other factors. A CRC-32 of the rest of the image, checked when it
 * is read, catches a damaged one before any factor is decoded from it.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the magic {@code 0x45524746} ("ERGF") and the format version;
 * the source files (name, length, CRC-32); the length and CRC-32 of the rest; the Electricity Maps and Ember tables;
 * the cloud-region data set and its regions; the magic again. A table is its data set, the kinds of its factors,
 * its zone count, a directory
 * of fixed-size entries sorted by zone (the zone's offset in the table's key area, its factors' offset in the
 * table's factor area, their count), the key area (the zones, UTF) and the factor area (each zone's factors
 * together, zones in the order the table first gave them, each factor without its zone).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: the read image is immutable.
 */
public final class BundledFactorImage {
  /** The image's file name, below {@link BundledData#ROOT}. */
  public static final String FILE = "bundled-factors.bin";

  /** The bundled files the image is made from, below {@link BundledData#ROOT}. */
  static final List<String> SOURCES = List.of("electricity-maps/yearly_2025.json", "co2js/average-intensities.json",
      "cloud-regions.csv");

  private static final int MAGIC = 0x45524746;
  private static final int VERSION = 2;
  private static final int ENTRY = 12;
  private static final String FIX = "rebuild the jar (mvn package writes it from the bundled files at process-classes)";

  /**
   * The bundled default factors, whole.
   *
   * @param electricityMaps Electricity Maps' yearly 2025 factors
   * @param emberWorld Ember's world average
   * @param cloudRegionsDataSet the data set of the cloud-region mapping
   * @param cloudRegions the cloud-region mappings
   */
  public record Contents(BundledFactors.Table electricityMaps, BundledFactors.Table emberWorld,
      DataSet cloudRegionsDataSet, List<CloudRegion> cloudRegions) {}

  /**
   * A read image: the data sets and the cloud regions decoded, the factors decoded per zone when asked for.
   *
   * @param electricityMaps Electricity Maps' yearly 2025 factors
   * @param emberWorld Ember's world average
   * @param cloudRegionsDataSet the data set of the cloud-region mapping
   * @param cloudRegions the cloud-region mappings
   */
  public record Image(ZoneTable electricityMaps, ZoneTable emberWorld, DataSet cloudRegionsDataSet,
      List<CloudRegion> cloudRegions) {

    /**
     * Decodes every factor.
     *
     * @return the contents; each table's factors grouped by zone, zones in the order the table first gave them
     */
    public Contents contents() {
      return new Contents(electricityMaps.whole(), emberWorld.whole(), cloudRegionsDataSet, cloudRegions);
    }
  }

  /**
   * One table of a read image: its data set, and its factors by zone, decoded when asked for.
   *
   * <p>Immutable and thread-safe; each call decodes afresh.
   */
  public static final class ZoneTable {
    private final DataSet dataSet;
    private final Set<FactorKind> kinds;
    private final byte[] image;
    private final int zones;
    private final int directory;
    private final int keys;
    private final int factors;
    private final int end;

    private ZoneTable(DataSet dataSet, Set<FactorKind> kinds, byte[] image, int zones, int directory, int keys,
        int factors, int end) {
      this.dataSet = dataSet;
      this.kinds = kinds;
      this.image = image;
      this.zones = zones;
      this.directory = directory;
      this.keys = keys;
      this.factors = factors;
      this.end = end;
    }

    /**
     * Returns the table's data set.
     *
     * @return the data set
     */
    public DataSet dataSet() {
      return dataSet;
    }

    /**
     * Returns the kinds of the table's factors, without decoding them.
     *
     * @return the kinds that at least one factor has
     */
    public Set<FactorKind> kinds() {
      return kinds;
    }

    /**
     * Returns the factors of one zone, decoding only them.
     *
     * @param zone the zone, as the factors give it (normalised)
     * @return the factors in the table's order; empty if the table has none for the zone
     * @throws InvalidDataException if the image is damaged
     */
    public List<EmissionFactor> factors(String zone) {
      try {
        int lo = 0;
        int hi = zones - 1;
        while (lo <= hi) {
          int mid = (lo + hi) >>> 1;
          int c = key(mid).compareTo(zone);
          if (c < 0) {
            lo = mid + 1;
          } else if (c > 0) {
            hi = mid - 1;
          } else {
            return decodeBlock(mid, zone);
          }
        }
        return List.of();
      } catch (IOException | RuntimeException e) {
        throw damaged(e);
      }
    }

    /**
     * Decodes the whole table.
     *
     * @return the table; its factors grouped by zone, zones in the order the table first gave them
     * @throws InvalidDataException if the image is damaged
     */
    public BundledFactors.Table whole() {
      try {
        Integer[] order = new Integer[zones];
        for (int i = 0; i < zones; i++) {
          order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(intAt(entry(a) + 4), intAt(entry(b) + 4)));
        List<EmissionFactor> all = new ArrayList<>();
        for (int i : order) {
          all.addAll(decodeBlock(i, key(i)));
        }
        return new BundledFactors.Table(dataSet, List.copyOf(all));
      } catch (IOException | RuntimeException e) {
        throw damaged(e);
      }
    }

    private int entry(int i) {
      return directory + ENTRY * i;
    }

    private String key(int i) throws IOException {
      DataInputStream in = stream(keys + intAt(entry(i)));
      return in.readUTF();
    }

    private List<EmissionFactor> decodeBlock(int i, String zone) throws IOException {
      int at = factors + intAt(entry(i) + 4);
      int n = intAt(entry(i) + 8);
      if (at < factors || at > end || n < 0 || n > end - at) {
        throw new IOException("zone " + zone + " has its factors outside the table");
      }
      DataInputStream in = stream(at);
      List<EmissionFactor> out = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        out.add(readFactor(in, zone));
      }
      return List.copyOf(out);
    }

    private int intAt(int at) {
      if (at < 0 || at + 4 > end) {
        throw new IndexOutOfBoundsException("offset " + at + " outside the table");
      }
      return ((image[at] & 0xFF) << 24) | ((image[at + 1] & 0xFF) << 16) | ((image[at + 2] & 0xFF) << 8)
          | (image[at + 3] & 0xFF);
    }

    private DataInputStream stream(int at) {
      if (at < 0 || at > end) {
        throw new IndexOutOfBoundsException("offset " + at + " outside the table");
      }
      return new DataInputStream(new ByteArrayInputStream(image, at, end - at));
    }
  }

  private BundledFactorImage() {}

  /**
   * Writes the image of the bundled files found on the class path; run at build time.
   *
   * @param args one argument: the file to write
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BundledFactorImage OUTPUT_FILE");
    }
    Path out = Path.of(args[0]);
    Path dir = out.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.write(out, encode());
  }

  /**
   * Makes the image of the bundled files: parses them with the readers the library uses for them.
   *
   * @return the image's bytes
   */
  public static byte[] encode() {
    CloudRegions regions = CloudRegions.bundled();
    return encode(new Contents(BundledFactors.electricityMaps2025(), BundledFactors.emberWorld(),
        regions.dataSets().get(0), regions.all()), BundledData::read);
  }

  /**
   * Makes an image of given contents.
   *
   * @param contents what the image holds
   * @param sources the bytes of each of the source files, by name below {@link BundledData#ROOT}
   * @return the image's bytes
   * @throws IllegalArgumentException if a table has two factors with the same zone, kind and period
   */
  static byte[] encode(Contents contents, Function<String, byte[]> sources) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) {
      writeTable(out, contents.electricityMaps());
      writeTable(out, contents.emberWorld());
      writeDataSet(out, contents.cloudRegionsDataSet());
      out.writeInt(contents.cloudRegions().size());
      for (CloudRegion r : contents.cloudRegions()) {
        out.writeUTF(r.region());
        out.writeUTF(r.zone());
        out.writeUTF(r.location());
        out.writeUTF(r.basis());
        out.writeUTF(r.origin());
      }
      out.writeInt(MAGIC);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    byte[] rest = body.toByteArray();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(SOURCES.size());
      for (String name : SOURCES) {
        byte[] b = sources.apply(name);
        out.writeUTF(name);
        out.writeInt(b.length);
        out.writeLong(crc(b, 0, b.length));
      }
      out.writeInt(rest.length);
      out.writeLong(crc(rest, 0, rest.length));
      out.write(rest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads the image in the jar, or returns {@code null} if the class path has none (classes compiled by an IDE
   * without the build's {@code process-classes} step); the caller then parses the bundled files.
   *
   * @return the image, its factors not yet decoded, or {@code null} if there is no image
   * @throws InvalidDataException if the image is damaged or was made from other files than the jar's
   */
  public static @Nullable Image read() {
    byte[] image;
    try (InputStream in = BundledFactorImage.class.getResourceAsStream(BundledData.ROOT + FILE)) {
      if (in == null) {
        return null;
      }
      image = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled data " + BundledData.ROOT + FILE, e);
    }
    return decode(image, BundledData::read);
  }

  /**
   * Reads an image, checking it against the source files it must have been made from; decodes its data sets and
   * cloud regions, and leaves its factors to be decoded per zone.
   *
   * @param image the image's bytes; kept, not copied
   * @param sources the bytes of each source file, by name below {@link BundledData#ROOT}
   * @return the image
   * @throws InvalidDataException if the image is damaged or was made from other files
   */
  static Image decode(byte[] image, Function<String, byte[]> sources) {
    String where = BundledData.sourceName(FILE);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(image))) {
      if (in.readInt() != MAGIC) {
        throw new InvalidDataException(where, 0, "is not an image of the bundled factors (wrong magic number); "
            + FIX);
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new InvalidDataException(where, 0, "has format version " + version + ", this code reads version "
            + VERSION + "; " + FIX);
      }
      int n = in.readInt();
      if (n != SOURCES.size()) {
        throw new InvalidDataException(where, 0, "lists " + n + " source files, expected " + SOURCES.size() + "; "
            + FIX);
      }
      for (String expected : SOURCES) {
        String name = in.readUTF();
        int length = in.readInt();
        long crc = in.readLong();
        if (!name.equals(expected)) {
          throw new InvalidDataException(where, 0, "was made from " + name + " where " + expected + " was expected; "
              + FIX);
        }
        byte[] actual = sources.apply(name);
        long actualCrc = crc(actual, 0, actual.length);
        if (actual.length != length || actualCrc != crc) {
          throw new InvalidDataException(where, 0, String.format(Locale.US, "is stale: it was made from a %s of %d"
              + " bytes (CRC-32 %08x), the jar holds one of %d bytes (CRC-32 %08x); %s", name, length, crc,
              actual.length, actualCrc, FIX));
        }
      }
      int restLength = in.readInt();
      long restCrc = in.readLong();
      int start = image.length - in.available();
      if (restLength != in.available()) {
        throw new InvalidDataException(where, 0, restLength > in.available()
            ? "is damaged (it ends too early); " + FIX : "does not end where its contents end; " + FIX);
      }
      if (crc(image, start, restLength) != restCrc) {
        throw new InvalidDataException(where, 0, "is damaged (its contents do not match their CRC-32); " + FIX);
      }
      ZoneTable em = readTable(in, image);
      ZoneTable ember = readTable(in, image);
      DataSet regionsDataSet = readDataSet(in);
      int regions = count(in);
      List<CloudRegion> list = new ArrayList<>(regions);
      for (int i = 0; i < regions; i++) {
        list.add(new CloudRegion(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF()));
      }
      if (in.readInt() != MAGIC || in.read() != -1) {
        throw new InvalidDataException(where, 0, "does not end where its contents end; " + FIX);
      }
      return new Image(em, ember, regionsDataSet, List.copyOf(list));
    } catch (IOException | IllegalArgumentException e) {
      throw damaged(e);
    }
  }

  /* EOFException (truncated), UTFDataFormatException, or a value its record rejects (a bad zone, an unknown kind). */
  private static InvalidDataException damaged(Exception e) {
    if (e instanceof InvalidDataException ide) {
      return ide;
    }
    String what = e instanceof java.io.EOFException ? "it ends too early" : String.valueOf(e.getMessage());
    return new InvalidDataException(BundledData.sourceName(FILE), 0, "is damaged (" + what + "); " + FIX, e);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IOException("a count of " + n + " entries");
    }
    return n;
  }

  private static long crc(byte[] b, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(b, offset, length);
    return crc.getValue();
  }

  private static void writeTable(DataOutputStream out, BundledFactors.Table table) throws IOException {
    writeDataSet(out, table.dataSet());
    // Each zone's factors together, zones in first-given order; the directory sorted by zone.
    Map<String, List<EmissionFactor>> byZone = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (EmissionFactor f : table.factors()) {
      if (!seen.add(f.zone() + "|" + f.kind() + "|" + f.period())) {
        throw new IllegalArgumentException("emission factors overlap in data set " + table.dataSet().name() + ": "
            + "two give zone " + f.zone() + ", kind " + f.kind().tableName() + ", period " + f.period());
      }
      byZone.computeIfAbsent(f.zone(), z -> new ArrayList<>()).add(f);
    }
    ByteArrayOutputStream keyBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream factorBytes = new ByteArrayOutputStream();
    Map<String, int[]> entries = new TreeMap<>();
    try (DataOutputStream keys = new DataOutputStream(keyBytes);
        DataOutputStream factors = new DataOutputStream(factorBytes)) {
      for (Map.Entry<String, List<EmissionFactor>> e : byZone.entrySet()) {
        entries.put(e.getKey(), new int[] {keys.size(), factors.size(), e.getValue().size()});
        keys.writeUTF(e.getKey());
        for (EmissionFactor f : e.getValue()) {
          writeFactor(factors, f);
        }
      }
    }
    Set<FactorKind> kinds = EnumSet.noneOf(FactorKind.class);
    table.factors().forEach(f -> kinds.add(f.kind()));
    out.writeInt(kinds.size());
    for (FactorKind k : kinds) {
      out.writeUTF(k.name());
    }
    out.writeInt(entries.size());
    out.writeInt(keyBytes.size());
    out.writeInt(factorBytes.size());
    for (int[] e : entries.values()) {
      out.writeInt(e[0]);
      out.writeInt(e[1]);
      out.writeInt(e[2]);
    }
    keyBytes.writeTo(out);
    factorBytes.writeTo(out);
  }

  private static ZoneTable readTable(DataInputStream in, byte[] image) throws IOException {
    DataSet ds = readDataSet(in);
    int kindCount = count(in);
    Set<FactorKind> kinds = EnumSet.noneOf(FactorKind.class);
    for (int i = 0; i < kindCount; i++) {
      kinds.add(FactorKind.valueOf(in.readUTF()));
    }
    int zones = count(in);
    int keyLength = in.readInt();
    int factorLength = in.readInt();
    int directory = image.length - in.available();
    long size = (long) ENTRY * zones + keyLength + factorLength;
    if (keyLength < 0 || factorLength < 0 || size > in.available()) {
      throw new java.io.EOFException();
    }
    int keys = directory + ENTRY * zones;
    int factors = keys + keyLength;
    int end = factors + factorLength;
    in.skipNBytes(size);
    return new ZoneTable(ds, Collections.unmodifiableSet(kinds), image, zones, directory, keys, factors, end);
  }

  private static void writeFactor(DataOutputStream out, EmissionFactor f) throws IOException {
    out.writeUTF(f.period().granularity().name());
    Instant start = f.period().start();
    out.writeLong(start.getEpochSecond());
    out.writeInt(start.getNano());
    out.writeUTF(f.kind().name());
    out.writeDouble(f.intensity().gramsPerKilowattHour());
    out.writeBoolean(f.relativeUncertainty().isPresent());
    out.writeDouble(f.relativeUncertainty().orElse(0));
    out.writeUTF(f.source());
    out.writeUTF(f.dataSet());
    out.writeUTF(f.origin());
  }

  private static EmissionFactor readFactor(DataInputStream in, String zone) throws IOException {
    FactorPeriod period = new FactorPeriod(FactorPeriod.Granularity.valueOf(in.readUTF()),
        Instant.ofEpochSecond(in.readLong(), in.readInt()));
    FactorKind kind = FactorKind.valueOf(in.readUTF());
    CarbonIntensity intensity = CarbonIntensity.ofGramsPerKilowattHour(in.readDouble());
    boolean hasUncertainty = in.readBoolean();
    double uncertainty = in.readDouble();
    return new EmissionFactor(zone, period, kind, intensity,
        hasUncertainty ? OptionalDouble.of(uncertainty) : OptionalDouble.empty(), in.readUTF(), in.readUTF(),
        in.readUTF());
  }

  private static void writeDataSet(DataOutputStream out, DataSet ds) throws IOException {
    out.writeUTF(ds.name());
    out.writeUTF(ds.version());
    out.writeUTF(ds.description());
    out.writeUTF(ds.licence());
    out.writeUTF(ds.attribution());
  }

  private static DataSet readDataSet(DataInputStream in) throws IOException {
    return new DataSet(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
  }
}
