package dev.ergon.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import dev.ergon.ChannelKind;
import dev.ergon.Method;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads an {@link EnergyRecord} as one JSON object (the ledger's line format, schema 1).
 *
 * <p>The schema, field by field (energies are whole microjoules as JSON integers, exact at any size; times are
 * ISO-8601 UTC instants):
 * <pre>
 * schema            1
 * id, parent_id     UUID v7 text; parent_id null for a top-level job
 * name, tags        the job's name; tags as an object of strings, keys sorted
 * host, region      machine name; grid region or null
 * start, end        instants
 * units             functional units of the job and all its descendants (integer)
 * attribution       machine | process | threads
 * status            complete | partial | failed | no_meter | open (a checkpoint of a running job)
 * failure           only when status is failed: the exception's class name
 * problems          [text]
 * total_uj          sum of channels' energy_uj (checked on read)
 * channels          [{id, meter, kind, device, method, uncertainty, energy_uj, measured_uj, children_uj (only when
 *                   not 0: the part of energy_uj charged to child jobs), dropped_intervals, notes}]
 * buckets           [{start, end, energy_uj}]
 * </pre>
 * Reading is strict: unknown enum values, missing fields, wrong types and inconsistent totals are errors.
 * Unknown extra fields are ignored, so later minor versions stay readable.
 *
 * <p>Thread-safe (the factory is immutable after construction).
 *
 * @since 0.1
 */
public final class RecordJson {

  /** The schema version written into every record. */
  public static final int SCHEMA = 1;

  private final JsonFactory factory = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Creates a codec. */
  public RecordJson() {}

  /**
   * Returns a record as one line of JSON, without the newline.
   *
   * @param record the record
   * @return the JSON text
   */
  public String toJson(EnergyRecord record) {
    StringWriter out = new StringWriter(512);
    write(record, out);
    return out.toString();
  }

  /**
   * Writes a record as JSON.
   *
   * @param record the record
   * @param out the destination (not closed)
   * @throws UncheckedIOException if writing fails
   */
  public void write(EnergyRecord record, Writer out) {
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(record, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a record as a JSON object to a generator (for embedding in a larger document).
   *
   * @param r the record
   * @param g the generator
   * @throws IOException if writing fails
   */
  void write(EnergyRecord r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("schema", SCHEMA);
    g.writeStringField("id", r.id());
    nullableString(g, "parent_id", r.parentId());
    g.writeStringField("name", r.name());
    g.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> t : r.tags().asMap().entrySet()) {
      g.writeStringField(t.getKey(), t.getValue());
    }
    g.writeEndObject();
    g.writeStringField("host", r.host());
    nullableString(g, "region", r.region());
    g.writeStringField("start", r.start().toString());
    g.writeStringField("end", r.end().toString());
    g.writeNumberField("units", r.units());
    g.writeStringField("attribution", lower(r.attribution()));
    g.writeStringField("status", lower(r.status()));
    if (r.failure() != null) {
      g.writeStringField("failure", r.failure());
    }
    g.writeArrayFieldStart("problems");
    for (String p : r.problems()) {
      g.writeString(p);
    }
    g.writeEndArray();
    g.writeFieldName("total_uj");
    g.writeNumber(r.total().toBigMicrojoules());
    g.writeArrayFieldStart("channels");
    for (ChannelEnergy c : r.channels()) {
      g.writeStartObject();
      g.writeStringField("id", c.channel());
      g.writeStringField("meter", c.meter());
      g.writeStringField("kind", lower(c.kind()));
      g.writeStringField("device", c.device());
      g.writeStringField("method", lower(c.method()));
      g.writeNumberField("uncertainty", c.relativeUncertainty());
      g.writeFieldName("energy_uj");
      g.writeNumber(c.energy().toBigMicrojoules());
      g.writeFieldName("measured_uj");
      g.writeNumber(c.measured().toBigMicrojoules());
      if (!c.children().isZero()) {
        g.writeFieldName("children_uj");
        g.writeNumber(c.children().toBigMicrojoules());
      }
      g.writeNumberField("dropped_intervals", c.droppedIntervals());
      g.writeArrayFieldStart("notes");
      for (String n : c.notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("buckets");
    for (BucketEnergy b : r.buckets()) {
      g.writeStartObject();
      g.writeStringField("start", b.start().toString());
      g.writeStringField("end", b.end().toString());
      g.writeFieldName("energy_uj");
      g.writeNumber(b.energy().toBigMicrojoules());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void nullableString(JsonGenerator g, String field, @Nullable String value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses one record from JSON text.
   *
   * @param json the text of one JSON object
   * @return the record
   * @throws IllegalArgumentException if the text is not a valid record, with the reason
   */
  public EnergyRecord fromJson(String json) {
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      Object tree = readValue(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("text after the record's closing brace");
      }
      return toRecord(asObject(tree, "record"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable JSON: " + e, e);
    }
  }

  /** Reads the current value into maps, lists, strings, BigIntegers, Doubles, Booleans or null. */
  private static @Nullable Object readValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IllegalArgumentException("unexpected end of input");
    }
    return switch (t) {
      case START_OBJECT -> {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, readValue(p));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<@Nullable Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(readValue(p));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getBigIntegerValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("unexpected JSON token " + t);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> asObject(@Nullable Object o, String what) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return (Map<String, @Nullable Object>) o;
  }

  private static List<?> list(Map<String, @Nullable Object> m, String field) {
    if (m.get(field) instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException("field '" + field + "' must be an array");
  }

  private static String string(Map<String, @Nullable Object> m, String field) {
    if (m.get(field) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("field '" + field + "' must be a string");
  }

  private static @Nullable String nullableString(Map<String, @Nullable Object> m, String field) {
    if (!m.containsKey(field)) {
      throw new IllegalArgumentException("field '" + field + "' is missing (use null)");
    }
    Object o = m.get(field);
    if (o == null) {
      return null;
    }
    if (o instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("field '" + field + "' must be a string or null");
  }

  private static BigInteger integer(Map<String, @Nullable Object> m, String field) {
    if (m.get(field) instanceof BigInteger i) {
      return i;
    }
    throw new IllegalArgumentException("field '" + field + "' must be an integer");
  }

  private static double number(Map<String, @Nullable Object> m, String field) {
    Object o = m.get(field);
    if (o instanceof BigInteger bi) {
      return bi.doubleValue();
    }
    if (o instanceof Double d) {
      return d;
    }
    throw new IllegalArgumentException("field '" + field + "' must be a number");
  }

  private static Instant instant(Map<String, @Nullable Object> m, String field) {
    String s = string(m, field);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 instant: " + s, e);
    }
  }

  private static Energy energy(Map<String, @Nullable Object> m, String field) {
    BigInteger v = integer(m, field);
    if (v.signum() < 0) {
      throw new IllegalArgumentException("field '" + field + "' is negative: " + v);
    }
    return Energy.ofMicrojoules(v);
  }

  private static <E extends Enum<E>> E enumValue(Map<String, @Nullable Object> m, String field, Class<E> type) {
    String s = string(m, field);
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "' has unknown value '" + s + "'", e);
    }
  }

  private static List<String> strings(Map<String, @Nullable Object> m, String field) {
    List<String> out = new ArrayList<>();
    for (Object o : list(m, field)) {
      if (o instanceof String s) {
        out.add(s);
      } else {
        throw new IllegalArgumentException("field '" + field + "' must hold strings");
      }
    }
    return out;
  }

  private static EnergyRecord toRecord(Map<String, @Nullable Object> m) {
    BigInteger schema = integer(m, "schema");
    if (schema.intValue() != SCHEMA || schema.bitLength() > 31) {
      throw new IllegalArgumentException("unsupported schema " + schema + "; this version reads schema " + SCHEMA);
    }
    Map<String, @Nullable Object> tagObj = asObject(m.get("tags"), "field 'tags'");
    Map<String, String> tags = new LinkedHashMap<>();
    tagObj.forEach((k, v) -> {
      if (v instanceof String s) {
        tags.put(k, s);
      } else {
        throw new IllegalArgumentException("tag '" + k + "' must be a string");
      }
    });
    List<ChannelEnergy> channels = new ArrayList<>();
    for (Object o : list(m, "channels")) {
      Map<String, @Nullable Object> c = asObject(o, "channel");
      BigInteger dropped = integer(c, "dropped_intervals");
      channels.add(new ChannelEnergy(string(c, "id"), string(c, "meter"), enumValue(c, "kind", ChannelKind.class),
          string(c, "device"), enumValue(c, "method", Method.class), number(c, "uncertainty"),
          energy(c, "energy_uj"), energy(c, "measured_uj"), dropped.intValueExact(), strings(c, "notes"),
          c.containsKey("children_uj") ? energy(c, "children_uj") : Energy.ZERO));
    }
    List<BucketEnergy> buckets = new ArrayList<>();
    for (Object o : list(m, "buckets")) {
      Map<String, @Nullable Object> b = asObject(o, "bucket");
      buckets.add(new BucketEnergy(instant(b, "start"), instant(b, "end"), energy(b, "energy_uj")));
    }
    EnergyRecord r = new EnergyRecord(string(m, "id"), nullableString(m, "parent_id"), string(m, "name"),
        Tags.of(tags), string(m, "host"), nullableString(m, "region"), instant(m, "start"), instant(m, "end"),
        integer(m, "units").longValueExact(), enumValue(m, "attribution", Attribution.class), channels, buckets,
        enumValue(m, "status", RecordStatus.class), strings(m, "problems"),
        m.containsKey("failure") ? string(m, "failure") : null);
    BigInteger total = integer(m, "total_uj");
    if (!total.equals(r.total().toBigMicrojoules())) {
      throw new IllegalArgumentException(
          "total_uj " + total + " does not equal the sum of the channels " + r.total().toBigMicrojoules());
    }
    return r;
  }
}
