package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Offsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * Every number and date read from a file is checked against physical bounds when it is parsed: out of bounds, the
 * file is refused with its path, the line and the field, never with an overflow or a crash later on.
 */
class PhysicalBoundsTest {

  private static final String INSTRUMENTS = "id,type,market,generation_start,generation_end,volume_mwh,"
      + "emission_rate,unit,retired,retired_for\n";

  @TempDir Path dir;

  private static void refused(Path file, int line, String field, Executable read) {
    InvalidDataException e = assertThrows(InvalidDataException.class, read);
    assertEquals(file.toString(), e.source(), e::getMessage);
    assertEquals(line, e.line(), e::getMessage);
    assertTrue(e.reason().contains(field), e::getMessage);
    assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e::getMessage);
  }

  @Test
  void factorTables() throws IOException {
    String header = "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n";
    for (List<String> c : List.of(
        List.of("FR,2026,location,1e308,g/kWh", "intensity"),
        List.of("FR,2026,location,1e308,t/kWh", "intensity"),
        List.of("FR,2026,location,6,kg/kWh", "intensity"),
        List.of("FR,+1000000000-01-01T00:00Z,location,40,g/kWh", "period"),
        List.of("FR,1066,location,40,g/kWh", "period"),
        List.of("FR,2026,location,40,g/kWh,500%", "uncertainty"))) {
      Path f = Files.writeString(dir.resolve("f.csv"), header.replace("unit\n", "unit,uncertainty\n")
          .replace("g/kWh\n", "g/kWh,\n") + (c.get(0).endsWith("%") ? c.get(0) : c.get(0) + ",") + "\n");
      refused(f, 3, c.get(1), () -> EmissionFactors.readTable(f));
    }
  }

  @Test
  void instrumentFiles() throws IOException {
    for (List<String> c : List.of(
        List.of("GO-1,go,DE,2026-01-01,2026-12-31,1e20,0,g/kWh,true,A", "volume_mwh"),
        List.of("GO-1,go,DE,2026-01-01,2026-12-31,1,1e308,g/kWh,true,A", "emission_rate"),
        List.of("GO-1,go,DE,+999999999-01-01,+999999999-12-31,1,0,g/kWh,true,A", "generation_start"),
        List.of("GO-1,go,DE,2026-01-01,+1000000000-12-31,1,0,g/kWh,true,A", "generation_end"))) {
      Path f = Files.writeString(dir.resolve("i.csv"), INSTRUMENTS + c.get(0) + "\n");
      refused(f, 2, c.get(1), () -> Instruments.load(f));
    }
    Path ok = Files.writeString(dir.resolve("ok.csv"), INSTRUMENTS + "GO-1,go,DE,2026-01-01,2026-12-31,1,0,g/kWh,"
        + "true,A\n");
    for (List<String> c : List.of(
        List.of("GO-1,2026-06-01T12:00Z,1e20", "mwh"),
        List.of("GO-1,+1000000000-06-01T12:00Z,1", "hour"))) {
      Path h = Files.writeString(dir.resolve("h.csv"), "instrument_id,hour,mwh\n" + c.get(0) + "\n");
      refused(h, 2, c.get(1), () -> Instruments.load(ok, h));
    }
  }

  @Test
  void offsetFiles() throws IOException {
    for (List<String> c : List.of(List.of("CR-1,1e20,", "quantity_t"), List.of("CR-1,1,+1000000000", "vintage"))) {
      Path f = Files.writeString(dir.resolve("o.csv"), "id,quantity_t,vintage\n" + c.get(0) + "\n");
      refused(f, 2, c.get(1), () -> Offsets.load(f));
    }
  }
}
