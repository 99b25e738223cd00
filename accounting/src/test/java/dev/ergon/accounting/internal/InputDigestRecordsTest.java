package dev.ergon.accounting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.DataSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The records' part of the input digest is the SHA-256 of the canonical lines as the class documents them, built
 * here as plain strings from the records' fields: whatever runs of equal fields the records share (the digest's
 * copies of repeated fields must never leak into a record whose fields differ), with equal texts as the same or as
 * different instances, more channels than are remembered, attributed and measured energy equal or not, repeated
 * ids (the first after sorting by id is kept) and non-ASCII texts.
 */
class InputDigestRecordsTest {

  private static final Instant T0 = Instant.parse("2025-12-31T22:00:00Z");
  private static final String[] NAMES = {"train", "eval", "Zürich-job"};
  private static final String[] HOSTS = {"host-a", "host-b"};
  private static final String[] REGIONS = {"DE", "FR", "aws:eu-west-1"};
  private static final String[] CHANNELS = {"cpu/package-0", "cpu/package-1", "dram/0", "gpu/0"};
  private static final double[] UNCERTAINTIES = {0.05, 0.0, 0.1, 1e-7};

  /* Makes a copy of a text that is equal but not the same instance. */
  private static String copy(String s) {
    return new String(s.toCharArray());
  }

  private static String pick(SplittableRandom r, String[] options) {
    String s = options[r.nextInt(options.length)];
    return r.nextInt(4) == 0 ? copy(s) : s;
  }

  static List<EnergyRecord> records(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1 + r.nextInt(40);
    List<EnergyRecord> out = new ArrayList<>();
    Tags shared = Tags.of("model", "bert", "stage", "fine-tune");
    EnergyRecord previous = null;
    for (int i = 0; i < n; i++) {
      if (previous != null && r.nextInt(8) == 0) {
        out.add(previous); // a repeated record (same id, same fields)
        continue;
      }
      // Mostly like the previous record, sometimes one field changed: the runs the digest copies start and end.
      String id = String.format("%08x-0000-7000-8000-%012d", r.nextInt(1 << 20), i);
      String parent = r.nextInt(5) == 0 ? "p-" + r.nextInt(3) : null;
      Tags tags = switch (r.nextInt(4)) {
        case 0 -> Tags.empty();
        case 1 -> Tags.of("model", "bert", "stage", "fine-tune"); // equal to the shared one, another instance
        default -> shared;
      };
      Instant start = T0.plusSeconds(r.nextInt(7200)).plusNanos(r.nextInt(3) == 0 ? r.nextInt(1_000_000_000) : 0);
      Instant end = start.plusSeconds(r.nextInt(100));
      int channelCount = r.nextInt(5) == 0 ? 9 + r.nextInt(3) : 1 + r.nextInt(3);
      List<ChannelEnergy> channels = new ArrayList<>();
      long total = 0;
      for (int c = 0; c < channelCount; c++) {
        long micro = r.nextInt(3) == 0 ? r.nextLong(1L << 62) / channelCount : r.nextInt(1_000_000);
        long measured = r.nextInt(3) == 0 ? micro + r.nextInt(1000) : micro;
        total += micro;
        String channel = c < CHANNELS.length ? pick(r, CHANNELS) : "ch/" + c;
        channels.add(new ChannelEnergy(channel, r.nextInt(6) == 0 ? "rapl" : "powercap",
            r.nextInt(6) == 0 ? ChannelKind.DRAM : ChannelKind.CPU_PACKAGE, r.nextInt(6) == 0 ? "Xeon ☀" : "cpu0",
            r.nextInt(6) == 0 ? Method.MODEL : Method.COUNTER, UNCERTAINTIES[r.nextInt(UNCERTAINTIES.length)],
            Energy.ofMicrojoules(micro), Energy.ofMicrojoules(measured), 0, List.of()));
      }
      List<BucketEnergy> buckets = new ArrayList<>();
      if (r.nextInt(4) != 0) {
        long first = total / 2;
        Instant h = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), 3600) * 3600);
        buckets.add(new BucketEnergy(h, h.plusSeconds(3600), Energy.ofMicrojoules(first)));
        buckets.add(new BucketEnergy(h.plusSeconds(3600), h.plusSeconds(7200), Energy.ofMicrojoules(total - first)));
      }
      RecordStatus status = r.nextInt(5) == 0 ? RecordStatus.PARTIAL : RecordStatus.COMPLETE;
      EnergyRecord rec = new EnergyRecord(id, parent, pick(r, NAMES), tags, pick(r, HOSTS),
          r.nextInt(6) == 0 ? null : pick(r, REGIONS), start, end, r.nextInt(3) == 0 ? r.nextLong(1L << 40) : 1,
          r.nextInt(6) == 0 ? Attribution.PROCESS : Attribution.MACHINE, channels, buckets, status,
          status == RecordStatus.COMPLETE ? List.of() : List.of("test"));
      out.add(rec);
      previous = rec;
    }
    // Any order: the digest sorts by id.
    for (int i = out.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      EnergyRecord t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  /* The canonical form, from the class's description, as strings. */
  static String expected(SortedMap<String, String> options, List<DataSet> dataSets,
      List<EnergyRecord> records) {
    StringBuilder sb = new StringBuilder();
    line(sb, "ergon-input-digest", "1", "scope2");
    options.forEach((k, v) -> line(sb, "option", k, v));
    for (DataSet d : dataSets) {
      line(sb, "dataset", d.name(), d.version());
    }
    Map<String, EnergyRecord> byId = new TreeMap<>();
    for (EnergyRecord r : records) {
      byId.putIfAbsent(r.id(), r);
    }
    for (EnergyRecord r : byId.values()) {
      List<String> f = new ArrayList<>(List.of("record", r.id(), text(r.parentId()), r.name(), r.host(),
          text(r.region()), r.start().toString(), r.end().toString(), Long.toString(r.units()),
          r.attribution().name(), r.status().name()));
      r.tags().asMap().forEach((k, v) -> f.addAll(List.of("tag", k, v)));
      for (ChannelEnergy c : r.channels()) {
        f.addAll(List.of("channel", c.channel(), c.meter(), c.kind().name(), c.device(), c.method().name(),
            Double.toString(c.relativeUncertainty()), c.energy().toBigMicrojoules().toString(),
            c.measured().toBigMicrojoules().toString()));
      }
      for (BucketEnergy b : r.buckets()) {
        f.addAll(List.of("bucket", b.start().toString(), b.end().toString(), b.energy().toBigMicrojoules().toString()));
      }
      line(sb, f.toArray(new String[0]));
    }
    return sb.toString();
  }

  private static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static void line(StringBuilder sb, String... fields) {
    for (String f : fields) {
      sb.append(f.length()).append(':').append(f).append('|');
    }
    sb.append('\n');
  }

  static String sha256(String text) {
    MessageDigest md = Digests.sha256();
    return "sha256:" + HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void recordsDigestAsTheirCanonicalLines() {
    SortedMap<String, String> options = new TreeMap<>(Map.of("period", "2025-01-01T00:00:00Z/2027-01-01T00:00:00Z",
        "pue.default", "1.2"));
    List<DataSet> dataSets = List.of();
    qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
      List<EnergyRecord> records = records(seed);
      assertEquals(sha256(expected(options, dataSets, records)),
          InputDigest.of("scope2", options, dataSets, records, List.of(), List.of()), "seed " + seed);
    });
  }

  @Test
  void manyRecordsFedInChunksAsOneText() {
    // Enough records that the writer hands its buffer to the digest many times.
    List<EnergyRecord> records = new ArrayList<>();
    for (long seed = 0; records.size() < 3_000; seed++) {
      records.addAll(records(seed));
    }
    Map<String, String> options = new LinkedHashMap<>();
    SortedMap<String, String> sorted = new TreeMap<>(options);
    assertEquals(sha256(expected(sorted, List.of(), records)),
        InputDigest.of("scope2", options, List.of(), records, List.of(), List.of()));
  }
}
