package dev.ergon.meter.estimate.internal;

import dev.ergon.meter.estimate.CloudProvider;
import dev.ergon.meter.estimate.EstimateProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the CPU power model by walking the lookup ladder, most specific first:
 *
 * <ol>
 *   <li>{@link CpuRung#MICROARCHITECTURE}: a configured microarchitecture, or one {@link MicroarchitectureMatcher}
 *       names, with CCF per-vCPU coefficients: {@code P = vCPUs × (min + u × (max − min))};
 *   <li>{@link CpuRung#INSTANCE_TYPE}: the cloud instance type, when CCF's instance tables list exactly one
 *       microarchitecture with coefficients for it;
 *   <li>{@link CpuRung#TDP}: a configured TDP, or the model's TDP from {@link TdpTable}, on the Teads curve, scaled
 *       by vCPUs ÷ logical CPUs per package. Inside a virtual machine the host's logical CPUs per package are
 *       unknown, so this rung needs {@code ergon.estimate.cpu.threads-per-package} there;
 *   <li>{@link CpuRung#GENERATION}: the generation {@link CpuGeneration} names from CPUID family/model (or the Arm
 *       part) alone, with the nearest CCF generation's coefficients standing in where CCF has none;
 *   <li>{@link CpuRung#PROVIDER_AVERAGE}: the configured or detected cloud's average coefficients;
 *   <li>{@link CpuRung#GLOBAL_AVERAGE}: the median coefficients over all microarchitectures.
 * </ol>
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe.
 */
public final class CpuModelSelector {

  /**
   * The chosen model and the facts a record must carry about it.
   *
   * @param rung the rung that answered
   * @param curve machine power as a function of utilisation, for all modelled vCPUs
   * @param modelName what the model is, for the device string, e.g. {@code CCF EPYC 3rd Gen} or
   *     {@code TDP 210 W (Intel Xeon Platinum 8259CL)}
   * @param evidence why this rung answered, e.g. {@code CPUID AuthenticAMD family 25 model 1 with EPYC name}
   * @param coefficients the figures used, e.g. {@code min 0.45 W, max 2.02 W per vCPU}
   * @param skipped why more specific rungs did not answer, one line each
   */
  public record Selection(CpuRung rung, PowerCurve curve, String modelName, String evidence, String coefficients,
      List<String> skipped) {}

  private final ShippedData data;
  private final MicroarchitectureMatcher matcher = new MicroarchitectureMatcher();
  private final CpuGeneration generations = new CpuGeneration();

  /**
   * Creates a selector over the shipped tables.
   *
   * @param data the tables, loaded as needed
   */
  public CpuModelSelector(ShippedData data) {
    this.data = data;
  }

  /**
   * Chooses the model.
   *
   * @param cpu the processor (with a configured model name already applied)
   * @param vcpus the vCPUs modelled, {@code > 0}
   * @param profile the configured profile
   * @param cloud the detected cloud, or null
   * @param instance the cloud instance type and its CCF row, or null when unknown
   * @return the selection
   * @throws IllegalArgumentException if a configured microarchitecture is not in the table
   */
  public Selection select(CpuInfo cpu, double vcpus, EstimateProfile profile,
      CloudDetector.@Nullable Detected cloud, @Nullable InstanceFacts instance) {
    List<String> skipped = new ArrayList<>();
    CoefficientTable coefficients = data.coefficients();
    Optional<String> configuredArch = profile.cpuArchitecture();
    if (configuredArch.isPresent()) {
      Microarchitecture m = coefficients.find(configuredArch.get()).orElseThrow(() -> new IllegalArgumentException(
          "unknown CPU microarchitecture '" + configuredArch.get() + "' in " + EstimateProfile.CPU_ARCHITECTURE
              + "; use one of " + coefficients.names()));
      return perVcpu(CpuRung.MICROARCHITECTURE, m, vcpus, "configured " + EstimateProfile.CPU_ARCHITECTURE + " = "
          + configuredArch.get(), skipped);
    }
    Optional<MicroarchitectureMatcher.Match> match = matcher.match(cpu);
    if (match.isPresent()) {
      Optional<Microarchitecture> m = coefficients.find(match.get().microarchitecture());
      if (m.isPresent()) {
        return perVcpu(CpuRung.MICROARCHITECTURE, m.get(), vcpus, match.get().evidence(), skipped);
      }
      skipped.add("microarchitecture " + match.get().microarchitecture() + " has no CCF coefficients");
    } else {
      skipped.add("microarchitecture: no rule recognises " + cpu.describe());
    }
    if (instance != null) {
      CloudInstances.Instance row = instance.row();
      List<Microarchitecture> known = row.microarchitectures().stream()
          .map(coefficients::find).flatMap(Optional::stream).toList();
      String what = "instance type " + row.provider().key() + ":" + row.type() + " (" + instance.evidence() + ")";
      if (row.microarchitectures().size() == 1 && known.size() == 1) {
        return perVcpu(CpuRung.INSTANCE_TYPE, known.get(0), vcpus, what + ": " + row.source() + " lists "
            + row.microarchitectures().get(0) + (row.cpu().isEmpty() ? "" : " (" + row.cpu() + ")"), skipped);
      }
      skipped.add(what + ": " + (row.microarchitectures().isEmpty() ? "CCF lists no microarchitecture for it"
          : row.microarchitectures().size() > 1 ? "CCF lists several microarchitectures for it ("
              + String.join(", ", row.microarchitectures()) + ")"
          : "CCF has no coefficients for its microarchitecture " + row.microarchitectures().get(0)));
    }
    OptionalDouble configuredTdp = profile.cpuTdpWatts();
    double tdp = Double.NaN;
    String tdpEvidence = "";
    if (configuredTdp.isPresent()) {
      tdp = configuredTdp.getAsDouble();
      tdpEvidence = "configured " + EstimateProfile.CPU_TDP + " = " + VcpuDetector.format(tdp) + " W";
    } else if (!cpu.modelName().isEmpty()) {
      Optional<TdpTable.Match> t = data.tdp(cpu.modelName());
      if (t.isPresent()) {
        tdp = t.get().tdpWatts();
        tdpEvidence = "'" + cpu.modelName() + "' matched cpu_power.csv entry '" + t.get().name() + "' ("
            + (t.get().exact() ? "same name" : "all its words") + "): TDP " + VcpuDetector.format(tdp) + " W";
      } else {
        skipped.add("TDP: no unambiguous cpu_power.csv entry for '" + cpu.modelName() + "'");
      }
    } else {
      skipped.add("TDP: the CPU has no model name to look up");
    }
    if (!Double.isNaN(tdp)) {
      int threads = profile.threadsPerPackage().orElse(-1);
      String threadsSource = "configured " + EstimateProfile.CPU_THREADS_PER_PACKAGE;
      if (threads < 1 && !cpu.hypervisor() && cpu.threadsPerPackage() > 0) {
        threads = cpu.threadsPerPackage();
        threadsSource = "/proc/cpuinfo siblings";
      }
      if (threads >= 1) {
        TeadsPowerCurve curve = new TeadsPowerCurve(tdp, vcpus / threads);
        String coeffs = String.format(Locale.US,
            "TDP %s W per package × %s vCPUs ÷ %d logical CPUs per package (%s); Teads curve 0.12/0.32/0.75/1.02 × "
                + "TDP at 0/10/50/100 %% load, piecewise-linear: %.3g..%.3g W",
            VcpuDetector.format(tdp), VcpuDetector.format(vcpus), threads, threadsSource, curve.idleWatts(),
            curve.fullWatts());
        return new Selection(CpuRung.TDP, curve, "TDP " + VcpuDetector.format(tdp) + " W", tdpEvidence, coeffs,
            skipped);
      }
      skipped.add(tdpEvidence + ", but inside a virtual machine the host's logical CPUs per package are unknown; set "
          + EstimateProfile.CPU_THREADS_PER_PACKAGE + " to use it");
    }

    Optional<CpuGeneration.Match> generation = generations.match(cpu);
    if (generation.isPresent()) {
      CpuGeneration.Match g = generation.get();
      Optional<Microarchitecture> m = coefficients.find(g.ccfProxy());
      if (m.isPresent()) {
        CpuRung rung = g.exact() ? CpuRung.MICROARCHITECTURE : CpuRung.GENERATION;
        String evidence = g.evidence() + ": " + g.generation()
            + (g.exact() ? "" : "; CCF publishes no coefficients for it, so its nearest published generation, "
                + g.ccfProxy() + ", stands in");
        return perVcpu(rung, m.get(), vcpus, evidence, skipped);
      }
      skipped.add("generation " + g.generation() + ": no CCF coefficients for " + g.ccfProxy());
    } else {
      skipped.add("generation: the CPUID signature or Arm part names no known server generation");
    }


    Optional<CloudProvider> configuredCloud = profile.cloud();
    CloudProvider provider = configuredCloud.orElse(cloud == null ? null : cloud.provider());
    if (provider != null) {
      Optional<Microarchitecture> avg = coefficients.providerAverage(provider);
      if (avg.isPresent()) {
        String why = configuredCloud.isPresent() ? "configured " + EstimateProfile.CLOUD + " = " + provider.key()
            : "cloud detected from " + (cloud == null ? "" : cloud.evidence());
        return perVcpu(CpuRung.PROVIDER_AVERAGE, avg.get(), vcpus, why, skipped);
      }
      skipped.add("no published average for cloud " + provider.key());
    } else {
      skipped.add("provider average: no cloud configured (" + EstimateProfile.CLOUD + ") or detected from DMI");
    }
    return perVcpu(CpuRung.GLOBAL_AVERAGE, coefficients.global(), vcpus, "CPU and cloud unknown", skipped);
  }

  private static Selection perVcpu(CpuRung rung, Microarchitecture m, double vcpus, String evidence,
      List<String> skipped) {
    LinearPowerCurve curve = LinearPowerCurve.perVcpu(vcpus, m.minWattsPerVcpu(), m.maxWattsPerVcpu());
    String coeffs = String.format(Locale.US,
        "CCF %s: min %s W, max %s W per vCPU; P = %s vCPUs × (min + u × (max − min)) = %.3g..%.3g W",
        m.name(), VcpuDetector.format(m.minWattsPerVcpu()), VcpuDetector.format(m.maxWattsPerVcpu()),
        VcpuDetector.format(vcpus), curve.idleWatts(), curve.fullWatts());
    return new Selection(rung, curve, "CCF " + m.name(), evidence, coeffs, List.copyOf(skipped));
  }

  /**
   * A cloud instance type and its row in CCF's instance tables.
   *
   * @param row the row
   * @param evidence how the type is known, e.g. {@code DMI /sys/class/dmi/id/product_name 'm5.large'}
   */
  public record InstanceFacts(CloudInstances.Instance row, String evidence) {}
}
