package dev.ergon.ledger.jdbc;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds records for the JDBC ledger's tests: hourly buckets of known energy, a few regions and models. */
final class TestRecords {
  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  static final String[] REGIONS = {"DE", "FR", "PL"};
  static final String[] MODELS = {"bert-base", "llama-7b"};

  private TestRecords() {}

  static String id(int writer, long n) {
    return String.format(Locale.ROOT, "0190b000-%04x-7000-8000-%012x", writer, n);
  }

  /**
   * A job of {@code hours} whole hours starting {@code n} hours after START, 1000 µJ × (n % 7 + 1) per hour,
   * {@code n % 5 + 1} units per hour. A checkpoint ({@code OPEN}) covers only its first {@code hoursDone} hours.
   */
  static EnergyRecord job(int writer, long n, int hours, int hoursDone, RecordStatus status) {
    Instant start = START.plusSeconds(3600 * (n % 1000));
    long perHour = 1000 * (n % 7 + 1);
    int done = status == RecordStatus.OPEN ? hoursDone : hours;
    List<BucketEnergy> buckets = new ArrayList<>();
    for (int h = 0; h < done; h++) {
      buckets.add(new BucketEnergy(start.plusSeconds(3600L * h), start.plusSeconds(3600L * (h + 1)),
          Energy.ofMicrojoules(perHour)));
    }
    Energy total = Energy.ofMicrojoules(perHour * done);
    return new EnergyRecord(id(writer, n), null, "train", Tags.of("model", MODELS[(int) (n % 2)], "team", "ml"),
        "host-" + writer, REGIONS[(int) (n % 3)], start, start.plusSeconds(3600L * done), (n % 5 + 1) * done,
        Attribution.MACHINE,
        List.of(new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0", Method.COUNTER,
            0.05, total, total, 0, List.of())),
        buckets, status, List.of(), null);
  }

  static EnergyRecord complete(int writer, long n) {
    return job(writer, n, 2, 2, RecordStatus.COMPLETE);
  }
}
