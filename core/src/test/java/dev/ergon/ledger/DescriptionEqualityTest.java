package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A channel description, the key of the ledger's cache of encoded descriptions, keeps a record's contract with its
 * written-out equals and hashCode: equal exactly when every component is equal, equal values hash alike, and values
 * differing in one component are unequal and (for these values) hash apart.
 */
class DescriptionEqualityTest {

  private static RecordJson.Description d(String channel, String meter, ChannelKind kind, String device, Method method,
      double u, List<String> notes) {
    return new RecordJson.Description(channel, meter, kind, device, method, u, notes);
  }

  @Test
  void everyComponentCounts() {
    RecordJson.Description base = d("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "cpu0", Method.COUNTER, 0.05,
        List.of("a note"));
    RecordJson.Description copy = d(new String("cpu/package-0"), "powercap", ChannelKind.CPU_PACKAGE, "cpu0",
        Method.COUNTER, 0.05, List.of("a note"));
    assertEquals(base, base);
    assertEquals(base, copy);
    assertEquals(base.hashCode(), copy.hashCode());
    assertNotEquals(base, null);
    assertNotEquals(base, "cpu/package-0");
    List<RecordJson.Description> variants = List.of(
        d("cpu/package-1", "powercap", ChannelKind.CPU_PACKAGE, "cpu0", Method.COUNTER, 0.05, List.of("a note")),
        d("cpu/package-0", "rapl", ChannelKind.CPU_PACKAGE, "cpu0", Method.COUNTER, 0.05, List.of("a note")),
        d("cpu/package-0", "powercap", ChannelKind.DRAM, "cpu0", Method.COUNTER, 0.05, List.of("a note")),
        d("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "cpu1", Method.COUNTER, 0.05, List.of("a note")),
        d("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "cpu0", Method.MODEL, 0.05, List.of("a note")),
        d("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "cpu0", Method.COUNTER, 0.1, List.of("a note")),
        d("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "cpu0", Method.COUNTER, 0.05, List.of()));
    Set<Integer> hashes = new HashSet<>(List.of(base.hashCode()));
    for (RecordJson.Description v : variants) {
      assertNotEquals(base, v, v::toString);
      assertNotEquals(v, base, v::toString);
      hashes.add(v.hashCode());
    }
    assertEquals(variants.size() + 1, hashes.size(), "descriptions differing in one component hash alike");
    // -0.0 and 0.0 differ, as Double.compare (and a record's generated equals) say.
    assertNotEquals(d("c", "m", ChannelKind.DRAM, "d", Method.COUNTER, 0.0, List.of()),
        d("c", "m", ChannelKind.DRAM, "d", Method.COUNTER, -0.0, List.of()));
  }
}
