package dev.ergon.compare;

import dev.ergon.compare.internal.ComparisonWriter;
import dev.ergon.compare.internal.DecompositionWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The output formats of comparisons and decompositions.
 *
 * <p>JSON of a comparison: {@code {"unit", "a": {"label", "selection", "runs", "per_unit": {value, lower, upper},
 * "standard_deviation", "skewness"}, "b": {...}, "difference": {value, lower, upper}, "ratio": {value, lower, upper}
 * or null, "p_value", "significant", "interval_method", "effect", "runs_needed", "seed", "resamples", "warnings"}}.
 * JSON of a decomposition: masses in gCO2e as exact decimals of whole micrograms (see
 * {@link EmissionsDecomposition}).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.2
 */
public enum CompareFormat {
  /** Aligned text for a terminal. */
  TEXT,
  /** One JSON object. */
  JSON;

  /**
   * Writes a comparison.
   *
   * @param c the comparison
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public void write(Comparison c, Writer out) throws IOException {
    if (this == JSON) {
      ComparisonWriter.json(c, out);
    } else {
      ComparisonWriter.text(c, out);
    }
  }

  /**
   * Writes a decomposition.
   *
   * @param d the decomposition
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public void write(EmissionsDecomposition d, Writer out) throws IOException {
    if (this == JSON) {
      DecompositionWriter.json(d, out);
    } else {
      DecompositionWriter.text(d, out);
    }
  }

  /**
   * Returns a comparison as text in this format.
   *
   * @param c the comparison
   * @return the text
   */
  public String toString(Comparison c) {
    StringWriter w = new StringWriter();
    try {
      write(c, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Returns a decomposition as text in this format.
   *
   * @param d the decomposition
   * @return the text
   */
  public String toString(EmissionsDecomposition d) {
    StringWriter w = new StringWriter();
    try {
      write(d, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
