/**
 * The Meter SPI: what a meter module implements so that Ergon can discover and read it.
 *
 * <p>A module ships a {@link dev.ergon.spi.MeterProvider}, registered both with {@code provides} in its
 * {@code module-info.java} and in {@code META-INF/services/dev.ergon.spi.MeterProvider}, so discovery works on
 * the module path and on the class path. The provider probes without throwing and opens a
 * {@link dev.ergon.spi.Meter}; the meter lists its {@link dev.ergon.spi.Channel channels} and fills a
 * {@link dev.ergon.spi.ReadingBuffer} with cumulative energy per channel. Counter wraparound, resets and
 * implausible jumps are handled by Ergon core, in one place, not by the meter.
 *
 * <pre>{@code
 * public final class MyProvider implements MeterProvider {
 *   public String name() { return "mine"; }
 *   public Availability probe(MeterContext context) {
 *     return Availability.unavailable(UnavailableReason.NOT_PRESENT, "no device", "attach one");
 *   }
 *   public Meter open(MeterContext context) { throw new MeterUnavailableException(...); }
 * }
 * }</pre>
 */
@NullMarked
package dev.ergon.spi;

import org.jspecify.annotations.NullMarked;
