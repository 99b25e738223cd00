package dev.ergon.internal;

import dev.ergon.Tags;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * A job's account copied at one reading boundary: what a record is assembled from, for a closed job or a
 * checkpoint of an open one.
 *
 * <p>This record is internal and is hence not for public use. Its arrays are private copies; treat as immutable.
 *
 * @param id the record id
 * @param parentId the enclosing job's id, or null
 * @param name the job's name
 * @param tags the job's tags
 * @param start when it opened
 * @param end the boundary of the copy (the close, or the checkpoint)
 * @param energy µJ charged per channel
 * @param children µJ of {@code energy} charged to child jobs, per channel
 * @param measured µJ measured per channel while open
 * @param dropped dropped intervals per channel
 * @param buckets µJ per bucket index (bucket start ms divided by the bucket length), sorted
 * @param problems problems, in order of first occurrence
 * @param units units of the job and its descendants
 * @param failure the failing exception's class name, or null
 * @param open true for a checkpoint of a job still open
 */
@SuppressWarnings("ArrayRecordComponent") // internal carrier of private copies; never compared or exposed
public record JobSnapshot(String id, @Nullable String parentId, String name, Tags tags, Instant start, Instant end,
    long[] energy, long[] children, long[] measured, int[] dropped, SortedMap<Long, Long> buckets,
    List<String> problems, long units, @Nullable String failure, boolean open) {}
