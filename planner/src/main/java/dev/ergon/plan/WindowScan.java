package dev.ergon.plan;

/*
 * The emissions of one run, by direct summation: for each profile slot [a, b) of the run, the intensity steps it
 * overlaps, each weighted by the overlap in seconds. O(slots + steps of the run) per start, no allocation; a plan is
 * O(starts × (slots + steps)) per region. Three sums come out together:
 *   g  = Σ slots Σ steps (e_j / len_j) · overlap · I_k            expected grams
 *   p  = Σ slots Σ steps (sd_j / len_j) · overlap · I_k           profile spread, slots fully correlated (grams)
 *   f  = Σ slots Σ steps (e_j / len_j) · overlap · I_k · u_k      intensity uncertainty, steps fully correlated
 * Both standard uncertainties are sums, not root-sum-squares: the conservative choice when the parts move together
 * (a run that draws more draws more throughout; a forecast that is high is high for hours at a stretch).
 */
final class WindowScan {
  private final long t0;
  private final long step;
  private final double[] intensity;
  private final double[] relU;
  private final long end;

  WindowScan(IntensitySeries s, IntensityUncertainty u) {
    this.t0 = s.startSecond();
    this.step = s.stepSeconds();
    this.intensity = s.values();
    this.end = s.endSecond();
    IntensityKind[] kinds = s.kinds();
    this.relU = new double[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      relU[i] = u.of(kinds[i]);
    }
  }

  long start() {
    return t0;
  }

  long end() {
    return end;
  }

  long step() {
    return step;
  }

  boolean covers(long from, long to) {
    return from >= t0 && to <= end;
  }

  /** Fills out[0..2] with g, p, f (grams) for a run starting at {@code s}; the run must lie inside the series. */
  void evaluate(JobProfile profile, long s, double[] out) {
    double[] e = profile.kwh();
    double[] sd = profile.sdKwh();
    long slot = profile.slotSeconds();
    long d = profile.durationSeconds();
    double g = 0;
    double p = 0;
    double f = 0;
    int k = (int) Math.floorDiv(s - t0, step);
    for (int j = 0; j < e.length; j++) {
      long a = s + j * slot;
      long b = s + Math.min((j + 1) * slot, d);
      while (t0 + (k + 1) * step <= a) {
        k++;
      }
      double gi = 0;
      double fi = 0;
      long cur = a;
      int kk = k;
      while (cur < b) {
        long stepEnd = t0 + (kk + 1) * step;
        long to = Math.min(b, stepEnd);
        double ov = to - cur;
        gi += ov * intensity[kk];
        fi += ov * intensity[kk] * relU[kk];
        cur = to;
        if (to == stepEnd) {
          kk++;
        }
      }
      double len = b - a;
      g += e[j] / len * gi;
      p += sd[j] / len * gi;
      f += e[j] / len * fi;
    }
    out[0] = g;
    out[1] = p;
    out[2] = f;
  }
}
