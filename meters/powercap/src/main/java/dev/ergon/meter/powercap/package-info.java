/**
 * The powercap meter: Intel and AMD RAPL energy counters through Linux {@code /sys/class/powercap}.
 *
 * <p>Add {@code ergon-meter-powercap} to the class or module path and Ergon finds
 * {@link dev.ergon.meter.powercap.PowercapMeterProvider} through {@link java.util.ServiceLoader}. By default it counts
 * every CPU package and every socket's DRAM ({@link dev.ergon.meter.powercap.PowercapPolicy#PACKAGES_AND_DRAM});
 * on a laptop with a psys zone, the whole platform can be counted instead:
 *
 * <pre>{@code
 * // java -Dergon.powercap.policy=platform ...   or   ERGON_POWERCAP_POLICY=platform
 * MeterProvider powercap = PowercapMeterProvider.builder().policy(PowercapPolicy.PLATFORM).build();
 * Availability a = powercap.probe(MeterContext.of(Configuration.empty()));
 * // a.detail(): "powercap under /sys/class/powercap: policy platform counts platform/psys = intel-rapl:1 'psys';
 * //              not counted: intel-rapl:0 'package-0' (part of psys, which policy platform counts), ..."
 * }</pre>
 */
@NullMarked
package dev.ergon.meter.powercap;

import org.jspecify.annotations.NullMarked;
