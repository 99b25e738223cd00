package dev.ergon.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.benchmarks.fixture.SampleRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the accounting benchmark's two cases once each, on 3 000 records instead of a million. */
class AccountingBenchmarkTest {

  private static Scope2Report report(String instruments) {
    AccountingBenchmark b = new AccountingBenchmark();
    b.records = 3_000;
    b.instruments = instruments;
    b.setUp();
    return b.scope2();
  }

  @Test
  void countsEveryRecordAndItsEnergy() {
    Scope2Report r = report("none");
    assertEquals(3_000, r.consumption().recordsCounted());
    Energy expected = Energy.ZERO;
    for (EnergyRecord rec : SampleRecords.generate(3_000, List.of("DE", "FR", "aws:eu-west-1"), 2025)) {
      expected = expected.plus(rec.total());
    }
    assertEquals(expected, r.consumption().itEnergy(), "the same records, summed by hand");
    assertTrue(r.locationBased().value().compareTo(r.marketBased().value()) != 0
        || r.locationBased().value().equals(r.marketBased().value()), "both totals computed");
    assertTrue(r.instruments().isEmpty());
  }

  @Test
  void matchesTheCertificateAndTheSupplierRate() {
    Scope2Report r = report("certificates");
    assertEquals(2, r.instruments().size(), r.instruments().toString());
    assertTrue(r.instruments().stream().anyMatch(u -> !u.used().isZero()),
        "an instrument covered some consumption: " + r.instruments());
  }
}
