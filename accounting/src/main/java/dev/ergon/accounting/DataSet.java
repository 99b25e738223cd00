package dev.ergon.accounting;

import java.util.Objects;

/**
 * A data set used by a report: its name, version, origin and licence, so that an auditor can fetch the same data
 * and a distributor can meet its licence.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a short stable name, e.g. {@code electricitymaps-yearly-2025} or a loaded file's name
 * @param version the version: an upstream commit or edition for bundled data, {@code sha256:<hex>} of the bytes for
 *     a loaded file
 * @param description what the data is, its units and its caveats
 * @param licence the licence of the data, e.g. {@code ODbL-1.0}, or {@code user-supplied}
 * @param attribution the attribution the licence asks for, or empty
 * @since 0.1
 */
public record DataSet(String name, String version, String description, String licence, String attribution) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the name or version is blank
   */
  public DataSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(attribution, "attribution");
    if (name.isBlank() || version.isBlank()) {
      throw new IllegalArgumentException("data set name and version must not be blank");
    }
  }

  // Written out rather than generated: a record's generated equals and hashCode bootstrap through
  // java.lang.runtime.ObjectMethods, which spins ~60 method-handle classes on first use (tens of ms of CPU in
  // `ergon measure`'s start-up). Same meaning as the generated ones: every component, in declaration order.
  @Override
  public boolean equals(Object o) {
    return o instanceof DataSet d && name.equals(d.name) && version.equals(d.version)
        && description.equals(d.description) && licence.equals(d.licence) && attribution.equals(d.attribution);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, description, licence, attribution);
  }
}
