package dev.ergon.meter.estimate;

import dev.ergon.Configuration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the estimate meter is told instead of, or on top of, what it detects: a cloud instance profile (cloud,
 * instance type, vCPU count, CPU microarchitecture or model or TDP), modelled GPUs, and where {@code /proc},
 * {@code /sys/fs/cgroup} and {@code /sys} are.
 *
 * <p>Every field is optional; an unset field is detected. A profile comes from a {@link #builder()}, or from
 * configuration ({@link #fromConfiguration}) with these keys (environment variables {@code ERGON_ESTIMATE_...}):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@value #CLOUD}</td><td>{@code aws}, {@code gcp} or {@code azure}: whose average coefficients apply to an
 *       unknown microarchitecture (default: detected from DMI)</td></tr>
 *   <tr><td>{@value #INSTANCE_TYPE}</td><td>the cloud instance type, {@code TYPE} (with {@value #CLOUD} or a
 *       detected cloud) or {@code PROVIDER:TYPE} as {@code ergon report --instance} takes it, e.g.
 *       {@code aws:m5.large}, {@code gcp:n2-standard-4}, {@code azure:Standard_D2s_v3}: its vCPUs and
 *       microarchitecture come from Cloud Carbon Footprint's instance tables (default: on AWS, the DMI
 *       {@code product_name}; Google Cloud and Azure need it configured)</td></tr>
 *   <tr><td>{@value #VCPUS}</td><td>vCPUs to model, {@code > 0} and at most the host's logical CPUs (default:
 *       cgroup quota, cpuset, or {@code /proc/cpuinfo})</td></tr>
 *   <tr><td>{@value #CPU_ARCHITECTURE}</td><td>CCF microarchitecture, e.g. {@code Cascade Lake},
 *       {@code EPYC 2nd Gen}</td></tr>
 *   <tr><td>{@value #CPU_MODEL}</td><td>CPU model name to look up instead of {@code /proc/cpuinfo}'s</td></tr>
 *   <tr><td>{@value #CPU_TDP}</td><td>TDP of one CPU package in W, for the TDP curve; at most
 *       {@value #MAX_CPU_TDP_WATTS}</td></tr>
 *   <tr><td>{@value #CPU_THREADS_PER_PACKAGE}</td><td>logical CPUs per package on the host, needed for the TDP
 *       curve inside a virtual machine; {@code 1..}{@value #MAX_THREADS_PER_PACKAGE}</td></tr>
 *   <tr><td>{@value #GPU_MODEL}</td><td>GPU model to model, e.g. {@code A100}, {@code T4}</td></tr>
 *   <tr><td>{@value #GPU_COUNT}</td><td>number of such GPUs (default 1 when a model or watts are set)</td></tr>
 *   <tr><td>{@value #GPU_IDLE_WATTS}, {@value #GPU_MAX_WATTS}</td><td>GPU power at 0 % and 100 % in W,
 *       overriding the catalogue; at most {@value #MAX_GPU_WATTS}</td></tr>
 *   <tr><td>{@value #GPU_UTILIZATION}</td><td>assumed GPU utilisation {@code 0..1} (default 0.5, CCF's
 *       fallback)</td></tr>
 *   <tr><td>{@value #PROC_ROOT}, {@value #CGROUP_ROOT}, {@value #SYS_ROOT}</td><td>file system roots (default
 *       {@code /proc}, {@code /sys/fs/cgroup}, {@code /sys})</td></tr>
 * </table>
 *
 * <p>A value outside physical sense (a vCPU count above the host's logical CPUs, a TDP or GPU power no hardware
 * has, a count that is not a positive finite number) is refused: the meter's probe reports
 * {@link dev.ergon.UnavailableReason#MISCONFIGURED} with the key, where it was set ({@link #source}), the value and
 * the fix, and the meter does not open.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class EstimateProfile {
  /** Key of the cloud provider. */
  public static final String CLOUD = "ergon.estimate.cloud";
  /** Key of the instance type. */
  public static final String INSTANCE_TYPE = "ergon.estimate.instance-type";
  /** Key of the vCPU count. */
  public static final String VCPUS = "ergon.estimate.vcpus";
  /** Key of the CPU microarchitecture. */
  public static final String CPU_ARCHITECTURE = "ergon.estimate.cpu.architecture";
  /** Key of the CPU model name. */
  public static final String CPU_MODEL = "ergon.estimate.cpu.model";
  /** Key of the CPU package TDP in W. */
  public static final String CPU_TDP = "ergon.estimate.cpu.tdp";
  /** Key of the logical CPUs per package. */
  public static final String CPU_THREADS_PER_PACKAGE = "ergon.estimate.cpu.threads-per-package";
  /** Key of the GPU model. */
  public static final String GPU_MODEL = "ergon.estimate.gpu.model";
  /** Key of the GPU count. */
  public static final String GPU_COUNT = "ergon.estimate.gpu.count";
  /** Key of the GPU idle power in W. */
  public static final String GPU_IDLE_WATTS = "ergon.estimate.gpu.idle-watts";
  /** Key of the GPU full power in W. */
  public static final String GPU_MAX_WATTS = "ergon.estimate.gpu.max-watts";
  /** Key of the assumed GPU utilisation, 0..1. */
  public static final String GPU_UTILIZATION = "ergon.estimate.gpu.utilization";
  /** Key of the proc file system root. */
  public static final String PROC_ROOT = "ergon.estimate.proc.root";
  /** Key of the cgroup file system root. */
  public static final String CGROUP_ROOT = "ergon.estimate.cgroup.root";
  /** Key of the sys file system root (DMI, for cloud detection). */
  public static final String SYS_ROOT = "ergon.estimate.sys.root";

  /**
   * The largest TDP of one CPU package accepted, in W: twice the 500 W of the largest packages of 2024-2025 (Xeon
   * 6980P, EPYC 9965), the same bound as the powercap meter's default package ceiling.
   */
  public static final double MAX_CPU_TDP_WATTS = 1000;

  /** The most logical CPUs per package accepted: above the 384 of the largest package of 2024-2025 (EPYC 9965). */
  public static final int MAX_THREADS_PER_PACKAGE = 1024;

  /**
   * The largest power of one GPU accepted, in W: above every GPU's board power of 2024-2025 (H100 SXM 700 W,
   * B200 1000 W, GB200's GPUs 1200 W), the same bound as the NVML meter's default ceiling.
   */
  public static final double MAX_GPU_WATTS = 2000;

  private static final String GPU_WHY = "no GPU of 2024-2025 draws more than 1200 W (GB200); set the power of one GPU";

  private static final EstimateProfile EMPTY = new Builder().build();

  private final @Nullable CloudProvider cloud;
  private final @Nullable String instanceType;
  private final @Nullable Double vcpus;
  private final @Nullable String cpuArchitecture;
  private final @Nullable String cpuModel;
  private final @Nullable Double cpuTdpWatts;
  private final @Nullable Integer threadsPerPackage;
  private final @Nullable String gpuModel;
  private final @Nullable Integer gpuCount;
  private final @Nullable Double gpuIdleWatts;
  private final @Nullable Double gpuMaxWatts;
  private final @Nullable Double gpuUtilization;
  private final @Nullable Path procRoot;
  private final @Nullable Path cgroupRoot;
  private final @Nullable Path sysRoot;
  private final Map<String, String> sources;

  private EstimateProfile(Builder b) {
    this.cloud = b.cloud;
    this.instanceType = b.instanceType;
    this.vcpus = b.vcpus;
    this.cpuArchitecture = b.cpuArchitecture;
    this.cpuModel = b.cpuModel;
    this.cpuTdpWatts = b.cpuTdpWatts;
    this.threadsPerPackage = b.threadsPerPackage;
    this.gpuModel = b.gpuModel;
    this.gpuCount = b.gpuCount;
    this.gpuIdleWatts = b.gpuIdleWatts;
    this.gpuMaxWatts = b.gpuMaxWatts;
    this.gpuUtilization = b.gpuUtilization;
    this.procRoot = b.procRoot;
    this.cgroupRoot = b.cgroupRoot;
    this.sysRoot = b.sysRoot;
    this.sources = Map.copyOf(b.sources);
    if (gpuIdleWatts != null && gpuMaxWatts != null && gpuIdleWatts > gpuMaxWatts) {
      throw new IllegalArgumentException(
          "GPU idle power " + gpuIdleWatts + " W exceeds its max power " + gpuMaxWatts + " W; swap them");
    }
  }

  /**
   * Returns a profile with nothing set: everything is detected.
   *
   * @return the empty profile
   */
  public static EstimateProfile empty() {
    return EMPTY;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a profile from configuration ({@code ergon.estimate.*} settings, system properties and
   * {@code ERGON_ESTIMATE_*} environment variables).
   *
   * @param config the configuration
   * @return the profile
   * @throws IllegalArgumentException if a value is malformed or out of range, naming the key and where it came from
   */
  public static EstimateProfile fromConfiguration(Configuration config) {
    Builder b = new Builder();
    try {
      config.getEnum(CLOUD, CloudProvider.class).ifPresent(b::cloud);
      config.get(INSTANCE_TYPE).ifPresent(b::instanceType);
      checked(config, VCPUS, config.getDouble(VCPUS), b::vcpus);
      config.get(CPU_ARCHITECTURE).ifPresent(b::cpuArchitecture);
      config.get(CPU_MODEL).ifPresent(b::cpuModel);
      checked(config, CPU_TDP, config.getDouble(CPU_TDP), b::cpuTdpWatts);
      checked(config, CPU_THREADS_PER_PACKAGE, integer(config, CPU_THREADS_PER_PACKAGE), b::threadsPerPackage);
      config.get(GPU_MODEL).ifPresent(b::gpuModel);
      checked(config, GPU_COUNT, integer(config, GPU_COUNT), b::gpuCount);
      checked(config, GPU_IDLE_WATTS, config.getDouble(GPU_IDLE_WATTS), b::gpuIdleWatts);
      checked(config, GPU_MAX_WATTS, config.getDouble(GPU_MAX_WATTS), b::gpuMaxWatts);
      checked(config, GPU_UTILIZATION, config.getDouble(GPU_UTILIZATION), b::gpuUtilization);
      config.getPath(PROC_ROOT).ifPresent(b::procRoot);
      config.getPath(CGROUP_ROOT).ifPresent(b::cgroupRoot);
      config.getPath(SYS_ROOT).ifPresent(b::sysRoot);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("bad path in an ergon.estimate.*.root setting: " + e.getMessage(), e);
    }
    for (String key : List.of(CLOUD, INSTANCE_TYPE, VCPUS, CPU_ARCHITECTURE, CPU_MODEL, CPU_TDP,
        CPU_THREADS_PER_PACKAGE, GPU_MODEL, GPU_COUNT, GPU_IDLE_WATTS, GPU_MAX_WATTS, GPU_UTILIZATION, PROC_ROOT,
        CGROUP_ROOT, SYS_ROOT)) {
      if (config.get(key).isPresent()) {
        b.sources.put(key, config.source(key));
      }
    }
    return b.build();
  }

  private static Optional<Integer> integer(Configuration config, String key) {
    return config.get(key).map(v -> {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad value '" + v + "' for " + key + " (from " + config.source(key)
            + "); expected a whole number such as 2", e);
      }
    });
  }

  private static <T> void checked(Configuration config, String key, Optional<T> value, Consumer<T> set) {
    value.ifPresent(v -> {
      try {
        set.accept(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " (" + key + " from " + config.source(key) + ")", e);
      }
    });
  }

  /**
   * Returns a profile with this profile's fields, and the other's where this one has none.
   *
   * @param fallback the profile to fill gaps from (e.g. the one read from configuration)
   * @return the combined profile
   */
  public EstimateProfile orElse(EstimateProfile fallback) {
    Builder b = new Builder();
    b.cloud = cloud != null ? cloud : fallback.cloud;
    b.instanceType = instanceType != null ? instanceType : fallback.instanceType;
    b.vcpus = vcpus != null ? vcpus : fallback.vcpus;
    b.cpuArchitecture = cpuArchitecture != null ? cpuArchitecture : fallback.cpuArchitecture;
    b.cpuModel = cpuModel != null ? cpuModel : fallback.cpuModel;
    b.cpuTdpWatts = cpuTdpWatts != null ? cpuTdpWatts : fallback.cpuTdpWatts;
    b.threadsPerPackage = threadsPerPackage != null ? threadsPerPackage : fallback.threadsPerPackage;
    b.gpuModel = gpuModel != null ? gpuModel : fallback.gpuModel;
    b.gpuCount = gpuCount != null ? gpuCount : fallback.gpuCount;
    b.gpuIdleWatts = gpuIdleWatts != null ? gpuIdleWatts : fallback.gpuIdleWatts;
    b.gpuMaxWatts = gpuMaxWatts != null ? gpuMaxWatts : fallback.gpuMaxWatts;
    b.gpuUtilization = gpuUtilization != null ? gpuUtilization : fallback.gpuUtilization;
    b.procRoot = procRoot != null ? procRoot : fallback.procRoot;
    b.cgroupRoot = cgroupRoot != null ? cgroupRoot : fallback.cgroupRoot;
    b.sysRoot = sysRoot != null ? sysRoot : fallback.sysRoot;
    fallback.sources.forEach((key, source) -> {
      if (!isSet(key)) {
        b.sources.put(key, source);
      }
    });
    b.sources.putAll(sources);
    return b.build();
  }

  private boolean isSet(String key) {
    Object value = switch (key) {
      case CLOUD -> cloud;
      case INSTANCE_TYPE -> instanceType;
      case VCPUS -> vcpus;
      case CPU_ARCHITECTURE -> cpuArchitecture;
      case CPU_MODEL -> cpuModel;
      case CPU_TDP -> cpuTdpWatts;
      case CPU_THREADS_PER_PACKAGE -> threadsPerPackage;
      case GPU_MODEL -> gpuModel;
      case GPU_COUNT -> gpuCount;
      case GPU_IDLE_WATTS -> gpuIdleWatts;
      case GPU_MAX_WATTS -> gpuMaxWatts;
      case GPU_UTILIZATION -> gpuUtilization;
      case PROC_ROOT -> procRoot;
      case CGROUP_ROOT -> cgroupRoot;
      case SYS_ROOT -> sysRoot;
      default -> null;
    };
    return value != null;
  }

  /**
   * Says where a setting came from, for messages: the configuration's source (such as
   * {@code environment variable ERGON_ESTIMATE_VCPUS}) for a profile read by {@link #fromConfiguration}, else the
   * builder.
   *
   * @param key a key of this class, e.g. {@link #VCPUS}
   * @return a description; {@code "an EstimateProfile built in code"} for a field set through the builder
   */
  public String source(String key) {
    return sources.getOrDefault(key, "an EstimateProfile built in code");
  }

  /**
   * Returns the cloud provider.
   *
   * @return the cloud, if set
   */
  public Optional<CloudProvider> cloud() {
    return Optional.ofNullable(cloud);
  }

  /**
   * Returns the instance type.
   *
   * @return e.g. {@code m5.large}, if set
   */
  public Optional<String> instanceType() {
    return Optional.ofNullable(instanceType);
  }

  /**
   * Returns the vCPU count to model.
   *
   * @return vCPUs, {@code > 0}, if set
   */
  public OptionalDouble vcpus() {
    return vcpus == null ? OptionalDouble.empty() : OptionalDouble.of(vcpus);
  }

  /**
   * Returns the CPU microarchitecture.
   *
   * @return the CCF name, if set
   */
  public Optional<String> cpuArchitecture() {
    return Optional.ofNullable(cpuArchitecture);
  }

  /**
   * Returns the CPU model name.
   *
   * @return the name, if set
   */
  public Optional<String> cpuModel() {
    return Optional.ofNullable(cpuModel);
  }

  /**
   * Returns the TDP of one CPU package.
   *
   * @return W, {@code > 0}, if set
   */
  public OptionalDouble cpuTdpWatts() {
    return cpuTdpWatts == null ? OptionalDouble.empty() : OptionalDouble.of(cpuTdpWatts);
  }

  /**
   * Returns the logical CPUs per package of the host.
   *
   * @return the count, {@code >= 1}, if set
   */
  public OptionalInt threadsPerPackage() {
    return threadsPerPackage == null ? OptionalInt.empty() : OptionalInt.of(threadsPerPackage);
  }

  /**
   * Returns the GPU model.
   *
   * @return the name, if set
   */
  public Optional<String> gpuModel() {
    return Optional.ofNullable(gpuModel);
  }

  /**
   * Returns the number of modelled GPUs.
   *
   * @return the count, {@code >= 0}, if set
   */
  public OptionalInt gpuCount() {
    return gpuCount == null ? OptionalInt.empty() : OptionalInt.of(gpuCount);
  }

  /**
   * Returns the GPU idle power.
   *
   * @return W, if set
   */
  public OptionalDouble gpuIdleWatts() {
    return gpuIdleWatts == null ? OptionalDouble.empty() : OptionalDouble.of(gpuIdleWatts);
  }

  /**
   * Returns the GPU full power.
   *
   * @return W, if set
   */
  public OptionalDouble gpuMaxWatts() {
    return gpuMaxWatts == null ? OptionalDouble.empty() : OptionalDouble.of(gpuMaxWatts);
  }

  /**
   * Returns the assumed GPU utilisation.
   *
   * @return the fraction {@code 0..1}, if set
   */
  public OptionalDouble gpuUtilization() {
    return gpuUtilization == null ? OptionalDouble.empty() : OptionalDouble.of(gpuUtilization);
  }

  /**
   * Returns the proc file system root.
   *
   * @return the path, if set
   */
  public Optional<Path> procRoot() {
    return Optional.ofNullable(procRoot);
  }

  /**
   * Returns the cgroup file system root.
   *
   * @return the path, if set
   */
  public Optional<Path> cgroupRoot() {
    return Optional.ofNullable(cgroupRoot);
  }

  /**
   * Returns the sys file system root.
   *
   * @return the path, if set
   */
  public Optional<Path> sysRoot() {
    return Optional.ofNullable(sysRoot);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("EstimateProfile[");
    append(s, "cloud", cloud == null ? null : cloud.key());
    append(s, "instanceType", instanceType);
    append(s, "vcpus", vcpus);
    append(s, "cpuArchitecture", cpuArchitecture);
    append(s, "cpuModel", cpuModel);
    append(s, "cpuTdpWatts", cpuTdpWatts);
    append(s, "threadsPerPackage", threadsPerPackage);
    append(s, "gpuModel", gpuModel);
    append(s, "gpuCount", gpuCount);
    append(s, "gpuIdleWatts", gpuIdleWatts);
    append(s, "gpuMaxWatts", gpuMaxWatts);
    append(s, "gpuUtilization", gpuUtilization);
    append(s, "procRoot", procRoot);
    append(s, "cgroupRoot", cgroupRoot);
    append(s, "sysRoot", sysRoot);
    if (s.charAt(s.length() - 1) == ' ') {
      s.setLength(s.length() - 2);
    }
    return s.append(']').toString();
  }

  private static void append(StringBuilder s, String name, @Nullable Object value) {
    if (value != null) {
      s.append(name).append('=').append(value).append(", ");
    }
  }

  /**
   * Builds a profile. Each setter validates its argument.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable CloudProvider cloud;
    private @Nullable String instanceType;
    private @Nullable Double vcpus;
    private @Nullable String cpuArchitecture;
    private @Nullable String cpuModel;
    private @Nullable Double cpuTdpWatts;
    private @Nullable Integer threadsPerPackage;
    private @Nullable String gpuModel;
    private @Nullable Integer gpuCount;
    private @Nullable Double gpuIdleWatts;
    private @Nullable Double gpuMaxWatts;
    private @Nullable Double gpuUtilization;
    private @Nullable Path procRoot;
    private @Nullable Path cgroupRoot;
    private @Nullable Path sysRoot;
    private final Map<String, String> sources = new HashMap<>();

    private Builder() {}

    /**
     * Sets the cloud whose averages apply to an unknown microarchitecture.
     *
     * @param cloud the cloud
     * @return this builder
     */
    public Builder cloud(CloudProvider cloud) {
      this.cloud = Objects.requireNonNull(cloud, "cloud");
      return this;
    }

    /**
     * Sets the cloud instance type, whose vCPUs and microarchitecture Cloud Carbon Footprint's instance tables
     * give (a configured vCPU count or microarchitecture still wins).
     *
     * @param type e.g. {@code m5.large} (with {@link #cloud}), or {@code aws:m5.large}
     * @return this builder
     */
    public Builder instanceType(String type) {
      this.instanceType = nonBlank(type, "instance type");
      return this;
    }

    /**
     * Sets the vCPU count.
     *
     * <p>The meter also refuses, when it surveys the machine, a count above the host's logical CPUs.
     *
     * @param count vCPUs, {@code > 0} (fractional for a quota, e.g. 1.5)
     * @return this builder
     * @throws IllegalArgumentException if not positive and finite
     */
    public Builder vcpus(double count) {
      if (!(count > 0) || !Double.isFinite(count)) {
        throw new IllegalArgumentException("vCPU count must be a positive finite number, got " + count
            + "; set the vCPUs to model, e.g. 2 (1.5 for a quota), or leave it unset to detect them");
      }
      this.vcpus = count;
      return this;
    }

    /**
     * Sets the CPU microarchitecture by its Cloud Carbon Footprint name.
     *
     * @param name e.g. {@code Cascade Lake}, {@code EPYC 3rd Gen}
     * @return this builder
     */
    public Builder cpuArchitecture(String name) {
      this.cpuArchitecture = nonBlank(name, "CPU architecture");
      return this;
    }

    /**
     * Sets the CPU model name to look up.
     *
     * @param name e.g. {@code Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz}
     * @return this builder
     */
    public Builder cpuModel(String name) {
      this.cpuModel = nonBlank(name, "CPU model");
      return this;
    }

    /**
     * Sets the TDP of one CPU package.
     *
     * @param watts W, {@code > 0} and at most {@value EstimateProfile#MAX_CPU_TDP_WATTS}
     * @return this builder
     * @throws IllegalArgumentException if not positive and finite, or above the bound
     */
    public Builder cpuTdpWatts(double watts) {
      this.cpuTdpWatts = atMost(positive(watts, "CPU TDP"), MAX_CPU_TDP_WATTS, "CPU TDP", "W per package",
          "the largest packages of 2024-2025 (Xeon 6980P, EPYC 9965) are rated 500 W; set the TDP of one package");
      return this;
    }

    /**
     * Sets the host's logical CPUs per package.
     *
     * @param threads the count, {@code 1..}{@value EstimateProfile#MAX_THREADS_PER_PACKAGE}
     * @return this builder
     * @throws IllegalArgumentException if outside that range
     */
    public Builder threadsPerPackage(int threads) {
      if (threads < 1 || threads > MAX_THREADS_PER_PACKAGE) {
        throw new IllegalArgumentException("threads per package must be 1.." + MAX_THREADS_PER_PACKAGE + ", got "
            + threads + "; the largest packages of 2024-2025 have 384 (EPYC 9965) or 288 (Xeon 6780E); set the "
            + "logical CPUs of one package of the host");
      }
      this.threadsPerPackage = threads;
      return this;
    }

    /**
     * Sets the GPU model to model.
     *
     * @param name e.g. {@code A100}
     * @return this builder
     */
    public Builder gpuModel(String name) {
      this.gpuModel = nonBlank(name, "GPU model");
      return this;
    }

    /**
     * Sets the number of modelled GPUs.
     *
     * @param count {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative or above 64
     */
    public Builder gpuCount(int count) {
      if (count < 0 || count > 64) {
        throw new IllegalArgumentException("GPU count must be 0..64, got " + count);
      }
      this.gpuCount = count;
      return this;
    }

    /**
     * Sets the GPU power at 0 % utilisation.
     *
     * @param watts W, {@code 0..}{@value EstimateProfile#MAX_GPU_WATTS}
     * @return this builder
     * @throws IllegalArgumentException if negative, not finite or above the bound
     */
    public Builder gpuIdleWatts(double watts) {
      if (!(watts >= 0) || !Double.isFinite(watts)) {
        throw new IllegalArgumentException("GPU idle power must be >= 0 W, got " + watts);
      }
      this.gpuIdleWatts = atMost(watts, MAX_GPU_WATTS, "GPU idle power", "W", GPU_WHY);
      return this;
    }

    /**
     * Sets the GPU power at 100 % utilisation.
     *
     * @param watts W, {@code > 0} and at most {@value EstimateProfile#MAX_GPU_WATTS}
     * @return this builder
     * @throws IllegalArgumentException if not positive and finite, or above the bound
     */
    public Builder gpuMaxWatts(double watts) {
      this.gpuMaxWatts = atMost(positive(watts, "GPU max power"), MAX_GPU_WATTS, "GPU max power", "W", GPU_WHY);
      return this;
    }

    /**
     * Sets the assumed GPU utilisation.
     *
     * @param fraction {@code 0..1}
     * @return this builder
     * @throws IllegalArgumentException if outside {@code 0..1}
     */
    public Builder gpuUtilization(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("GPU utilisation must be within 0..1, got " + fraction);
      }
      this.gpuUtilization = fraction;
      return this;
    }

    /**
     * Sets the proc file system root.
     *
     * @param root e.g. {@code /host/proc}
     * @return this builder
     */
    public Builder procRoot(Path root) {
      this.procRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Sets the cgroup file system root.
     *
     * @param root e.g. {@code /sys/fs/cgroup}
     * @return this builder
     */
    public Builder cgroupRoot(Path root) {
      this.cgroupRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Sets the sys file system root.
     *
     * @param root e.g. {@code /host/sys}
     * @return this builder
     */
    public Builder sysRoot(Path root) {
      this.sysRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     * @throws IllegalArgumentException if the GPU idle power exceeds its max power
     */
    public EstimateProfile build() {
      return new EstimateProfile(this);
    }

    private static double positive(double v, String what) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(what + " must be a positive number, got " + v);
      }
      return v;
    }

    private static double atMost(double v, double max, String what, String unit, String why) {
      if (v > max) {
        throw new IllegalArgumentException(what + " " + v + " " + unit + " is beyond physical sense (at most " + max
            + " " + unit + "): " + why);
      }
      return v;
    }

    private static String nonBlank(String v, String what) {
      if (v.isBlank()) {
        throw new IllegalArgumentException(what + " is blank");
      }
      return v.strip();
    }
  }
}
