package dev.ergon.accounting.scope2;

import dev.ergon.Co2e;
import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.internal.CsvTable;
import dev.ergon.accounting.internal.PhysicalBounds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads offsets from CSV, to be listed beside a Scope 2 inventory (never subtracted from it).
 *
 * <p>Columns (lower case): {@code id} (required), {@code quantity_t} (required; metric tonnes CO₂e,
 * {@code >= 0}), {@code registry}, {@code project}, {@code type} ({@code avoidance} or {@code removal}),
 * {@code vintage} (a year), {@code retired_for}.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class Offsets {
  private Offsets() {}

  /**
   * Reads an offsets file.
   *
   * @param csv the file
   * @return the offsets, in file order
   * @throws InvalidDataException if malformed: the message names the file, the line and the reason
   */
  public static List<Offset> load(Path csv) {
    CsvTable table = CsvTable.read(csv, Set.of("id", "quantity_t"),
        Set.of("registry", "project", "type", "vintage", "retired_for"));
    List<Offset> out = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      double t = PhysicalBounds.check(row, "quantity_t", row.parseDouble(row.required("quantity_t"), "quantity_t"),
          PhysicalBounds.MAX_OFFSET_TONNES, "tCO2e");
      String type = row.optional("type");
      if (type != null && !type.equalsIgnoreCase("avoidance") && !type.equalsIgnoreCase("removal")) {
        throw row.error("type '" + type + "' is neither avoidance nor removal");
      }
      int vintage = 0;
      String v = row.optional("vintage");
      if (v != null) {
        try {
          vintage = Integer.parseInt(v);
        } catch (NumberFormatException e) {
          throw row.error("vintage '" + v + "' is not a year");
        }
        if (vintage < PhysicalBounds.MIN_YEAR || vintage > PhysicalBounds.MAX_YEAR) {
          throw row.error("vintage '" + v + "' is outside the years " + PhysicalBounds.MIN_YEAR + " .. "
              + PhysicalBounds.MAX_YEAR);
        }
      }
      String registry = row.optional("registry");
      String project = row.optional("project");
      try {
        out.add(new Offset(row.required("id"), Co2e.ofTonnes(t), registry == null ? "" : registry,
            project == null ? "" : project, type == null ? "" : type.toLowerCase(Locale.ROOT), vintage,
            row.optional("retired_for"), row.source() + ":" + row.line()));
      } catch (IllegalArgumentException e) {
        throw row.error(String.valueOf(e.getMessage()));
      }
    }
    return List.copyOf(out);
  }
}
