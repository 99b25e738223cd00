package dev.ergon.accounting.cells;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.EnergyRecord;
import dev.ergon.Tags;
import dev.ergon.accounting.EnergyLevel;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.sci.Sci;
import dev.ergon.accounting.sci.SciReport;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-step example of accounting/README.md ("Embedding the engine with cells"), run as written there. */
class CellsEmbeddingExampleTest {
  @TempDir Path dir;

  @Test
  void theReadmeExample() throws IOException {
    Path factorsCsv = dir.resolve("factors.csv");
    Files.writeString(factorsCsv, "zone,period,kind,intensity,unit,uncertainty\nDE,2026,location,400,g/kWh,5%\n");
    List<EnergyRecord> shardA = List.of(record("a").region("DE").host("n1").tags("team", "search")
        .start("2026-03-01T10:00:00Z").kwh(0.25).units(600).build());
    List<EnergyRecord> shardB = List.of(record("b").region("DE").host("n2").tags("team", "ads")
        .start("2026-03-01T11:00:00Z").kwh(0.1, 0.15).units(400).build());
    Instant hour = Instant.parse("2026-03-01T12:00:00Z");

    // --- README example starts
    // 1. Aggregate each part where it lives (whole job trees per part), in one pass.
    ConsumptionCells a = ConsumptionCells.of(shardA);
    ConsumptionCells b = ConsumptionCells.of(shardB);

    // 2. Or take cells aggregated elsewhere, e.g. the rows of a GROUP BY over per-record cells.
    ConsumptionCells fromSql = ConsumptionCells.builder()
        .add(new CellKey("DE", hour, "n3", Tags.of("team", "ads"), EnergyLevel.IT),
            new CellEnergy(360_000_000_000L, 0, 0, BigInteger.ZERO))          // 0.1 kWh, measured, exact
        .addTally(new RecordTally(1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, hour, hour.plusSeconds(600),
            new java.util.TreeSet<>(List.of("team")), new java.util.TreeSet<>(List.of("batch")),
            new java.util.TreeSet<>(List.of("n3")), new java.util.TreeSet<>(), new java.util.TreeSet<>()))
        .addRun("n3", hour, hour.plusSeconds(600))
        .build();

    // 3. Merge: associative and commutative, so any order and grouping gives the same cells.
    ConsumptionCells cells = a.plus(b).plus(fromSql);

    // 4. Apply PUE, factors, instruments and uncertainty per cell.
    EmissionFactors factors = EmissionFactors.readTable(factorsCsv);
    Scope2Report scope2 = Scope2.calculator(factors).pue(1.2).calculate(cells);
    SciReport sci = Sci.calculator(factors).pue(1.2).functionalUnit("request", 1000).calculate(cells);
    // --- README example ends

    // 0.6 kWh IT × 1.2 = 0.72 kWh × 400 g/kWh = 288 g
    assertEquals(288.0, scope2.locationBased().value().toGrams(), 1e-9);
    Map<String, Double> byTeam = new java.util.TreeMap<>();
    scope2.byTag("team").forEach(l -> byTeam.put(l.key(), l.locationBased().value().toGrams()));
    // ads: (0.25 + 0.1) kWh × 1.2 × 400 = 168 g; search: 0.25 × 1.2 × 400 = 120 g
    assertEquals(Map.of("ads", 168.0, "search", 120.0).keySet(), byTeam.keySet());
    assertEquals(168.0, byTeam.getOrDefault("ads", 0.0), 1e-9);
    assertEquals(120.0, byTeam.getOrDefault("search", 0.0), 1e-9);
    // 1000 units: 288 g per 1000 requests
    assertEquals(288.0, java.util.Objects.requireNonNull(sci.perUnit()).value().toGrams(), 1e-9);
    assertEquals(cells, b.plus(fromSql).plus(a));
  }
}
