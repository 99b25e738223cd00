package dev.ergon.compare;

import dev.ergon.EnergyRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which records form one side of a comparison: {@code name:NAME} (the job's name) and {@code tag:KEY=VALUE}
 * conditions, joined with commas, all of which must hold, e.g. {@code name:train,tag:variant=int8}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class RecordSelector {
  private final String text;
  private final List<Condition> conditions;

  private RecordSelector(String text, List<Condition> conditions) {
    this.text = text;
    this.conditions = conditions;
  }

  /**
   * Parses a selector.
   *
   * @param text e.g. {@code tag:variant=fp32} or {@code name:train,tag:model=bert}
   * @return the selector
   * @throws IllegalArgumentException naming the bad condition and the accepted forms
   */
  public static RecordSelector parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Condition> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String c = part.strip();
      if (c.startsWith("name:") && c.length() > "name:".length()) {
        out.add(new Condition(null, c.substring("name:".length())));
      } else if (c.startsWith("tag:") && c.indexOf('=') > "tag:".length()) {
        int eq = c.indexOf('=');
        out.add(new Condition(c.substring("tag:".length(), eq), c.substring(eq + 1)));
      } else {
        throw new IllegalArgumentException("bad selector condition '" + c + "' in '" + text + "': use name:NAME or "
            + "tag:KEY=VALUE, several joined with commas (e.g. name:train,tag:variant=int8)");
      }
    }
    return new RecordSelector(text, List.copyOf(out));
  }

  /**
   * Tells whether a record meets every condition.
   *
   * @param r the record
   * @return true if it is selected
   */
  public boolean matches(EnergyRecord r) {
    for (Condition c : conditions) {
      String key = c.tagKey();
      boolean ok = key == null ? r.name().equals(c.value())
          : c.value().equals(r.tags().get(key).orElse(null));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /* A job name when tagKey is null, else a tag's value. */
  private record Condition(@Nullable String tagKey, String value) {}

  /**
   * Returns the selector as given.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return text;
  }
}
