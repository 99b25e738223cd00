package dev.ergon.meter.powercap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ergon.Power;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Polling intervals worked out by hand from SPECS A.2 ranges: min(60 s, range / power / 4). */
class ZoneChannelsTest {

  @Test
  void intelPackageAt1000WattsWrapsIn262SecondsSoTheCapOf60SecondsApplies() {
    // 262 143 328 850 µJ / 1000 W = 262.14 s; a quarter is 65.5 s, above the 60 s cap
    assertEquals(Duration.ofSeconds(60), ZoneChannels.pollInterval(262_143_328_850L, Power.ofWatts(1000)));
  }

  @Test
  void serverDramAt500WattsIsReadEvery32Point86Seconds() {
    // 65 712 999 613 µJ / 500 W = 131.425999226 s; / 4 = 32.8564998065 s
    assertEquals(Duration.ofNanos(32_856_499_806L), ZoneChannels.pollInterval(65_712_999_613L, Power.ofWatts(500)));
  }

  @Test
  void amdPackageAt1000WattsIsReadEvery16Point38Seconds() {
    // 65 532 610 987 µJ / 1000 W = 65.532610987 s; / 4 = 16.38315274675 s
    assertEquals(Duration.ofNanos(16_383_152_746L), ZoneChannels.pollInterval(65_532_610_987L, Power.ofWatts(1000)));
  }

  @Test
  void aTinyRangeStillGetsAtLeastOneMillisecond() {
    // 1 000 µJ / 1000 W = 1 ms; a quarter would be 0.25 ms
    assertEquals(Duration.ofMillis(1), ZoneChannels.pollInterval(1_000L, Power.ofWatts(1000)));
  }
}
