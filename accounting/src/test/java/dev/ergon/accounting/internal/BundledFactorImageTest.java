package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.CarbonIntensity;
import dev.ergon.accounting.DataSet;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.factors.CloudRegions;
import dev.ergon.accounting.factors.EmissionFactor;
import dev.ergon.accounting.factors.FactorKind;
import dev.ergon.accounting.factors.FactorPeriod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The binary image of the bundled factors holds exactly what parsing the bundled files gives, and a stale or damaged
 * image fails with a message naming the image, what is wrong and the fix.
 */
class BundledFactorImageTest {

  /** What the library's readers make of the bundled JSON and CSV files. */
  private static BundledFactorImage.Contents parsed() {
    CloudRegions regions = CloudRegions.bundled();
    return new BundledFactorImage.Contents(BundledFactors.electricityMaps2025(), BundledFactors.emberWorld(),
        regions.dataSets().get(0), regions.all());
  }

  @Test
  void theImageTheBuildWroteHoldsWhatTheBundledFilesGive() {
    BundledFactorImage.Image read = BundledFactorImage.read();
    assertNotNull(read, "the build writes " + BundledFactorImage.FILE + " at process-classes");
    BundledFactorImage.Contents image = read.contents();
    BundledFactorImage.Contents parsed = parsed();
    // Every field of every factor, data set and region: records compare all their components. The bundled tables
    // give one factor per zone, so grouping by zone keeps their order.
    assertEquals(parsed.electricityMaps(), image.electricityMaps());
    assertEquals(parsed.emberWorld(), image.emberWorld());
    assertEquals(parsed.cloudRegionsDataSet(), image.cloudRegionsDataSet());
    assertEquals(parsed.cloudRegions(), image.cloudRegions());
    assertEquals(352, image.electricityMaps().factors().size()); // the zones in yearly_2025.json
    assertTrue(image.cloudRegions().size() > 100, "regions: " + image.cloudRegions().size());
    for (EmissionFactor f : parsed.electricityMaps().factors()) {
      assertEquals(List.of(f), read.electricityMaps().factors(f.zone()), f.zone());
    }
    assertEquals(List.of(), read.electricityMaps().factors("XX"));
    assertEquals(List.of(), read.electricityMaps().factors(""));
  }

  /** A table whose zones come interleaved, with several kinds and periods per zone. */
  private static BundledFactors.Table interleaved() {
    DataSet ds = new DataSet("t", "1", "a test table", "CC0", "");
    List<EmissionFactor> factors = new ArrayList<>();
    String[] zones = {"FR", "DE", "aws:eu-west-1", "DE", "WORLD", "FR", "US-CAL-CISO", "DE"};
    for (int i = 0; i < zones.length; i++) {
      factors.add(new EmissionFactor(zones[i], FactorPeriod.year(2020 + i), i % 2 == 0 ? FactorKind.LOCATION
          : FactorKind.RESIDUAL_MIX, CarbonIntensity.ofGramsPerKilowattHour(100 + i),
          i % 3 == 0 ? OptionalDouble.of(0.05 * i) : OptionalDouble.empty(), "src " + i, "t", "origin " + i));
    }
    return new BundledFactors.Table(ds, List.copyOf(factors));
  }

  @Test
  void eachZonesFactorsAreDecodedAloneAndTheWholeTableGroupsThemByZone() {
    BundledFactors.Table t = interleaved();
    BundledFactors.Table one = new BundledFactors.Table(t.dataSet(), List.of(t.factors().get(0)));
    byte[] image = BundledFactorImage.encode(new BundledFactorImage.Contents(t, one, parsed().cloudRegionsDataSet(),
        List.of()), BundledData::read);
    BundledFactorImage.Image read = BundledFactorImage.decode(image, BundledData::read);
    List<EmissionFactor> grouped = new ArrayList<>();
    for (String zone : new LinkedHashSet<>(t.factors().stream().map(EmissionFactor::zone).toList())) {
      List<EmissionFactor> mine = t.factors().stream().filter(f -> f.zone().equals(zone)).toList();
      assertEquals(mine, read.electricityMaps().factors(zone), zone);
      grouped.addAll(mine);
    }
    assertEquals(new BundledFactors.Table(t.dataSet(), grouped), read.electricityMaps().whole());
    assertEquals(one, read.emberWorld().whole());
    assertEquals(java.util.EnumSet.of(FactorKind.LOCATION, FactorKind.RESIDUAL_MIX), read.electricityMaps().kinds());
    assertEquals(java.util.EnumSet.of(FactorKind.LOCATION), read.emberWorld().kinds());
    assertEquals(List.of(), read.electricityMaps().factors("GB"));
    assertEquals(List.of(), read.emberWorld().factors("DE"));
  }

  @Test
  void factorsThatOverlapAreRefusedWhenTheImageIsMade() {
    BundledFactors.Table t = interleaved();
    List<EmissionFactor> twice = new ArrayList<>(t.factors());
    twice.add(t.factors().get(3));
    BundledFactors.Table bad = new BundledFactors.Table(t.dataSet(), twice);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundledFactorImage.encode(
        new BundledFactorImage.Contents(bad, t, parsed().cloudRegionsDataSet(), List.of()), BundledData::read));
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("overlap in data set t") && m.contains("zone DE"), m);
  }

  @Test
  void theImageIsWhatEncodingTheBundledFilesGivesByteForByte() {
    assertArrayEquals(BundledFactorImage.encode(), BundledFactorImage.encode(parsed(), BundledData::read));
  }

  @Test
  void anImageMadeFromOtherFilesIsStale() {
    byte[] image = BundledFactorImage.encode();
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> BundledFactorImage.decode(image,
        name -> name.equals("cloud-regions.csv") ? "provider,region,zone\n".getBytes(
            java.nio.charset.StandardCharsets.UTF_8) : BundledData.read(name)));
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("bundled-factors.bin") && m.contains("is stale") && m.contains("cloud-regions.csv")
        && m.contains("the jar holds one of 21 bytes") && m.contains("rebuild the jar"), m);
  }

  @Test
  void aDamagedImageFailsWithTheFileAndTheFix() {
    byte[] image = BundledFactorImage.encode();
    for (int cut : new int[] {0, 3, 9, image.length / 2, image.length - 1}) {
      byte[] truncated = Arrays.copyOf(image, cut);
      InvalidDataException e = assertThrows(InvalidDataException.class,
          () -> BundledFactorImage.decode(truncated, BundledData::read), "cut at " + cut);
      String m = String.valueOf(e.getMessage());
      assertTrue(m.contains("bundled-factors.bin") && m.contains("is damaged") && m.contains("rebuild the jar"), m);
    }
    byte[] longer = Arrays.copyOf(image, image.length + 1);
    assertTrue(String.valueOf(assertThrows(InvalidDataException.class,
        () -> BundledFactorImage.decode(longer, BundledData::read)).getMessage()).contains("does not end where"));
    byte[] wrongMagic = image.clone();
    wrongMagic[0] ^= 1;
    assertTrue(String.valueOf(assertThrows(InvalidDataException.class,
        () -> BundledFactorImage.decode(wrongMagic, BundledData::read)).getMessage()).contains("wrong magic"));
    byte[] wrongVersion = image.clone();
    wrongVersion[7] = 9;
    assertTrue(String.valueOf(assertThrows(InvalidDataException.class,
        () -> BundledFactorImage.decode(wrongVersion, BundledData::read)).getMessage())
        .contains("has format version 9, this code reads version 2"));
    byte[] flipped = image.clone();
    flipped[image.length - 20] ^= 1;
    assertTrue(String.valueOf(assertThrows(InvalidDataException.class,
        () -> BundledFactorImage.decode(flipped, BundledData::read)).getMessage())
        .contains("its contents do not match their CRC-32"));
  }
}
