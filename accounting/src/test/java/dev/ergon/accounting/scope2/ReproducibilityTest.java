package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.accounting.ReportFormat;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input digest identifies the inputs: same inputs, same digest and report; any change, another digest. */
class ReproducibilityTest {

  @TempDir Path dir;
  EmissionFactors factors;
  List<EnergyRecord> records;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    factors = EmissionFactors.readTable(f);
    records = List.of(record("a").region("DE").start("2026-01-01T00:00:00Z").kwh(1, 2).build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).build());
  }

  @Test
  void sameInputsGiveTheSameReportAndDigest() {
    Scope2Report one = Scope2.calculator(factors).pue(1.2).calculate(records);
    Scope2Report two = Scope2.calculator(factors).pue(1.2).calculate(List.of(records.get(1), records.get(0)));
    assertEquals(one, two);
    assertEquals(ReportFormat.TEXT.toString(one), ReportFormat.TEXT.toString(two));
    assertTrue(one.inputDigest().matches("sha256:[0-9a-f]{64}"), one.inputDigest());
  }

  @Test
  void anyChangeOfInputChangesTheDigest() throws IOException {
    String base = Scope2.calculator(factors).pue(1.2).calculate(records).inputDigest();
    assertNotEquals(base, Scope2.calculator(factors).pue(1.25).calculate(records).inputDigest(), "options");
    List<EnergyRecord> changed = List.of(records.get(0),
        record("b").region("DE").start("2026-01-01T05:00:00Z").micro(3 * 3_600_000_000_000L + 1).build());
    assertNotEquals(base, Scope2.calculator(factors).pue(1.2).calculate(changed).inputDigest(), "1 µJ more");
    Path g = dir.resolve("f.csv");
    Files.writeString(g, "zone,period,kind,intensity,unit\nDE,2026,location,401,g/kWh\n");
    assertNotEquals(base, Scope2.calculator(EmissionFactors.readTable(g)).pue(1.2).calculate(records).inputDigest(),
        "factor data");
    Path i = dir.resolve("i.csv");
    Files.writeString(i, MarketBasedTest.HEADER + "GO-1,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,A\n");
    assertNotEquals(base, Scope2.calculator(factors).pue(1.2).reportingEntity("A").instruments(Instruments.load(i))
        .calculate(records).inputDigest(), "instruments");
  }
}
