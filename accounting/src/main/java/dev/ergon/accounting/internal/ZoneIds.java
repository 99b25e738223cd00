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
