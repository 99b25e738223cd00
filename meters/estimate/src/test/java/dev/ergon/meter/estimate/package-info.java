/** Tests of the estimate meter's public API, against fake {@code /proc}, cgroup and DMI trees. */
@NullMarked
package dev.ergon.meter.estimate;

import org.jspecify.annotations.NullMarked;
