package dev.ergon.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Energy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Local times around the 2026 clock changes. Europe/Berlin: 29 March 02:00 CET → 03:00 CEST (UTC+1 → UTC+2),
 * 25 October 03:00 CEST → 02:00 CET. America/New_York: 8 March 02:00 EST → 03:00 EDT (UTC−5 → UTC−4),
 * 1 November 02:00 EDT → 01:00 EST. Expected instants are worked out from those offsets.
 */
class DaylightSavingTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant t(String text, ZoneId zone) {
    return PlanningWindow.parseInstant(text, zone);
  }

  @Test
  void berlinSpringForward() {
    assertEquals(Instant.parse("2026-03-29T00:30:00Z"), t("2026-03-29T01:30", BERLIN)); // CET, +1
    assertEquals(Instant.parse("2026-03-29T01:30:00Z"), t("2026-03-29T03:30", BERLIN)); // CEST, +2
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t("2026-03-29T02:30", BERLIN));
    assertTrue(String.valueOf(e.getMessage()).contains("does not exist in Europe/Berlin"), e.getMessage());
    // 22:00 to 06:00 local that night is 21:00Z to 04:00Z: 7 hours, not 8.
    PlanningWindow w = new PlanningWindow(t("2026-03-28T22:00", BERLIN), t("2026-03-29T06:00", BERLIN));
    assertEquals(Duration.ofHours(7), w.length());
  }

  @Test
  void berlinFallBack() {
    assertEquals(Instant.parse("2026-10-24T23:30:00Z"), t("2026-10-25T01:30", BERLIN)); // CEST, +2
    assertEquals(Instant.parse("2026-10-25T02:30:00Z"), t("2026-10-25T03:30", BERLIN)); // CET, +1
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t("2026-10-25T02:30", BERLIN));
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("twice") && m.contains("2026-10-25T00:30:00Z") && m.contains("2026-10-25T01:30:00Z"), m);
    assertEquals(Instant.parse("2026-10-25T01:30:00Z"), t("2026-10-25T02:30+01:00", BERLIN));
    PlanningWindow w = new PlanningWindow(t("2026-10-24T22:00", BERLIN), t("2026-10-25T06:00", BERLIN));
    assertEquals(Duration.ofHours(9), w.length());
  }

  @Test
  void newYorkSpringForward() {
    assertEquals(Instant.parse("2026-03-08T06:30:00Z"), t("2026-03-08T01:30", NEW_YORK)); // EST, −5
    assertEquals(Instant.parse("2026-03-08T07:30:00Z"), t("2026-03-08T03:30", NEW_YORK)); // EDT, −4
    assertThrows(IllegalArgumentException.class, () -> t("2026-03-08T02:30", NEW_YORK));
    PlanningWindow w = new PlanningWindow(t("2026-03-08T00:00", NEW_YORK), t("2026-03-08T06:00", NEW_YORK));
    assertEquals(Duration.ofHours(5), w.length());
  }

  @Test
  void newYorkFallBack() {
    assertEquals(Instant.parse("2026-11-01T04:30:00Z"), t("2026-11-01T00:30", NEW_YORK)); // EDT, −4
    assertEquals(Instant.parse("2026-11-01T07:30:00Z"), t("2026-11-01T02:30", NEW_YORK)); // EST, −5
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t("2026-11-01T01:30", NEW_YORK));
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("2026-11-01T05:30:00Z") && m.contains("2026-11-01T06:30:00Z"), m);
    PlanningWindow w = new PlanningWindow(t("2026-11-01T00:00", NEW_YORK), t("2026-11-01T06:00", NEW_YORK));
    assertEquals(Duration.ofHours(7), w.length());
  }

  @Test
  void offsetsNeedNoZoneAndLocalTimesDo() {
    assertEquals(Instant.parse("2026-03-29T01:30:00Z"), PlanningWindow.parseInstant("2026-03-29T03:30+02:00",
        null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanningWindow.parseInstant("2026-03-29T03:30", null));
    assertTrue(String.valueOf(e.getMessage()).contains("--zone"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PlanningWindow.parseInstant("tomorrow", BERLIN));
  }

  /* UTC hours from 2026-03-28T20:00Z, clean (50 g/kWh) only in the given UTC hours, else 500. */
  private static IntensityData night(Instant from, int hours, int... cleanHours) {
    double[] g = new double[hours];
    java.util.Arrays.fill(g, 500);
    for (int h : cleanHours) {
      g[h] = 50;
    }
    return Fixtures.data(Fixtures.hourly("DE", from, IntensityKind.FORECAST, g));
  }

  @Test
  void planAcrossTheSpringForwardNightInBerlin() {
    // Data from 20:00Z on the 28th; clean hours 01:00Z-04:00Z (index 5..7), i.e. 03:00-06:00 CEST local.
    Instant from = Instant.parse("2026-03-28T20:00:00Z");
    IntensityData d = night(from, 12, 5, 6, 7);
    PlanningWindow w = new PlanningWindow(t("2026-03-28T22:00", BERLIN), t("2026-03-29T06:00", BERLIN));
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(3), Energy.ofKilowattHours(3)), w,
        List.of("DE"));
    assertEquals(Instant.parse("2026-03-29T01:00:00Z"), p.best().start());
    assertEquals(Instant.parse("2026-03-29T04:00:00Z"), p.best().end()); // 06:00 CEST: exactly the deadline
    assertEquals(0.15, p.best().expected().value(), 1e-9);
    // The same 8-hour job fits the local 22:00-06:00 window only on a night that is 8 hours long or more.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarbonAwarePlanner.over(d)
        .plan(JobProfile.flat(Duration.ofHours(8), Energy.ofKilowattHours(8)), w, List.of("DE")));
    assertTrue(String.valueOf(e.getMessage()).contains("only 7 h"), e.getMessage());
  }

  @Test
  void planAcrossTheFallBackNightInBerlin() {
    // The night of 24/25 October is 9 hours long (22:00 CEST = 20:00Z to 06:00 CET = 05:00Z); an 8-hour job fits.
    Instant from = Instant.parse("2026-10-24T20:00:00Z");
    IntensityData d = night(from, 12, 1, 2, 3, 4, 5, 6, 7, 8);
    PlanningWindow w = new PlanningWindow(t("2026-10-24T22:00", BERLIN), t("2026-10-25T06:00", BERLIN));
    Plan p = CarbonAwarePlanner.over(d).plan(JobProfile.flat(Duration.ofHours(8), Energy.ofKilowattHours(8)), w,
        List.of("DE"));
    assertEquals(Instant.parse("2026-10-24T21:00:00Z"), p.best().start());
    assertEquals(0.4, p.best().expected().value(), 1e-9);
    // Baseline at 20:00Z: one 500 hour, seven 50 hours = 850 g; saving 450 g.
    assertEquals(0.45, p.best().saving().value(), 1e-9);
  }

  @Test
  void planAcrossTheNewYorkNights() {
    // Spring: 00:00-06:00 EST/EDT on 8 March = 05:00Z-10:00Z. Clean 07:00Z-09:00Z (03:00-05:00 EDT).
    Instant spring = Instant.parse("2026-03-08T05:00:00Z");
    IntensityData ds = night(spring, 5, 2, 3);
    PlanningWindow ws = new PlanningWindow(t("2026-03-08T00:00", NEW_YORK), t("2026-03-08T06:00", NEW_YORK));
    Plan ps = CarbonAwarePlanner.over(ds).plan(JobProfile.flat(Duration.ofHours(2), Energy.ofKilowattHours(2)), ws,
        List.of("DE"));
    assertEquals(Instant.parse("2026-03-08T07:00:00Z"), ps.best().start());
    // Fall: 00:00-06:00 EDT/EST on 1 November = 04:00Z-11:00Z. Clean in the last two UTC hours, 09:00Z-11:00Z.
    Instant fall = Instant.parse("2026-11-01T04:00:00Z");
    IntensityData df = night(fall, 7, 5, 6);
    PlanningWindow wf = new PlanningWindow(t("2026-11-01T00:00", NEW_YORK), t("2026-11-01T06:00", NEW_YORK));
    Plan pf = CarbonAwarePlanner.over(df).plan(JobProfile.flat(Duration.ofHours(2), Energy.ofKilowattHours(2)), wf,
        List.of("DE"));
    assertEquals(Instant.parse("2026-11-01T09:00:00Z"), pf.best().start());
    assertEquals(Instant.parse("2026-11-01T11:00:00Z"), pf.best().end());
  }
}
