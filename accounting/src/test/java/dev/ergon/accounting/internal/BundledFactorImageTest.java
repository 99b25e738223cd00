package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.factors.CloudRegions;
import java.util.Arrays;
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
    BundledFactorImage.Contents image = BundledFactorImage.read();
    assertNotNull(image, "the build writes " + BundledFactorImage.FILE + " at process-classes");
    BundledFactorImage.Contents parsed = parsed();
    // Every field of every factor, data set and region: records compare all their components.
    assertEquals(parsed.electricityMaps(), image.electricityMaps());
    assertEquals(parsed.emberWorld(), image.emberWorld());
    assertEquals(parsed.cloudRegionsDataSet(), image.cloudRegionsDataSet());
    assertEquals(parsed.cloudRegions(), image.cloudRegions());
    assertEquals(352, image.electricityMaps().factors().size()); // the zones in yearly_2025.json
    assertTrue(image.cloudRegions().size() > 100, "regions: " + image.cloudRegions().size());
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
        .contains("has format version 9, this code reads version 1"));
  }
}
