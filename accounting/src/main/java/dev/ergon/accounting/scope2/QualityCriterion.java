package dev.ergon.accounting.scope2;

/**
 * The Scope 2 Quality Criteria (GHG Protocol Scope 2 Guidance, 2015, Table 7.1; paraphrased). An instrument must
 * meet all of them to count in the market-based total; Ergon checks those that data can show and excludes an
 * instrument that fails one, listing the reason.
 *
 * @since 0.1
 */
public enum QualityCriterion {
  /** 1. Conveys the GHG emission rate of the electricity: checked (an emission rate must be given). */
  EMISSION_RATE(1, true, "conveys the direct GHG emission rate of the generation"),
  /** 2. Is the only instrument carrying that claim: checked as unique ids/serials across the instruments given. */
  UNIQUE_CLAIM(2, true, "is the only instrument that carries the claim (unique serial)"),
  /**
   * 3. Tracked and redeemed, retired or cancelled by or on behalf of the reporter: checked for certificates and
   * contracts (retired, and retired for the reporting entity).
   */
  RETIRED_FOR_REPORTER(3, true, "is retired or cancelled by or on behalf of the reporting entity"),
  /**
   * 4. Issued and redeemed close to the consumption period: checked as generation within the reporting period
   * (certificates, contracts) or a supply period overlapping it (supplier rates).
   */
  VINTAGE(4, true, "was generated within the reporting period (vintage)"),
  /** 5. Sourced from the same market as the consumption: checked against the consumption's zones. */
  MARKET_BOUNDARY(5, true, "comes from the market in which the consumption occurs"),
  /** 6. Supplier rates are calculated on delivered electricity: not checkable from data; the supplier's duty. */
  SUPPLIER_DELIVERED_BASIS(6, false, "supplier rates are calculated on delivered electricity"),
  /** 7. Direct contracts convey the claim to the reporter alone: not checkable from data. */
  DIRECT_CONTRACT_EXCLUSIVE(7, false, "direct contracts convey the attributes to the reporter only"),
  /** 8. An adjusted residual mix characterises unclaimed electricity: applied by the hierarchy; its absence disclosed. */
  RESIDUAL_MIX(8, false, "uncovered consumption uses a residual mix, or its absence is disclosed");

  private final int number;
  private final boolean checked;
  private final String text;

  QualityCriterion(int number, boolean checked, String text) {
    this.number = number;
    this.checked = checked;
    this.text = text;
  }

  /**
   * Returns the criterion's number in Table 7.1.
   *
   * @return 1 to 8
   */
  public int number() {
    return number;
  }

  /**
   * Tells whether Ergon checks this criterion from the data.
   *
   * @return true for criteria 1 to 5
   */
  public boolean checked() {
    return checked;
  }

  /**
   * Returns the criterion, paraphrased.
   *
   * @return one line
   */
  public String text() {
    return text;
  }
}
