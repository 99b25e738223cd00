package dev.ergon.meter.estimate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TdpTableTest {
  private static final TdpTable SHIPPED = TdpTable.load();

  private static TdpTable table(String... lines) {
    List<CsvRows.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      rows.add(new CsvRows.Row(CsvRows.split(lines[i]), i + 2));
    }
    return new TdpTable(rows);
  }

  @Test
  void findsTheShippedTdpOfCloudXeonsFromTheirLinuxNames() {
    // cpu_power.csv: "Intel Xeon Platinum 8259CL,210", "Intel Xeon E5-2686 v4,145", "AMD EPYC 7B12,240"
    TdpTable.Match m = SHIPPED.find("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz").orElseThrow();
    assertEquals("Intel Xeon Platinum 8259CL", m.name());
    assertEquals(210.0, m.tdpWatts());
    assertTrue(m.exact());
    assertEquals(145.0, SHIPPED.find("Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz").orElseThrow().tdpWatts());
    assertEquals(240.0, SHIPPED.find("AMD EPYC 7B12 64-Core Processor").orElseThrow().tdpWatts());
    assertEquals(205.0, SHIPPED.find("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz").orElseThrow().tdpWatts());
    assertTrue(SHIPPED.size() > 4800, "usable rows: " + SHIPPED.size());
  }

  @Test
  void theVersionSuffixPicksTheRightEntry() {
    // "Intel Xeon E5-2603,80.0" and "Intel Xeon E5-2603 v3,85.0" both have all their words in a v3's name;
    // the entry with more matching words wins
    assertEquals(85.0, SHIPPED.find("Intel(R) Xeon(R) CPU E5-2603 v3 @ 1.60GHz").orElseThrow().tdpWatts());
    assertEquals(80.0, SHIPPED.find("Intel(R) Xeon(R) CPU E5-2603 0 @ 1.80GHz").orElseThrow().tdpWatts());
  }

  @Test
  void aNameWithoutAModelNumberMatchesNothing() {
    assertEquals(Optional.empty(), SHIPPED.find("AMD EPYC"));
    assertEquals(Optional.empty(), SHIPPED.find("Intel(R) Xeon(R) CPU @ 2.20GHz"));
    assertEquals(Optional.empty(), SHIPPED.find("Acme RISC-V Turbo 9000X"));
    assertEquals(Optional.empty(), SHIPPED.find(""));
  }

  @Test
  void equallyGoodEntriesThatDisagreeAreAmbiguous() {
    TdpTable t = table("Name,TDP", "Foo X100,50", "Bar X100,60", "Baz Y200,70", "Qux Y200,70");
    assertEquals(Optional.empty(), t.find("Foo Bar X100"));
    assertEquals(70.0, t.find("Baz Qux Y200").orElseThrow().tdpWatts());
    assertFalse(t.find("Baz Qux Y200").orElseThrow().exact());
  }

  @Test
  void malformedAndQuotedRowsAreHandled() {
    TdpTable t = table("Intel Celeron 1000A,27.29.5", "\"Intel EP80579 Integrated, 1200 MHz\",19.0",
        "Intel Quark Microcontroller D1000,0.0", "Intel Celeron 1000B,27");
    assertEquals(2, t.size());
    assertEquals(Optional.empty(), t.find("Intel Celeron 1000A"));
    assertEquals(19.0, t.find("Intel EP80579 Integrated, 1200 MHz").orElseThrow().tdpWatts());
    assertEquals(Optional.empty(), t.find("Intel Quark Microcontroller D1000"));
  }
}
