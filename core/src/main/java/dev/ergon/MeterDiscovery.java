package dev.ergon;

import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds meter providers, applies the selection and exclusion by name, probes them and opens the available ones,
 * counters first, so that models see which components are already covered.
 *
 * <p>A provider that fails to load, or throws while probing or opening, is reported as
 * {@link UnavailableReason#PROVIDER_ERROR}; discovery carries on. Not thread-safe; used once per monitor.
 */
final class MeterDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(MeterDiscovery.class);

  static final String KEY_METERS = "ergon.meters";
  static final String KEY_EXCLUDE = "ergon.meters.exclude";

  final List<Meter> meters = new ArrayList<>();
  final List<MeterStatus> statuses = new ArrayList<>();

  /**
   * Discovers through {@link ServiceLoader} with a class loader.
   *
   * @param loader the loader
   * @return the providers that loaded, and statuses for those that failed to load
   */
  static List<MeterProvider> load(ClassLoader loader, List<MeterStatus> loadFailures) {
    List<MeterProvider> out = new ArrayList<>();
    Iterator<MeterProvider> it = ServiceLoader.load(MeterProvider.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next());
      } catch (ServiceConfigurationError e) {
        LOG.warn("a meter provider failed to load: {}", e.toString());
        loadFailures.add(MeterStatus.closed("(unloadable)", 0, Availability.unavailable(
            UnavailableReason.PROVIDER_ERROR, "failed to load: " + e.getMessage(),
            "remove the broken meter jar from the class path or report the bug to its authors")));
      }
    }
    return out;
  }

  void open(List<MeterProvider> providers, Configuration config, List<String> only, List<String> exclude) {
    List<MeterProvider> sorted = new ArrayList<>(providers);
    sorted.sort(Comparator.comparingInt(MeterProvider::priority).reversed()
        .thenComparing(MeterProvider::name));
    Set<String> onlyNames = lower(only);
    Set<String> excluded = lower(exclude);
    Set<Component> covered = EnumSet.noneOf(Component.class);
    for (String name : onlyNames) {
      if (sorted.stream().noneMatch(p -> p.name().equalsIgnoreCase(name))) {
        statuses.add(MeterStatus.closed(name, 0, Availability.unavailable(UnavailableReason.NOT_PRESENT,
            "meter '" + name + "' was selected (" + config.source(KEY_METERS) + ") but no provider has that name",
            "add the ergon-meter-" + name + " jar to the class path, or fix the name in " + KEY_METERS)));
      }
    }
    for (MeterProvider p : sorted) {
      String name = p.name().toLowerCase(Locale.ROOT);
      if (excluded.contains(name) || (!onlyNames.isEmpty() && !onlyNames.contains(name))) {
        String why = excluded.contains(name)
            ? "excluded by " + KEY_EXCLUDE + " (" + config.source(KEY_EXCLUDE) + ")"
            : "not in " + KEY_METERS + "=" + only + " (" + config.source(KEY_METERS) + ")";
        statuses.add(MeterStatus.closed(p.name(), p.priority(),
            Availability.unavailable(UnavailableReason.DISABLED, why, "change " + KEY_METERS + " or " + KEY_EXCLUDE)));
        continue;
      }
      MeterContext context = new MeterContext(config, covered);
      Availability probe;
      try {
        probe = p.probe(context);
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("meter provider {} threw while probing", p.name(), e);
        statuses.add(MeterStatus.closed(p.name(), p.priority(), Availability.unavailable(
            UnavailableReason.PROVIDER_ERROR, "probe threw " + e, "report the bug to the meter's authors")));
        continue;
      }
      if (!probe.available()) {
        statuses.add(MeterStatus.closed(p.name(), p.priority(), probe));
        continue;
      }
      try {
        Meter meter = p.open(context);
        List<Channel> channels = meter.channels();
        if (channels.isEmpty()) {
          meter.close();
          statuses.add(MeterStatus.closed(p.name(), p.priority(), Availability.unavailable(
              UnavailableReason.COVERED, "opened with no channels", "nothing to do")));
          continue;
        }
        meters.add(meter);
        statuses.add(new MeterStatus(p.name(), p.priority(), probe, channels, true));
        for (Channel c : channels) {
          covered.addAll(c.kind().components());
        }
      } catch (MeterUnavailableException e) {
        statuses.add(MeterStatus.closed(p.name(), p.priority(),
            Availability.unavailable(e.reason(), String.valueOf(e.getMessage()), e.remedy())));
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("meter provider {} threw while opening", p.name(), e);
        statuses.add(MeterStatus.closed(p.name(), p.priority(), Availability.unavailable(
            UnavailableReason.PROVIDER_ERROR, "open threw " + e, "report the bug to the meter's authors")));
      }
    }
  }

  private static Set<String> lower(List<String> names) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (String n : names) {
      out.add(n.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
