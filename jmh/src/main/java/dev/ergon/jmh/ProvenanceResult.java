package dev.ergon.jmh;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;

/**
 * {@code ergon.provenance}: how the energy figures were obtained. Its score is a number, the count of problems the
 * records reported (0 when every measurement iteration's record was complete), so that JSON output ({@code -rf json})
 * gets a proper number rather than {@code "NaN"}; the text (each channel's meter, method, uncertainty, device and
 * notes, meters not used and why, the problems) is its extended information, which JMH prints after the run.
 *
 * <p>Immutable.
 */
public final class ProvenanceResult extends Result<ProvenanceResult> {
  private static final long serialVersionUID = 1L;

  /** The label. */
  public static final String LABEL = "ergon.provenance";

  private final String text;

  /**
   * Creates the result.
   *
   * @param problems the number of problems reported
   * @param text the provenance text
   */
  public ProvenanceResult(int problems, String text) {
    super(ResultRole.SECONDARY, LABEL, of(problems), "problems", AggregationPolicy.MAX);
    this.text = text;
  }

  /**
   * Returns the provenance text.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  @Override
  protected Aggregator<ProvenanceResult> getThreadAggregator() {
    return ProvenanceResult::merge;
  }

  @Override
  protected Aggregator<ProvenanceResult> getIterationAggregator() {
    return ProvenanceResult::merge;
  }

  private static ProvenanceResult merge(Collection<ProvenanceResult> results) {
    Set<String> texts = new LinkedHashSet<>();
    double problems = 0;
    for (ProvenanceResult r : results) {
      texts.add(r.text);
      problems = Math.max(problems, r.getScore());
    }
    return new ProvenanceResult((int) problems, String.join("", texts));
  }

  @Override
  public String extendedInfo() {
    return text;
  }
}
