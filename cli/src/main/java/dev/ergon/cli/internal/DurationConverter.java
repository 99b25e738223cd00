package dev.ergon.cli.internal;

import dev.ergon.Configuration;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration option such as {@code 100ms}, {@code 2s}, {@code 5m} or ISO {@code PT1S}, with the same
 * syntax as Ergon's duration settings.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  /** Creates the converter. */
  public DurationConverter() {}

  @Override
  public Duration convert(String value) {
    Duration d;
    try {
      d = Configuration.of(Map.of("value", value)).getDuration("value").orElse(Duration.ZERO);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 100ms, 2s, 5m or PT1S");
    }
    if (d.isZero() || d.isNegative()) {
      throw new TypeConversionException("'" + value + "' must be a positive duration, e.g. 100ms, 2s or 5m");
    }
    return d;
  }
}
