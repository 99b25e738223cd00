package dev.ergon.accounting;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.accounting.factors.EmissionFactors;
import dev.ergon.accounting.scope2.Instruments;
import dev.ergon.accounting.scope2.Offsets;
import dev.ergon.accounting.scope2.Scope2;
import dev.ergon.accounting.scope2.Scope2Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A realistic sample for the HTML report: inference services (several models and versions, counted in
 * predictions) in a few grid zones over a few months, one record per service and UTC day with hourly buckets
 * (as a long-running workload writes them), CPU counters, GPU integrated power and modelled memory, a day-shaped
 * load, an hourly factor table for DE, and a handful of instruments and an offset. Deterministic (fixed seed).
 */
public final class HtmlSample {

  /** One service: a model, its version, where it runs, how much work and energy per 1000 predictions. */
  record Service(String model, String version, String zone, Instant from, Instant to, double predictionsPerHour,
      double growthPerDay, double kwhPer1000, boolean gpu) {}

  /** The records, the factor table, the instruments and the offsets files. */
  public record Inputs(List<EnergyRecord> records, Path factors, Path instruments, Path offsets) {}

  private HtmlSample() {}

  /** The example: four months of 2026, six services, three zones. */
  public static Inputs example(Path dir) throws IOException {
    Instant jan = Instant.parse("2026-01-01T00:00:00Z");
    Instant feb = Instant.parse("2026-02-01T00:00:00Z");
    Instant mar = Instant.parse("2026-03-01T00:00:00Z");
    Instant may = Instant.parse("2026-05-01T00:00:00Z");
    List<Service> services = List.of(
        new Service("bert-base", "1.3", "DE", jan, mar, 40_000, 0.002, 0.021, false),
        new Service("bert-base", "1.4", "DE", feb, may, 30_000, 0.012, 0.014, false),
        new Service("resnet50", "2.0", "FR", jan, may, 25_000, 0.001, 0.009, false),
        new Service("llama-7b", "0.9", "US-CAL-CISO", jan, mar, 1_500, 0.004, 0.95, true),
        new Service("llama-7b", "1.0", "US-CAL-CISO", mar, may, 1_800, 0.010, 0.70, true),
        new Service("whisper-small", "1.1", "DE", feb, may, 4_000, 0.003, 0.12, true));
    return write(dir, records(services, 20260301L), jan, may);
  }

  /**
   * The size check: {@code groups} services over a whole year, hourly.
   *
   * @param dir where the input files go
   * @param groups how many services (model versions)
   * @return the inputs
   */
  public static Inputs year(Path dir, int groups) throws IOException {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    String[] zones = {"DE", "FR", "US-CAL-CISO", "GB", "SE"};
    List<Service> services = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      services.add(new Service("model-" + (char) ('a' + g % 26), "1." + g, zones[g % zones.length], from, to,
          5_000 + 1_000 * g, 0.001, 0.01 + 0.005 * g, g % 3 == 0));
    }
    return write(dir, records(services, 2026L), from, to);
  }

  private static Inputs write(Path dir, List<EnergyRecord> records, Instant from, Instant to) throws IOException {
    Files.createDirectories(dir);
    Path factors = dir.resolve("factors-de-hourly.csv");
    StringBuilder f = new StringBuilder("zone,period,kind,intensity,unit,uncertainty,source\n");
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofHours(1))) {
      int hour = t.atZone(ZoneOffset.UTC).getHour();
      int day = t.atZone(ZoneOffset.UTC).getDayOfYear();
      // Solar in the middle of the day, wind varying over the weeks.
      double solar = Math.max(0, Math.sin((hour - 5) / 14.0 * Math.PI));
      double wind = 0.5 + 0.5 * Math.sin(day / 5.0);
      double g = 520 - 180 * solar - 140 * wind;
      f.append(String.format(Locale.ROOT, "DE,%s,location,%.1f,g/kWh,0.08,synthetic hourly example%n",
          t.toString().replace(":00:00Z", ":00Z"), g));
    }
    Files.writeString(factors, f.toString());
    Path instruments = dir.resolve("instruments.csv");
    Files.writeString(instruments, """
        id,type,market,generation_start,generation_end,volume_mwh,emission_rate,unit,technology,retired,retired_for
        GO-DE-2026-0001,go,DE,2026-01-01,2026-12-31,0.6,0,g/kWh,wind,true,ACME Analytics
        GO-DE-2026-0002,go,DE,2026-01-01,2026-12-31,0.4,0,g/kWh,solar,false,
        GO-FR-2024-0107,go,FR,2024-01-01,2024-12-31,0.3,0,g/kWh,hydro,true,ACME Analytics
        GO-NL-2026-0042,go,NL,2026-01-01,2026-12-31,0.2,0,g/kWh,wind,true,ACME Analytics
        REC-CA-2026-77,rec,US-CAL-CISO,2026-01-01,2026-12-31,1.5,0,g/kWh,solar,true,ACME Analytics
        """);
    Path offsets = dir.resolve("offsets.csv");
    Files.writeString(offsets, "id,quantity_t\nVCS-1234-2025,2.5\n");
    return new Inputs(records, factors, instruments, offsets);
  }

  /** Calculates the Scope 2 report of the inputs (bundled factors overlaid with the DE hourly table). */
  public static Scope2Report report(Inputs in) {
    EmissionFactors factors = EmissionFactors.load(in.factors());
    return Scope2.calculator(factors).instruments(Instruments.load(in.instruments()))
        .reportingEntity("ACME Analytics").offsets(Offsets.load(in.offsets())).pue(1.2).calculate(in.records());
  }

  private static List<EnergyRecord> records(List<Service> services, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EnergyRecord> out = new ArrayList<>();
    int n = 0;
    for (Service s : services) {
      for (Instant day = s.from(); day.isBefore(s.to()); day = day.plus(Duration.ofDays(1))) {
        double days = Duration.between(s.from(), day).toDays();
        List<BucketEnergy> buckets = new ArrayList<>();
        long units = 0;
        double kwh = 0;
        for (int h = 0; h < 24; h++) {
          Instant t = day.plus(Duration.ofHours(h));
          double load = 0.55 + 0.45 * Math.sin((h - 8) / 24.0 * 2 * Math.PI) + 0.1 * random.nextDouble();
          long predictions = Math.round(s.predictionsPerHour() * load * (1 + s.growthPerDay() * days));
          double e = predictions / 1000.0 * s.kwhPer1000() * (0.95 + 0.1 * random.nextDouble()) + 0.05;
          buckets.add(new BucketEnergy(t, t.plus(Duration.ofHours(1)), Energy.ofKilowattHours(e)));
          units += predictions;
          kwh += e;
        }
        Energy total = Energy.ZERO;
        for (BucketEnergy b : buckets) {
          total = total.plus(b.energy());
        }
        List<ChannelEnergy> channels = channels(total, s.gpu());
        String id = String.format(Locale.ROOT, "0190%04x-0000-7000-8000-%012x", n / 65536, n);
        n++;
        out.add(new EnergyRecord(id, null, "serve", Tags.of("model", s.model(), "version", s.version(),
            "service", "inference"), "node-" + s.zone().toLowerCase(Locale.ROOT), s.zone(), day,
            day.plus(Duration.ofDays(1)), units, Attribution.PROCESS, channels, buckets, RecordStatus.COMPLETE,
            List.of(), null));
        assert kwh > 0;
      }
    }
    return out;
  }

  /* The record's energy split over channels: the parts sum exactly to the total (the buckets' sum). */
  private static List<ChannelEnergy> channels(Energy total, boolean gpu) {
    long micro = total.toMicrojoulesExact();
    long memory = micro / 10;
    long accel = gpu ? micro * 6 / 10 : 0;
    long cpu = micro - memory - accel;
    List<ChannelEnergy> c = new ArrayList<>();
    c.add(channel("cpu/package-0", "powercap", ChannelKind.CPU_PACKAGE, Method.COUNTER, 0.02, cpu));
    if (gpu) {
      c.add(channel("gpu/GPU-0", "nvml", ChannelKind.GPU, Method.INTEGRATED_POWER, 0.05, accel));
    }
    c.add(channel("memory/model", "estimate", ChannelKind.MEMORY, Method.MODEL, 0.3, memory));
    return c;
  }

  private static ChannelEnergy channel(String id, String meter, ChannelKind kind, Method method, double u,
      long micro) {
    Energy e = Energy.ofMicrojoules(micro);
    return new ChannelEnergy(id, meter, kind, id, method, u, e, e, 0, List.of());
  }
}
