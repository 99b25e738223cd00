package dev.ergon.ledger;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.time.Instant;
import java.util.List;

/** Builds sample records for ledger tests. */
final class Records {
  private Records() {}

  static EnergyRecord sample(String id, long microjoules) {
    Instant start = Instant.parse("2026-05-01T12:00:00Z");
    Energy e = Energy.ofMicrojoules(microjoules);
    return new EnergyRecord(id, null, "job \"quoted\"\nnewline", Tags.of("model", "bert,base", "note", "tab\there"),
        "host-1", "DE", start, start.plusSeconds(10), 7, Attribution.MACHINE,
        List.of(new ChannelEnergy("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, "socket 0",
            Method.COUNTER, 0.05, e, e.plus(Energy.ofMicrojoules(5)), 0, List.of("note"))),
        List.of(new BucketEnergy(Instant.parse("2026-05-01T12:00:00Z"), Instant.parse("2026-05-01T13:00:00Z"), e)),
        RecordStatus.COMPLETE, List.of());
  }
}
