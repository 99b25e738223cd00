package dev.ergon.accounting.cells;

import static dev.ergon.accounting.RecordFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.accounting.RecordFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The cells digest follows every field of the cells: changing any one input that changes the cells changes the
 * digest, and the same cells however built give the same digest.
 */
class CellsDigestTest {

  /** Two records on two hosts, one across two hours, one with a child: every part of the cells is present. */
  private static List<EnergyRecord> base(UnaryOperator<RecordFixture> changeFirst) {
    return List.of(
        changeFirst.apply(record("a").region("DE").host("h1").start("2026-02-01T10:00:00Z").kwh(0.5, 0.25)
            .uncertainty(0.1).tags("model", "m1").units(10)).build(),
        record("b").region("FR").host("h2").start("2026-02-01T10:00:00Z").kwh(1).uncertainty(0.05).units(3).build(),
        record("c").parent("b").region("FR").host("h2").start("2026-02-01T10:00:00Z").kwh(0.5)
            .tags("stage", "eval").build());
  }

  private static String digest(List<EnergyRecord> records) {
    return ConsumptionCells.of(records).digest();
  }

  @Test
  void everyChangeToTheCellsChangesTheDigest() {
    Map<String, String> digests = new LinkedHashMap<>();
    digests.put("base", digest(base(r -> r)));
    digests.put("energy +1 µJ", digest(base(r -> r.micro(500_000_000_001L, 250_000_000_000L))));
    digests.put("energy moved between hours", digest(base(r -> r.kwh(0.25, 0.5))));
    digests.put("another hour", digest(base(r -> r.start("2026-02-01T11:00:00Z"))));
    digests.put("another region", digest(base(r -> r.region("AT"))));
    digests.put("no region", digest(base(r -> r.region(null))));
    digests.put("another host", digest(base(r -> r.host("h3"))));
    digests.put("another tag value", digest(base(r -> r.tags("model", "m2"))));
    digests.put("another tag key", digest(base(r -> r.tags("variant", "m1"))));
    digests.put("no tags", digest(base(r -> r.tags())));
    digests.put("another uncertainty", digest(base(r -> r.uncertainty(0.2))));
    digests.put("modelled", digest(base(r -> r.method(Method.MODEL))));
    digests.put("partial", digest(base(r -> r.status(RecordStatus.PARTIAL))));
    digests.put("more units", digest(base(r -> r.units(11))));
    List<EnergyRecord> withoutChild = new ArrayList<>(base(r -> r));
    withoutChild.remove(2);
    digests.put("without the child", digest(withoutChild));
    List<EnergyRecord> repeated = new ArrayList<>(base(r -> r));
    repeated.add(repeated.get(1));
    digests.put("a duplicate record", digest(repeated));
    assertEquals(digests.size(), digests.values().stream().distinct().count(), "each change gives its own digest: "
        + digests);
    digests.values().forEach(d -> assertTrue(d.matches("sha256:[0-9a-f]{64}"), d));
  }

  @Test
  void theSameCellsGiveTheSameDigestHoweverTheyWereBuilt() {
    List<EnergyRecord> records = new ArrayList<>(base(r -> r));
    String once = digest(records);
    Collections.reverse(records);
    assertEquals(once, digest(records), "record order");
    // Parts split along job trees (a child with its parent), as the cells API asks: [c, b] and [a].
    ConsumptionCells first = ConsumptionCells.of(records.subList(0, 2));
    ConsumptionCells rest = ConsumptionCells.of(records.subList(2, records.size()));
    assertEquals(once, first.plus(rest).digest(), "merged parts");
    assertEquals(once, rest.plus(first).digest(), "merged the other way round");
  }
}
