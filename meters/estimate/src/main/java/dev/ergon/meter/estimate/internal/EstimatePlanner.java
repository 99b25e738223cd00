package dev.ergon.meter.estimate.internal;

import dev.ergon.Power;
import dev.ergon.meter.estimate.EstimateProfile;
import dev.ergon.spi.Channel;
import dev.ergon.ChannelKind;
import dev.ergon.Component;
import dev.ergon.Method;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Surveys the machine and decides the estimate meter's channels: {@code cpu/model} (unless the CPU is covered),
 * {@code memory/model} (unless memory is covered) and {@code gpu/model-N} for configured GPUs (unless GPUs are
 * covered), each with the description, uncertainty and notes a record carries.
 *
 * <p>Each channel's ceiling ({@code maxPower}) is its model's maximum: the CPU curve at 100 % utilisation for the
 * modelled vCPUs, the memory coefficient times the memory capacity, a GPU's max power. A model never exceeds it
 * (utilisation is clamped to 0..1), so core's ceiling check (1.2 times it) never drops a modelled interval; it
 * bounds what a bad setting could produce instead.
 *
 * <p>Surveying reads a few small files ({@code cpuinfo}, {@code meminfo}, {@code self/cgroup}, cgroup and DMI
 * files) and the shipped tables; it does not sample, sleep or start threads.
 *
 * <p>This class is internal and is hence not for public use. Immutable and thread-safe; each {@link #plan} returns
 * new channels.
 */
public final class EstimatePlanner {
  /** The longest interval between reads: a second keeps utilisation changes visible in short jobs. */
  public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);

  /** Relative standard uncertainty of the memory model. */
  public static final double MEMORY_UNCERTAINTY = 0.40;

  /** Relative standard uncertainty of a GPU modelled from an assumed utilisation. */
  public static final double GPU_UNCERTAINTY = 0.50;

  /** CCF's utilisation fallback (2016 US Data Center Energy Usage Report, hyperscale 2020). */
  public static final double CCF_FALLBACK_UTILISATION = 0.5;

  /**
   * The smallest ceiling a channel declares, in W; a model whose maximum is 0 W (a GPU configured at 0 W) still
   * needs a positive one.
   */
  static final double MIN_CEILING_WATTS = 0.001;

  private static final String NOT_MEASURED = "MODEL: an estimate from published coefficients, not a measurement";

  /**
   * The outcome of a survey.
   *
   * @param channels the channels to open, in order
   * @param leftOut components left out because another meter covers them, one line each
   * @param summary one line for the probe's detail
   */
  public record Plan(List<ModelledChannel> channels, List<String> leftOut, String summary) {}

  private final EstimateProfile profile;
  private final ShippedData data;
  private final Path procRoot;
  private final Path cgroupRoot;
  private final Path sysRoot;

  /**
   * Creates a planner.
   *
   * @param profile the settings (explicit profile over configuration)
   * @param data the shipped tables
   */
  public EstimatePlanner(EstimateProfile profile, ShippedData data) {
    this.profile = profile;
    this.data = data;
    this.procRoot = profile.procRoot().orElse(Path.of("/proc"));
    this.cgroupRoot = profile.cgroupRoot().orElse(Path.of("/sys/fs/cgroup"));
    this.sysRoot = profile.sysRoot().orElse(Path.of("/sys"));
  }

  /**
   * Surveys the machine.
   *
   * @param covered components other meters already measure
   * @return the plan; its channel list is empty when everything is covered
   * @throws IllegalArgumentException if a setting names an unknown microarchitecture or GPU
   * @throws java.io.UncheckedIOException if a shipped table is missing (a damaged jar)
   */
  public Plan plan(Set<Component> covered) {
    List<ModelledChannel> channels = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    checkVcpus();
    Cgroups cgroups = Cgroups.detect(procRoot, cgroupRoot);
    VcpuDetector.Vcpus vcpus = null;
    if (covered.contains(Component.CPU)) {
      leftOut.add("cpu/model: the CPU is measured by a counter meter");
    } else {
      CpuInfo cpu = readCpuInfo();
      CloudDetector.Detected detected = new CloudDetector(sysRoot).detect().orElse(null);
      List<String> instanceNotes = new ArrayList<>();
      CpuModelSelector.InstanceFacts instance = instance(detected, instanceNotes);
      vcpus = new VcpuDetector(procRoot, cgroups).detect(cpu, profile.vcpus());
      vcpus = withInstance(vcpus, instance, cpu, instanceNotes);
      CpuModelChannel c = cpuChannel(cpu, vcpus, profile.cloud().isPresent() ? null : detected, instance,
          instanceNotes);
      channels.add(c);
      summary.add("cpu/model " + c.channel().device());
    }
    if (covered.contains(Component.MEMORY)) {
      leftOut.add("memory/model: memory is measured by a counter meter");
    } else {
      boolean container = vcpus != null ? vcpus.container()
          : new VcpuDetector(procRoot, cgroups).detect(readCpuInfo(), OptionalDouble.empty()).container();
      MemoryModelChannel m = memoryChannel(cgroups, container);
      if (m != null) {
        channels.add(m);
        summary.add("memory/model " + m.channel().device());
      } else {
        leftOut.add("memory/model: no /proc/meminfo under " + procRoot + " and the JVM reports no physical memory");
      }
    }
    List<GpuModelChannel> gpus = gpuChannels();
    if (!gpus.isEmpty() && covered.contains(Component.GPU)) {
      leftOut.add("gpu/model-*: GPUs are measured by a counter meter");
    } else {
      for (GpuModelChannel g : gpus) {
        channels.add(g);
        summary.add(g.channel().id() + " " + g.channel().device());
      }
    }
    String text = channels.isEmpty() ? "nothing left to estimate: " + String.join("; ", leftOut)
        : String.join("; ", summary) + (leftOut.isEmpty() ? "" : "; left out: " + String.join("; ", leftOut));
    return new Plan(List.copyOf(channels), List.copyOf(leftOut), text);
  }

  /** Refuses a configured vCPU count above the host's logical CPUs: no machine or container has more. */
  private void checkVcpus() {
    OptionalDouble configured = profile.vcpus();
    if (configured.isEmpty()) {
      return;
    }
    VcpuDetector.HostCpus host = VcpuDetector.hostCpus(procRoot, sysRoot, readCpuInfo());
    double v = configured.getAsDouble();
    if (v > host.count()) {
      throw new IllegalArgumentException(EstimateProfile.VCPUS + " = " + VcpuDetector.format(v) + " (from "
          + profile.source(EstimateProfile.VCPUS) + ") is above this host's " + host.count() + " logical CPUs ("
          + host.evidence() + "); set it to at most " + host.count() + " (the vCPUs of this machine, or its "
          + "container's share), or unset it so that the meter detects them");
    }
  }

  private CpuInfo readCpuInfo() {
    Path file = procRoot.resolve("cpuinfo");
    CpuInfo cpu;
    try {
      cpu = CpuInfo.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      cpu = CpuInfo.parse("");
    }
    Optional<String> configured = profile.cpuModel();
    if (configured.isPresent()) {
      CpuInfo named = CpuInfo.ofModelName(configured.get());
      cpu = cpu.withModelName(configured.get(), named.vendor().isEmpty() ? null : named.vendor());
    }
    return cpu;
  }

  /**
   * The cloud instance type and its CCF row: configured, or the AWS DMI product name. Adds a note when a type is
   * configured but cannot be used, or is not in the table.
   */
  private CpuModelSelector.@Nullable InstanceFacts instance(CloudDetector.@Nullable Detected detected,
      List<String> notes) {
    CloudInstanceResolver.Outcome outcome = new CloudInstanceResolver(sysRoot).resolve(profile, detected);
    if (!outcome.note().isEmpty()) {
      notes.add("instance type not used: " + outcome.note());
    }
    CloudInstanceResolver.Resolved r = outcome.resolved().orElse(null);
    if (r == null) {
      return null;
    }
    Optional<CloudInstances.Instance> row = data.instances().find(r.provider(), r.type());
    if (row.isEmpty()) {
      notes.add("instance type " + r.provider().key() + ":" + r.type() + " (" + r.evidence() + ") is not in Cloud"
          + " Carbon Footprint's instance tables (May 2023); its vCPUs and microarchitecture are detected instead");
      return null;
    }
    CloudInstances.Instance i = row.get();
    notes.add("instance type " + i.provider().key() + ":" + i.type() + " (" + r.evidence() + "): "
        + VcpuDetector.format(i.vcpus()) + " vCPUs"
        + (i.microarchitectures().isEmpty() ? "" : ", " + String.join(" or ", i.microarchitectures()))
        + (i.cpu().isEmpty() ? "" : " (" + i.cpu() + ")") + " per " + i.source());
    return new CpuModelSelector.InstanceFacts(i, r.evidence());
  }

  /**
   * Models the instance's vCPUs where the count would otherwise be the whole machine's: not over a configured count
   * or a container's share, and never above the host's logical CPUs.
   */
  private VcpuDetector.Vcpus withInstance(VcpuDetector.Vcpus vcpus, CpuModelSelector.@Nullable InstanceFacts instance,
      CpuInfo cpu, List<String> notes) {
    if (instance == null || vcpus.source() != VcpuDetector.Source.MACHINE) {
      return vcpus;
    }
    double n = instance.row().vcpus();
    String type = instance.row().provider().key() + ":" + instance.row().type();
    VcpuDetector.HostCpus host = VcpuDetector.hostCpus(procRoot, sysRoot, cpu);
    if (n > host.count()) {
      notes.add("instance vCPUs not used: CCF lists " + VcpuDetector.format(n) + " vCPUs for " + type + ", more than"
          + " this host's " + host.count() + " logical CPUs (" + host.evidence() + "); is the instance type right?");
      return vcpus;
    }
    return new VcpuDetector.Vcpus(n, VcpuDetector.Source.MACHINE, "instance type " + type + " ("
        + instance.row().source() + "; the machine shows " + VcpuDetector.format(vcpus.count()) + " from "
        + vcpus.detail() + ")", false, vcpus.gauge());
  }

  private CpuModelChannel cpuChannel(CpuInfo cpu, VcpuDetector.Vcpus vcpus, CloudDetector.@Nullable Detected cloud,
      CpuModelSelector.@Nullable InstanceFacts instance, List<String> instanceNotes) {
    CpuModelSelector.Selection s = new CpuModelSelector(data)
        .select(cpu, vcpus.count(), profile, cloud, instance);
    String identity = profile.cpuModel().isPresent()
        ? cpu.modelName() + " (configured " + EstimateProfile.CPU_MODEL + ")" : cpu.describe();
    String device = identity + "; " + VcpuDetector.format(vcpus.count()) + " vCPUs; " + s.modelName() + " ("
        + s.rung().label() + ")";
    List<String> notes = new ArrayList<>();
    notes.add(NOT_MEASURED);
    notes.add("rung: " + s.rung().label() + " (" + s.evidence() + ")");
    notes.add("coefficients: " + s.coefficients());
    notes.add("vCPUs: " + VcpuDetector.format(vcpus.count()) + " from " + vcpus.detail());
    notes.add("utilisation: " + vcpus.gauge().description());
    notes.add(String.format(Locale.US, "uncertainty: 1σ %d %%; %s", Math.round(s.rung().uncertainty() * 100),
        s.rung().basis()));
    for (String skip : s.skipped()) {
      notes.add("not used: " + skip);
    }
    cloudNote().ifPresent(notes::add);
    notes.addAll(instanceNotes);
    notes.add("scope: energy of the " + (vcpus.container() ? "container's CPU share" : "whole machine's CPUs")
        + "; the monitor's attribution policy charges each job its part");
    Channel channel = new Channel("cpu/model", ChannelKind.MODEL_CPU, device, Method.MODEL, s.rung().uncertainty(),
        null, MAX_POLL_INTERVAL, Power.ofWatts(Math.max(s.curve().fullWatts(), MIN_CEILING_WATTS)), notes);
    return new CpuModelChannel(channel, vcpus.gauge(), s.curve());
  }

  private Optional<String> cloudNote() {
    StringBuilder s = new StringBuilder();
    profile.cloud().ifPresent(c -> s.append("cloud ").append(c.key()).append(" (configured)"));
    profile.instanceType().ifPresent(t -> s.append(s.length() == 0 ? "" : ", ").append("instance type ").append(t)
        .append(" (configured)"));
    return s.length() == 0 ? Optional.empty() : Optional.of("profile: " + s);
  }

  private @Nullable MemoryModelChannel memoryChannel(Cgroups cgroups, boolean container) {
    MemoryGauge gauge = null;
    String capacityText = "";
    long machineBytes = -1;
    Path meminfo = procRoot.resolve("meminfo");
    MeminfoGauge machine = null;
    try {
      machine = MeminfoGauge.open(meminfo);
      machineBytes = machine.capacityBytes();
    } catch (IOException | RuntimeException e) {
      // no /proc/meminfo: the JVM may know
    }
    Path dir = container ? cgroups.memoryDir().orElse(null) : null;
    if (dir != null) {
      try {
        cgroups.memoryInUseBytes(dir);
        Optional<Long> limit = cgroups.memoryLimitBytes(dir);
        long capacity = limit.orElse(machineBytes);
        if (capacity > 0) {
          gauge = new CgroupMemoryGauge(cgroups, dir, capacity);
          capacityText = limit.isPresent() ? "cgroup limit " + gib(capacity) : gib(capacity) + " installed";
        }
      } catch (IOException | RuntimeException e) {
        // the group's memory files are unreadable: fall back to the machine
      }
    }
    if (gauge == null && machine != null) {
      gauge = machine;
      capacityText = gib(machine.capacityBytes()) + " installed";
    }
    if (gauge == null) {
      JvmMemoryGauge jvm = JvmMemoryGauge.create();
      if (jvm == null) {
        return null;
      }
      gauge = jvm;
      capacityText = gib(jvm.capacityBytes()) + " installed";
    }
    MemoryPowerModel model = MemoryPowerModel.ccf();
    List<String> notes = new ArrayList<>();
    notes.add(NOT_MEASURED);
    notes.add("coefficients: CCF memory coefficient 0.000392 kWh per GB-hour = 0.392 W per GiB in use (mean of "
        + "Crucial 0.375 and Micron 0.4083 W/GB); CCF charges allocated memory, this meter the memory in use");
    notes.add("memory: " + gauge.description());
    notes.add(String.format(Locale.US, "uncertainty: 1σ %d %%; DRAM power per GB varies with generation and "
        + "activity (Boavizta uses 0.284 W/GB, CodeCarbon 5 W per DIMM), and refresh power follows installed, not "
        + "used, memory", Math.round(MEMORY_UNCERTAINTY * 100)));
    String device = "main memory, " + capacityText + "; CCF 0.392 W/GiB of memory in use";
    Channel channel = new Channel("memory/model", ChannelKind.MEMORY, device, Method.MODEL, MEMORY_UNCERTAINTY,
        null, MAX_POLL_INTERVAL, Power.ofWatts(Math.max(model.watts(gauge.capacityBytes()), MIN_CEILING_WATTS)),
        notes);
    return new MemoryModelChannel(channel, gauge, model);
  }

  private static String gib(long bytes) {
    return VcpuDetector.format(bytes / MemoryPowerModel.BYTES_PER_GIB) + " GiB";
  }

  private List<GpuModelChannel> gpuChannels() {
    boolean configured = profile.gpuModel().isPresent() || profile.gpuMaxWatts().isPresent();
    int count = profile.gpuCount().orElse(configured ? 1 : 0);
    if (count == 0) {
      return List.of();
    }
    double idle;
    double max;
    String name;
    String source;
    Optional<GpuCatalog.Gpu> catalogued = Optional.empty();
    if (profile.gpuModel().isPresent()) {
      GpuCatalog catalog = data.gpus();
      catalogued = catalog.find(profile.gpuModel().get());
      if (catalogued.isEmpty() && profile.gpuMaxWatts().isEmpty()) {
        throw new IllegalArgumentException("unknown GPU model '" + profile.gpuModel().get() + "' in "
            + EstimateProfile.GPU_MODEL + "; use one of " + catalog.names() + ", or set "
            + EstimateProfile.GPU_IDLE_WATTS + " and " + EstimateProfile.GPU_MAX_WATTS);
      }
    } else if (profile.gpuMaxWatts().isEmpty()) {
      throw new IllegalArgumentException(EstimateProfile.GPU_COUNT + " is set but neither "
          + EstimateProfile.GPU_MODEL + " nor " + EstimateProfile.GPU_MAX_WATTS + "; set one of them");
    }
    if (profile.gpuMaxWatts().isPresent()) {
      max = profile.gpuMaxWatts().getAsDouble();
      idle = profile.gpuIdleWatts().orElse(catalogued.map(GpuCatalog.Gpu::idleWatts).orElse(0.0));
      name = profile.gpuModel().orElse("GPU");
      source = "configured " + EstimateProfile.GPU_IDLE_WATTS + "/" + EstimateProfile.GPU_MAX_WATTS;
    } else {
      GpuCatalog.Gpu g = catalogued.orElseThrow();
      idle = profile.gpuIdleWatts().orElse(g.idleWatts());
      max = g.maxWatts();
      name = g.name();
      source = "CCF (Teads data) figures for " + g.name();
    }
    if (idle > max) {
      throw new IllegalArgumentException("GPU idle power " + idle + " W exceeds its max power " + max + " W; set "
          + EstimateProfile.GPU_IDLE_WATTS + " below " + EstimateProfile.GPU_MAX_WATTS);
    }
    double u = profile.gpuUtilization().orElse(CCF_FALLBACK_UTILISATION);
    String uSource = profile.gpuUtilization().isPresent() ? "configured " + EstimateProfile.GPU_UTILIZATION
        : "CCF's fallback of 50 %";
    LinearPowerCurve curve = new LinearPowerCurve(idle, max);
    List<GpuModelChannel> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> notes = new ArrayList<>();
      notes.add(NOT_MEASURED);
      notes.add(String.format(Locale.US, "coefficients: idle %s W, max %s W per GPU (%s); P = idle + u × (max − "
          + "idle) = %s W", VcpuDetector.format(idle), VcpuDetector.format(max), source,
          VcpuDetector.format(curve.watts(u))));
      notes.add("utilisation: assumed " + VcpuDetector.format(u * 100) + " % (" + uSource
          + "), not measured: no NVML access");
      notes.add(String.format(Locale.US, "uncertainty: 1σ %d %%; the utilisation is assumed and GPU power "
          + "ranges from idle to max, so the figure is a planning estimate", Math.round(GPU_UNCERTAINTY * 100)));
      Channel channel = new Channel("gpu/model-" + i, ChannelKind.GPU, name + " #" + i + " (modelled)",
          Method.MODEL, GPU_UNCERTAINTY, null, MAX_POLL_INTERVAL, Power.ofWatts(Math.max(max, MIN_CEILING_WATTS)),
          notes);
      out.add(new GpuModelChannel(channel, curve, u));
    }
    return out;
  }
}
