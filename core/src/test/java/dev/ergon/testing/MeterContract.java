package dev.ergon.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import dev.ergon.EnergyMonitor;
import dev.ergon.EnergyRecord;
import dev.ergon.Job;
import dev.ergon.RecordStatus;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import dev.ergon.spi.Meter;
import dev.ergon.spi.MeterContext;
import dev.ergon.spi.MeterProvider;
import dev.ergon.Method;
import dev.ergon.spi.ReadingBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every meter module's provider must keep, run against a fixture the subclass sets up (a fake
 * sysfs tree, a fake native library, a fake {@code /proc}).
 *
 * <p>Subclasses return a provider and a configuration pointing it at their fixture, and make the fixture's
 * energy grow in {@link #advanceFixture()}.
 */
public abstract class MeterContract {

  /**
   * Returns the provider under test.
   *
   * @return a new provider
   */
  protected abstract MeterProvider provider();

  /**
   * Returns the configuration that points the provider at the fixture.
   *
   * @return the configuration
   */
  protected abstract Configuration configuration();

  /** Makes the fixture's energy grow (advance counters, burn CPU, program power). */
  protected abstract void advanceFixture();

  private MeterContext context() {
    return MeterContext.of(configuration());
  }

  @Test
  void contractNameIsShortAndLowerCase() {
    String name = provider().name();
    assertTrue(name.matches("[a-z][a-z0-9-]{0,31}"), "provider name '" + name + "'");
  }

  @Test
  void contractProbeIsAvailableOnTheFixtureAndNeverThrows() {
    Availability a = assertDoesNotThrow(() -> provider().probe(context()));
    assertTrue(a.available(), "fixture should make the meter available: " + a);
  }

  @Test
  void contractProbeOfAnEmptyConfigurationNeverThrows() {
    Availability a = assertDoesNotThrow(() -> provider().probe(MeterContext.of(Configuration.empty())));
    if (!a.available()) {
      assertFalse(a.remedy().isBlank(), "an unavailable answer needs a remedy: " + a);
    }
  }

  @Test
  void contractChannelsAreNonEmptyUniqueAndStable() {
    try (Meter meter = provider().open(context())) {
      List<Channel> channels = meter.channels();
      assertFalse(channels.isEmpty());
      Set<String> ids = new HashSet<>();
      for (Channel c : channels) {
        assertTrue(ids.add(c.id()), "duplicate channel id " + c.id());
        assertTrue(c.relativeUncertainty() > 0, "a real meter is never exact: " + c.id());
        if (c.method() != Method.COUNTER) {
          assertEquals(null, c.wrapRange(), "only counters wrap: " + c.id());
        }
      }
      assertEquals(channels, meter.channels());
    }
  }

  @Test
  void contractReadsFillEveryChannelAndNeverGoBackwardsWithoutAWrap() {
    try (Meter meter = provider().open(context())) {
      int n = meter.channels().size();
      ReadingBuffer buffer = new ReadingBuffer(n);
      long[] previous = new long[n];
      for (int round = 0; round < 3; round++) {
        advanceFixture();
        buffer.reset(System.nanoTime());
        meter.read(buffer);
        for (int i = 0; i < n; i++) {
          Channel c = meter.channels().get(i);
          assertTrue(buffer.hasValue(i), "no value for " + c.id() + ": " + buffer.fault(i));
          if (c.wrapRange() == null && round > 0) {
            assertTrue(buffer.value(i) >= previous[i], c.id() + " went backwards");
          }
          previous[i] = buffer.value(i);
        }
      }
    }
  }

  @Test
  void contractCloseIsIdempotent() {
    Meter meter = provider().open(context());
    meter.close();
    assertDoesNotThrow(meter::close);
  }

  @Test
  void contractWorksInsideAMonitor() {
    try (EnergyMonitor monitor = EnergyMonitor.builder().configuration(configuration())
        .providers(List.of(provider())).noLedger().withoutSamplerThread().build()) {
      assertFalse(monitor.channels().isEmpty());
      Job job = monitor.start("contract");
      advanceFixture();
      monitor.sample();
      advanceFixture();
      EnergyRecord r = job.end();
      assertEquals(RecordStatus.COMPLETE, r.status(), r.problems().toString());
      assertEquals(monitor.channels().size(), r.channels().size());
    }
  }
}
