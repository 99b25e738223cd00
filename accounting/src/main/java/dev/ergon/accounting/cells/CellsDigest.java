package dev.ergon.accounting.cells;

import dev.ergon.accounting.internal.Digests;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * The SHA-256 of consumption cells in a canonical form (version 1): UTF-8 lines of length-prefixed fields
 * ({@code <length>:<text>|}): {@code ergon-cells|1}; each cell in key order (region or empty, hour, host, each tag
 * key and value, level, energy, modelled, partial, variance); each covariance in pair order (both keys, the value);
 * the tally (counts, earliest start, latest end, then each set with its name); per host a line {@code runs|host|n}
 * followed by the {@code n} span bounds as 8-byte big-endian epoch nanoseconds. Equal cells give equal digests,
 * however they were aggregated and merged.
 *
 * <p>Package-private, not API. Thread-safe (stateless).
 */
final class CellsDigest {
  /* Writes a long into a byte array as 8 big-endian bytes (what ByteBuffer.putLong writes), without a buffer. */
  private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.BIG_ENDIAN);

  private CellsDigest() {}

  /**
   * Digests cells.
   *
   * @param c the cells
   * @return {@code sha256:<hex>}
   */
  static String of(ConsumptionCells c) {
    MessageDigest md = Digests.sha256();
    line(md, new StringBuilder(), "ergon-cells", "1");
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<CellKey, CellEnergy> e : c.cells().entrySet()) {
      sb.setLength(0);
      key(sb, "cell", e.getKey());
      CellEnergy v = e.getValue();
      line(md, sb, Long.toString(v.energy()), Long.toString(v.modelled()), Long.toString(v.partial()),
          v.variance().toString());
    }
    for (Map.Entry<CellPair, BigInteger> e : c.covariances().entrySet()) {
      sb.setLength(0);
      key(sb, "pair", e.getKey().first());
      key(sb, "with", e.getKey().second());
      line(md, sb, e.getValue().toString());
    }
    RecordTally t = c.tally();
    sb.setLength(0);
    line(md, sb, "tally", Long.toString(t.given()), Long.toString(t.duplicates()), Long.toString(t.nested()),
        Long.toString(t.counted()), Long.toString(t.complete()), Long.toString(t.partial()),
        Long.toString(t.noMeter()), Long.toString(t.orphans()), Long.toString(t.spread()),
        Long.toString(t.facilityLevel()), Long.toString(t.withoutRegion()), Long.toString(t.units()),
        Long.toString(t.unmeteredUnits()), String.valueOf(t.earliestStart()), String.valueOf(t.latestEnd()));
    set(md, "tag-keys", t.tagKeys());
    set(md, "names", t.names());
    set(md, "hosts", t.hosts());
    set(md, "channels", t.channels());
    set(md, "attributions", t.attributions());
    byte[] bytes = new byte[8 * 512];
    for (Map.Entry<String, long[]> e : c.runNanos().entrySet()) {
      sb.setLength(0);
      long[] spans = e.getValue();
      line(md, sb, "runs", e.getKey(), Integer.toString(spans.length));
      int at = 0;
      for (long v : spans) {
        if (at == bytes.length) {
          md.update(bytes, 0, at);
          at = 0;
        }
        BIG_ENDIAN_LONG.set(bytes, at, v);
        at += 8;
      }
      md.update(bytes, 0, at);
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  private static void set(MessageDigest md, String name, Iterable<String> items) {
    StringBuilder sb = new StringBuilder();
    append(sb, name);
    for (String s : items) {
      append(sb, s);
    }
    line(md, sb);
  }

  private static void key(StringBuilder sb, String type, CellKey k) {
    String region = k.region();
    append(sb, type, region == null ? "" : region, k.hour().toString(), k.host(),
        Integer.toString(k.tags().size()));
    k.tags().asMap().forEach((a, b) -> append(sb, a, b));
    append(sb, k.level().name());
  }

  private static void line(MessageDigest md, StringBuilder sb, String... fields) {
    append(sb, fields);
    sb.append('\n');
    md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void append(StringBuilder sb, String... fields) {
    for (String f : fields) {
      sb.append(f.length()).append(':').append(f).append('|');
    }
  }
}
