package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The normal-form checks without a regex accept exactly what the documented patterns accept. */
class ZoneIdsTest {
  private static final Pattern GRID = Pattern.compile("[A-Z0-9]{2,8}(-[A-Z0-9]{1,12})*");
  private static final Pattern CLOUD = Pattern.compile("[a-z][a-z0-9]{0,15}:[a-z0-9][a-z0-9._\\-]{0,63}");
  /* Every class of char the patterns tell apart, and some they reject. */
  private static final String ALPHABET = "AZaz09-:._ ÄX";

  private static String text(List<Integer> picks) {
    StringBuilder sb = new StringBuilder();
    for (int p : picks) {
      sb.append(ALPHABET.charAt(p));
    }
    return sb.toString();
  }

  @Test
  void randomTextAsThePatterns() {
    qt().withExamples(50_000).forAll(lists().of(integers().between(0, ALPHABET.length() - 1)).ofSizeBetween(0, 90))
        .checkAssert(picks -> {
          String t = text(picks);
          assertEquals(GRID.matcher(t).matches(), ZoneIds.isNormalGrid(t), t);
          assertEquals(CLOUD.matcher(t).matches(), ZoneIds.isNormalCloud(t), t);
        });
  }

  @Test
  void lengthLimits() {
    assertTrue(ZoneIds.isNormalGrid("DE"));
    assertFalse(ZoneIds.isNormalGrid("D"));
    assertTrue(ZoneIds.isNormalGrid("ABCDEFGH"));
    assertFalse(ZoneIds.isNormalGrid("ABCDEFGHI"));
    assertTrue(ZoneIds.isNormalGrid("US-CAL-CISO"));
    assertTrue(ZoneIds.isNormalGrid("US-ABCDEFGHIJKL"));
    assertFalse(ZoneIds.isNormalGrid("US-ABCDEFGHIJKLM"));
    assertFalse(ZoneIds.isNormalGrid("US-"));
    assertFalse(ZoneIds.isNormalGrid("US--CAL"));
    assertTrue(ZoneIds.isNormalCloud("aws:eu-west-1"));
    assertTrue(ZoneIds.isNormalCloud("abcdefghijklmnop:x"));
    assertFalse(ZoneIds.isNormalCloud("abcdefghijklmnopq:x"));
    assertTrue(ZoneIds.isNormalCloud("a:" + "b".repeat(64)));
    assertFalse(ZoneIds.isNormalCloud("a:" + "b".repeat(65)));
    assertFalse(ZoneIds.isNormalCloud("a:-b"));
    assertFalse(ZoneIds.isNormalCloud("1a:b"));
  }

  @Test
  void normalTextIsReturnedAsItIs() {
    String zone = new String("US-CAL-CISO".toCharArray());
    assertSame(zone, ZoneIds.normalize(zone));
    assertEquals("aws:eu-west-1", ZoneIds.normalize(" AWS : EU-West-1 "));
    assertEquals("azure:westeurope", ZoneIds.normalize("azure:West Europe"));
    assertEquals("SE-SE3", ZoneIds.normalize(" se-se3"));
  }
}
