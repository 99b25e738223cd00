package dev.ergon.accounting.internal;

import java.util.Locale;

/**
 * Text for the HTML report: escaping for element content and attribute values (the same escaping serves both, and
 * SVG inside HTML), and the numbers, formatted the same way everywhere so that the same inputs give the same bytes.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class HtmlText {
  private HtmlText() {}

  /**
   * Escapes text for element content or a double- or single-quoted attribute value. Control characters other than
   * tab, line feed and carriage return (not allowed in HTML) become U+FFFD.
   *
   * @param s the text
   * @return the escaped text
   */
  public static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "\uFFFD" : null;
      };
      if (rep != null && b == null) {
        b = new StringBuilder(s.length() + 16);
        b.append(s, 0, i);
      }
      if (b != null) {
        if (rep == null) {
          b.append(c);
        } else {
          b.append(rep);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Formats a number for tables: six significant digits, trailing zeros dropped, {@code e} notation only outside
   * 1e-4 to 1e6.
   *
   * @param d the number
   * @return the text, e.g. {@code 12.3457}, {@code 0}, {@code 1.5e-7}
   */
  public static String num(double d) {
    return significant(d, 6);
  }

  /**
   * Formats a number for labels and tooltips: three significant digits.
   *
   * @param d the number
   * @return the text
   */
  public static String shortNum(double d) {
    return significant(d, 3);
  }

  private static String significant(double d, int digits) {
    if (d == 0) {
      return "0";
    }
    if (!Double.isFinite(d)) {
      return "n/a";
    }
    if (digits < 6 && Math.abs(d) >= 1000 && Math.abs(d) < 1e9) {
      // Whole numbers read better than 2.5e3 on an axis or in a tooltip.
      return String.format(Locale.US, "%.0f", Double.parseDouble(String.format(Locale.US, "%." + digits + "g",
          d)));
    }
    String s = String.format(Locale.US, "%." + digits + "g", d);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    String exponent = e < 0 ? "" : s.substring(e);
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceFirst("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa = mantissa.substring(0, mantissa.length() - 1);
      }
    }
    if (!exponent.isEmpty()) {
      exponent = exponent.replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }
    return mantissa + exponent;
  }

  /**
   * Formats a coordinate in SVG user units: one decimal, no trailing {@code .0}.
   *
   * @param d the coordinate
   * @return the text
   */
  public static String coord(double d) {
    long tenths = Math.round(d * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return (tenths < 0 && tenths > -10 ? "-" : "") + (tenths / 10) + "." + Math.abs(tenths % 10);
  }
}
