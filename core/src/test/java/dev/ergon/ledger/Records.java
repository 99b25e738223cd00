package dev.ergon.ledger;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Builds sample records for ledger tests. */
final class Records {
  static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

  private Records() {}

  /** Returns the UUID-shaped id number {@code n}. */
  static String id(long n) {
    return String.format(Locale.ROOT, "0190a000-0000-7000-8000-%012x", n);
  }

  /** Returns an id for a prefix (a test's name for a writer) and a number. */
  static String id(int prefix, long n) {
    return String.format(Locale.ROOT, "0190a000-%04x-7000-8000-%012x", prefix, n);
  }

  static EnergyRecord sample(String id, long microjoules) {
    return sample(id, microjoules, RecordStatus.COMPLETE, 10);
  }

  static EnergyRecord sample(String id, long microjoules, RecordStatus status, long seconds) {
    Energy e = Energy.ofMicrojoules(microjoules);
    return new EnergyRecord(id, null, "job \"quoted\"\nnewline", Tags.of("model", "bert,base", "note", "tab\there"),
        "host-1", "DE", START, START.plusSeconds(seconds), 7, Attribution.MACHINE,
        List.of(new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0",
            Method.COUNTER, 0.05, e, e.plus(Energy.ofMicrojoules(5)), 0, List.of("note"))),
        List.of(new BucketEnergy(Instant.parse("2026-05-01T12:00:00Z"), Instant.parse("2026-05-01T13:00:00Z"), e)),
        status, List.of(), status == RecordStatus.FAILED ? "java.lang.RuntimeException" : null);
  }
}
