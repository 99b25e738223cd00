package dev.ergon.accounting.internal;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.accounting.ReportingPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The HTML report's own figures from the records: time step by span, series per group, energy per method. */
class RecordBreakdownTest {
  private static final ReportingPeriod Y2026 = ReportingPeriod.ofYear(2026);

  private static RecordBreakdown.Step stepOf(ReportingPeriod p, String... starts) {
    List<EnergyRecord> rs = new java.util.ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      rs.add(record("r" + i).start(starts[i]).kwh(1).build());
    }
    return RecordBreakdown.of(rs, p, null).step();
  }

  @Test
  void stepIsDaysUpTo62DaysApartThenWeeksUpTo731ThenMonths() {
    // 2026-03-01 to 2026-05-02: 31 + 30 + 1 = 62 days
    assertEquals(RecordBreakdown.Step.DAY, stepOf(Y2026, "2026-03-01T00:00:00Z", "2026-05-02T00:00:00Z"));
    assertEquals(RecordBreakdown.Step.WEEK, stepOf(Y2026, "2026-03-01T00:00:00Z", "2026-05-03T00:00:00Z"));
    ReportingPeriod three = new ReportingPeriod(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2029-01-01T00:00:00Z"));
    // 2026-01-01 + 365 + 365 = 2028-01-01 (730 days); 2028-01-02 is 731
    assertEquals(RecordBreakdown.Step.WEEK, stepOf(three, "2026-01-01T00:00:00Z", "2028-01-02T00:00:00Z"));
    assertEquals(RecordBreakdown.Step.MONTH, stepOf(three, "2026-01-01T00:00:00Z", "2028-01-03T00:00:00Z"));
  }

  @Test
  void spanIsFromTheEarliestToTheLatestInPeriodHourWhateverTheRecordOrder() {
    // by id: a (03-20), b (01-01), c (03-01), d (before the period, left out): span 01-01 .. 03-20 = 78 days
    assertEquals(RecordBreakdown.Step.WEEK, stepOf(Y2026, "2026-03-20T00:00:00Z", "2026-01-01T00:00:00Z",
        "2026-03-01T00:00:00Z", "2025-12-31T00:00:00Z"));
    // by id: the latest first: 02-25 .. 01-01 .. 01-31 -> 55 days
    assertEquals(RecordBreakdown.Step.DAY, stepOf(Y2026, "2026-02-25T00:00:00Z", "2026-01-01T00:00:00Z",
        "2026-01-31T00:00:00Z"));
    // only records outside the period: no span, days
    RecordBreakdown none = RecordBreakdown.of(List.of(record("x").start("2025-06-01T00:00:00Z").kwh(1).build()),
        Y2026, null);
    assertEquals(RecordBreakdown.Step.DAY, none.step());
    assertEquals(Map.of("all", List.of()), none.groups());
    assertTrue(none.byMethodKwh().isEmpty() || none.byMethodKwh().values().stream().allMatch(v -> v == 0),
        none.byMethodKwh()::toString);
  }

  @Test
  void seriesPerGroupWithIndependentUncertainties() {
    List<EnergyRecord> rs = List.of(
        record("a").start("2026-03-01T10:00:00Z").kwh(1, 2).uncertainty(0.1).units(30).tags("team", "x").build(),
        record("b").start("2026-03-01T20:00:00Z").kwh(4).uncertainty(0.1).units(10).tags("team", "x").build(),
        record("c").start("2026-03-02T23:00:00Z").kwh(1, 1).method(Method.MODEL).tags("team", "y").build(),
        record("a").start("2026-03-05T00:00:00Z").kwh(100).build(), // same id: counted once
        record("k").parent("a").start("2026-03-01T10:00:00Z").kwh(1).build()); // nested in a
    RecordBreakdown b = RecordBreakdown.of(rs, Y2026, "team");
    assertEquals(3, b.counted());
    assertEquals("team", b.groupKey());
    assertEquals(RecordBreakdown.Step.DAY, b.step());
    Instant d1 = Instant.parse("2026-03-01T00:00:00Z");
    Instant d2 = Instant.parse("2026-03-02T00:00:00Z");
    Instant d3 = Instant.parse("2026-03-03T00:00:00Z");
    // x on 03-01: 3 + 4 kWh, u = sqrt(0.3^2 + 0.4^2) = 0.5, units 30 + 10
    List<RecordBreakdown.Point> x = Objects.requireNonNull(b.groups().get("x"));
    assertEquals(1, x.size());
    assertEquals(d1, x.get(0).stepStart());
    assertEquals(7, x.get(0).itKwh(), 1e-12);
    assertEquals(0.5, x.get(0).uKwh(), 1e-12);
    assertEquals(40, x.get(0).units(), 1e-12);
    // y: 1 kWh on 03-02 (23:00) and 1 on 03-03 (00:00), no units, no uncertainty
    List<RecordBreakdown.Point> y = b.groups().get("y");
    assertEquals(List.of(new RecordBreakdown.Point(d2, 1, 0, 0), new RecordBreakdown.Point(d3, 1, 0, 0)), y);
    assertEquals(List.of("x", "y"), List.copyOf(b.groups().keySet()));
    // methods: counters 7 kWh, model 2 kWh
    assertEquals(7, Objects.requireNonNull(b.byMethodKwh().get(Method.COUNTER)), 1e-12);
    assertEquals(2, Objects.requireNonNull(b.byMethodKwh().get(Method.MODEL)), 1e-12);
    assertEquals(2, b.byMethodKwh().size());
  }

  @Test
  void unitsSpreadInProportionToEnergyAcrossSteps() {
    // 1 kWh on 03-01 23:00, 3 kWh on 03-02 00:00: 20 units split 5 / 15
    RecordBreakdown b = RecordBreakdown.of(
        List.of(record("a").start("2026-03-01T23:00:00Z").kwh(1, 3).units(20).build()), Y2026, null);
    List<RecordBreakdown.Point> all = Objects.requireNonNull(b.groups().get("all"));
    assertEquals(2, all.size());
    assertEquals(5, all.get(0).units(), 1e-12);
    assertEquals(15, all.get(1).units(), 1e-12);
    assertEquals(Instant.parse("2026-03-02T00:00:00Z"), all.get(1).stepStart());
  }

  @Test
  void recordWithoutEnergyPutsItsUnitsInItsFirstStep() {
    RecordBreakdown b = RecordBreakdown.of(List.of(
        record("z").start("2026-03-04T05:00:00Z").kwh(0).units(5).build(),
        record("o").start("2025-03-04T05:00:00Z").kwh(0).units(3).build()), Y2026, null); // outside: left out
    List<RecordBreakdown.Point> all = b.groups().get("all");
    assertEquals(List.of(new RecordBreakdown.Point(Instant.parse("2026-03-04T00:00:00Z"), 0, 0, 5)), all);
    // no energy in any channel: no method share
    assertTrue(b.byMethodKwh().isEmpty(), b.byMethodKwh()::toString);
  }

  @Test
  void recordWithoutEnergyOrUnitsAddsNoStep() {
    RecordBreakdown b = RecordBreakdown.of(List.of(record("z").start("2026-03-04T05:00:00Z").kwh(0).build()),
        Y2026, null);
    assertEquals(Map.of("all", List.of()), b.groups());
    assertEquals(1, b.counted());
  }

  @Test
  void weekAndMonthStepsAndLabels() {
    Instant wed = Instant.parse("2026-03-11T15:00:00Z");
    assertEquals(Instant.parse("2026-03-11T00:00:00Z"), RecordBreakdown.Step.DAY.startOf(wed));
    assertEquals(Instant.parse("2026-03-09T00:00:00Z"), RecordBreakdown.Step.WEEK.startOf(wed));
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), RecordBreakdown.Step.MONTH.startOf(wed));
    assertEquals("2026-03-09", RecordBreakdown.Step.DAY.label(Instant.parse("2026-03-09T00:00:00Z")));
    assertEquals("2026-W11", RecordBreakdown.Step.WEEK.label(Instant.parse("2026-03-09T00:00:00Z")));
    assertEquals("2026-03", RecordBreakdown.Step.MONTH.label(Instant.parse("2026-03-01T00:00:00Z")));
    // 2027-01-01 is a Friday: its ISO week is 2026-W53
    assertEquals("2026-W53", RecordBreakdown.Step.WEEK.label(Instant.parse("2026-12-28T00:00:00Z")));
  }

  @Test
  void groupsOfSeveralKeys() {
    EnergyRecord r = record("a").kwh(1).tags("model", "m1", "zone", "z").build();
    assertEquals("m1 / (none)", RecordBreakdown.groupOf(r, "model, version"));
    assertEquals("m1 / z", RecordBreakdown.groupOf(r, "model,zone"));
    assertEquals("(none)", RecordBreakdown.groupOf(r, "version,other"));
  }
}
