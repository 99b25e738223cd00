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

  @Test
  void theDigestIsTheSha256OfTheDocumentedCanonicalLines() throws Exception {
    ConsumptionCells c = ConsumptionCells.of(base(r -> r));
    // The canonical form of CellsDigest's class comment, rebuilt here from the cells' public accessors.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    lineOf(out, "ergon-cells", "1");
    for (Map.Entry<CellKey, CellEnergy> e : c.cells().entrySet()) {
      List<String> f = new ArrayList<>(key("cell", e.getKey()));
      CellEnergy v = e.getValue();
      f.addAll(List.of(Long.toString(v.energy()), Long.toString(v.modelled()), Long.toString(v.partial()),
          v.variance().toString()));
      lineOf(out, f.toArray(String[]::new));
    }
    assertTrue(!c.covariances().isEmpty(), "the record across two hours makes a covariance");
    for (Map.Entry<CellPair, java.math.BigInteger> e : c.covariances().entrySet()) {
      List<String> f = new ArrayList<>(key("pair", e.getKey().first()));
      f.addAll(key("with", e.getKey().second()));
      f.add(e.getValue().toString());
      lineOf(out, f.toArray(String[]::new));
    }
    RecordTally t = c.tally();
    lineOf(out, "tally", Long.toString(t.given()), Long.toString(t.duplicates()), Long.toString(t.nested()),
        Long.toString(t.counted()), Long.toString(t.complete()), Long.toString(t.partial()),
        Long.toString(t.noMeter()), Long.toString(t.orphans()), Long.toString(t.spread()),
        Long.toString(t.facilityLevel()), Long.toString(t.withoutRegion()), Long.toString(t.units()),
        Long.toString(t.unmeteredUnits()), String.valueOf(t.earliestStart()), String.valueOf(t.latestEnd()));
    setOf(out, "tag-keys", t.tagKeys());
    setOf(out, "names", t.names());
    setOf(out, "hosts", t.hosts());
    setOf(out, "channels", t.channels());
    setOf(out, "attributions", t.attributions());
    assertEquals(2, c.runs().size(), "runs on two hosts");
    for (Map.Entry<String, List<ConsumptionCells.Span>> e : c.runs().entrySet()) {
      lineOf(out, "runs", e.getKey(), Integer.toString(2 * e.getValue().size()));
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 * e.getValue().size());
      for (ConsumptionCells.Span span : e.getValue()) {
        b.putLong(nanos(span.start())).putLong(nanos(span.end()));
      }
      out.write(b.array());
    }
    String expected = "sha256:" + java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    assertEquals(expected, c.digest());
  }

  private static long nanos(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static List<String> key(String type, CellKey k) {
    List<String> f = new ArrayList<>(List.of(type, k.region() == null ? "" : k.region(), k.hour().toString(),
        k.host(), Integer.toString(k.tags().size())));
    k.tags().asMap().forEach((a, b) -> {
      f.add(a);
      f.add(b);
    });
    f.add(k.level().name());
    return f;
  }

  private static void setOf(java.io.ByteArrayOutputStream out, String name, Iterable<String> items) {
    List<String> f = new ArrayList<>(List.of(name));
    items.forEach(f::add);
    lineOf(out, f.toArray(String[]::new));
  }

  private static void lineOf(java.io.ByteArrayOutputStream out, String... fields) {
    StringBuilder sb = new StringBuilder();
    for (String f : fields) {
      sb.append(f.length()).append(':').append(f).append('|');
    }
    out.writeBytes(sb.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
