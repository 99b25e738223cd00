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
 * Writes and reads an {@link EnergyRecord} as one JSON object: the self-contained form (schema 1) and the ledger's
 * compact lines (schema 2).
 *
 * <p>Schema 1, field by field (energies are whole microjoules as JSON integers, exact at any size; times are
 * ISO-8601 UTC instants), is what {@link #toJson} writes and what 0.1 ledgers hold:
 * <pre>
 * schema            1
 * id, parent_id     UUID text; parent_id null for a top-level job
 * name, tags        the job's name; tags as an object of strings, keys sorted
 * host, region      machine name; grid region or null
 * start, end        instants, 1970 to 3000, at most 3,660 days apart
 * units             functional units of the job and all its descendants (integer)
 * attribution       machine | process | threads
 * status            complete | partial | failed | no_meter | open (a checkpoint of a running job)
 * failure           only when status is failed: the exception's class name
 * self_cpu_ns       only when measured: CPU time Ergon itself spent while the job was open, in its own process
 *                   (integer, ns; inside the energy under machine attribution, left out under process)
 * problems          [text]
 * total_uj          sum of channels' energy_uj (checked on read)
 * channels          [{id, meter, kind, device, method, uncertainty, energy_uj, measured_uj, children_uj (only when
 *                   not 0: the part of energy_uj charged to child jobs), dropped_intervals, notes}]
 * buckets           [{start, end, energy_uj}], each overlapping the record, at most 366 days long
 * </pre>
 *
 * <p>Schema 2 (the ledger's lines) moves what a monitor's records share out of each record. A channel description
 * entry {@code {"schema":2,"type":"channels","digest":D,"channels":[{id, meter, kind, device, method,
 * uncertainty, notes}]}} is written once per ledger part and writer before the first record that uses it; {@code D}
 * is the first 64 bits (hex) of the SHA-256 of its {@code channels} array as written, checked on read. A record
 * has the schema 1 fields but {@code "schema":2}, {@code "channels_ref":D}, {@code channels} as
 * {@code [[energy_uj, measured_uj, children_uj, dropped_intervals], ...]} in the description's order, and
 * {@code buckets} as {@code [[start, end, energy_uj], ...]}. Readers resolve the reference, so the Java API
 * returns full provenance per record.
 *
 * <p>Reading is strict: unknown enum values, missing fields, wrong types, numbers out of range, non-UUID ids,
 * nonsense spans and inconsistent totals are errors naming the field. Unknown extra fields are ignored, so later
 * minor versions stay readable.
 *
 * <p>Thread-safe (the factory is immutable after construction; the cache of descriptions is concurrent; each
 * thread encodes ledger lines with its own {@link RecordEncoder}).
 *
 * @since 0.1
 */
public final class RecordJson {

  /** The schema of a self-contained record ({@link #toJson}): every channel's description inline. */
  public static final int SCHEMA = 1;

  /**
   * The schema of the ledger's lines: records refer to a channel description entry by its digest.
   *
   * @since 0.2
   */
  public static final int LEDGER_SCHEMA = 2;

  /** Encoded description entries by content, so that a monitor's records share one digest computation. */
  private final java.util.concurrent.ConcurrentHashMap<List<Description>, byte[][]> encodedDescriptions =
      new java.util.concurrent.ConcurrentHashMap<>();

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
   * One encoder per thread: a reused buffer, and the last channel descriptions it saw. Static, so that a thread
   * holds one encoder (about 1 KiB) however many codecs and ledgers it uses, and none keeps a codec alive.
   */
  private static final ThreadLocal<RecordEncoder> ENCODERS = ThreadLocal.withInitial(RecordEncoder::new);

  /**
   * Encodes a record as the ledger writes it: one line with its newline, and the channel description entry it
   * refers to (schema 2), if any. Hand-written into a reused per-thread buffer; byte for byte what
   * {@link #encodeWithJackson} writes.
   *
   * @param record the record
   * @return the encoded line
   */
  EncodedRecord encode(EnergyRecord record) {
    return ENCODERS.get().encode(record, this);
  }

  /**
   * Returns a record as the ledger writes it: one schema 2 line, newline included, that refers to its channel
   * description entry by digest (the entry is written once per ledger part before the first line that uses it).
   * About a microsecond; the only allocation is the returned array.
   *
   * <p>Thread-safe.
   *
   * @param record the record
   * @return a new array holding the line's UTF-8 bytes
   * @since 0.2
   */
  public byte[] toLedgerLine(EnergyRecord record) {
    return encode(record).line();
  }

  /**
   * Encodes a record through Jackson's generator: the reference that {@link RecordEncoder} must match byte for
   * byte, kept for the tests that check it.
   *
   * @param record the record
   * @return the encoded line
   */
  EncodedRecord encodeWithJackson(EnergyRecord record) {
    List<Description> descriptions = new ArrayList<>(record.channels().size());
    for (ChannelEnergy c : record.channels()) {
      descriptions.add(new Description(c.channel(), c.meter(), c.kind(), c.device(), c.method(),
          c.relativeUncertainty(), c.notes()));
    }
    byte[][] desc = descriptionEntry(descriptions);
    String digest = new String(desc[0], java.nio.charset.StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
    try (JsonGenerator g = factory.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      writeCompact(record, digest, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return new EncodedRecord(record.id(), out.toByteArray(), digest, desc[1]);
  }

  /** Returns {digest, description entry line with newline} of channel descriptions, cached by content. */
  byte[][] descriptionEntry(List<Description> descriptions) {
    byte[][] desc = encodedDescriptions.get(descriptions);
    if (desc == null) {
      if (encodedDescriptions.size() > 1024) {
        encodedDescriptions.clear(); // a monitor has a handful; this bounds a pathological caller
      }
      desc = describe(descriptions);
      encodedDescriptions.put(List.copyOf(descriptions), desc);
    }
    return desc;
  }

  /** Returns {digest, description entry line with newline}. */
  private byte[][] describe(List<Description> descriptions) {
    byte[] body = descriptionArray(descriptions);
    String digest = digest(body);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length + 80);
    byte[] head = ("{\"schema\":" + LEDGER_SCHEMA + ",\"type\":\"channels\",\"digest\":\"" + digest
        + "\",\"channels\":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.write(head, 0, head.length);
    out.write(body, 0, body.length);
    out.write('}');
    out.write('\n');
    return new byte[][] {digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII), out.toByteArray()};
  }

  /** The canonical JSON array of channel descriptions; its digest names it. */
  private byte[] descriptionArray(List<Description> descriptions) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    try (JsonGenerator g = factory.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      g.writeStartArray();
      for (Description d : descriptions) {
        g.writeStartObject();
        g.writeStringField("id", d.channel());
        g.writeStringField("meter", d.meter());
        g.writeStringField("kind", lower(d.kind()));
        g.writeStringField("device", d.device());
        g.writeStringField("method", lower(d.method()));
        g.writeNumberField("uncertainty", d.uncertainty());
        g.writeArrayFieldStart("notes");
        for (String n : d.notes()) {
          g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The first 64 bits of the SHA-256 of the bytes, in hex. */
  private static String digest(byte[] bytes) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder sb = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        sb.append(Character.forDigit((h[i] >> 4) & 0xF, 16)).append(Character.forDigit(h[i] & 0xF, 16));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Opens a record's object and writes the fields both schemas share, up to and including {@code total_uj}. */
  private static void writeHeader(EnergyRecord r, int schema, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("schema", schema);
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
    java.time.Duration self = r.selfCpu();
    if (self != null) {
      g.writeNumberField("self_cpu_ns", self.toNanos());
    }
    g.writeArrayFieldStart("problems");
    for (String p : r.problems()) {
      g.writeString(p);
    }
    g.writeEndArray();
    g.writeFieldName("total_uj");
    g.writeNumber(r.total().toBigMicrojoules());
  }

  /** Writes a record as a schema 2 ledger line: channel energies only, descriptions by reference. */
  private static void writeCompact(EnergyRecord r, String digest, JsonGenerator g) throws IOException {
    writeHeader(r, LEDGER_SCHEMA, g);
    g.writeStringField("channels_ref", digest);
    g.writeArrayFieldStart("channels"); // [energy_uj, measured_uj, children_uj, dropped_intervals] per channel
    for (ChannelEnergy c : r.channels()) {
      g.writeStartArray();
      g.writeNumber(c.energy().toBigMicrojoules());
      g.writeNumber(c.measured().toBigMicrojoules());
      g.writeNumber(c.children().toBigMicrojoules());
      g.writeNumber(c.droppedIntervals());
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("buckets"); // [start, end, energy_uj] per bucket
    for (BucketEnergy b : r.buckets()) {
      g.writeStartArray();
      g.writeString(b.start().toString());
      g.writeString(b.end().toString());
      g.writeNumber(b.energy().toBigMicrojoules());
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A record encoded for the ledger: its line, and the description entry it refers to, if any. */
  static final class EncodedRecord {
    private final String id;
    private final byte[] line;
    private final @Nullable String descriptionDigest;
    private final byte[] descriptionLine;

    EncodedRecord(String id, byte[] line, @Nullable String descriptionDigest, byte[] descriptionLine) {
      this.id = id;
      this.line = line;
      this.descriptionDigest = descriptionDigest;
      this.descriptionLine = descriptionLine;
    }

    /** The record's id. */
    String id() {
      return id;
    }

    /** The record's line, newline included (not copied: do not modify). */
    byte[] line() {
      return line;
    }

    /** The digest of the channel descriptions the line refers to, or null. */
    @Nullable String descriptionDigest() {
      return descriptionDigest;
    }

    /** The description entry's line, newline included, written once per ledger part; empty if none. */
    byte[] descriptionLine() {
      return descriptionLine;
    }
  }

  /**
   * The description of one channel: everything about it but its energy, shared by many records.
   *
   * @param channel the channel id
   * @param meter the meter
   * @param kind what it measures
   * @param device the device
   * @param method how its energy is known
   * @param uncertainty relative standard uncertainty (fraction)
   * @param notes facts from the meter and the monitor
   */
  record Description(String channel, String meter, ChannelKind kind, String device, Method method,
      double uncertainty, List<String> notes) {

    // A map key (the encoded descriptions' cache): written out because a record's generated equals and hashCode
    // spin ~60 method-handle classes on first use, tens of ms of CPU in `ergon measure`'s start-up. Same meaning.
    @Override
    public boolean equals(Object o) {
      return o instanceof Description d && channel.equals(d.channel) && meter.equals(d.meter) && kind == d.kind
          && device.equals(d.device) && method == d.method && Double.compare(uncertainty, d.uncertainty) == 0
          && notes.equals(d.notes);
    }

    @Override
    public int hashCode() {
      int h = channel.hashCode();
      h = 31 * h + meter.hashCode();
      h = 31 * h + kind.hashCode();
      h = 31 * h + device.hashCode();
      h = 31 * h + method.hashCode();
      h = 31 * h + Double.hashCode(uncertainty);
      return 31 * h + notes.hashCode();
    }
  }

  /**
   * Parses one ledger line: a record, or a channel description entry (schema 2), which is put in the map.
   *
   * @param buf the line's bytes, without the newline
   * @param len how many bytes of {@code buf}
   * @param descriptions the description entries read so far in this file, by digest
   * @return the record, or null for a description entry
   * @throws IllegalArgumentException if the line is not a valid record or entry, naming the field
   */
  @Nullable EnergyRecord parseLine(byte[] buf, int len, Map<String, List<Description>> descriptions) {
    try (JsonParser p = factory.createParser(buf, 0, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      Object tree = readValue(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("text after the record's closing brace");
      }
      Map<String, @Nullable Object> m = asObject(tree, "record");
      if ("channels".equals(m.get("type"))) {
        readDescriptions(m, descriptions);
        return null;
      }
      return toRecord(m, descriptions);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable JSON: " + e, e);
    }
  }

  private void readDescriptions(Map<String, @Nullable Object> m, Map<String, List<Description>> into) {
    BigInteger schema = integer(m, "schema");
    if (schema.bitLength() > 31 || schema.intValue() != LEDGER_SCHEMA) {
      throw new IllegalArgumentException("field 'schema': a channel description entry has schema " + schema
          + "; this version reads " + LEDGER_SCHEMA);
    }
    String digest = string(m, "digest");
    List<Description> out = new ArrayList<>();
    List<?> list = list(m, "channels");
    for (int i = 0; i < list.size(); i++) {
      try {
        Map<String, @Nullable Object> c = asObject(list.get(i), "channel");
        out.add(new Description(string(c, "id"), string(c, "meter"), enumValue(c, "kind", ChannelKind.class),
            string(c, "device"), enumValue(c, "method", Method.class), number(c, "uncertainty"),
            strings(c, "notes")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("channels[" + i + "]: " + e.getMessage(), e);
      }
    }
    String actual = digest(descriptionArray(out));
    if (!actual.equals(digest)) {
      throw new IllegalArgumentException("field 'digest' " + digest + " does not match the descriptions ("
          + actual + ")");
    }
    into.put(digest, List.copyOf(out));
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
    writeHeader(r, SCHEMA, g);
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
      return toRecord(asObject(tree, "record"), Map.of());
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
    try {
      return Energy.ofMicrojoules(v);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("field '" + field + "' is out of range: " + v + " µJ (at most "
          + Long.MAX_VALUE + " J)", e);
    }
  }

  private static long longField(Map<String, @Nullable Object> m, String field, long min, long max) {
    BigInteger v = integer(m, field);
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException("field '" + field + "' is out of range: " + v + " (expected " + min
          + " to " + max + ")");
    }
    return v.longValue();
  }

  /** The earliest instant a record may carry: 1970-01-01T00:00:00Z. */
  static final Instant EARLIEST = Instant.EPOCH;

  /** The latest instant a record may carry: 3000-01-01T00:00:00Z. */
  static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

  /** The longest job a record may cover: 3,660 days (ten years). */
  static final java.time.Duration LONGEST_JOB = java.time.Duration.ofDays(3660);

  /** The longest bucket: 366 days. */
  static final java.time.Duration LONGEST_BUCKET = java.time.Duration.ofDays(366);

  private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static @Nullable String uuid(Map<String, @Nullable Object> m, String field, boolean nullable) {
    String s = nullable ? nullableString(m, field) : string(m, field);
    if (s != null && !UUID.matcher(s).matches()) {
      throw new IllegalArgumentException("field '" + field + "' is not a UUID: '" + abbreviate(s) + "'");
    }
    return s;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  private static Instant boundedInstant(Map<String, @Nullable Object> m, String field) {
    Instant t = instant(m, field);
    if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
      throw new IllegalArgumentException("field '" + field + "' is out of range: " + t + " (expected "
          + EARLIEST + " to " + LATEST + ")");
    }
    return t;
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

  private static EnergyRecord toRecord(Map<String, @Nullable Object> m, Map<String, List<Description>> described) {
    BigInteger schema = integer(m, "schema");
    if (schema.bitLength() > 31 || (schema.intValue() != SCHEMA && schema.intValue() != LEDGER_SCHEMA)) {
      throw new IllegalArgumentException("field 'schema': unsupported schema " + schema + "; this version reads "
          + "schemas " + SCHEMA + " and " + LEDGER_SCHEMA);
    }
    boolean compact = schema.intValue() == LEDGER_SCHEMA;
    String id = uuid(m, "id", false);
    if (id == null) {
      throw new IllegalArgumentException("field 'id' is missing");
    }
    String parentId = uuid(m, "parent_id", true);
    Map<String, @Nullable Object> tagObj = asObject(m.get("tags"), "field 'tags'");
    Map<String, String> tags = new LinkedHashMap<>();
    tagObj.forEach((k, v) -> {
      if (v instanceof String s) {
        tags.put(k, s);
      } else {
        throw new IllegalArgumentException("field 'tags': tag '" + k + "' must be a string");
      }
    });
    Tags tagSet;
    try {
      tagSet = Tags.of(tags);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field 'tags': " + e.getMessage(), e);
    }
    Instant start = boundedInstant(m, "start");
    Instant end = boundedInstant(m, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("field 'end' " + end + " is before field 'start' " + start);
    }
    if (java.time.Duration.between(start, end).compareTo(LONGEST_JOB) > 0) {
      throw new IllegalArgumentException("fields 'start'/'end' span " + java.time.Duration.between(start, end)
          .toDays() + " days, more than the " + LONGEST_JOB.toDays() + " a record may cover");
    }
    List<ChannelEnergy> channels = compact ? compactChannels(m, described) : new ArrayList<>();
    List<?> channelList = compact ? List.of() : list(m, "channels");
    for (int i = 0; i < channelList.size(); i++) {
      try {
        Map<String, @Nullable Object> c = asObject(channelList.get(i), "channel");
        long dropped = longField(c, "dropped_intervals", 0, Integer.MAX_VALUE);
        channels.add(new ChannelEnergy(string(c, "id"), string(c, "meter"), enumValue(c, "kind",
            ChannelKind.class), string(c, "device"), enumValue(c, "method", Method.class), number(c,
            "uncertainty"), energy(c, "energy_uj"), energy(c, "measured_uj"), (int) dropped, strings(c, "notes"),
            c.containsKey("children_uj") ? energy(c, "children_uj") : Energy.ZERO));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("channels[" + i + "]: " + e.getMessage(), e);
      }
    }
    List<BucketEnergy> buckets = new ArrayList<>();
    List<?> bucketList = list(m, "buckets");
    for (int i = 0; i < bucketList.size(); i++) {
      try {
        Map<String, @Nullable Object> b = compact ? bucketObject(bucketList.get(i)) : asObject(bucketList.get(i),
            "bucket");
        Instant bs = boundedInstant(b, "start");
        Instant be = boundedInstant(b, "end");
        if (!be.isAfter(bs) || java.time.Duration.between(bs, be).compareTo(LONGEST_BUCKET) > 0) {
          throw new IllegalArgumentException("fields 'start'/'end' " + bs + " to " + be + " are not a bucket of "
              + "positive length up to " + LONGEST_BUCKET.toDays() + " days");
        }
        if (bs.isAfter(end) || be.isBefore(start)) {
          throw new IllegalArgumentException("the bucket " + bs + " to " + be + " lies outside its record ("
              + start + " to " + end + ")");
        }
        buckets.add(new BucketEnergy(bs, be, energy(b, "energy_uj")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("buckets[" + i + "]: " + e.getMessage(), e);
      }
    }
    RecordStatus status = enumValue(m, "status", RecordStatus.class);
    String failure = m.containsKey("failure") ? string(m, "failure") : null;
    EnergyRecord r = new EnergyRecord(id, parentId, string(m, "name"), tagSet, string(m, "host"),
        nullableString(m, "region"), start, end, longField(m, "units", 0, Long.MAX_VALUE),
        enumValue(m, "attribution", Attribution.class), channels, buckets, status, strings(m, "problems"),
        failure, m.containsKey("self_cpu_ns")
            ? java.time.Duration.ofNanos(longField(m, "self_cpu_ns", 0, Long.MAX_VALUE)) : null);
    BigInteger total = integer(m, "total_uj");
    if (!total.equals(r.total().toBigMicrojoules())) {
      throw new IllegalArgumentException(
          "field 'total_uj' " + total + " does not equal the sum of the channels " + r.total().toBigMicrojoules());
    }
    return r;
  }

  private static List<ChannelEnergy> compactChannels(Map<String, @Nullable Object> m,
      Map<String, List<Description>> described) {
    String ref = string(m, "channels_ref");
    List<Description> ds = described.get(ref);
    if (ds == null) {
      throw new IllegalArgumentException("field 'channels_ref': no channel description " + ref + " earlier in this "
          + "file");
    }
    List<?> list = list(m, "channels");
    if (list.size() != ds.size()) {
      throw new IllegalArgumentException("field 'channels' has " + list.size() + " entries but description " + ref
          + " has " + ds.size());
    }
    List<ChannelEnergy> out = new ArrayList<>(ds.size());
    for (int i = 0; i < ds.size(); i++) {
      try {
        if (!(list.get(i) instanceof List<?> v) || v.size() != 4) {
          throw new IllegalArgumentException("must be [energy_uj, measured_uj, children_uj, dropped_intervals]");
        }
        Map<String, @Nullable Object> c = new LinkedHashMap<>();
        c.put("energy_uj", v.get(0));
        c.put("measured_uj", v.get(1));
        c.put("children_uj", v.get(2));
        c.put("dropped_intervals", v.get(3));
        Description d = ds.get(i);
        out.add(new ChannelEnergy(d.channel(), d.meter(), d.kind(), d.device(), d.method(), d.uncertainty(),
            energy(c, "energy_uj"), energy(c, "measured_uj"), (int) longField(c, "dropped_intervals", 0,
            Integer.MAX_VALUE), d.notes(), energy(c, "children_uj")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("channels[" + i + "]: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static Map<String, @Nullable Object> bucketObject(@Nullable Object o) {
    if (!(o instanceof List<?> v) || v.size() != 3) {
      throw new IllegalArgumentException("must be [start, end, energy_uj]");
    }
    Map<String, @Nullable Object> b = new LinkedHashMap<>();
    b.put("start", v.get(0));
    b.put("end", v.get(1));
    b.put("energy_uj", v.get(2));
    return b;
  }

  /**
   * Returns the channel description entry (schema 2, one JSON object, no newline) that a record's ledger line
   * ({@link #toLedgerLine}) refers to by its {@code channels_ref}, for stores that keep descriptions apart from
   * records (the JDBC ledger's channel table).
   *
   * <p>Thread-safe.
   *
   * @param record the record
   * @return the entry's text; a record without channels refers to the entry of the empty list (this version
   *     never returns null; a caller should still allow it)
   * @since 0.2
   */
  public @Nullable String channelEntry(EnergyRecord record) {
    EncodedRecord e = encode(record);
    if (e.descriptionDigest() == null) {
      return null;
    }
    byte[] b = e.descriptionLine();
    int n = b.length > 0 && b[b.length - 1] == '\n' ? b.length - 1 : b.length;
    return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Returns the digest a record's ledger line refers to ({@code channels_ref}): the key of its channel
   * description entry ({@link #channelEntry}).
   *
   * @param record the record
   * @return 16 hex digits; a record without channels refers to the entry of the empty list (this version never
   *     returns null; a caller should still allow it)
   * @since 0.2
   */
  public @Nullable String channelsRef(EnergyRecord record) {
    return encode(record).descriptionDigest();
  }

  /**
   * Returns a decoder of ledger lines that remembers the channel description entries it has read, so that
   * schema 2 records read after them resolve their {@code channels_ref}; what {@link LedgerReader} does for one
   * file, for lines held elsewhere (a database).
   *
   * @return a new decoder, owned by the caller; not thread-safe
   * @since 0.2
   */
  public LineDecoder lineDecoder() {
    return new LineDecoder(this);
  }

  /**
   * Reads ledger lines (records of schema 1 or 2, and channel description entries) one at a time.
   *
   * <p>Not thread-safe: one per reading thread.
   *
   * @since 0.2
   */
  public static final class LineDecoder {
    private final RecordJson json;
    private final Map<String, List<Description>> descriptions = new java.util.HashMap<>();

    private LineDecoder(RecordJson json) {
      this.json = json;
    }

    /**
     * Reads one line: a channel description entry is remembered (and null returned), a record is returned.
     *
     * @param line the line's text, without its newline
     * @return the record, or null for a description entry
     * @throws IllegalArgumentException if the line is not a valid record or entry (or refers to an entry not yet
     *     read), naming the field
     */
    public @Nullable EnergyRecord read(String line) {
      byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return json.parseLine(b, b.length, descriptions);
    }
  }
}
