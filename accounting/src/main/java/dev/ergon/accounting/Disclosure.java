package dev.ergon.accounting;

import java.util.Objects;

/**
 * A statement a report makes about its method, its data or its gaps, as the GHG Protocol Scope 2 Guidance
 * (chapter 7) and the SCI specification require.
 *
 * <p>Immutable and thread-safe.
 *
 * @param topic what the statement is about, for tools that filter or count them
 * @param text the statement, one sentence or a few, naming what it concerns
 * @since 0.1
 */
public record Disclosure(Topic topic, String text) {

  /** What a disclosure is about. */
  public enum Topic {
    /** The methods used and how the totals are labelled. */
    METHOD,
    /** How the uncertainty interval was computed and what it leaves out. */
    UNCERTAINTY,
    /** An emission factor came from a coarser rung of the look-up hierarchy (another year, the world average). */
    FACTOR_FALLBACK,
    /** A property of the factor data (life-cycle rather than combustion-only, for example). */
    FACTOR_DATA,
    /** No residual mix was available, so the grid average stood in for it in the market-based total. */
    NO_RESIDUAL_MIX,
    /** Contractual instruments excluded by the quality criteria, or other instrument facts. */
    INSTRUMENTS,
    /** How PUE was applied, or that it was not. */
    PUE,
    /** Records with missing energy (partial) or no meter. */
    RECORD_COMPLETENESS,
    /** Records left out (nested inside a counted parent, duplicates, energy outside the reporting period). */
    EXCLUSIONS,
    /** Energy of records with no region, or with a region the data does not know. */
    LOCATION,
    /** Assumptions about when energy was used (no time buckets). */
    TIME_PROFILE,
    /** The scope the figures belong to (cloud usage is the customer's Scope 3). */
    SCOPE,
    /** Offsets listed outside the inventory. */
    OFFSETS,
    /** The SCI boundary, functional unit and embodied emissions. */
    SCI
  }

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the text is blank
   */
  public Disclosure {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("disclosure text is blank");
    }
  }
}
