package dev.ergon.accounting.internal;

import dev.ergon.Attribution;
import dev.ergon.BucketEnergy;
import dev.ergon.ChannelEnergy;
import dev.ergon.ChannelKind;
import dev.ergon.Energy;
import dev.ergon.EnergyRecord;
import dev.ergon.Method;
import dev.ergon.RecordStatus;
import dev.ergon.Tags;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes records' canonical lines for the input digest ({@link InputDigest}, version 1): one line per record, every
 * field, energies in exact µJ, channels and buckets in their order.
 *
 * <p>Runs of fields mostly equal to the previous record's (parent, name and host; attribution, status and tags;
 * each channel's fields up to its uncertainty) are encoded once per change and copied otherwise; texts shared between
 * records (regions, enum names) are copied from the field writer's cache; ids and numbers are written directly. What
 * is remembered only saves work: a line's bytes depend on its record alone, whichever records came before.
 *
 * <p>This class is internal and is hence not for public use. Not thread-safe: one per thread.
 */
final class RecordLineWriter {
  private static final byte[] RECORD = "6:record|".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BUCKET = "6:bucket|".getBytes(StandardCharsets.US_ASCII);
  /* Channels (by position in a record) whose fields are remembered between records. */
  private static final int CACHED_CHANNELS = 8;

  private final CanonicalFieldWriter w;
  private @Nullable String lastParent;
  private @Nullable String lastName;
  private @Nullable String lastHost;
  private byte[] whoFields = new byte[0];
  private @Nullable Attribution lastAttribution;
  private @Nullable RecordStatus lastStatus;
  private @Nullable Tags lastTags;
  private byte[] howFields = new byte[0];
  private final @Nullable ChannelFields[] channelFields = new ChannelFields[CACHED_CHANNELS];

  /**
   * Creates a writer.
   *
   * @param fields where the lines go
   */
  RecordLineWriter(CanonicalFieldWriter fields) {
    this.w = fields;
  }

  /**
   * Returns the field writer the lines go to.
   *
   * @return the field writer
   */
  CanonicalFieldWriter fields() {
    return w;
  }

  /**
   * Writes a record's line, ended.
   *
   * @param r the record
   */
  void write(EnergyRecord r) {
    w.raw(RECORD).field(r.id());
    String parent = text(r.parentId());
    if (!parent.equals(lastParent) || !r.name().equals(lastName) || !r.host().equals(lastHost)) {
      int mark = w.mark();
      w.sharedField(parent).sharedField(r.name()).sharedField(r.host());
      whoFields = w.since(mark);
      lastParent = parent;
      lastName = r.name();
      lastHost = r.host();
    } else {
      w.raw(whoFields);
    }
    w.sharedField(text(r.region())).field(r.start()).field(r.end()).field(r.units());
    Tags tags = r.tags();
    if (r.attribution() != lastAttribution || r.status() != lastStatus || !Objects.equals(tags, lastTags)) {
      int mark = w.mark();
      w.sharedField(r.attribution().name()).sharedField(r.status().name());
      for (Map.Entry<String, String> t : tags.asMap().entrySet()) {
        w.sharedField("tag").sharedField(t.getKey()).sharedField(t.getValue());
      }
      howFields = w.since(mark);
      lastAttribution = r.attribution();
      lastStatus = r.status();
      lastTags = tags;
    } else {
      w.raw(howFields);
    }
    List<ChannelEnergy> channels = r.channels();
    for (int i = 0, n = channels.size(); i < n; i++) {
      ChannelEnergy c = channels.get(i);
      ChannelFields cached = i < CACHED_CHANNELS ? channelFields[i] : null;
      if (cached != null && cached.matches(c)) {
        w.raw(cached.fields);
      } else {
        int mark = w.mark();
        w.sharedField("channel").sharedField(c.channel()).sharedField(c.meter()).sharedField(c.kind().name())
            .sharedField(c.device()).sharedField(c.method().name()).field(Double.toString(c.relativeUncertainty()));
        if (i < CACHED_CHANNELS) {
          channelFields[i] = new ChannelFields(c, w.since(mark));
        }
      }
      int mark = w.mark();
      micro(c.energy());
      if (Objects.equals(c.measured(), c.energy())) {
        w.repeat(mark);
      } else {
        micro(c.measured());
      }
    }
    List<BucketEnergy> buckets = r.buckets();
    for (int i = 0, n = buckets.size(); i < n; i++) {
      BucketEnergy b = buckets.get(i);
      w.raw(BUCKET).field(b.start()).field(b.end());
      micro(b.energy());
    }
    w.nextLine();
  }

  /** Feeds the lines written so far to the field writer's digest. */
  void flush() {
    w.flush();
  }

  /* Writes an energy as exact µJ; in a long unless it is beyond 2^63 µJ. */
  private void micro(@Nullable Energy e) {
    if (e == null) {
      w.field("");
      return;
    }
    long micro;
    try {
      micro = e.toMicrojoulesExact();
    } catch (ArithmeticException tooLarge) {
      w.field(e.toBigMicrojoules().toString());
      return;
    }
    w.field(micro);
  }

  private static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  /* A channel's fields up to its uncertainty, encoded, with what they were encoded from. */
  private static final class ChannelFields {
    final String channel;
    final String meter;
    final ChannelKind kind;
    final String device;
    final Method method;
    final long uncertaintyBits;
    final byte[] fields;

    ChannelFields(ChannelEnergy c, byte[] fields) {
      this.channel = c.channel();
      this.meter = c.meter();
      this.kind = c.kind();
      this.device = c.device();
      this.method = c.method();
      this.uncertaintyBits = Double.doubleToRawLongBits(c.relativeUncertainty());
      this.fields = fields;
    }

    boolean matches(ChannelEnergy c) {
      return c.kind() == kind && c.method() == method
          && Double.doubleToRawLongBits(c.relativeUncertainty()) == uncertaintyBits && c.channel().equals(channel)
          && c.meter().equals(meter) && c.device().equals(device);
    }
  }
}
