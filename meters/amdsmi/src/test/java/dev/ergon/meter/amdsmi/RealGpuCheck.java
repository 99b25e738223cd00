package dev.ergon.meter.amdsmi;

import com.sun.jna.Memory;
import dev.ergon.Configuration;
import dev.ergon.meter.amdsmi.internal.AmdSmiLibrary;
import dev.ergon.meter.amdsmi.internal.AmdSmiLibraryLocation;
import dev.ergon.meter.amdsmi.internal.AmdSmiSession;
import dev.ergon.meter.amdsmi.internal.AmdSmiStatus;
import dev.ergon.meter.amdsmi.internal.DiscoveredGpu;
import dev.ergon.meter.amdsmi.internal.GpuDiscovery;
import dev.ergon.meter.amdsmi.internal.PowerInfoLayout;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.ReadingBuffer;
import dev.ergon.spi.support.PowerIntegrator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Meters the real AMD GPUs of a machine through this module: idle, then while a load command runs. Not a unit test:
 * {@code src/test/gpu/real-gpu-check.sh} runs it on a machine with ROCm.
 *
 * <p>Per GPU and phase it prints the energy from the meter's channel (the energy accumulator where there is one)
 * and, independently, the energy integrated from {@code amdsmi_get_power_info} sampled at the same 100 ms readings,
 * so the two methods, and the power-info layout chosen for this ROCm release, can be checked on real hardware.
 *
 * <p>Arguments: idle seconds, load seconds, then the load command and its arguments (optional).
 */
public final class RealGpuCheck {

  private RealGpuCheck() {}

  /**
   * Runs the check.
   *
   * @param args idle seconds, load seconds, load command...
   * @throws Exception if the load command cannot be started or the thread is interrupted
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    double idleSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    double loadSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
    List<String> load = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
    Configuration config = Configuration.fromEnvironment();
    AmdSmiMeterProvider provider = new AmdSmiMeterProvider();
    long t0 = System.nanoTime();
    Availability availability = provider.probe(MeterContext.of(config));
    out.printf(Locale.ROOT, "probe (%.1f ms): %s%n", (System.nanoTime() - t0) / 1e6, availability);
    if (!availability.available()) {
      return;
    }
    AmdSmiLibraryLocation location =
        new AmdSmiLibraryLocation(config, System::getenv, System.getProperty("os.name"));
    try (Meter meter = provider.open(MeterContext.of(config));
        AmdSmiSession session = AmdSmiSession.start(location.load())) {
      PowerInfoLayout layout = PowerInfoLayout.of(session.library());
      List<DiscoveredGpu> gpus = new GpuDiscovery(session.library(), layout).discover();
      out.println("AMD SMI " + session.library().location() + ", power info " + layout.describe());
      for (Channel c : meter.channels()) {
        out.println("channel " + c.id() + " | " + c.device() + " | " + c.method() + " | ±"
            + c.relativeUncertainty() + " | wrap " + c.wrapRange() + " | poll " + c.maxPollInterval() + " | max "
            + c.maxPower() + " | notes " + c.notes());
      }
      phase(out, "idle", meter, session, layout, gpus, idleSeconds, null);
      Process process = null;
      if (!load.isEmpty()) {
        out.println("load: " + String.join(" ", load));
        process = new ProcessBuilder(load).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      }
      phase(out, "load", meter, session, layout, gpus, loadSeconds, process);
      if (process != null) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  private static void phase(PrintStream out, String name, Meter meter, AmdSmiSession session,
      PowerInfoLayout layout, List<DiscoveredGpu> discovered, double seconds, @Nullable Process process)
      throws InterruptedException {
    int n = meter.channels().size();
    ReadingBuffer buffer = new ReadingBuffer(n);
    long[] first = new long[n];
    long[] last = new long[n];
    int[] faults = new int[n];
    boolean[] primed = new boolean[n];
    List<@Nullable DiscoveredGpu> gpus = new ArrayList<>();
    List<PowerIntegrator> integrators = new ArrayList<>();
    for (Channel c : meter.channels()) {
      gpus.add(discovered.stream().filter(g -> c.device().equals(g.description())).findFirst().orElse(null));
      integrators.add(new PowerIntegrator());
    }
    Memory info = new Memory(AmdSmiLibrary.STRUCT_BUFFER_SIZE);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long readings = 0;
    long readNanos = 0;
    for (long next = start; next <= end; next += 100_000_000L) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long now = System.nanoTime();
      buffer.reset(now);
      meter.read(buffer);
      readNanos += System.nanoTime() - now;
      readings++;
      for (int i = 0; i < n; i++) {
        if (buffer.hasValue(i)) {
          if (!primed[i]) {
            first[i] = buffer.value(i);
            primed[i] = true;
          }
          last[i] = buffer.value(i);
        } else {
          faults[i]++;
        }
        DiscoveredGpu gpu = gpus.get(i);
        info.clear();
        if (gpu != null && session.library().powerInfo(gpu.handle(), info) == AmdSmiStatus.SUCCESS.code()) {
          OptionalLong watts = layout.watts(info);
          if (watts.isPresent()) {
            integrators.get(i).add(now, watts.getAsLong() * 1000);
          }
        }
      }
      if (process != null && !process.isAlive()) {
        out.println("load command ended early with exit code " + process.exitValue());
        process = null;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "phase %s: %.2f s, %d readings, %.1f µs per meter read%n", name, elapsed, readings,
        readNanos / 1e3 / Math.max(1, readings));
    for (int i = 0; i < n; i++) {
      double channelJ = (last[i] - first[i]) / 1e6;
      double integratedJ = integrators.get(i).microjoules() / 1e6;
      out.printf(Locale.ROOT, "  %s: channel %.3f J (%.1f W mean), power integrated %.3f J, difference %.2f %%,"
              + " faulted readings %d%n",
          meter.channels().get(i).id(), channelJ, channelJ / elapsed, integratedJ,
          100 * (channelJ - integratedJ) / integratedJ, faults[i]);
    }
  }
}
