package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Attribution;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.Tags;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.ledger.JsonLinesLedger;
import dev.ergon.ChannelKind;
import dev.ergon.testing.ManualClock;
import dev.ergon.testing.TraceMeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a monitor meters a job into a JSON Lines ledger, and the README's ten lines turn the ledger, a factor
 * table and an instruments file into a dual report.
 */
class LedgerToReportTest {

  @TempDir Path dir;

  @Test
  void aMeteredJobBecomesADualScope2Report() throws IOException {
    Path ledgerFile = dir.resolve("ledger.jsonl");
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:59:30Z"));
    TraceMeter meter = new TraceMeter("trace", List.of(TraceMeter.counter("cpu/package-0", ChannelKind.CPU_PACKAGE,
        0, 5e6)));
    try (EnergyMonitor monitor = EnergyMonitor.builder().providers(List.of(meter.provider(0)))
        .ledger(JsonLinesLedger.open(ledgerFile)).clock(clock).ticker(clock).withoutSamplerThread()
        .region("DE").host("node-1").attribution(Attribution.MACHINE).build()) {
      try (Job job = monitor.start("train", Tags.of("model", "bert"))) {
        for (int i = 0; i < 6; i++) { // 6 x 10 s, 0.1 kWh each, across the 11:00 boundary
          clock.advance(Duration.ofSeconds(10));
          meter.advance(0, 360_000_000_000L);
          monitor.sample();
        }
        job.addUnits(3);
      }
    }
    Files.writeString(dir.resolve("factors.csv"), """
        zone,period,kind,intensity,unit,uncertainty
        DE,2026,location,400,g/kWh,5%
        DE,2026,residual_mix,600,g/kWh,
        """);
    Files.writeString(dir.resolve("instruments.csv"), """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-2026-0001,go,DE,2026-01-01,2026-12-31,0.0002,0,g/kWh,wind,true,Example Ltd
        """);

    // The README example:
    List<EnergyRecord> records = JsonLinesLedger.read(dir.resolve("ledger.jsonl"));
    Scope2Report report = Scope2.calculator(EmissionFactors.load(dir.resolve("factors.csv")))
        .instruments(Instruments.load(dir.resolve("instruments.csv")))
        .reportingEntity("Example Ltd")
        .pue(1.2)
        .calculate(records);
    String text = ReportFormat.TEXT.toString(report);

    assertEquals(1, records.size());
    assertEquals(0.6, report.consumption().itEnergy().toKilowattHours(), 1e-9);
    // location: 0.6 kWh x 1.2 x 400 = 288 g; market: 0.2 kWh GO at 0, 0.52 kWh x 600 = 312 g
    assertEquals(288.0, report.locationBased().value().toGrams(), 1e-6);
    assertEquals(312.0, report.marketBased().value().toGrams(), 1e-6);
    assertEquals(2, report.cells().size(), "hour buckets 10:00 and 11:00");
    assertEquals("bert", report.byTag("model").get(0).key());
    assertTrue(report.locationBased().standardUncertaintyGrams() > 0);
    assertTrue(text.contains("Location-based") && text.contains("Market-based"), text);
  }
}
