package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** The hand-written ledger encoder against Jackson's generator, byte for byte. */
class RecordEncoderTest {
  private static final String[] NASTY = {"\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001", "\u001f",
      "\u007f", "\u0080", "é", "\u07ff", "\u0800", "\u2028", "€", "\uffff", "\ud83d\ude00", "\ud83d", "\ude00",
      "\udbff\udfff", "a", "Z", " ", "}", "]", ","};

  /** Strings of nasty pieces and random UTF-16 units (lone surrogates included). */
  private static String nasty(RandomnessSource in) {
    int n = (int) in.next(Constraint.between(0, 12));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (in.next(Constraint.between(0, 1)) == 0) {
        sb.append(NASTY[(int) in.next(Constraint.between(0, NASTY.length - 1))]);
      } else {
        sb.append((char) in.next(Constraint.between(0, 0xFFFF)));
      }
    }
    return sb.toString();
  }

  private static long between(RandomnessSource in, long min, long max) {
    return in.next(Constraint.between(min, max));
  }

  private static <E> E pick(RandomnessSource in, E[] options) {
    return List.of(options).get((int) between(in, 0, options.length - 1));
  }

  private static Instant instant(RandomnessSource in) {
    long seconds = switch ((int) between(in, 0, 3)) {
      case 0 -> between(in, 0, 32_503_680_000L); // 1970 to 3000
      case 1 -> between(in, -62_167_219_200L, 253_402_300_799L); // years 0000 to 9999
      case 2 -> between(in, -62_167_219_200L - 1000, -62_167_219_200L + 1000); // around year 0
      default -> between(in, 253_402_300_799L - 1000, 253_402_300_799L + 100_000_000L); // beyond 9999
    };
    long nanos = switch ((int) between(in, 0, 3)) {
      case 0 -> 0;
      case 1 -> between(in, 0, 999) * 1_000_000;
      case 2 -> between(in, 0, 999_999) * 1_000;
      default -> between(in, 0, 999_999_999);
    };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static Energy energy(RandomnessSource in) {
    long joules = switch ((int) between(in, 0, 3)) {
      case 0 -> 0;
      case 1 -> between(in, 0, 1_000_000);
      case 2 -> between(in, 9_223_372_036_800L, 9_223_372_036_900L); // around the end of a long of µJ
      default -> between(in, 0, Long.MAX_VALUE / 8);
    };
    return new Energy(joules, (int) between(in, 0, 999_999));
  }

  private static final Gen<EnergyRecord> RECORDS = in -> {
    List<ChannelEnergy> channels = new ArrayList<>();
    int nc = (int) between(in, 0, 3);
    Energy total = Energy.ZERO;
    for (int i = 0; i < nc; i++) {
      Energy e = energy(in);
      Energy measured = e.plus(new Energy(between(in, 0, 3), 0));
      Energy children = between(in, 0, 1) == 0 ? Energy.ZERO : new Energy(e.joules() / 2, 0);
      boolean shared = between(in, 0, 1) == 0; // shared descriptions hit the encoder's cache
      channels.add(new ChannelEnergy(shared ? "cpu/package-" + i : nasty(in), "powercap",
          pick(in, ChannelKind.values()), shared ? "socket 0" : nasty(in),
          pick(in, Method.values()),
          shared ? 0.05 : between(in, 0, 1_000_000) / 1e4, e, measured, (int) between(in, 0, Integer.MAX_VALUE),
          shared ? List.of("note") : List.of(nasty(in), nasty(in)), children));
      total = total.plus(e);
    }
    Instant start = instant(in);
    Instant end = between(in, 0, 1) == 0 ? start : start.plusNanos(between(in, 0, 10_000_000_000_000L));
    List<BucketEnergy> buckets = new ArrayList<>();
    int nb = (int) between(in, 0, 2);
    if (nb > 0) {
      Instant bs = instant(in);
      Energy first = nb == 1 ? total : new Energy(total.joules() / 2, 0);
      buckets.add(new BucketEnergy(bs, bs.plusSeconds(between(in, 1, 100_000)), first));
      if (nb == 2) {
        buckets.add(new BucketEnergy(bs.plusSeconds(3600), bs.plusSeconds(7200), total.minus(first)));
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0, n = (int) between(in, 0, 3); i < n; i++) {
      tags.put("k" + between(in, 0, 20), nasty(in));
    }
    RecordStatus status = pick(in, RecordStatus.values());
    String failure = status == RecordStatus.FAILED || (status == RecordStatus.NO_METER && between(in, 0, 1) == 0)
        ? nasty(in) : null;
    List<String> problems = new ArrayList<>();
    for (int i = 0, n = (int) between(in, 0, 2); i < n; i++) {
      problems.add(nasty(in));
    }
    return new EnergyRecord(between(in, 0, 3) == 0 ? nasty(in) + "x" : Records.id(between(in, 0, 1_000_000)),
        between(in, 0, 1) == 0 ? null : nasty(in), nasty(in), Tags.of(tags), nasty(in),
        between(in, 0, 1) == 0 ? null : nasty(in), start, end, between(in, 0, 1L << 62),
        pick(in, Attribution.values()), channels, buckets, status,
        problems, failure, between(in, 0, 2) == 0 ? null
            : java.time.Duration.ofNanos(between(in, 0, 3) == 0 ? Long.MAX_VALUE : between(in, 0, 1L << 40)));
  };

  @Test
  void theEncoderWritesWhatJacksonWritesByteForByte() {
    RecordJson json = new RecordJson();
    qt().withExamples(3000).forAll(RECORDS).checkAssert(r -> {
      RecordJson.EncodedRecord mine = json.encode(r);
      RecordJson.EncodedRecord reference = json.encodeWithJackson(r);
      assertEquals(new String(reference.line(), StandardCharsets.UTF_8), new String(mine.line(),
          StandardCharsets.UTF_8));
      assertArrayEquals(reference.line(), mine.line());
      assertEquals(reference.descriptionDigest(), mine.descriptionDigest());
      assertArrayEquals(reference.descriptionLine(), mine.descriptionLine());
      assertArrayEquals(reference.line(), json.toLedgerLine(r));
    });
  }

  @Test
  void nastyStringsAreEscapedAndReadBackUnchanged() {
    RecordJson json = new RecordJson();
    String name = "q\" b\\ nl\n ctl\u0001\u001f del\u007f é € pair\ud83d\ude00 lone\ud83d end\ude00";
    EnergyRecord base = Records.sample(Records.id(1), 1_234_567);
    EnergyRecord r = new EnergyRecord(base.id(), null, name, base.tags(), base.host(), base.region(),
        Instant.parse("2026-05-01T12:00:00.000100Z"), Instant.parse("2026-05-01T12:00:01.123456789Z"), 3,
        base.attribution(), base.channels(), List.of(), base.status(), List.of("lone\udc00"), null);
    RecordJson.EncodedRecord e = json.encode(r);
    String line = new String(e.line(), StandardCharsets.UTF_8);
    assertTrue(line.contains("\"name\":\"q\\\" b\\\\ nl\\n ctl\\u0001\\u001F del\u007f é € pair\\uD83D\\uDE00 "
        + "lone\\uD83D end\\uDE00\""), line);
    assertTrue(line.contains("\"start\":\"2026-05-01T12:00:00.000100Z\""), line);
    assertTrue(line.endsWith("]}\n"), line);
    Map<String, List<RecordJson.Description>> described = new LinkedHashMap<>();
    byte[] d = e.descriptionLine();
    assertNull(json.parseLine(d, d.length - 1, described));
    EnergyRecord back = json.parseLine(e.line(), e.line().length - 1, described);
    assertEquals(r, back);
  }

  @Test
  void selfCpuIsWrittenInNanosecondsOnlyWhenMeasuredAndReadBack() {
    RecordJson json = new RecordJson();
    EnergyRecord base = Records.sample(Records.id(2), 5_000_000);
    assertFalse(new String(json.toLedgerLine(base), StandardCharsets.UTF_8).contains("self_cpu_ns"));
    assertFalse(json.toJson(base).contains("self_cpu_ns"));
    // 0.19 s of CPU = 190,000,000 ns, written after status (and failure) and before problems
    EnergyRecord r = base.withSelfCpu(java.time.Duration.ofMillis(190));
    String line = new String(json.toLedgerLine(r), StandardCharsets.UTF_8);
    assertTrue(line.contains(",\"self_cpu_ns\":190000000,\"problems\":["), line);
    assertTrue(json.toJson(r).contains(",\"self_cpu_ns\":190000000,\"problems\":["), json.toJson(r));
    RecordJson.EncodedRecord e = json.encode(r);
    Map<String, List<RecordJson.Description>> described = new LinkedHashMap<>();
    byte[] d = e.descriptionLine();
    assertNull(json.parseLine(d, d.length - 1, described));
    EnergyRecord back = java.util.Objects.requireNonNull(json.parseLine(e.line(), e.line().length - 1, described));
    assertEquals(java.time.Duration.ofMillis(190), back.selfCpu());
    assertEquals(r, back);
    assertEquals(base, base.withSelfCpu(java.time.Duration.ofMillis(190)).withSelfCpu(null));
    byte[] negative = line.replace("190000000", "-1").getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> json.parseLine(negative, negative.length - 1, described));
    assertTrue(String.valueOf(x.getMessage()).contains("self_cpu_ns"), x.getMessage());
    assertThrows(IllegalArgumentException.class, () -> base.withSelfCpu(java.time.Duration.ofNanos(-1)));
    assertThrows(IllegalArgumentException.class, () -> base.withSelfCpu(java.time.Duration.ofDays(300 * 366)));
  }
}
