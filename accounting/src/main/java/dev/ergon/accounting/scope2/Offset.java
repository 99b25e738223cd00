package dev.ergon.accounting.scope2;

import dev.ergon.Co2e;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A carbon offset or credit the reporter holds. Reports list offsets beside the inventory and never subtract them
 * from either Scope 2 total (GHG Protocol Corporate Standard; ISO 14064-1); the SCI ignores them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the credit's serial or id
 * @param quantity the claimed reduction or removal
 * @param registry the registry or standard (e.g. Verra VCS, Gold Standard), or empty
 * @param project the project, or empty
 * @param type {@code avoidance}, {@code removal} or empty when not stated
 * @param vintage the vintage year, or 0 when not stated
 * @param retiredFor on whose behalf it was retired, or {@code null}
 * @param origin where it was read ({@code file:line}) or {@code api}
 * @since 0.1
 */
public record Offset(
    String id,
    Co2e quantity,
    String registry,
    String project,
    String type,
    int vintage,
    @Nullable String retiredFor,
    String origin) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the id is blank or the vintage negative
   */
  public Offset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(origin, "origin");
    if (id.isBlank()) {
      throw new IllegalArgumentException("offset id is blank");
    }
    if (vintage < 0) {
      throw new IllegalArgumentException("offset " + id + ": negative vintage " + vintage);
    }
  }
}
