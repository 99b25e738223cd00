package dev.ergon.accounting.scope2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instrument and hourly-generation files: what is read, and what is refused with file, line and reason. */
class InstrumentsFileTest {

  @TempDir Path dir;

  private Path write(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, body);
    return p;
  }

  private InvalidDataException refused(String rows) throws IOException {
    Path p = write("i.csv", MarketBasedTest.HEADER + rows);
    return assertThrows(InvalidDataException.class, () -> Instruments.load(p));
  }

  @Test
  void aRowBecomesAnInstrument() throws IOException {
    Path p = write("i.csv", MarketBasedTest.HEADER
        + "GO-7,GO,eea,2026-01-01,2026-06-30,1.5,0.2,kg/MWh,wind,yes,ACME\n"
        + "SUP,supplier_rate,DE,2026-01-01,2026-12-31,,500,lb/MWh,,,\n");
    Instrument go = Instruments.load(p).all().get(0);
    assertEquals("EEA", go.market());
    assertEquals(InstrumentType.GO, go.type());
    assertEquals(Instant.parse("2026-07-01T00:00:00Z"), go.generationEnd(), "the end date is inclusive");
    assertEquals(1.5, java.util.Objects.requireNonNull(go.volume()).toMegawattHours(), 1e-12);
    assertEquals(0.2, java.util.Objects.requireNonNull(go.emissionRate()).toGramsPerKilowattHour(), 1e-12);
    assertTrue(go.retired());
    assertTrue(go.origin().endsWith("i.csv:2"));
    Instrument sup = Instruments.load(p).all().get(1);
    assertNull(sup.volume());
    assertEquals(226.796185, java.util.Objects.requireNonNull(sup.emissionRate()).toGramsPerKilowattHour(), 1e-9);
  }

  @Test
  void badRowsAreRefusedWithTheirLine() throws IOException {
    InvalidDataException type = refused("X,green,DE,2026-01-01,2026-12-31,1,0,g/kWh,,true,A\n");
    assertEquals(2, type.line());
    assertTrue(type.reason().contains("unknown instrument type 'green'"));
    assertTrue(refused("X,go,DE,2026-02-30,2026-12-31,1,0,g/kWh,,true,A\n").reason().contains("not an ISO date"));
    assertTrue(refused("X,go,DE,2026-01-01,2026-12-31,,0,g/kWh,,true,A\n").reason().contains("needs a volume"));
    assertTrue(refused("X,go,DE,2026-01-01,2026-12-31,1,0,,,true,A\n").reason().contains("without a unit"));
    assertTrue(refused("X,go,DE,2026-01-01,2026-12-31,1,0,g/J,,true,A\n").reason().contains("unknown unit"));
    assertTrue(refused("X,go,DE,2026-01-01,2026-12-31,-1,0,g/kWh,,true,A\n").reason().contains("physical bounds"));
    assertTrue(refused("X,go,DE,2026-12-31,2026-01-01,1,0,g/kWh,,true,A\n").reason().contains("before it starts"));
    assertTrue(refused("X,go,DE,2026-01-01,2026-12-31,1,0,g/kWh,,maybe,A\n").reason().contains("not true or false"));
    assertTrue(refused("X,go,aws:eu-west-1,2026-01-01,2026-12-31,1,0,g/kWh,,true,A\n").reason()
        .contains("must be a grid zone or EEA"));
  }

  @Test
  void hourlyProfilesMustFitTheirInstrument() throws IOException {
    Path ins = write("i.csv", MarketBasedTest.HEADER + "S,go,DE,2026-06-01,2026-06-01,0.002,0,g/kWh,solar,true,A\n");
    Path ok = write("h.csv", "instrument_id,hour,mwh\nS,2026-06-01T10:00Z,0.001\nS,2026-06-01T11:00:00Z,0.001\n");
    assertEquals(2, Instruments.load(ins, ok).all().get(0).hourlyGeneration().size());
    Path unknown = write("h1.csv", "instrument_id,hour,mwh\nT,2026-06-01T10:00Z,0.002\n");
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> Instruments.load(ins, unknown));
    assertEquals(2, e.line());
    assertTrue(e.reason().contains("not in the instrument file"));
    Path outside = write("h2.csv", "instrument_id,hour,mwh\nS,2026-06-02T10:00Z,0.002\n");
    assertTrue(assertThrows(InvalidDataException.class, () -> Instruments.load(ins, outside)).reason()
        .contains("outside its generation period"));
    Path sum = write("h3.csv", "instrument_id,hour,mwh\nS,2026-06-01T10:00Z,0.003\n");
    assertTrue(assertThrows(InvalidDataException.class, () -> Instruments.load(ins, sum)).reason()
        .contains("must agree"));
    Path twice = write("h4.csv", "instrument_id,hour,mwh\nS,2026-06-01T10:00Z,0.001\nS,2026-06-01T10:00Z,0.001\n");
    assertEquals(3, assertThrows(InvalidDataException.class, () -> Instruments.load(ins, twice)).line());
    Path local = write("h5.csv", "instrument_id,hour,mwh\nS,2026-06-01T10:00+02:00,0.002\n");
    assertTrue(assertThrows(InvalidDataException.class, () -> Instruments.load(ins, local)).reason()
        .contains("UTC"));
  }
}
