package dev.ergon.accounting.scope2;

import java.util.Locale;
import java.util.Optional;

/**
 * The type of a contractual instrument, and the rung of the market-based hierarchy it sits on.
 *
 * @since 0.1
 */
public enum InstrumentType {
  /** Renewable Energy Certificate (US, Canada). Written {@code rec}. */
  REC(InstrumentCategory.CERTIFICATE),
  /** Guarantee of Origin (EU, EEA). Written {@code go}. */
  GO(InstrumentCategory.CERTIFICATE),
  /** Renewable Energy Guarantee of Origin (UK). Written {@code rego}. */
  REGO(InstrumentCategory.CERTIFICATE),
  /** International REC (I-REC Standard). Written {@code i-rec}. */
  I_REC(InstrumentCategory.CERTIFICATE),
  /** Another energy attribute certificate (e.g. Japan's non-fossil certificates). Written {@code certificate}. */
  OTHER_CERTIFICATE(InstrumentCategory.CERTIFICATE),
  /** Power purchase agreement with the attributes conveyed to the buyer. Written {@code ppa}. */
  PPA(InstrumentCategory.CONTRACT),
  /** On-site generation or a direct line from a generator. Written {@code direct_line}. */
  DIRECT_LINE(InstrumentCategory.CONTRACT),
  /** A supplier- or product-specific emission rate for delivered electricity. Written {@code supplier_rate}. */
  SUPPLIER_RATE(InstrumentCategory.SUPPLIER);

  private final InstrumentCategory category;

  InstrumentType(InstrumentCategory category) {
    this.category = category;
  }

  /**
   * Returns the hierarchy rung of this type.
   *
   * @return the category
   */
  public InstrumentCategory category() {
    return category;
  }

  /**
   * Parses the spelling used in instrument files.
   *
   * @param text e.g. {@code go}, {@code REC}, {@code i-rec}, {@code ppa}, {@code supplier_rate} (case-insensitive;
   *     {@code -} and {@code _} are interchangeable)
   * @return the type, or empty if unknown
   */
  public static Optional<InstrumentType> parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (t.equals("IREC")) {
      return Optional.of(I_REC);
    }
    if (t.equals("CERTIFICATE") || t.equals("EAC")) {
      return Optional.of(OTHER_CERTIFICATE);
    }
    for (InstrumentType k : values()) {
      if (k.name().equals(t)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
