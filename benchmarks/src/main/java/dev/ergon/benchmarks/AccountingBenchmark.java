package dev.ergon.benchmarks;

import dev.ergon.CarbonIntensity;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.accounting.cells.ConsumptionCells;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Instrument;
import dev.ergon.accounting.scope2.InstrumentType;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Calculator;
import dev.ergon.accounting.scope2.Scope2Report;
import dev.ergon.benchmarks.fixture.SampleRecords;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A dual GHG Protocol Scope 2 report (location-based and market-based, with the bundled emission factors) over a
 * million job records: one record a minute for about two years, in Germany, France and AWS eu-west-1 in turn.
 * Records per second are {@code records / score}; run with {@code -prof gc} for the bytes allocated per report
 * (divide by {@code records} for bytes per record). One call is one operation (single-shot time).
 *
 * <p>{@code instruments=none}: no contractual instruments, so the market-based method falls back to residual mixes
 * and grid averages. {@code instruments=certificates}: a 5 MWh wind Guarantee of Origin for Germany (part of its
 * consumption) and an open supplier rate for France, so certificates are matched first, then the supplier rate.
 *
 * <p>{@code scope2} is the whole calculation from records: aggregation into cells, the records' input digest
 * (SHA-256 over every field of every record) and the per-cell calculation. {@code cells} and {@code scope2FromCells}
 * time the two steps apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsPrepend = "-Xmx4g")
public class AccountingBenchmark {

  private static final String ENTITY = "Bench Ltd";

  /** How many records. */
  @Param({"100000", "1000000"})
  public int records;

  /** The contractual instruments: {@code none} or {@code certificates}. */
  @Param({"none", "certificates"})
  public String instruments = "none";

  private List<EnergyRecord> input;
  private Scope2Calculator calculator;
  private ConsumptionCells cells;

  /** Makes the records and the calculator; loads the bundled factors once. */
  @Setup(Level.Trial)
  @Initializer
  public void setUp() {
    input = Arrays.asList(SampleRecords.generate(records, List.of("DE", "FR", "aws:eu-west-1"), 2025));
    Scope2Calculator c = Scope2.calculator(EmissionFactors.bundled());
    calculator = switch (instruments) {
      case "none" -> c;
      case "certificates" -> c.instruments(certificates()).reportingEntity(ENTITY);
      default -> throw new IllegalArgumentException("unknown instruments '" + instruments
          + "'; use none or certificates");
    };
    cells = ConsumptionCells.of(input);
  }

  /**
   * The benchmark's instruments: a 5 MWh wind GO for DE and a supplier rate of 45 g/kWh for FR, 2025-2026.
   *
   * @return the instruments
   */
  static Instruments certificates() {
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    Instant end = Instant.parse("2027-01-01T00:00:00Z");
    Instrument go = new Instrument("GO-DE-2025-000001", InstrumentType.GO, "DE", start, end,
        Energy.ofKilowattHours(5_000), CarbonIntensity.ZERO, "wind", true, ENTITY, "Bench wind farm",
        new TreeMap<>(), "benchmark");
    Instrument supplier = new Instrument("SUPPLIER-FR-2025", InstrumentType.SUPPLIER_RATE, "FR", start, end, null,
        CarbonIntensity.ofGramsPerKilowattHour(45), "", false, null, "Bench utility tariff", new TreeMap<>(),
        "benchmark");
    return Instruments.of(List.of(go, supplier));
  }

  /**
   * Computes the report.
   *
   * @return the report
   */
  @Benchmark
  public Scope2Report scope2() {
    return calculator.calculate(input);
  }

  /**
   * Aggregates the records into consumption cells only (the first, mergeable step; no digest, no factors).
   *
   * @return the cells
   */
  @Benchmark
  public ConsumptionCells cells() {
    return ConsumptionCells.of(input);
  }

  /**
   * Computes the report from cells aggregated beforehand (the second step, per cell; the input digest is that of
   * the cells).
   *
   * @return the report
   */
  @Benchmark
  public Scope2Report scope2FromCells() {
    return calculator.calculate(cells);
  }
}
