package dev.ergon.cli.internal;

import dev.ergon.Attribution;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.MeterStatus;
import dev.ergon.RecordStatus;
import dev.ergon.UnavailableReason;
import dev.ergon.Method;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes the summary of {@code ergon measure} for a person: how long the command ran and how it ended, the energy
 * per channel with how each figure was known, the total with its uncertainty, the emissions, and plainly what was
 * estimated and what could not be measured.
 *
 * <p>The uncertainty is the record's combined standard uncertainty (channels as independent errors, root sum of
 * squares, GUM JCGM 100:2008 5.1); the interval is the expanded uncertainty with coverage factor k = 2 (about 95 %
 * for a normal distribution, GUM 6.2), cut at zero.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
final class MeasureSummary {
  private MeasureSummary() {}

  /**
   * Writes the summary.
   *
   * @param w where to write (stderr: stdout belongs to the command)
   * @param record the record as saved
   * @param exitCode the command's exit code
   * @param interrupted whether ergon was asked to stop before the command exited by itself
   * @param meters what became of every meter provider
   * @param emissions the lines on emissions, already written
   * @param ledger where the record was appended, or {@code null} if it was not
   * @param allNotes whether to show every channel note, or only the key ones (the model's rung, the attribution
   *     share, a failure)
   */
  static void write(PrintWriter w, EnergyRecord record, int exitCode, boolean interrupted, List<MeterStatus> meters,
      List<String> emissions, @Nullable Path ledger, boolean allNotes) {
    write(w, record, exitCode, interrupted, meters, emissions, ledger, null, null, allNotes);
  }

  /**
   * Writes the summary, saying why the record was not saved when appending it failed.
   *
   * @param w where to write (stderr: stdout belongs to the command)
   * @param record the record as saved
   * @param exitCode the command's exit code
   * @param interrupted whether ergon was asked to stop before the command exited by itself
   * @param meters what became of every meter provider
   * @param emissions the lines on emissions, already written
   * @param ledger where the record was appended, or {@code null} if it was not
   * @param saveError why appending failed, or {@code null} if it did not fail (or there was no ledger)
   * @param self the sentence on ergon's own CPU time ({@link SelfCost.Result#note()}), or {@code null}
   * @param allNotes whether to show every channel note
   */
  static void write(PrintWriter w, EnergyRecord record, int exitCode, boolean interrupted, List<MeterStatus> meters,
      List<String> emissions, @Nullable Path ledger, @Nullable String saveError, @Nullable String self,
      boolean allNotes) {
    String d = QuantityText.seconds(record.duration());
    if (interrupted) {
      w.println("ergon: interrupted by a signal after " + d + "; '" + record.name() + "' was stopped (exit code "
          + exitCode + "); the record covers the time until then");
    } else {
      w.println("ergon: '" + record.name() + "' ran " + d + ", exit code " + exitCode);
    }
    if (record.status() == RecordStatus.NO_METER) {
      w.println("  energy: NOT MEASURED: no meter can measure on this machine; run 'ergon meters' to see why "
          + "and how to fix it");
    } else {
      w.println("  energy by channel (" + attribution(record.attribution()) + "):");
      int width = 8;
      for (ChannelEnergy c : record.channels()) {
        width = Math.max(width, c.channel().length());
      }
      for (ChannelEnergy c : record.channels()) {
        w.println(String.format(Locale.US, "    %-" + width + "s  %-9s %-27s +/-%-6s %s", c.channel(), c.meter(),
            QuantityText.method(c.method()), QuantityText.percent(c.relativeUncertainty()),
            QuantityText.energy(c.energy())));
        int hidden = 0;
        for (String note : c.notes()) {
          if (allNotes || isKeyNote(note)) {
            w.println("      " + note);
          } else {
            hidden++;
          }
        }
        if (hidden > 0) {
          w.println("      (" + hidden + (hidden == 1 ? " more note" : " more notes")
              + " on the model and its sources in the record, or with --verbose)");
        }
      }
      Energy total = record.total();
      double u = record.totalUncertaintyJoules();
      double low = Math.max(0, total.toJoules() - 2 * u);
      double high = total.toJoules() + 2 * u;
      w.println("  total: " + QuantityText.energy(total) + " (" + QuantityText.kilowattHours(total) + "), +/- "
          + QuantityText.joules(u) + " (1 sigma); 95 % interval " + QuantityText.joules(low) + " to "
          + QuantityText.joules(high));
      String estimated = estimated(record);
      if (!estimated.isEmpty()) {
        w.println("  " + estimated);
      }
    }
    if (self != null) {
      w.println("  " + self);
    }
    for (String line : emissions) {
      w.println("  " + line);
    }
    for (String line : missing(meters)) {
      w.println("  " + line);
    }
    for (String p : record.problems()) {
      w.println("  problem: " + p);
    }
    if (ledger != null) {
      w.println("  record " + record.id() + " (" + record.status().name().toLowerCase(Locale.ROOT)
          + ") appended to " + ledger);
    } else if (saveError != null) {
      w.println("  record " + record.id() + " (" + record.status().name().toLowerCase(Locale.ROOT)
          + ") NOT SAVED: " + saveError);
    } else {
      w.println("  record " + record.id() + " (" + record.status().name().toLowerCase(Locale.ROOT)
          + ") not saved (--no-ledger)");
    }
    w.flush();
  }

  /** The notes shown without --verbose: what an estimate rests on, the share charged, a failure. */
  static boolean isKeyNote(String note) {
    return note.startsWith("rung:") || note.startsWith("process attribution:") || note.startsWith("unavailable:");
  }

  private static String attribution(Attribution a) {
    return switch (a) {
      case MACHINE -> "--attribution machine: all of the machine's energy while the command ran";
      case PROCESS -> "--attribution process: the command's share of the machine's CPU time";
      case THREADS -> "attribution by thread CPU time";
    };
  }

  /** Says how much of the energy is estimated rather than read from hardware, or nothing if none is. */
  static String estimated(EnergyRecord record) {
    Energy modelled = Energy.ZERO;
    List<String> ids = new ArrayList<>();
    for (ChannelEnergy c : record.channels()) {
      if (c.method() == Method.MODEL) {
        modelled = modelled.plus(c.energy());
        ids.add(c.channel());
      }
    }
    if (ids.isEmpty()) {
      return "";
    }
    Energy total = record.total();
    if (modelled.equals(total)) {
      return "ESTIMATED: all of this energy comes from a model, not from a hardware counter (" + String.join(", ", ids)
          + "); expect an error of the size shown";
    }
    return "ESTIMATED: " + QuantityText.energy(modelled) + " of " + QuantityText.energy(total)
        + " comes from a model, not from a hardware counter (" + String.join(", ", ids) + ")";
  }

  /** One line per meter provider that could not measure, for a reason other than being switched off. */
  static List<String> missing(List<MeterStatus> meters) {
    List<String> out = new ArrayList<>();
    for (MeterStatus s : meters) {
      UnavailableReason r = s.availability().reason();
      if (s.open() || r == null || r == UnavailableReason.DISABLED || r == UnavailableReason.COVERED) {
        continue;
      }
      out.add("not measured by " + s.provider() + " (" + r.name().toLowerCase(Locale.ROOT) + "): "
          + firstLine(s.availability().detail()) + "; see 'ergon meters'");
    }
    return out;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
