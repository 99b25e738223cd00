package dev.ergon.accounting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Zone and region identifiers: normalisation and the place hierarchy.
 *
 * <p>A grid zone is written in Electricity Maps' style, upper case: an ISO 3166 alpha-2 country ({@code DE}), or a
 * country followed by subdivisions separated by {@code -} ({@code US-CAL-CISO}, {@code SE-SE3}, {@code DK-DK1}).
 * Its parents are found by dropping the last subdivision ({@code US-CAL-CISO → US-CAL → US}); the country is the
 * last parent. {@code WORLD} is the world. A cloud region is written {@code provider:region}, lower case
 * ({@code aws:eu-west-1}, {@code gcp:europe-west4}, {@code azure:westeurope}; spaces in Azure display names are
 * dropped, so {@code azure:West Europe} is {@code azure:westeurope}).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe (stateless).
 */
public final class ZoneIds {

  /** The world, the last rung of the place hierarchy. */
  public static final String WORLD = "WORLD";

  private static final Pattern GRID = Pattern.compile("[A-Z0-9]{2,8}(-[A-Z0-9]{1,12})*");
  private static final Pattern CLOUD = Pattern.compile("[a-z][a-z0-9]{0,15}:[a-z0-9][a-z0-9._\\-]{0,63}");

  private ZoneIds() {}

  /**
   * Normalises a zone or cloud region.
   *
   * @param text as written by a user or a data file
   * @return the normal form
   * @throws IllegalArgumentException if it is neither a zone nor a cloud region
   */
  public static String normalize(String text) {
    // Already normal (the usual case: ids from records and data files): the same string, without a regex match.
    if (isNormalCloud(text) || isNormalGrid(text)) {
      return text;
    }
    String t = text.trim();
    int colon = t.indexOf(':');
    String n;
    if (colon >= 0) {
      n = t.substring(0, colon).trim().toLowerCase(Locale.ROOT) + ":"
          + t.substring(colon + 1).trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (!CLOUD.matcher(n).matches()) {
        throw new IllegalArgumentException("'" + text + "' is not a cloud region; write provider:region, e.g. "
            + "aws:eu-west-1, gcp:europe-west4, azure:westeurope");
      }
      return n;
    }
    n = t.toUpperCase(Locale.ROOT);
    if (!GRID.matcher(n).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a grid zone; write a country code (DE), a zone with "
          + "subdivisions (US-CAL-CISO, SE-SE3), WORLD, or a cloud region (aws:eu-west-1)");
    }
    return n;
  }

  /* Whether text matches GRID ([A-Z0-9]{2,8}(-[A-Z0-9]{1,12})*), checked without a regex. */
  static boolean isNormalGrid(String text) {
    int n = text.length();
    int i = 0;
    while (i < n && isUpperOrDigit(text.charAt(i))) {
      i++;
    }
    if (i < 2 || i > 8) {
      return false;
    }
    while (i < n) {
      if (text.charAt(i) != '-') {
        return false;
      }
      int from = ++i;
      while (i < n && isUpperOrDigit(text.charAt(i))) {
        i++;
      }
      if (i - from < 1 || i - from > 12) {
        return false;
      }
    }
    return true;
  }

  /* Whether text matches CLOUD ([a-z][a-z0-9]{0,15}:[a-z0-9][a-z0-9._\-]{0,63}), checked without a regex. */
  static boolean isNormalCloud(String text) {
    int n = text.length();
    if (n < 3 || !isLower(text.charAt(0))) {
      return false;
    }
    int i = 1;
    while (i < n && (isLower(text.charAt(i)) || isDigit(text.charAt(i)))) {
      i++;
    }
    if (i > 16 || i >= n || text.charAt(i) != ':') {
      return false;
    }
    int from = ++i;
    if (i >= n || !(isLower(text.charAt(i)) || isDigit(text.charAt(i)))) {
      return false;
    }
    i++;
    while (i < n) {
      char c = text.charAt(i);
      if (!(isLower(c) || isDigit(c) || c == '.' || c == '_' || c == '-')) {
        return false;
      }
      i++;
    }
    return n - from <= 64;
  }

  private static boolean isUpperOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || isDigit(c);
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Tells whether a normalised id is a cloud region.
   *
   * @param id a normalised id
   * @return true for {@code provider:region}
   */
  public static boolean isCloudRegion(String id) {
    return id.indexOf(':') >= 0;
  }

  /**
   * Returns a grid zone followed by its parents, finest first; the world is not included.
   *
   * @param zone a normalised grid zone
   * @return e.g. {@code [US-CAL-CISO, US-CAL, US]}
   */
  public static List<String> withParents(String zone) {
    List<String> chain = new ArrayList<>();
    if (zone.equals(WORLD)) {
      return chain;
    }
    String z = zone;
    chain.add(z);
    int dash;
    while ((dash = z.lastIndexOf('-')) > 0) {
      z = z.substring(0, dash);
      chain.add(z);
    }
    return chain;
  }
}
