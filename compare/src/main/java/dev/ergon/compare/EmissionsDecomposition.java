package dev.ergon.compare;

import dev.ergon.compare.internal.Lmdi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The change in location-based emissions between two periods, split into what drove it: volume (more or fewer
 * units), efficiency (energy per unit), and grid (the intensity where the energy was drawn), the grid part split
 * into region mix and each region's intensity change.
 *
 * <p><b>Method: additive LMDI-I</b> (log-mean Divisia index; Ang 2004, <i>Energy Policy</i> 32:1131), which is exact:
 * the parts sum to the change with no residual. Emissions are written {@code C = Σ_z Q · (E/Q) · (E_z/E) ·
 * (C_z/E_z)}: units Q, energy per unit, place z's share of the energy, and z's intensity. Each factor's part is
 * {@code Σ_z L(C_z¹, C_z⁰) · ln(x¹/x⁰)}, with {@code L(a, b) = (a − b)/(ln a − ln b)} the logarithmic mean; since
 * the four log ratios sum to {@code ln(C_z¹/C_z⁰)}, the parts sum to {@code Σ_z (C_z¹ − C_z⁰)}. Energy is the
 * consumption after PUE, so a PUE change counts as efficiency.
 *
 * <p><b>Zeros</b> (Ang and Liu 2007, the analytical limit, no small-value substitution): {@code L(x, 0) = 0}. A place
 * drawn from in one period only carries its whole emissions as region mix (it entered or left the mix); a place
 * drawn from in both periods with zero emissions in one carries its change as intensity. If a period has units but
 * the other none, volume and efficiency have no finite split: both are null and their sum is reported as
 * {@link #activity()}. If a period drew no energy at all, the whole change is activity, split as the limit of a
 * vanishing copy of the other period: volume when that period also had no units (the work did not exist), else
 * efficiency (units were recorded without energy).
 *
 * <p><b>Exactness in the figures.</b> Masses are whole micrograms ({@code long}, up to 9.2 Mt). Each period's
 * emissions are its places' emissions rounded to the microgram, the change is their exact difference, and the leaf
 * parts (volume, efficiency or activity, and each place's mix and intensity parts), computed in {@code double}, are
 * rounded to the microgram with the rounding difference put on the largest part; {@link #rounding()} says how many
 * micrograms that was. So {@code volume + efficiency = activity}, {@code mix + intensity = grid},
 * {@code activity + grid = total}, and the places' parts sum to mix and intensity, in whole numbers.
 *
 * <p><b>Flags.</b> {@link #rebound()}: energy per unit fell while the total energy rose (more units ate the
 * saving). {@link #relocation()}: emissions fell and the region mix is the largest falling part (load moved to
 * cleaner grids: relocation, not efficiency).
 *
 * <p>Immutable and thread-safe.
 *
 * @param before the earlier period's figures
 * @param after the later period's figures
 * @param total the change, after − before, µgCO2e, signed
 * @param activity the part from energy drawn (volume + efficiency), µgCO2e
 * @param volume the part from units done, µgCO2e; null when a period has no units
 * @param efficiency the part from energy per unit, µgCO2e; null when a period has no units
 * @param grid the part from where and when energy was drawn (mix + intensity), µgCO2e
 * @param mix the part from the places' shares of the energy, µgCO2e
 * @param intensity the part from the places' grid intensities, µgCO2e
 * @param zones per place, sorted by place
 * @param rounding the micrograms the rounding to whole micrograms moved onto the largest part
 * @param rebound true if energy per unit fell while total energy rose
 * @param relocation true if emissions fell mainly through region mix
 * @param notes statements about the decomposition (zeros, flags), in order
 * @since 0.2
 */
public record EmissionsDecomposition(
    PeriodFigures before,
    PeriodFigures after,
    long total,
    long activity,
    @Nullable Long volume,
    @Nullable Long efficiency,
    long grid,
    long mix,
    long intensity,
    List<ZoneChange> zones,
    long rounding,
    boolean rebound,
    boolean relocation,
    List<String> notes) {

  /** The method's name, for the output. */
  public static final String METHOD = "additive LMDI-I (log-mean Divisia index), zeros by the analytical limit";

  /** Validates that the parts sum to the total and copies the lists. */
  public EmissionsDecomposition {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    zones = List.copyOf(zones);
    notes = List.copyOf(notes);
    long zm = 0;
    long zi = 0;
    for (ZoneChange z : zones) {
      zm = Math.addExact(zm, z.mix());
      zi = Math.addExact(zi, z.intensity());
    }
    if (zm != mix || zi != intensity || Math.addExact(mix, intensity) != grid
        || Math.addExact(activity, grid) != total
        || (volume != null && efficiency != null && Math.addExact(volume, efficiency) != activity)) {
      throw new IllegalArgumentException("decomposition parts do not sum: total " + total + " µg, activity "
          + activity + ", volume " + volume + ", efficiency " + efficiency + ", grid " + grid + ", mix " + mix
          + " (places " + zm + "), intensity " + intensity + " (places " + zi + ")");
    }
  }

  /**
   * Decomposes the change from one period to another.
   *
   * @param before the earlier (base) period
   * @param after the later period
   * @return the decomposition
   * @throws ArithmeticException if a mass passes 9.2 Mt
   */
  public static EmissionsDecomposition between(PeriodFigures before, PeriodFigures after) {
    Map<String, ZoneFigures[]> byZone = new TreeMap<>();
    for (ZoneFigures z : before.zones()) {
      byZone.computeIfAbsent(z.zone(), k -> new ZoneFigures[2])[0] = z;
    }
    for (ZoneFigures z : after.zones()) {
      byZone.computeIfAbsent(z.zone(), k -> new ZoneFigures[2])[1] = z;
    }
    double e0 = before.joules();
    double e1 = after.joules();
    double q0 = before.units();
    double q1 = after.units();
    long c0 = before.micrograms();
    long c1 = after.micrograms();
    long total = Math.subtractExact(c1, c0);
    List<String> notes = new ArrayList<>();

    // Leaves: [0] volume or activity, [1] efficiency (when split), then per place mix and intensity.
    boolean split = (e0 == 0) != (e1 == 0) ? (e0 == 0 ? q1 : q0) > 0 : q0 > 0 && q1 > 0;
    int n = byZone.size();
    double volume = 0;
    double efficiency = 0;
    double activity = 0;
    double[] mix = new double[n];
    double[] inten = new double[n];
    String[] names = byZone.keySet().toArray(new String[0]);
    List<ZoneFigures[]> pairs = new ArrayList<>(byZone.values());
    if (e0 > 0 && e1 > 0) {
      double sumWeights = 0;
      for (int i = 0; i < n; i++) {
        ZoneFigures[] z = pairs.get(i);
        double ez0 = z[0] == null ? 0 : z[0].joules();
        double ez1 = z[1] == null ? 0 : z[1].joules();
        double cz0 = z[0] == null ? 0 : z[0].micrograms();
        double cz1 = z[1] == null ? 0 : z[1].micrograms();
        if (cz0 > 0 && cz1 > 0) {
          double w = Lmdi.logMean(cz1, cz0);
          sumWeights += w;
          mix[i] = w * Math.log((ez1 / e1) / (ez0 / e0));
          inten[i] = w * Math.log((cz1 / ez1) / (cz0 / ez0));
        } else if (cz0 != cz1) {
          // One period has no emissions here: the place entered or left the mix, or its intensity was zero.
          boolean drawnBoth = ez0 > 0 && ez1 > 0;
          if (drawnBoth) {
            inten[i] = cz1 - cz0;
          } else {
            mix[i] = cz1 - cz0;
          }
        }
      }
      activity = sumWeights * Math.log(e1 / e0);
      if (q0 > 0 && q1 > 0) {
        volume = sumWeights * Math.log(q1 / q0);
        efficiency = sumWeights * Math.log((e1 / q1) / (e0 / q0));
      } else if (q0 > 0 || q1 > 0) {
        notes.add("one period has no units: volume and efficiency have no finite split, their sum is shown as "
            + "activity");
      }
    } else if (e0 > 0 || e1 > 0) {
      activity = total;
      double qNone = e0 == 0 ? q0 : q1;
      double qOther = e0 == 0 ? q1 : q0;
      if (qOther > 0 && qNone == 0) {
        volume = total;
      } else if (qOther > 0) {
        efficiency = total;
        notes.add("the " + (e0 == 0 ? "earlier" : "later") + " period has units but no energy: the whole change is "
            + "shown as efficiency; check that its jobs were metered");
      }
      notes.add("the " + (e0 == 0 ? "earlier" : "later") + " period drew no energy: the whole change is activity");
    }
    // Round the leaves to whole micrograms; the difference to the exact total goes on the largest leaf.
    int leaves = (split ? 2 : 1) + 2 * n;
    double[] raw = new double[leaves];
    int k = 0;
    if (split) {
      raw[k++] = volume;
      raw[k++] = efficiency;
    } else {
      raw[k++] = activity;
    }
    for (int i = 0; i < n; i++) {
      raw[k++] = mix[i];
      raw[k++] = inten[i];
    }
    long[] rounded = new long[leaves];
    long sum = 0;
    int largest = 0;
    for (int i = 0; i < leaves; i++) {
      rounded[i] = Math.round(raw[i]);
      sum = Math.addExact(sum, rounded[i]);
      if (Math.abs(raw[i]) > Math.abs(raw[largest])) {
        largest = i;
      }
    }
    long rounding = Math.subtractExact(total, sum);
    rounded[largest] = Math.addExact(rounded[largest], rounding);

    k = 0;
    long act;
    long volumePart = 0;
    long efficiencyPart = 0;
    if (split) {
      volumePart = rounded[k++];
      efficiencyPart = rounded[k++];
      act = Math.addExact(volumePart, efficiencyPart);
    } else {
      act = rounded[k++];
    }
    List<ZoneChange> zones = new ArrayList<>();
    long mixSum = 0;
    long intSum = 0;
    for (int i = 0; i < n; i++) {
      ZoneFigures[] z = pairs.get(i);
      long m = rounded[k++];
      long in = rounded[k++];
      mixSum = Math.addExact(mixSum, m);
      intSum = Math.addExact(intSum, in);
      zones.add(new ZoneChange(names[i], z[0] == null ? 0 : z[0].joules(), z[1] == null ? 0 : z[1].joules(),
          z[0] == null ? 0 : z[0].micrograms(), z[1] == null ? 0 : z[1].micrograms(), m, in));
    }
    long gridSum = Math.addExact(mixSum, intSum);

    boolean rebound = q0 > 0 && q1 > 0 && e0 > 0 && e1 > 0 && e1 / q1 < e0 / q0 && e1 > e0;
    if (rebound) {
      notes.add(String.format(Locale.US, "possible rebound: energy per unit fell %.1f %% but total energy rose "
          + "%.1f %% (units rose %.1f %%)", 100 * (1 - (e1 / q1) / (e0 / q0)), 100 * (e1 / e0 - 1),
          100 * (q1 / q0 - 1)));
    }
    long largestFall = Math.min(Math.min(split ? Math.min(volumePart, efficiencyPart) : act, intSum), 0);
    boolean relocation = total < 0 && mixSum < 0 && mixSum <= largestFall;
    if (relocation) {
      notes.add("relocation: the fall is driven by region mix (energy moved to cleaner grids), not by efficiency");
    }
    return new EmissionsDecomposition(before, after, total, act, split ? volumePart : null,
        split ? efficiencyPart : null, gridSum, mixSum, intSum, zones, rounding,
        rebound, relocation, notes);
  }

  /**
   * Returns the energy per unit in a period.
   *
   * @param p the period's figures
   * @return J per unit, or NaN when the period has no units
   */
  public static double joulesPerUnit(PeriodFigures p) {
    return p.units() > 0 ? p.joules() / p.units() : Double.NaN;
  }
}
