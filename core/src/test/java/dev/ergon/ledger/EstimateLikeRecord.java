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

/** A record shaped like the estimate meter's: two model channels whose notes explain the model at length. */
final class EstimateLikeRecord {
  private EstimateLikeRecord() {}

  static EnergyRecord make(String id, long microjoules) {
    Instant start = Instant.parse("2026-05-01T12:00:05Z");
    Energy cpu = Energy.ofMicrojoules(microjoules * 4 / 5);
    Energy mem = Energy.ofMicrojoules(microjoules - microjoules * 4 / 5);
    List<String> cpuNotes = List.of("not measured: estimated from a model",
        "rung: instance type (aws:m6i.2xlarge from the instance metadata service)",
        "coefficients: 1.74 W idle, 5.12 W at 50 %, 11.9 W at 100 % per vCPU (Cloud Carbon Footprint, 2024)",
        "vCPUs: 8 (cgroup cpu.max quota 800000/100000)",
        "utilisation: /proc/stat, whole machine, sampled every 1 s");
    List<String> memNotes = List.of("not measured: estimated from a model",
        "coefficient: 0.392 W per GiB (Cloud Carbon Footprint, 2024); 32 GiB from /proc/meminfo");
    return new EnergyRecord(id, null, "nightly-etl", Tags.of("team", "data", "stage", "prod"), "ip-10-0-3-17",
        "aws:eu-west-1", start, start.plusSeconds(42), 1200, Attribution.MACHINE,
        List.of(new ChannelEnergy("cpu/model", "estimate", ChannelKind.CPU_PACKAGE,
                "Intel Xeon Platinum 8375C, 8 vCPU (aws:m6i.2xlarge)", Method.MODEL, 0.3, cpu, cpu, 0, cpuNotes),
            new ChannelEnergy("memory/model", "estimate", ChannelKind.DRAM, "32 GiB", Method.MODEL, 0.5, mem, mem, 0,
                memNotes)),
        List.of(new BucketEnergy(Instant.parse("2026-05-01T12:00:00Z"), Instant.parse("2026-05-01T13:00:00Z"),
            cpu.plus(mem))), RecordStatus.COMPLETE, List.of());
  }
}
