package dev.ergon.jmh;

import dev.ergon.ChannelEnergy;
import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.MeterStatus;
import dev.ergon.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * A JMH profiler that meters the energy of each measurement iteration with Ergon:
 * {@code -prof dev.ergon.jmh.EnergyProfiler[:options]}.
 *
 * <p>Before each measurement iteration it starts an {@link EnergyMonitor} (meters discovered as usual, no ledger)
 * and opens a job; after the iteration it closes both and reports, averaged over iterations by JMH:
 * <ul>
 *   <li>{@code ergon.energy} and {@code ergon.energy.norm} (µJ/op, written {@code uJ/op} as JMH writes
 *       {@code us/op}): all channels together, per iteration and per operation; the unit says whether the total is
 *       measured, estimated or partly estimated: {@code J (measured)}, {@code J (estimated)},
 *       {@code J (partly estimated)} (and {@code uJ/op (…)});</li>
 *   <li>{@code ergon.energy.estimated} (J): the part of {@code ergon.energy} that comes from models;</li>
 *   <li>{@code ergon.energy.<channel>} (J) and {@code ergon.energy.norm.<channel>} (µJ/op) per channel, e.g.
 *       {@code ergon.energy.cpu/package-0}: names that depend only on the channel, so they compare across
 *       machines and runs;</li>
 *   <li>{@code ergon.uncertainty.<channel>} (%): the channel's relative standard uncertainty (1σ); its unit names
 *       how the energy is known, e.g. {@code % (1σ; counter)} or {@code % (1σ; model)} (no comma: JMH's JSON
 *       writer breaks lines at commas);</li>
 *   <li>{@code ergon.energy.u} (J): the standard uncertainty of {@code ergon.energy}, channels combined as
 *       independent errors;</li>
 *   <li>{@code ergon.power} (W): the mean power over the iteration;</li>
 *   <li>{@code ergon.provenance} ({@link ProvenanceResult}): the number of problems the records reported (0 when
 *       all were complete), with the text (each channel's meter, method, uncertainty, device and notes, meters not
 *       used and why, every problem) as extended information, printed after the run.</li>
 * </ul>
 *
 * <p>The energy window runs from just before JMH starts the iteration's threads to just after they all stopped, so
 * it includes the operations JMH runs outside the timed part while threads start and stop; per-operation figures
 * divide by all those operations. Under the default attribution ({@code MACHINE}) the figures are the whole
 * machine's (all of a socket's RAPL energy, say), not only the benchmark's; {@code attribution=process} charges
 * the forked JVM's CPU share.
 *
 * <p>Options: see {@link ProfilerOptions} and the package documentation. Not thread-safe: JMH calls it from one
 * thread.
 */
public final class EnergyProfiler implements InternalProfiler {

  private final ProfilerOptions options;
  private @Nullable EnergyMonitor monitor;
  private @Nullable Job job;
  private int measuredIterations;
  private final Set<String> problems = new LinkedHashSet<>();

  /** Creates a profiler with no options (the form {@link java.util.ServiceLoader} uses to list profilers). */
  public EnergyProfiler() {
    this.options = new ProfilerOptions(java.util.Map.of());
  }

  /**
   * Creates a profiler from JMH's option string.
   *
   * @param initLine the text after {@code EnergyProfiler:}, e.g. {@code meters=powercap;period=100ms}; may be empty
   * @throws ProfilerException if an option is malformed (the message names it and shows the syntax)
   */
  public EnergyProfiler(String initLine) throws ProfilerException {
    try {
      this.options = ProfilerOptions.parse(initLine);
    } catch (IllegalArgumentException e) {
      throw new ProfilerException(e.getMessage(), e);
    }
  }

  @Override
  public String getDescription() {
    return "Ergon energy per iteration and per operation, per channel, with method and uncertainty ("
        + ProfilerOptions.USAGE + ")";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    if (iterationParams.getType() != IterationType.MEASUREMENT) {
      return;
    }
    EnergyMonitor m = EnergyMonitor.builder()
        .configuration(options.applyTo(Configuration.fromEnvironment()))
        .noLedger()
        .build();
    monitor = m;
    try {
      job = m.start(jobName(benchmarkParams));
    } catch (RuntimeException e) {
      m.close();
      monitor = null;
      throw e;
    }
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    EnergyMonitor m = monitor;
    Job j = job;
    if (iterationParams.getType() != IterationType.MEASUREMENT || m == null || j == null) {
      return List.of();
    }
    EnergyRecord record;
    List<MeterStatus> statuses;
    try {
      record = j.end();
      statuses = m.meterStatus();
    } finally {
      m.close();
      monitor = null;
      job = null;
    }
    problems.addAll(record.problems());
    List<Result<?>> out = new ArrayList<>();
    long ops = operations(result.getMetadata());
    if (!record.channels().isEmpty()) {
      double joules = record.total().toJoules();
      double modelled = 0;
      for (ChannelEnergy c : record.channels()) {
        if (c.method() == Method.MODEL) {
          modelled += c.energy().toJoules();
        }
      }
      String label = modelled == 0 ? "measured" : modelled >= joules ? "estimated" : "partly estimated";
      out.add(new ScalarResult("ergon.energy", joules, "J (" + label + ")", AggregationPolicy.AVG));
      if (ops > 0) {
        out.add(new ScalarResult("ergon.energy.norm", joules * 1e6 / ops, "uJ/op (" + label + ")",
            AggregationPolicy.AVG));
      }
      out.add(new ScalarResult("ergon.energy.estimated", modelled, "J", AggregationPolicy.AVG));
      out.add(new ScalarResult("ergon.energy.u", record.totalUncertaintyJoules(), "J", AggregationPolicy.AVG));
      long windowNanos = record.duration().toNanos(); // between the job's opening and closing readings
      if (windowNanos > 0) {
        out.add(new ScalarResult("ergon.power", joules / (windowNanos * 1e-9), "W", AggregationPolicy.AVG));
      }
      for (ChannelEnergy c : record.channels()) {
        double cj = c.energy().toJoules();
        out.add(new ScalarResult("ergon.energy." + c.channel(), cj, "J", AggregationPolicy.AVG));
        if (ops > 0) {
          out.add(new ScalarResult("ergon.energy.norm." + c.channel(), cj * 1e6 / ops, "uJ/op",
              AggregationPolicy.AVG));
        }
        out.add(new ScalarResult("ergon.uncertainty." + c.channel(), c.relativeUncertainty() * 100,
            "% (1σ; " + c.method().name().toLowerCase(Locale.ROOT) + ")", AggregationPolicy.AVG));
      }
    }
    measuredIterations++;
    if (measuredIterations >= iterationParams.getCount()) {
      out.add(new ProvenanceResult(problems.size(), provenance(benchmarkParams, record, statuses)));
      measuredIterations = 0;
      problems.clear();
    }
    return out;
  }

  /** All operations run while the meters were open; the measured ones if JMH counted none outside. */
  private static long operations(@Nullable IterationResultMetaData md) {
    if (md == null) {
      return 0;
    }
    return md.getAllOps() > 0 ? md.getAllOps() : md.getMeasuredOps();
  }

  private static String jobName(BenchmarkParams params) {
    String name = params.getBenchmark();
    return name.isBlank() ? "jmh-iteration" : name;
  }

  private static String percent(double fraction) {
    return String.format(Locale.US, "%.1f%%", fraction * 100);
  }

  private String provenance(BenchmarkParams params, EnergyRecord last, List<MeterStatus> statuses) {
    StringBuilder s = new StringBuilder();
    s.append("Ergon energy profiler: ").append(params.getBenchmark()).append(", attribution ")
        .append(last.attribution()).append('\n');
    if (last.channels().isEmpty()) {
      s.append("  no energy meter was available; no energy is reported\n");
    }
    for (ChannelEnergy c : last.channels()) {
      s.append(String.format(Locale.US, "  %-24s meter %-10s %-16s u(1σ) ±%-6s %s%n", c.channel(), c.meter(),
          c.method(), percent(c.relativeUncertainty()), c.device()));
      for (String note : c.notes()) {
        s.append("      note: ").append(note).append('\n');
      }
    }
    for (MeterStatus st : statuses) {
      if (!st.open()) {
        s.append("  meter ").append(st.provider()).append(" not used: ").append(st.availability().reason())
            .append(": ").append(st.availability().detail()).append('\n');
      }
    }
    if (problems.isEmpty()) {
      s.append("  every measurement iteration's record was complete\n");
    }
    for (String p : problems) {
      s.append("  problem: ").append(p).append('\n');
    }
    return s.toString();
  }
}
