package dev.ergon.accounting.scope2;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.factors.EmissionFactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input digest covers each input on its own: a change of only the instruments, only the offsets, or only one
 * field of one of them or of a record, gives another digest; the same inputs in another order give the same one.
 */
class InputDigestCoverageTest {

  private static final String I_HEADER =
      "id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for,"
          + "facility\n";
  private static final String I_ROW = "GO-1,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,A,farm 1\n";
  private static final String O_HEADER = "id,quantity_t,registry,project,type,vintage,retired_for\n";
  private static final String O_ROW = "CR-1,1.5,Verra,P1,removal,2025,A\n";

  @TempDir Path dir;
  EmissionFactors factors;
  List<EnergyRecord> records;
  int files;

  @BeforeEach
  void setUp() throws IOException {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, "zone,period,kind,intensity,unit\nDE,2026,location,400,g/kWh\n");
    factors = EmissionFactors.readTable(f);
    records = List.of(record("a").region("DE").start("2026-01-01T00:00:00Z").kwh(1, 2).build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).build());
  }

  private String digest(String instruments, String offsets, List<EnergyRecord> recs) throws IOException {
    Path i = dir.resolve("i" + files + ".csv");
    Path o = dir.resolve("o" + files++ + ".csv");
    Files.writeString(i, I_HEADER + instruments);
    Files.writeString(o, O_HEADER + offsets);
    return Scope2.calculator(factors).reportingEntity("A").instruments(Instruments.load(i))
        .offsets(Offsets.load(o)).calculate(recs).inputDigest();
  }

  @Test
  void onlyTheInstrumentsOrOnlyTheOffsetsChangeTheDigest() throws IOException {
    String base = digest(I_ROW, O_ROW, records);
    assertEquals(base, digest(I_ROW, O_ROW, records), "the same inputs read again");
    assertNotEquals(base, digest("", O_ROW, records), "no instrument");
    assertNotEquals(base, digest(I_ROW, "", records), "no offset");
    assertNotEquals(base, digest(I_ROW + I_ROW.replace("GO-1", "GO-2"), O_ROW, records), "one more instrument");
    assertNotEquals(base, digest(I_ROW, O_ROW + O_ROW.replace("CR-1", "CR-2"), records), "one more offset");
  }

  @Test
  void everyFieldOfAnInstrumentIsCovered() throws IOException {
    Set<String> seen = new HashSet<>();
    seen.add(digest(I_ROW, O_ROW, records));
    List<String> variants = List.of(
        "GO-9,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,A,farm 1\n",
        "GO-1,rec,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,A,farm 1\n",
        "GO-1,go,FR,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,A,farm 1\n",
        "GO-1,go,DE,2026-01-02,2026-12-31,0.001,0,g/kWh,wind,true,A,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-30,0.001,0,g/kWh,wind,true,A,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.002,0,g/kWh,wind,true,A,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.001,1,g/kWh,wind,true,A,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.001,,,wind,true,A,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,solar,true,A,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,false,A,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,B,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,,farm 1\n",
        "GO-1,go,DE,2026-01-01,2026-12-31,0.001,0,g/kWh,wind,true,A,farm 2\n");
    for (String v : variants) {
      assertEquals(true, seen.add(digest(v, O_ROW, records)), v);
    }
  }

  @Test
  void everyFieldOfAnOffsetIsCovered() throws IOException {
    Set<String> seen = new HashSet<>();
    seen.add(digest(I_ROW, O_ROW, records));
    for (String v : List.of("CR-9,1.5,Verra,P1,removal,2025,A\n", "CR-1,1.6,Verra,P1,removal,2025,A\n",
        "CR-1,1.5,Gold,P1,removal,2025,A\n", "CR-1,1.5,Verra,P2,removal,2025,A\n",
        "CR-1,1.5,Verra,P1,avoidance,2025,A\n", "CR-1,1.5,Verra,P1,removal,2024,A\n",
        "CR-1,1.5,Verra,P1,removal,2025,B\n", "CR-1,1.5,Verra,P1,removal,2025,\n")) {
      assertEquals(true, seen.add(digest(I_ROW, v, records)), v);
    }
  }

  @Test
  void theOrderOfInstrumentsOffsetsAndRecordsDoesNotMatterAndARepeatedRecordCountsOnce() throws IOException {
    String two = I_ROW + I_ROW.replace("GO-1", "GO-2");
    String twoOffsets = O_ROW + O_ROW.replace("CR-1", "CR-2");
    String base = digest(two, twoOffsets, records);
    assertEquals(base, digest(I_ROW.replace("GO-1", "GO-2") + I_ROW, O_ROW.replace("CR-1", "CR-2") + O_ROW,
        List.of(records.get(1), records.get(0))));
    assertEquals(base, digest(two, twoOffsets, List.of(records.get(0), records.get(1), records.get(0))));
  }

  @Test
  void everyFieldOfARecordIsCovered() throws IOException {
    Set<String> seen = new HashSet<>();
    EnergyRecord b = records.get(1);
    seen.add(digest(I_ROW, O_ROW, records));
    List<EnergyRecord> variants = List.of(
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).tags("k", "v").build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).host("other").build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).units(2).build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).uncertainty(0.2).build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).method(Method.INTEGRATED_POWER).build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(3).status(RecordStatus.PARTIAL).build(),
        record("b").region("DE").start("2026-01-01T06:00:00Z").kwh(3).build(),
        record("b").region("DE").start("2026-01-01T05:00:00Z").kwh(1, 2).build(),
        record("b").region("DE").parent(records.get(0).id()).start("2026-01-01T05:00:00Z").kwh(3).build());
    for (EnergyRecord v : variants) {
      assertNotEquals(b, v);
      assertEquals(true, seen.add(digest(I_ROW, O_ROW, List.of(records.get(0), v))), v.toString());
    }
  }
}
