package dev.ergon.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ergon.Energy;
import dev.ergon.MeterStatus;
import dev.ergon.UnavailableReason;
import dev.ergon.spi.Availability;
import dev.ergon.spi.Channel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes what became of each meter provider, as text for a person or as JSON for a program.
 *
 * <p>JSON: <pre>
 * {"meters": [{"name", "priority", "in_use", "available", "reason", "detail", "remedy",
 *              "channels": [{"id", "kind", "device", "method", "uncertainty", "wrap_range_uj",
 *                            "max_poll_interval_ms", "max_power_w", "notes"}]}],
 *  "in_use": n}
 * </pre> {@code reason} is null for an available meter and otherwise a lower-case
 * {@link UnavailableReason}; {@code uncertainty} is the relative standard uncertainty as a fraction;
 * {@code wrap_range_uj} is null for a channel that does not wrap.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class MeterStatusWriter {
  private MeterStatusWriter() {}

  /**
   * Writes the statuses as text.
   *
   * @param statuses the statuses, in the monitor's order
   * @param w where to write
   */
  static void text(List<MeterStatus> statuses, PrintWriter w) {
    int inUse = 0;
    for (MeterStatus s : statuses) {
      Availability a = s.availability();
      UnavailableReason r = a.reason();
      if (s.open()) {
        inUse++;
        w.println(s.provider() + ": IN USE, " + s.channels().size()
            + (s.channels().size() == 1 ? " channel" : " channels") + " (priority " + s.priority() + ")");
        if (!a.detail().isBlank()) {
          w.println("  " + a.detail());
        }
        for (Channel c : s.channels()) {
          w.println("  " + c.id() + ": " + c.kind().name().toLowerCase(Locale.ROOT) + ", "
              + QuantityText.method(c.method()) + ", +/-" + QuantityText.percent(c.relativeUncertainty())
              + " (1 sigma)" + (c.wrapRange() == null ? "" : ", wraps at " + QuantityText.energy(c.wrapRange()))
              + ", read at least every " + QuantityText.seconds(c.maxPollInterval()));
          w.println("    device: " + c.device());
          for (String note : c.notes()) {
            w.println("    note: " + note);
          }
        }
      } else {
        String why = r == null ? "not opened" : "NOT USED (" + r.name().toLowerCase(Locale.ROOT) + ")";
        w.println(s.provider() + ": " + why + " (priority " + s.priority() + ")");
        indent(w, a.detail(), "  ");
        if (!a.remedy().isBlank()) {
          w.println("  remedy:");
          indent(w, a.remedy(), "    ");
        }
      }
    }
    if (inUse == 0) {
      w.println("No meter can measure on this machine: records will have no energy (status no_meter). Follow a "
          + "remedy above.");
    } else {
      w.println(inUse + (inUse == 1 ? " meter" : " meters") + " in use.");
    }
  }

  private static void indent(PrintWriter w, String text, String prefix) {
    if (text.isBlank()) {
      return;
    }
    for (String line : text.split("\n", -1)) {
      w.println(prefix + line);
    }
  }

  /**
   * Writes the statuses as one JSON object.
   *
   * @param statuses the statuses
   * @param w where to write
   */
  static void json(List<MeterStatus> statuses, PrintWriter w) {
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeArrayFieldStart("meters");
      int inUse = 0;
      for (MeterStatus s : statuses) {
        Availability a = s.availability();
        UnavailableReason r = a.reason();
        inUse += s.open() ? 1 : 0;
        g.writeStartObject();
        g.writeStringField("name", s.provider());
        g.writeNumberField("priority", s.priority());
        g.writeBooleanField("in_use", s.open());
        g.writeBooleanField("available", a.available());
        if (r == null) {
          g.writeNullField("reason");
        } else {
          g.writeStringField("reason", r.name().toLowerCase(Locale.ROOT));
        }
        g.writeStringField("detail", a.detail());
        g.writeStringField("remedy", a.remedy());
        g.writeArrayFieldStart("channels");
        for (Channel c : s.channels()) {
          g.writeStartObject();
          g.writeStringField("id", c.id());
          g.writeStringField("kind", c.kind().name().toLowerCase(Locale.ROOT));
          g.writeStringField("device", c.device());
          g.writeStringField("method", c.method().name().toLowerCase(Locale.ROOT));
          g.writeNumberField("uncertainty", c.relativeUncertainty());
          Energy wrap = c.wrapRange();
          if (wrap == null) {
            g.writeNullField("wrap_range_uj");
          } else {
            g.writeFieldName("wrap_range_uj");
            g.writeNumber(wrap.toBigMicrojoules());
          }
          g.writeNumberField("max_poll_interval_ms", c.maxPollInterval().toMillis());
          g.writeNumberField("max_power_w", c.maxPower().toWatts());
          g.writeArrayFieldStart("notes");
          for (String n : c.notes()) {
            g.writeString(n);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("in_use", inUse);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the meter list: " + e.getMessage(), e);
    }
    w.println();
  }
}
