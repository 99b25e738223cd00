package dev.ergon.accounting;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A section that another module adds to an {@link HtmlReport}: a title, paragraphs of plain text and one table of
 * plain-text cells (the page escapes every text; no markup passes through). Ergon's command uses it for the
 * period-over-period decomposition of {@code ergon report --compare-period}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the section's id in the page, lower-case letters, digits and hyphens, starting with a letter (the page
 *     prefixes it with {@code x-}, and the table's id is {@code t-x-<id>})
 * @param title the section's heading
 * @param paragraphs paragraphs of plain text shown before the table, in order
 * @param header the table's column names
 * @param rows the table's rows, each as many cells as the header has columns; numbers as the caller formats them
 * @since 0.2
 */
public record HtmlSection(String id, String title, List<String> paragraphs, List<String> header,
    List<List<String>> rows) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  /**
   * Validates the id and the table's shape, and copies the lists.
   *
   * @throws IllegalArgumentException if the id is not lower-case letters, digits and hyphens starting with a letter,
   *     the header is empty, or a row's width differs from the header's
   */
  public HtmlSection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("section id '" + id + "' must be lower-case letters, digits and hyphens, "
          + "starting with a letter (at most 64), e.g. period-change");
    }
    paragraphs = List.copyOf(paragraphs);
    header = List.copyOf(header);
    if (header.isEmpty()) {
      throw new IllegalArgumentException("section '" + id + "' has a table without columns; give a header");
    }
    List<List<String>> copy = new java.util.ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = List.copyOf(rows.get(i));
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("section '" + id + "': row " + (i + 1) + " has " + row.size()
            + " cells, the header " + header.size());
      }
      copy.add(row);
    }
    rows = List.copyOf(copy);
  }
}
