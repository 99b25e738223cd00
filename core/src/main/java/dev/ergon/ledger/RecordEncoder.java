package dev.ergon.ledger;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/*
 * Design: encodes a schema 2 ledger line (RecordJson's class comment) as UTF-8 bytes straight into a reused
 * buffer, with no generator, no String and no BigInteger; the only allocation per record is the line's own bytes.
 * The output is byte for byte what Jackson's UTF-8 generator writes for the same record (RecordJson's reference
 * path; RecordEncoderTest checks it over random records and nasty strings): no spaces; in strings, '"', '\\' and
 * the control characters below 0x20 are escaped (\b \t \n \f \r, else \\u00XX in upper-case hex), every UTF-16
 * surrogate (paired or lone) is written as a \\uXXXX escape, other characters as UTF-8; energies as whole
 * microjoules (a long's digits, or whole joules followed by six digits of microjoules where a long would
 * overflow); instants as Instant.toString() writes them (ISO-8601, seconds always, fraction in 3, 6 or 9 digits).
 *
 * Not thread-safe: one encoder per thread (RecordJson keeps them in a ThreadLocal).
 */
final class RecordEncoder implements BiConsumer<String, String> {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** Per ASCII character: 0 to copy, a letter for a short escape, 'u' for a \\u00XX escape. */
  private static final byte[] ESCAPES = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  private static final Map<Attribution, String> ATTRIBUTIONS = lowerNames(Attribution.class);
  private static final Map<RecordStatus, String> STATUSES = lowerNames(RecordStatus.class);

  /** Epoch seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z: the four-digit years. */
  private static final long FIRST_SECOND = -62_167_219_200L;
  private static final long END_SECOND = 253_402_300_800L;

  /** The largest whole joules whose microjoules fit a long with any six-digit remainder. */
  private static final long LONG_JOULES = (Long.MAX_VALUE - 999_999) / 1_000_000;

  private byte[] buf = new byte[1024];
  private int len;
  private int tagCount; // tags written so far in the current record

  private @Nullable List<RecordJson.Description> lastDescriptions;
  private String lastDigest = "";
  private byte[] lastDescriptionLine = new byte[0];

  RecordEncoder() {}

  /**
   * Encodes a record as its ledger line, newline included, and names its channel description entry.
   *
   * @param r the record
   * @param json the codec whose cache of description entries to use when the descriptions change
   */
  RecordJson.EncodedRecord encode(EnergyRecord r, RecordJson json) {
    describe(r.channels(), json);
    len = 0;
    ascii("{\"schema\":");
    number(RecordJson.LEDGER_SCHEMA);
    ascii(",\"id\":");
    string(r.id());
    ascii(",\"parent_id\":");
    nullableString(r.parentId());
    ascii(",\"name\":");
    string(r.name());
    ascii(",\"tags\":{");
    tagCount = 0;
    r.tags().asMap().forEach(this); // no iterator, no capturing lambda
    ascii("},\"host\":");
    string(r.host());
    ascii(",\"region\":");
    nullableString(r.region());
    ascii(",\"start\":");
    instant(r.start());
    ascii(",\"end\":");
    instant(r.end());
    ascii(",\"units\":");
    number(r.units());
    ascii(",\"attribution\":");
    string(name(ATTRIBUTIONS, r.attribution()));
    ascii(",\"status\":");
    string(name(STATUSES, r.status()));
    String failure = r.failure();
    if (failure != null) {
      ascii(",\"failure\":");
      string(failure);
    }
    Duration self = r.selfCpu();
    if (self != null) {
      ascii(",\"self_cpu_ns\":");
      number(self.toNanos());
    }
    ascii(",\"problems\":[");
    List<String> problems = r.problems();
    for (int i = 0; i < problems.size(); i++) {
      if (i > 0) {
        put((byte) ',');
      }
      string(problems.get(i));
    }
    ascii("],\"total_uj\":");
    total(r.channels());
    ascii(",\"channels_ref\":");
    string(lastDigest);
    ascii(",\"channels\":[");
    List<ChannelEnergy> channels = r.channels();
    for (int i = 0; i < channels.size(); i++) {
      ChannelEnergy c = channels.get(i);
      ascii(i > 0 ? ",[" : "[");
      energy(c.energy());
      put((byte) ',');
      energy(c.measured());
      put((byte) ',');
      energy(c.children());
      put((byte) ',');
      number(c.droppedIntervals());
      put((byte) ']');
    }
    ascii("],\"buckets\":[");
    List<BucketEnergy> buckets = r.buckets();
    for (int i = 0; i < buckets.size(); i++) {
      BucketEnergy b = buckets.get(i);
      ascii(i > 0 ? ",[" : "[");
      instant(b.start());
      put((byte) ',');
      instant(b.end());
      put((byte) ',');
      energy(b.energy());
      put((byte) ']');
    }
    ascii("]}\n");
    if (buf.length > (1 << 20)) { // one huge record should not pin a megabyte per thread for ever
      byte[] line = Arrays.copyOf(buf, len);
      buf = new byte[1024];
      return new RecordJson.EncodedRecord(r.id(), line, lastDigest, lastDescriptionLine);
    }
    return new RecordJson.EncodedRecord(r.id(), Arrays.copyOf(buf, len), lastDigest, lastDescriptionLine);
  }

  /** Writes one tag of the current record; {@link #encode} passes itself to the tags' {@code forEach}. */
  @Override
  public void accept(String key, String value) {
    if (tagCount++ > 0) {
      put((byte) ',');
    }
    string(key);
    put((byte) ':');
    string(value);
  }

  /** Makes the record's channel descriptions the current ones, computing their entry only when they change. */
  private void describe(List<ChannelEnergy> channels, RecordJson json) {
    List<RecordJson.Description> last = lastDescriptions;
    if (last != null && sameDescriptions(channels, last)) {
      return;
    }
    List<RecordJson.Description> ds = new ArrayList<>(channels.size());
    for (ChannelEnergy c : channels) {
      ds.add(new RecordJson.Description(c.channel(), c.meter(), c.kind(), c.device(), c.method(),
          c.relativeUncertainty(), c.notes()));
    }
    byte[][] entry = json.descriptionEntry(ds);
    lastDigest = new String(entry[0], StandardCharsets.US_ASCII);
    lastDescriptionLine = entry[1];
    lastDescriptions = List.copyOf(ds);
  }

  private static boolean sameDescriptions(List<ChannelEnergy> channels, List<RecordJson.Description> ds) {
    if (channels.size() != ds.size()) {
      return false;
    }
    for (int i = 0; i < ds.size(); i++) {
      ChannelEnergy c = channels.get(i);
      RecordJson.Description d = ds.get(i);
      if (c.kind() != d.kind() || c.method() != d.method()
          || Double.compare(c.relativeUncertainty(), d.uncertainty()) != 0 || !c.channel().equals(d.channel())
          || !c.meter().equals(d.meter()) || !c.device().equals(d.device()) || !c.notes().equals(d.notes())) {
        return false;
      }
    }
    return true;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  /** Copies text known to be ASCII needing no escapes (field names, punctuation). */
  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void nullableString(@Nullable String s) {
    if (s == null) {
      ascii("null");
    } else {
      string(s);
    }
  }

  /** Writes a JSON string, quoted and escaped as Jackson's UTF-8 generator does. */
  private void string(String s) {
    int n = s.length();
    ensure(n * 6 + 2);
    byte[] b = buf;
    int p = len;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte e = ESCAPES[c];
        if (e == 0) {
          b[p++] = (byte) c;
        } else if (e == 'u') {
          b[p++] = '\\';
          b[p++] = 'u';
          b[p++] = '0';
          b[p++] = '0';
          b[p++] = HEX[c >> 4];
          b[p++] = HEX[c & 0xF];
        } else {
          b[p++] = '\\';
          b[p++] = e;
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[c >> 12];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[p++] = '"';
    len = p;
  }

  /** Writes a long's decimal digits. */
  private void number(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int end = len + digits;
    for (int p = end - 1; p >= len; p--) {
      buf[p] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    len = end;
  }

  /** Writes {@code v} as exactly {@code digits} decimal digits, with leading zeros. */
  private void padded(long v, int digits) {
    ensure(digits);
    for (int p = len + digits - 1; p >= len; p--) {
      buf[p] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    len += digits;
  }

  /** Writes the sum of the channels' energies (the record's total) without making Energy objects. */
  private void total(List<ChannelEnergy> channels) {
    long joules = 0;
    long micros = 0;
    for (int i = 0; i < channels.size(); i++) {
      Energy e = channels.get(i).energy();
      joules = Math.addExact(joules, e.joules());
      micros += e.micros();
    }
    joules = Math.addExact(joules, micros / 1_000_000);
    micros %= 1_000_000;
    if (joules <= LONG_JOULES) {
      number(joules * 1_000_000 + micros);
    } else {
      number(joules);
      padded(micros, 6);
    }
  }

  /** Writes an energy's whole microjoules, exactly. */
  private void energy(Energy e) {
    long joules = e.joules();
    if (joules >= 0 && joules <= LONG_JOULES) {
      number(joules * 1_000_000 + e.micros());
    } else if (joules > 0 && e.micros() >= 0 && e.micros() <= 999_999) {
      number(joules);
      padded(e.micros(), 6);
    } else {
      ascii(e.toBigMicrojoules().toString());
    }
  }

  /** Writes an instant as a JSON string, as {@link Instant#toString()} does. */
  private void instant(Instant t) {
    long s = t.getEpochSecond();
    if (s < FIRST_SECOND || s >= END_SECOND) {
      string(t.toString());
      return;
    }
    long days = Math.floorDiv(s, 86_400L);
    int secondOfDay = (int) Math.floorMod(s, 86_400L);
    // civil from days (H. Hinnant), proleptic Gregorian as java.time
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    long year = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    if (month <= 2) {
      year++;
    }
    put((byte) '"');
    padded(year, 4);
    put((byte) '-');
    padded(month, 2);
    put((byte) '-');
    padded(day, 2);
    put((byte) 'T');
    padded(secondOfDay / 3600, 2);
    put((byte) ':');
    padded(secondOfDay / 60 % 60, 2);
    put((byte) ':');
    padded(secondOfDay % 60, 2);
    int nano = t.getNano();
    if (nano > 0) {
      put((byte) '.');
      if (nano % 1_000_000 == 0) {
        padded(nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        padded(nano / 1_000, 6);
      } else {
        padded(nano, 9);
      }
    }
    put((byte) 'Z');
    put((byte) '"');
  }

  private static <E extends Enum<E>> Map<E, String> lowerNames(Class<E> type) {
    Map<E, String> out = new EnumMap<>(type);
    for (E v : type.getEnumConstants()) {
      out.put(v, v.name().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static <E extends Enum<E>> String name(Map<E, String> names, E value) {
    String s = names.get(value);
    return s != null ? s : value.name().toLowerCase(Locale.ROOT);
  }
}
