package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Escaping of each special character and the number formats of the HTML report, expected texts by hand. */
class HtmlTextTest {
  @Test
  void escapesEachMarkupCharacter() {
    assertEquals("&amp;", HtmlText.escape("&"));
    assertEquals("&lt;", HtmlText.escape("<"));
    assertEquals("&gt;", HtmlText.escape(">"));
    assertEquals("&quot;", HtmlText.escape("\""));
    assertEquals("&#39;", HtmlText.escape("'"));
    assertEquals("R&amp;D &lt;b&gt; say &quot;hi&quot; &amp; &#39;bye&#39;",
        HtmlText.escape("R&D <b> say \"hi\" & 'bye'"));
    assertEquals("a&lt;b", HtmlText.escape("a<b"));
  }

  @Test
  void controlCharactersBecomeReplacementCharacter() {
    assertEquals("a\uFFFDb", HtmlText.escape("a\u0001b"));
    assertEquals("\uFFFD", HtmlText.escape("\u0000"));
    assertEquals("x\uFFFD", HtmlText.escape("x\u001f"));
    assertEquals("\uFFFDy", HtmlText.escape("\u007fy"));
    assertEquals("\u00a0 \u0080", HtmlText.escape("\u00a0 \u0080"));
    assertEquals("\uFFFD&amp;", HtmlText.escape("\u000b&"));
  }

  @Test
  void plainTextIsReturnedAsIs() {
    String s = "tab\tline\ncr\r space ~ é €";
    assertSame(s, HtmlText.escape(s));
    assertEquals("", HtmlText.escape(""));
  }

  @Test
  void sixSignificantDigitsForTables() {
    assertEquals("0", HtmlText.num(0));
    assertEquals("0", HtmlText.num(-0.0));
    assertEquals("n/a", HtmlText.num(Double.NaN));
    assertEquals("n/a", HtmlText.num(Double.POSITIVE_INFINITY));
    assertEquals("12.3457", HtmlText.num(12.345678));
    assertEquals("1234.5", HtmlText.num(1234.5));
    assertEquals("123457", HtmlText.num(123456.7));
    // exponent without + and leading zeros
    assertEquals("1.5e-7", HtmlText.num(1.5e-7));
    assertEquals("1.23457e6", HtmlText.num(1234567));
    assertEquals("-2.5", HtmlText.num(-2.5));
    assertEquals("0.0001", HtmlText.num(1e-4));
    assertEquals("1e-5", HtmlText.num(1e-5));
  }

  @Test
  void threeSignificantDigitsForLabels() {
    assertEquals("0", HtmlText.shortNum(0));
    assertEquals("n/a", HtmlText.shortNum(Double.NEGATIVE_INFINITY));
    assertEquals("1.23", HtmlText.shortNum(1.234));
    assertEquals("999", HtmlText.shortNum(999));
    assertEquals("0.5", HtmlText.shortNum(0.5));
    assertEquals("-2", HtmlText.shortNum(-2));
    // from 1000 below 1e9: whole numbers, three digits kept
    assertEquals("1000", HtmlText.shortNum(1000));
    assertEquals("2500", HtmlText.shortNum(2500));
    assertEquals("-2500", HtmlText.shortNum(-2500));
    assertEquals("12300", HtmlText.shortNum(12345));
    assertEquals("1000000000", HtmlText.shortNum(999_999_999));
    // from 1e9: e notation, exponent without + and leading zeros
    assertEquals("1e9", HtmlText.shortNum(1e9));
    assertEquals("-2.5e10", HtmlText.shortNum(-2.5e10));
    assertEquals("1.5e-7", HtmlText.shortNum(1.5e-7));
  }

  @Test
  void coordinatesHaveOneDecimalAtMost() {
    assertEquals("3", HtmlText.coord(3));
    assertEquals("0", HtmlText.coord(0));
    assertEquals("12.3", HtmlText.coord(12.34));
    assertEquals("1.3", HtmlText.coord(1.25));
    assertEquals("2", HtmlText.coord(2.04));
    assertEquals("-0.5", HtmlText.coord(-0.5));
    assertEquals("-1.5", HtmlText.coord(-1.5));
    assertEquals("-7", HtmlText.coord(-7));
    assertEquals("143.3", HtmlText.coord(430.0 / 3));
  }
}
