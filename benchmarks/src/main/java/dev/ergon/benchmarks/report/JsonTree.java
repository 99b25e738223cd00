package dev.ergon.benchmarks.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON document into plain Java values: {@code Map<String, Object>} for objects (key order kept),
 * {@code List<Object>} for arrays, {@code String}, {@code Double} for every number, {@code Boolean}; JSON
 * {@code null} becomes {@link #NULL}.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonTree {

  /** Stands for JSON {@code null}, so that maps and lists hold no Java null. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private JsonTree() {}

  /**
   * Reads one JSON value.
   *
   * @param in the document; not closed
   * @return the value
   * @throws IOException if the document is malformed or cannot be read
   */
  static Object read(InputStream in) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(in)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("empty JSON document");
      }
      return value(p, t);
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          map.put(name, value(p, next(p)));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken e = next(p); e != JsonToken.END_ARRAY; e = next(p)) {
          list.add(value(p, e));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> NULL;
      default -> throw new IOException("unexpected JSON token " + t + " at " + p.currentLocation());
    };
  }

  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new IOException("JSON document ends early at " + p.currentLocation());
    }
    return t;
  }

  /**
   * Returns a member of an object, if the value is an object and has it.
   *
   * @param object a value from {@link #read}
   * @param key the member name
   * @return the member, or {@code null}
   */
  static @Nullable Object get(Object object, String key) {
    if (object instanceof Map<?, ?> map) {
      Object v = map.get(key);
      return v == NULL ? null : v;
    }
    return null;
  }

  /**
   * Returns a number member; JMH writes {@code "NaN"} as a string for an undefined error.
   *
   * @param object an object
   * @param key the member name
   * @return the number, or NaN if absent or not a number
   */
  static double number(Object object, String key) {
    Object v = get(object, key);
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /**
   * Returns a string member.
   *
   * @param object an object
   * @param key the member name
   * @return the text, or {@code ""} if absent
   */
  static String text(Object object, String key) {
    Object v = get(object, key);
    return v == null ? "" : v.toString();
  }
}
