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
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * A compact binary image of the bundled default factors ({@code EmissionFactors.bundled()}): the Electricity Maps
 * and Ember tables and the cloud-region mapping, as the objects their JSON and CSV files give, so that a short-lived
 * process (the {@code ergon} command) reads them without parsing about 130 KB of text.
 *
 * <p>The image is written at build time ({@code process-classes}: {@link #main}) from the bundled files by the same
 * readers that parse them ({@link BundledFactors}, {@link CloudRegions#bundled()}), and stored next to them as
 * {@value #FILE}. It records the length and CRC-32 of each file it was made from; reading it checks them against the
 * files in the jar, so an image made from other files (stale) or a damaged one fails with an
 * {@link InvalidDataException} naming the file and the fix (rebuild the jar), never with other factors.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the magic {@code 0x45524746} ("ERGF") and the format version;
 * the source files (name, length, CRC-32); the Electricity Maps and Ember data sets, each with its factors; the
 * cloud-region data set and its regions; the magic again.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class BundledFactorImage {
  /** The image's file name, below {@link BundledData#ROOT}. */
  public static final String FILE = "bundled-factors.bin";

  /** The bundled files the image is made from, below {@link BundledData#ROOT}. */
  static final List<String> SOURCES = List.of("electricity-maps/yearly_2025.json", "co2js/average-intensities.json",
      "cloud-regions.csv");

  private static final int MAGIC = 0x45524746;
  private static final int VERSION = 1;

  /**
   * The bundled default factors.
   *
   * @param electricityMaps Electricity Maps' yearly 2025 factors
   * @param emberWorld Ember's world average
   * @param cloudRegionsDataSet the data set of the cloud-region mapping
   * @param cloudRegions the cloud-region mappings
   */
  public record Contents(BundledFactors.Table electricityMaps, BundledFactors.Table emberWorld,
      DataSet cloudRegionsDataSet, List<CloudRegion> cloudRegions) {}

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
   */
  static byte[] encode(Contents contents, Function<String, byte[]> sources) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(SOURCES.size());
      for (String name : SOURCES) {
        byte[] b = sources.apply(name);
        out.writeUTF(name);
        out.writeInt(b.length);
        out.writeLong(crc(b));
      }
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
    return bytes.toByteArray();
  }

  /**
   * Reads the image in the jar, or returns {@code null} if the class path has none (classes compiled by an IDE
   * without the build's {@code process-classes} step); the caller then parses the bundled files.
   *
   * @return the contents, or {@code null} if there is no image
   * @throws InvalidDataException if the image is damaged or was made from other files than the jar's
   */
  public static @Nullable Contents read() {
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
   * Reads an image, checking it against the source files it must have been made from.
   *
   * @param image the image's bytes
   * @param sources the bytes of each source file, by name below {@link BundledData#ROOT}
   * @return the contents
   * @throws InvalidDataException if the image is damaged or was made from other files
   */
  static Contents decode(byte[] image, Function<String, byte[]> sources) {
    String where = BundledData.sourceName(FILE);
    String fix = "rebuild the jar (mvn package writes it from the bundled files at process-classes)";
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(image))) {
      if (in.readInt() != MAGIC) {
        throw new InvalidDataException(where, 0, "is not an image of the bundled factors (wrong magic number); "
            + fix);
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new InvalidDataException(where, 0, "has format version " + version + ", this code reads version "
            + VERSION + "; " + fix);
      }
      int n = in.readInt();
      if (n != SOURCES.size()) {
        throw new InvalidDataException(where, 0, "lists " + n + " source files, expected " + SOURCES.size() + "; "
            + fix);
      }
      for (String expected : SOURCES) {
        String name = in.readUTF();
        int length = in.readInt();
        long crc = in.readLong();
        if (!name.equals(expected)) {
          throw new InvalidDataException(where, 0, "was made from " + name + " where " + expected + " was expected; "
              + fix);
        }
        byte[] actual = sources.apply(name);
        if (actual.length != length || crc(actual) != crc) {
          throw new InvalidDataException(where, 0, String.format(Locale.US, "is stale: it was made from a %s of %d"
              + " bytes (CRC-32 %08x), the jar holds one of %d bytes (CRC-32 %08x); %s", name, length, crc,
              actual.length, crc(actual), fix));
        }
      }
      BundledFactors.Table em = readTable(in);
      BundledFactors.Table ember = readTable(in);
      DataSet regionsDataSet = readDataSet(in);
      int regions = count(in);
      List<CloudRegion> list = new ArrayList<>(regions);
      for (int i = 0; i < regions; i++) {
        list.add(new CloudRegion(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF()));
      }
      if (in.readInt() != MAGIC || in.read() != -1) {
        throw new InvalidDataException(where, 0, "does not end where its contents end; " + fix);
      }
      return new Contents(em, ember, regionsDataSet, List.copyOf(list));
    } catch (IOException | IllegalArgumentException e) {
      // EOFException (truncated), UTFDataFormatException, or a value its record rejects (a bad zone, an unknown kind)
      String what = e instanceof EOFException ? "it ends too early" : String.valueOf(e.getMessage());
      throw new InvalidDataException(where, 0, "is damaged (" + what + "); " + fix, e);
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IOException("a count of " + n + " entries");
    }
    return n;
  }

  private static long crc(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    return crc.getValue();
  }

  private static void writeTable(DataOutputStream out, BundledFactors.Table table) throws IOException {
    writeDataSet(out, table.dataSet());
    out.writeInt(table.factors().size());
    for (EmissionFactor f : table.factors()) {
      out.writeUTF(f.zone());
      out.writeUTF(f.period().granularity().name());
      Instant start = f.period().start();
      long seconds = start.getEpochSecond();
      int nanos = start.getNano();
      out.writeLong(seconds);
      out.writeInt(nanos);
      out.writeUTF(f.kind().name());
      out.writeDouble(f.intensity().gramsPerKilowattHour());
      out.writeBoolean(f.relativeUncertainty().isPresent());
      out.writeDouble(f.relativeUncertainty().orElse(0));
      out.writeUTF(f.source());
      out.writeUTF(f.dataSet());
      out.writeUTF(f.origin());
    }
  }

  private static BundledFactors.Table readTable(DataInputStream in) throws IOException {
    DataSet ds = readDataSet(in);
    int n = count(in);
    List<EmissionFactor> factors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String zone = in.readUTF();
      FactorPeriod period = new FactorPeriod(FactorPeriod.Granularity.valueOf(in.readUTF()),
          Instant.ofEpochSecond(in.readLong(), in.readInt()));
      FactorKind kind = FactorKind.valueOf(in.readUTF());
      CarbonIntensity intensity = CarbonIntensity.ofGramsPerKilowattHour(in.readDouble());
      boolean hasUncertainty = in.readBoolean();
      double uncertainty = in.readDouble();
      factors.add(new EmissionFactor(zone, period, kind, intensity,
          hasUncertainty ? OptionalDouble.of(uncertainty) : OptionalDouble.empty(), in.readUTF(), in.readUTF(),
          in.readUTF()));
    }
    return new BundledFactors.Table(ds, List.copyOf(factors));
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
